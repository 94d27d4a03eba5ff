"""Event bus: publish a message on a channel; every subscribed process gets it.

Two implementations behind one interface: in-process (the embedded default) and Redis
pub/sub (several processes). Delivery is at-most-once, like pub/sub itself: anything that
must reach a person goes through the outbox first, which publishes here after commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel, Field, ValidationError
from redis.asyncio import Redis

from core.clock import utcnow

log = logging.getLogger(__name__)

WIRE_VERSION = 1


class BusMessage(BaseModel):
    """What travels on the bus; versioned JSON on the wire."""

    v: int = WIRE_VERSION
    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    type: str
    payload: dict[str, Any] = Field(default_factory=dict)
    ts: datetime = Field(default_factory=utcnow)

    def to_wire(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_wire(cls, raw: str | bytes) -> BusMessage | None:
        try:
            message = cls.model_validate_json(raw)
        except ValidationError:
            log.warning("bus: dropped a message that is not valid JSON of the expected shape")
            return None
        if message.v != WIRE_VERSION:
            log.warning("bus: dropped a message of wire version %s", message.v)
            return None
        return message


Handler = Callable[[str, BusMessage], Awaitable[None]]


class Bus(Protocol):
    async def start(self) -> None: ...
    async def close(self) -> None: ...
    async def publish(self, channel: str, message: BusMessage) -> None: ...
    def subscribe(self, channel: str, handler: Handler) -> None: ...
    def unsubscribe(self, channel: str, handler: Handler) -> None: ...


class _Handlers:
    def __init__(self) -> None:
        self._by_channel: dict[str, list[Handler]] = defaultdict(list)

    def add(self, channel: str, handler: Handler) -> bool:
        """Returns True when this is the channel's first handler."""
        first = not self._by_channel[channel]
        self._by_channel[channel].append(handler)
        return first

    def remove(self, channel: str, handler: Handler) -> bool:
        """Returns True when the channel has no handler left."""
        handlers = self._by_channel.get(channel, [])
        if handler in handlers:
            handlers.remove(handler)
        if not handlers:
            self._by_channel.pop(channel, None)
            return True
        return False

    def channels(self) -> list[str]:
        return list(self._by_channel)

    async def dispatch(self, channel: str, message: BusMessage) -> None:
        for handler in list(self._by_channel.get(channel, ())):
            try:
                await handler(channel, message)
            except Exception:
                log.exception("bus: handler for %s failed", channel)


class MemoryBus:
    """In-process bus: handlers run in a task of their own, as they would with Redis."""

    def __init__(self) -> None:
        self._handlers = _Handlers()
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        self._tasks.clear()

    async def publish(self, channel: str, message: BusMessage) -> None:
        # A round trip through the wire format keeps both implementations honest.
        decoded = BusMessage.from_wire(message.to_wire())
        if decoded is None:
            return
        task = asyncio.create_task(self._handlers.dispatch(channel, decoded))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def subscribe(self, channel: str, handler: Handler) -> None:
        self._handlers.add(channel, handler)

    def unsubscribe(self, channel: str, handler: Handler) -> None:
        self._handlers.remove(channel, handler)


class RedisBus:
    """Redis pub/sub: one connection listens for every channel this process subscribed to."""

    def __init__(self, redis: Redis, prefix: str = "bus:") -> None:
        self._redis = redis
        self._prefix = prefix
        self._handlers = _Handlers()
        self._pubsub = redis.pubsub(ignore_subscribe_messages=True)
        self._listener: asyncio.Task[None] | None = None
        self._pending: set[asyncio.Task[None]] = set()
        self._closed = False

    async def start(self) -> None:
        # A pubsub connection needs one subscription before it can be listened on.
        await self._pubsub.subscribe(self._prefix + "__control__")
        for channel in self._handlers.channels():
            await self._pubsub.subscribe(self._prefix + channel)
        self._listener = asyncio.create_task(self._listen(), name="redis-bus-listener")

    async def close(self) -> None:
        self._closed = True
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        await self._pubsub.aclose()

    async def publish(self, channel: str, message: BusMessage) -> None:
        await self._redis.publish(self._prefix + channel, message.to_wire())

    def subscribe(self, channel: str, handler: Handler) -> None:
        if self._handlers.add(channel, handler) and self._listener is not None:
            self._spawn(self._pubsub.subscribe(self._prefix + channel))

    def unsubscribe(self, channel: str, handler: Handler) -> None:
        if self._handlers.remove(channel, handler) and self._listener is not None:
            self._spawn(self._pubsub.unsubscribe(self._prefix + channel))

    def _spawn(self, coro: Awaitable[Any]) -> None:
        async def run() -> None:
            try:
                await coro
            except Exception:
                log.exception("bus: redis (un)subscribe failed")

        if self._closed:
            if isinstance(coro, Coroutine):
                coro.close()
            return
        task = asyncio.create_task(run())
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _listen(self) -> None:
        while True:
            try:
                async for raw in self._pubsub.listen():
                    if raw.get("type") != "message":
                        continue
                    channel = raw["channel"]
                    if isinstance(channel, bytes):
                        channel = channel.decode()
                    message = BusMessage.from_wire(raw["data"])
                    if message is not None:
                        await self._handlers.dispatch(channel.removeprefix(self._prefix), message)
            except asyncio.CancelledError:
                raise
            except Exception:
                if self._closed:
                    return  # shutting down: the connection is going away on purpose
                # Redis went away: keep trying; pub/sub resubscribes on reconnect.
                log.exception("bus: redis listener failed; retrying in 1s")
                await asyncio.sleep(1)
