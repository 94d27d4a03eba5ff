"""AppContext: the infrastructure every door (API, bots, pages, CLI) shares, built once.

With REDIS_URL unset everything is in-process; with it set, bus, cache, rate limits and
leases live in Redis so several processes share them.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from redis.asyncio import Redis

from core import changes
from core.bus import Bus, MemoryBus, RedisBus
from core.cache import Cache, FallbackCache, MemoryCache, RedisCache, VersionedCache
from core.db import close_db, init_db, ping_db
from core.geocoding import Geocoder
from core.locks import Leases, MemoryLeases, RedisLeases
from core.mailer import MAIL_CHANNEL, Mailer, mail_sender
from core.otp_channels import OtpChannels
from core.outbox import OutboxWorker
from core.ratelimit import (
    FallbackRateLimiter,
    LeasedRateLimiter,
    MemoryRateLimiter,
    RateLimiter,
    RedisRateLimiter,
)
from core.redis_connect import connect_redis
from core.replay import MemoryReplay, RedisReplay, ReplayBuffer
from core.scheduler import JobScheduler
from core.secretbox import SecretBox
from core.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    settings: Settings
    bus: Bus
    cache: Cache
    limiter: RateLimiter
    leases: Leases
    scheduler: JobScheduler
    outbox: OutboxWorker
    geocoder: Geocoder
    otp: OtpChannels
    mailer: Mailer
    secret_box: SecretBox
    replay: ReplayBuffer
    redis: Redis | None = None

    async def health(self) -> dict[str, str]:
        """ "ok" or the error for the database and Redis ("disabled" when not configured)."""
        state: dict[str, str] = {}
        try:
            await ping_db()
            state["database"] = "ok"
        except Exception as exc:
            state["database"] = f"error: {type(exc).__name__}"
        if self.redis is None:
            state["redis"] = "disabled"
        else:
            try:
                await self.redis.ping()
                state["redis"] = "ok"
            except Exception as exc:
                state["redis"] = f"error: {type(exc).__name__}"
        return state


def build_context(settings: Settings) -> AppContext:
    """Build (without starting anything) the infrastructure for these settings."""
    redis: Redis | None = None
    bus: Bus
    cache: Cache
    limiter: RateLimiter
    leases: Leases
    replay: ReplayBuffer
    if settings.redis_url:
        redis = connect_redis(settings.redis_url, settings.redis_max_connections)
        ns = settings.namespace + ":"  # every key and channel: see DEPLOYMENT_NAMESPACE
        bus = RedisBus(redis, ns + "bus:")
        cache = VersionedCache(FallbackCache(RedisCache(redis, ns + "cache:"), MemoryCache()), bus)
        limiter = LeasedRateLimiter(
            FallbackRateLimiter(RedisRateLimiter(redis, ns + "rl:"), MemoryRateLimiter())
        )
        leases = RedisLeases(redis, ns + "lease:")
        replay = RedisReplay(redis, ns + "replay:")
    else:
        bus, cache = MemoryBus(), MemoryCache()
        limiter, leases = MemoryRateLimiter(), MemoryLeases()
        replay = MemoryReplay()
    changes.connect(bus)
    mailer = Mailer(settings)
    outbox = OutboxWorker(
        bus, max_attempts=settings.outbox_max_attempts, poll_interval=settings.outbox_poll_interval
    )
    outbox.register(MAIL_CHANNEL, mail_sender(mailer))
    return AppContext(
        settings=settings,
        bus=bus,
        cache=cache,
        limiter=limiter,
        leases=leases,
        scheduler=JobScheduler(leases),
        outbox=outbox,
        geocoder=Geocoder(settings.geocoder_url, cache, settings.geocoder_cache_ttl),
        otp=OtpChannels(settings),
        mailer=mailer,
        secret_box=SecretBox(settings.secret_box_keys),
        replay=replay,
        redis=redis,
    )


@asynccontextmanager
async def open_context(settings: Settings) -> AsyncIterator[AppContext]:
    """Build the context, connect the database and Redis, start the bus; close on exit."""
    async with running(build_context(settings)) as ctx:
        yield ctx


@asynccontextmanager
async def running(ctx: AppContext) -> AsyncIterator[AppContext]:
    """Connect the database and Redis and start the bus of a built context."""
    opened_db = await init_db(ctx.settings)
    try:
        await ctx.bus.start()
        try:
            yield ctx
        finally:
            await ctx.scheduler.close()
            await ctx.bus.close()
            if ctx.redis is not None:
                await ctx.redis.aclose()
    finally:
        if opened_db:
            await close_db()
