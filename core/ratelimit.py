"""Sliding-window-log rate limiter: at most `limit` hits per `window` seconds per key.

In-process for one process, Redis (one Lua script, atomic) when several processes must
share the limits; `LeasedRateLimiter` in front of the shared one takes the hits of a large
limit from Redis in small batches, so a busy API is not one Redis round trip per request.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import deque
from typing import NamedTuple, Protocol

from redis.asyncio import Redis

from core.degrade import REDIS_DOWN, fell_back, recovered


class Decision(NamedTuple):
    # A tuple rather than a frozen dataclass: one is made for every API request.
    allowed: bool
    remaining: int
    retry_after: float
    # How many hits were taken (allowed: 1 up to the `take` asked for; refused: 0).
    granted: int = 1


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: int, window: float, take: int = 1) -> Decision:
        """Count up to `take` hits (as many as the limit leaves, at least one to be
        allowed) against `key`."""
        ...


class MemoryRateLimiter:
    def __init__(self, max_keys: int = 100_000) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._max_keys = max_keys

    async def hit(self, key: str, limit: int, window: float, take: int = 1) -> Decision:
        now = time.monotonic()
        hits = self._hits.get(key)
        if hits is None:
            if len(self._hits) >= self._max_keys:
                self._evict(now, window)
            hits = self._hits[key] = deque()
        while hits and hits[0] <= now - window:
            hits.popleft()
        if len(hits) >= limit:
            return Decision(False, 0, max(0.001, hits[0] + window - now), 0)
        granted = min(take, limit - len(hits))
        if granted == 1:
            hits.append(now)
        else:
            hits.extend([now] * granted)
        return Decision(True, limit - len(hits), 0.0, granted)

    def _evict(self, now: float, window: float) -> None:
        stale = [k for k, v in self._hits.items() if not v or v[-1] <= now - window]
        for key in stale:
            del self._hits[key]
        if len(self._hits) >= self._max_keys:
            self._hits.clear()


# KEYS[1] = zset; ARGV = window_ms, limit, member suffix, take. Returns {granted, remaining,
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
local granted = math.min(tonumber(ARGV[4]), limit - count)
for i = 1, granted do
  redis.call('ZADD', key, now, now .. '-' .. ARGV[3] .. '-' .. i)
end
redis.call('PEXPIRE', key, window)
return {granted, limit - count - granted, 0}
"""


class RedisRateLimiter:
    def __init__(self, redis: Redis, prefix: str = "rl:") -> None:
        self._redis = redis
        self._prefix = prefix
        self._script = redis.register_script(_SLIDING_WINDOW)

    async def hit(self, key: str, limit: int, window: float, take: int = 1) -> Decision:
        granted, remaining, retry_ms = await self._script(
            keys=[self._prefix + key],
            args=[int(window * 1000), limit, uuid.uuid4().hex[:8], max(1, take)],
        )
        return Decision(bool(granted), int(remaining), int(retry_ms) / 1000, int(granted))


class FallbackRateLimiter:
    """Redis, or per-process limits in memory while Redis cannot be reached: looser by the
    number of processes, but never no limit at all (OTP sends cost money)."""

    def __init__(self, primary: RateLimiter, fallback: RateLimiter) -> None:
        self._primary, self._fallback = primary, fallback

    async def hit(self, key: str, limit: int, window: float, take: int = 1) -> Decision:
        try:
            decision = await self._primary.hit(key, limit, window, take)
        except REDIS_DOWN as exc:
            fell_back("rate limiter", exc)
            return await self._fallback.hit(key, limit, window, take)
        recovered("rate limiter")
        return decision


# Limits below this are always counted one hit at a time in the shared limiter (a login's
# 10/60 stays exact); above it, a process takes 1/LEASE_SHARE of the limit at once.
LEASE_FROM = 100
LEASE_SHARE = 50
LEASE_MAX = 500
LEASE_SECONDS = 1.0


class LeasedRateLimiter:
    """A process-local bucket in front of the shared limiter, for large limits.

    For a limit of at least LEASE_FROM hits, a process takes up to limit/LEASE_SHARE hits
    from the shared limiter in one round trip and hands them out locally for at most
    LEASE_SECONDS (or the window, when shorter). Every hit granted here was first counted
    in the shared window, so the limit is still shared by all processes; what changes:
    - hits a process took but did not use before its lease lapsed still count, so a client
      may be refused up to (limit/LEASE_SHARE - 1) hits per process before the limit;
    - a taken hit counts from when it was taken, up to LEASE_SECONDS before it is used, so
      a window measured at use time may hold up to one lease per process more than the
      limit: 2% of it by default.
    Small limits (logins, OTP sends) go to the shared limiter hit by hit, exactly as before.
    """

    def __init__(self, shared: RateLimiter, max_keys: int = 100_000) -> None:
        self._shared = shared
        self._leases: dict[str, tuple[float, int]] = {}
        # One refill per key at a time: requests arriving meanwhile wait for it rather than
        # each taking a lease of their own.
        self._refills: dict[str, asyncio.Future[None]] = {}
        self._max_keys = max_keys

    def _take(self, key: str, now: float) -> Decision | None:
        lease = self._leases.get(key)
        if lease is not None and lease[0] > now and lease[1] > 0:
            self._leases[key] = (lease[0], lease[1] - 1)
            return Decision(True, lease[1] - 1, 0.0)
        return None

    async def hit(self, key: str, limit: int, window: float, take: int = 1) -> Decision:
        if limit < LEASE_FROM or take != 1:
            return await self._shared.hit(key, limit, window, take)
        while True:
            taken = self._take(key, time.monotonic())
            if taken is not None:
                return taken
            pending = self._refills.get(key)
            if pending is None:
                break
            # Wait for the refill in flight, then look again (a refusal, or a refill that
            # failed, sends each waiter to ask for itself, one at a time).
            await asyncio.shield(pending)
        refill: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._refills[key] = refill
        try:
            decision = await self._refill(key, limit, window)
        finally:
            del self._refills[key]
            refill.set_result(None)
        if not decision.allowed:
            return decision
        return Decision(True, decision.remaining, 0.0)

    async def _refill(self, key: str, limit: int, window: float) -> Decision:
        """Take a lease from the shared limiter; the first of its hits is the caller's."""
        batch = min(LEASE_MAX, max(1, limit // LEASE_SHARE))
        decision = await self._shared.hit(key, limit, window, batch)
        now = time.monotonic()
        if not decision.allowed:
            self._leases.pop(key, None)
            return decision
        if len(self._leases) >= self._max_keys:
            self._leases = {k: v for k, v in self._leases.items() if v[0] > now}
            if len(self._leases) >= self._max_keys:
                self._leases.clear()
        self._leases[key] = (now + min(LEASE_SECONDS, window), decision.granted - 1)
        return Decision(True, decision.remaining + decision.granted - 1, 0.0, decision.granted)
