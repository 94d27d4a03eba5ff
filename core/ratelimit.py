"""Sliding-window-log rate limiter: at most `limit` hits per `window` seconds per key.

In-process for one process, Redis (one Lua script, atomic) when several processes must
share the limits.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis

from core.degrade import REDIS_DOWN, fell_back, recovered


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after: float


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: int, window: float) -> Decision: ...


class MemoryRateLimiter:
    def __init__(self, max_keys: int = 100_000) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._max_keys = max_keys

    async def hit(self, key: str, limit: int, window: float) -> Decision:
        now = time.monotonic()
        hits = self._hits.get(key)
        if hits is None:
            if len(self._hits) >= self._max_keys:
                self._evict(now, window)
            hits = self._hits[key] = deque()
        while hits and hits[0] <= now - window:
            hits.popleft()
        if len(hits) >= limit:
            return Decision(False, 0, max(0.001, hits[0] + window - now))
        hits.append(now)
        return Decision(True, limit - len(hits), 0.0)

    def _evict(self, now: float, window: float) -> None:
        stale = [k for k, v in self._hits.items() if not v or v[-1] <= now - window]
        for key in stale:
            del self._hits[key]
        if len(self._hits) >= self._max_keys:
            self._hits.clear()


# KEYS[1] = zset; ARGV = window_ms, limit, member suffix. Returns {allowed, remaining,
# retry_ms}. "Now" is Redis's own clock (TIME in the script: one round trip per hit, and every
# process agrees on it; Redis 5+ replicates a script's effects, so TIME is allowed).
_SLIDING_WINDOW = """
local key = KEYS[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  local retry = tonumber(oldest[2]) + window - now
  if retry < 1 then retry = 1 end
  return {0, 0, retry}
end
redis.call('ZADD', key, now, now .. '-' .. ARGV[3])
redis.call('PEXPIRE', key, window)
return {1, limit - count - 1, 0}
"""


class RedisRateLimiter:
    def __init__(self, redis: Redis, prefix: str = "rl:") -> None:
        self._redis = redis
        self._prefix = prefix
        self._script = redis.register_script(_SLIDING_WINDOW)

    async def hit(self, key: str, limit: int, window: float) -> Decision:
        allowed, remaining, retry_ms = await self._script(
            keys=[self._prefix + key], args=[int(window * 1000), limit, uuid.uuid4().hex[:8]]
        )
        return Decision(bool(allowed), int(remaining), int(retry_ms) / 1000)


class FallbackRateLimiter:
    """Redis, or per-process limits in memory while Redis cannot be reached: looser by the
    number of processes, but never no limit at all (OTP sends cost money)."""

    def __init__(self, primary: RateLimiter, fallback: RateLimiter) -> None:
        self._primary, self._fallback = primary, fallback

    async def hit(self, key: str, limit: int, window: float) -> Decision:
        try:
            decision = await self._primary.hit(key, limit, window)
        except REDIS_DOWN as exc:
            fell_back("rate limiter", exc)
            return await self._fallback.hit(key, limit, window)
        recovered("rate limiter")
        return decision
