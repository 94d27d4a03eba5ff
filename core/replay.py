"""A short replay buffer per realtime room, so a client that reconnects with its last event
id gets what it missed. In-process, or in Redis so any process can replay."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from typing import Any, Protocol

from redis.asyncio import Redis

MAX_EVENTS = 200
MAX_AGE = 600.0
MAX_ROOMS = 50_000


def event_number(event_id: str) -> int:
    """ "outbox-42" → 42 (ids grow with the outbox)."""
    try:
        return int(event_id.rsplit("-", 1)[-1])
    except ValueError:
        return 0


class ReplayBuffer(Protocol):
    async def append(self, room: str, event_id: str, frame: str) -> None: ...
    async def since(self, room: str, last_event_id: str) -> list[tuple[int, str]]:
        """(number, frame) of the room's events after `last_event_id`, oldest first."""
        ...


class MemoryReplay:
    def __init__(self) -> None:
        self._rooms: OrderedDict[str, deque[tuple[int, float, str]]] = OrderedDict()

    async def append(self, room: str, event_id: str, frame: str) -> None:
        events = self._rooms.get(room)
        if events is None:
            events = self._rooms[room] = deque(maxlen=MAX_EVENTS)
            while len(self._rooms) > MAX_ROOMS:
                self._rooms.popitem(last=False)
        self._rooms.move_to_end(room)
        events.append((event_number(event_id), time.monotonic(), frame))

    async def since(self, room: str, last_event_id: str) -> list[tuple[int, str]]:
        after, oldest = event_number(last_event_id), time.monotonic() - MAX_AGE
        return [(n, f) for n, at, f in self._rooms.get(room, ()) if n > after and at >= oldest]


class RedisReplay:
    def __init__(self, redis: Redis, prefix: str = "replay:") -> None:
        self._redis = redis
        self._prefix = prefix

    async def append(self, room: str, event_id: str, frame: str) -> None:
        key = self._prefix + room
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {frame: event_number(event_id)})
            pipe.zremrangebyrank(key, 0, -MAX_EVENTS - 1)
            pipe.expire(key, int(MAX_AGE))
            await pipe.execute()

    async def since(self, room: str, last_event_id: str) -> list[tuple[int, str]]:
        rows: list[Any] = await self._redis.zrangebyscore(
            self._prefix + room, f"({event_number(last_event_id)}", "+inf", withscores=True
        )
        return [(int(score), bytes(raw).decode()) for raw, score in rows]
