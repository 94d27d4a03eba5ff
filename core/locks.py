"""Named leases: what makes a periodic job run in one process only."""

from __future__ import annotations

import time
import uuid
from typing import Protocol

from redis.asyncio import Redis

from core.degrade import REDIS_DOWN, fell_back, recovered


class Leases(Protocol):
    async def acquire(self, name: str, ttl: float) -> bool:
        """Take the lease for `ttl` seconds unless someone else holds it."""
        ...

    async def release(self, name: str) -> None: ...


class MemoryLeases:
    def __init__(self) -> None:
        self._held: dict[str, float] = {}

    async def acquire(self, name: str, ttl: float) -> bool:
        now = time.monotonic()
        if len(self._held) > 1000:  # per-tick lease names would otherwise pile up
            self._held = {k: v for k, v in self._held.items() if v > now}
        if self._held.get(name, 0) > now:
            return False
        self._held[name] = now + ttl
        return True

    async def release(self, name: str) -> None:
        self._held.pop(name, None)


_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class RedisLeases:
    def __init__(self, redis: Redis, prefix: str = "lease:") -> None:
        self._redis = redis
        self._prefix = prefix
        self._token = uuid.uuid4().hex  # this process's identity
        self._release = redis.register_script(_RELEASE)

    async def acquire(self, name: str, ttl: float) -> bool:
        try:
            done = await self._redis.set(
                self._prefix + name, self._token, px=max(1, int(ttl * 1000)), nx=True
            )
        except REDIS_DOWN as exc:
            # Without Redis nobody can know who runs a cluster job: nobody does this tick.
            fell_back("leases", exc)
            return False
        recovered("leases")
        return bool(done)

    async def release(self, name: str) -> None:
        await self._release(keys=[self._prefix + name], args=[self._token])
