"""A cache of JSON values with a TTL: in-process or Redis; and shared version counters that
every process reads from its own memory (`VersionedCache`)."""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from typing import Any, Protocol

from redis.asyncio import Redis

from core.bus import Bus, BusMessage
from core.degrade import REDIS_DOWN, fell_back, recovered

log = logging.getLogger(__name__)


class Cache(Protocol):
    async def get(self, key: str) -> Any | None: ...
    async def set(self, key: str, value: Any, ttl: float) -> None: ...
    async def add(self, key: str, value: Any, ttl: float) -> bool:
        """Set only if absent; True when this call set it."""
        ...

    async def delete(self, key: str) -> None: ...
    async def incr(self, key: str) -> int:
        """Atomically add one to an integer (starting from 0); never expires."""
        ...

    async def version(self, key: str) -> int:
        """The integer `incr` counts under `key` (0 before the first), as cheaply as the
        implementation can tell it: `VersionedCache` answers from this process's memory."""
        ...


class MemoryCache:
    """A bounded LRU map with per-key expiry, for a single process."""

    def __init__(self, max_entries: int = 50_000) -> None:
        self._data: OrderedDict[str, tuple[float | None, str]] = OrderedDict()
        self._max = max_entries

    def _live(self, key: str) -> str | None:
        entry = self._data.get(key)
        if entry is None:
            return None
        expires, raw = entry
        if expires is not None and expires <= time.monotonic():
            del self._data[key]
            return None
        self._data.move_to_end(key)
        return raw

    def _store(self, key: str, raw: str, ttl: float | None) -> None:
        expires = None if ttl is None else time.monotonic() + ttl
        self._data[key] = (expires, raw)
        self._data.move_to_end(key)
        while len(self._data) > self._max:
            self._data.popitem(last=False)

    async def get(self, key: str) -> Any | None:
        raw = self._live(key)
        return None if raw is None else json.loads(raw)

    async def set(self, key: str, value: Any, ttl: float) -> None:
        self._store(key, json.dumps(value), ttl)

    async def add(self, key: str, value: Any, ttl: float) -> bool:
        if self._live(key) is not None:
            return False
        self._store(key, json.dumps(value), ttl)
        return True

    async def delete(self, key: str) -> None:
        self._data.pop(key, None)

    async def incr(self, key: str) -> int:
        raw = self._live(key)
        value = (int(json.loads(raw)) if raw is not None else 0) + 1
        self._store(key, json.dumps(value), None)
        return value

    async def version(self, key: str) -> int:
        raw = self._live(key)
        # `incr` stores the JSON of an int, which is its decimal: read on every catalog hit.
        return int(raw) if raw is not None else 0


class RedisCache:
    def __init__(self, redis: Redis, prefix: str = "cache:") -> None:
        self._redis = redis
        self._prefix = prefix

    async def get(self, key: str) -> Any | None:
        raw = await self._redis.get(self._prefix + key)
        return None if raw is None else json.loads(raw)

    async def set(self, key: str, value: Any, ttl: float) -> None:
        await self._redis.set(self._prefix + key, json.dumps(value), px=max(1, int(ttl * 1000)))

    async def add(self, key: str, value: Any, ttl: float) -> bool:
        done = await self._redis.set(
            self._prefix + key, json.dumps(value), px=max(1, int(ttl * 1000)), nx=True
        )
        return bool(done)

    async def delete(self, key: str) -> None:
        await self._redis.delete(self._prefix + key)

    async def incr(self, key: str) -> int:
        return int(await self._redis.incr(self._prefix + key))

    async def version(self, key: str) -> int:
        raw = await self._redis.get(self._prefix + key)
        return int(raw) if raw is not None else 0


class FallbackCache:
    """Redis, or this process's memory while Redis cannot be reached (see core.degrade).
    A miss is always safe here: every cached value can be rebuilt from the database."""

    def __init__(self, primary: Cache, fallback: Cache) -> None:
        self._primary, self._fallback = primary, fallback

    async def _call(self, method: str, *args: Any) -> Any:
        try:
            result = await getattr(self._primary, method)(*args)
        except REDIS_DOWN as exc:
            fell_back("cache", exc)
            return await getattr(self._fallback, method)(*args)
        recovered("cache")
        return result

    async def get(self, key: str) -> Any | None:
        return await self._call("get", key)

    async def set(self, key: str, value: Any, ttl: float) -> None:
        await self._call("set", key, value, ttl)

    async def add(self, key: str, value: Any, ttl: float) -> bool:
        return bool(await self._call("add", key, value, ttl))

    async def delete(self, key: str) -> None:
        await self._call("delete", key)

    async def incr(self, key: str) -> int:
        return int(await self._call("incr", key))

    async def version(self, key: str) -> int:
        return int(await self._call("version", key))


VERSIONS_CHANNEL = "versions"


class VersionedCache:
    """A cache whose `version` counters are read from this process's memory.

    `incr` counts in the shared cache, remembers the new value and announces it on the bus,
    so every process retires what it keyed by the old value at once, with no round trip per
    read. A value this process has not heard of is read from the shared cache, and read again
    after `recheck` seconds: a bus message lost while Redis reconnected (pub/sub is at most
    once) delays a process by that long at most. Everything else goes to the shared cache.
    """

    def __init__(self, shared: Cache, bus: Bus, *, recheck: float = 5.0) -> None:
        self._shared = shared
        self._bus = bus
        self._recheck = recheck
        self._known: dict[str, tuple[float, int]] = {}
        bus.subscribe(VERSIONS_CHANNEL, self._heard)

    async def get(self, key: str) -> Any | None:
        return await self._shared.get(key)

    async def set(self, key: str, value: Any, ttl: float) -> None:
        await self._shared.set(key, value, ttl)

    async def add(self, key: str, value: Any, ttl: float) -> bool:
        return await self._shared.add(key, value, ttl)

    async def delete(self, key: str) -> None:
        await self._shared.delete(key)

    async def incr(self, key: str) -> int:
        value = await self._shared.incr(key)
        self._known[key] = (time.monotonic() + self._recheck, value)
        try:
            await self._bus.publish(
                VERSIONS_CHANNEL, BusMessage(type="version", payload={"key": key, "value": value})
            )
        except Exception:  # the others catch up within `recheck` seconds
            log.warning("cache: could not announce version %s of %s", value, key, exc_info=True)
        return value

    async def version(self, key: str) -> int:
        known = self._known.get(key)
        if known is not None and known[0] > time.monotonic():
            return known[1]
        value = await self._shared.version(key)
        self._known[key] = (time.monotonic() + self._recheck, value)
        return value

    async def _heard(self, channel: str, message: BusMessage) -> None:
        key, value = message.payload.get("key"), message.payload.get("value")
        if not isinstance(key, str) or not isinstance(value, int):
            return
        known = self._known.get(key)
        if known is None or value > known[1]:
            self._known[key] = (time.monotonic() + self._recheck, value)
