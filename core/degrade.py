"""Running on without Redis: while it is unreachable, the cache, the rate limiter and the
bots' FSM state fall back to this process's memory (limits and dedupe become per process),
one-per-cluster jobs skip their ticks, and the outbox keeps realtime events until Redis is
back. Each component says so in the log at most every 30 s, and /healthz shows it."""

from __future__ import annotations

import logging
import time

from redis.exceptions import RedisError

log = logging.getLogger(__name__)

WARN_EVERY = 30.0
# What a lost Redis connection raises: redis-py's errors, and the socket's own.
REDIS_DOWN = (RedisError, OSError, TimeoutError)
_last_warning: dict[str, float] = {}
degraded_since: dict[str, float] = {}


def fell_back(component: str, exc: BaseException) -> None:
    """Record that `component` is running on its fallback because Redis failed."""
    now = time.monotonic()
    degraded_since.setdefault(component, now)
    if now - _last_warning.get(component, -WARN_EVERY) >= WARN_EVERY:
        _last_warning[component] = now
        log.warning("redis unavailable (%s): %s runs on its in-process fallback", exc, component)


def recovered(component: str) -> None:
    if degraded_since.pop(component, None) is not None:
        log.warning("redis is back: %s uses it again", component)
