"""Bus, cache, rate limiter, leases and scheduler: the same tests on whichever backend runs
(in-process on `embedded`, Redis on `postgres`)."""

from __future__ import annotations

import asyncio

import pytest

from core.bus import BusMessage, RedisBus
from core.context import AppContext, build_context, running
from core.ratelimit import LEASE_SHARE, Decision, LeasedRateLimiter, MemoryRateLimiter
from core.settings import Settings


async def wait_for(predicate, limit: float = 3.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + limit
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


async def test_bus_delivers_to_subscribers_of_the_channel_only(ctx: AppContext) -> None:
    got: list[tuple[str, BusMessage]] = []

    async def handler(channel: str, message: BusMessage) -> None:
        got.append((channel, message))

    ctx.bus.subscribe("notifications:customer", handler)
    await asyncio.sleep(0.1)  # a Redis subscription takes a round trip
    await ctx.bus.publish("notifications:driver", BusMessage(type="ignored"))
    sent = BusMessage(type="ORDER_CREATED", payload={"order_id": 7})
    await ctx.bus.publish("notifications:customer", sent)
    await wait_for(lambda: len(got) >= 1)
    await asyncio.sleep(0.05)
    assert len(got) == 1
    channel, message = got[0]
    assert channel == "notifications:customer"
    assert (message.id, message.type, message.payload, message.v) == (
        sent.id,
        "ORDER_CREATED",
        {"order_id": 7},
        1,
    )


async def test_bus_fans_out_across_processes_sharing_redis(
    settings: Settings, backend: str
) -> None:
    if backend != "postgres":
        # Two in-process buses are two islands: only Redis joins them.
        return
    async with running(build_context(settings)) as a, running(build_context(settings)) as b:
        assert isinstance(a.bus, RedisBus) and isinstance(b.bus, RedisBus)
        got: list[BusMessage] = []

        async def handler(channel: str, message: BusMessage) -> None:
            got.append(message)

        b.bus.subscribe("realtime", handler)
        await asyncio.sleep(0.2)
        await a.bus.publish("realtime", BusMessage(type="PING"))
        await wait_for(lambda: len(got) == 1)
        assert got[0].type == "PING"


def test_bus_wire_format_is_versioned_and_rejects_garbage() -> None:
    message = BusMessage(type="X", payload={"a": 1})
    assert BusMessage.from_wire(message.to_wire()) == message
    assert BusMessage.from_wire(b"not json") is None
    assert BusMessage.from_wire(message.model_copy(update={"v": 99}).to_wire()) is None


async def test_cache_set_get_expire_add_incr(ctx: AppContext) -> None:
    cache = ctx.cache
    assert await cache.get("k") is None
    await cache.set("k", {"a": [1, 2]}, ttl=0.2)
    assert await cache.get("k") == {"a": [1, 2]}
    await asyncio.sleep(0.3)
    assert await cache.get("k") is None
    assert await cache.add("once", 1, ttl=5) is True
    assert await cache.add("once", 2, ttl=5) is False
    assert await cache.get("once") == 1
    await cache.delete("once")
    assert await cache.get("once") is None
    assert [await cache.incr("n") for _ in range(3)] == [1, 2, 3]


async def test_rate_limiter_allows_the_limit_then_says_when(ctx: AppContext) -> None:
    decisions = [await ctx.limiter.hit("login:1.2.3.4", limit=3, window=1.0) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions[:3]] == [2, 1, 0]
    assert 0 < decisions[3].retry_after <= 1.0
    # Another key has its own window.
    assert (await ctx.limiter.hit("login:5.6.7.8", limit=3, window=1.0)).allowed
    await asyncio.sleep(decisions[3].retry_after + 0.05)
    assert (await ctx.limiter.hit("login:1.2.3.4", limit=3, window=1.0)).allowed


async def test_rate_limits_are_shared_by_processes_on_redis(
    settings: Settings, backend: str
) -> None:
    if backend != "postgres":
        return
    async with running(build_context(settings)) as a, running(build_context(settings)) as b:
        assert (await a.limiter.hit("otp:+34600", limit=2, window=5)).allowed
        assert (await b.limiter.hit("otp:+34600", limit=2, window=5)).allowed
        assert not (await a.limiter.hit("otp:+34600", limit=2, window=5)).allowed
        assert not (await b.limiter.hit("otp:+34600", limit=2, window=5)).allowed


async def test_a_large_shared_limit_is_taken_in_leases_and_never_exceeded(
    settings: Settings, backend: str
) -> None:
    if backend != "postgres":
        return
    async with running(build_context(settings)) as a, running(build_context(settings)) as b:
        redis = a.redis
        assert redis is not None
        calls = 0
        script = a.limiter._shared._primary._script  # type: ignore[attr-defined]

        async def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            return await script(*args, **kwargs)

        a.limiter._shared._primary._script = counted  # type: ignore[attr-defined]
        allowed = 0
        for i in range(400):  # both "processes", alternately, against one limit of 200
            limiter = a.limiter if i % 2 == 0 else b.limiter
            allowed += (await limiter.hit("global:9.9.9.9", limit=200, window=60)).allowed
            if i == 179:
                # 90 hits on `a` so far: one round trip per lease, not per hit.
                assert calls <= 90 // (200 // LEASE_SHARE) + 1
        # Never more than the shared limit; at most one unused lease per process less.
        assert 200 - 2 * (200 // LEASE_SHARE - 1) <= allowed <= 200
        # Small limits stay exact, hit by hit, across processes.
        assert (await a.limiter.hit("auth:9.9.9.9", limit=2, window=60)).allowed
        assert (await b.limiter.hit("auth:9.9.9.9", limit=2, window=60)).allowed
        assert not (await a.limiter.hit("auth:9.9.9.9", limit=2, window=60)).allowed


async def test_concurrent_hits_share_one_lease_refill() -> None:
    calls: list[int] = []

    class Shared(MemoryRateLimiter):
        async def hit(self, key: str, limit: int, window: float, take: int = 1) -> Decision:
            calls.append(take)
            await asyncio.sleep(0)  # a round trip: the other hits arrive meanwhile
            return await super().hit(key, limit, window, take)

    limiter = LeasedRateLimiter(Shared())
    decisions = await asyncio.gather(
        *(limiter.hit("global:1.1.1.1", limit=1000, window=60) for _ in range(50))
    )
    assert all(d.allowed for d in decisions)
    # 50 hits, leases of 1000/LEASE_SHARE = 20: three refills, none wasted on a race.
    assert calls == [1000 // LEASE_SHARE] * 3


async def test_a_version_bump_reaches_every_process_over_the_bus(
    settings: Settings, backend: str
) -> None:
    if backend != "postgres":
        return
    async with running(build_context(settings)) as a, running(build_context(settings)) as b:
        await asyncio.sleep(0.1)  # the bus subscriptions take a round trip
        key = "catalog-version:test-bus"
        start = await b.cache.version(key)  # b now answers from memory
        reads = 0
        shared_version = b.cache._shared.version  # type: ignore[attr-defined]

        async def counted(k: str) -> int:
            nonlocal reads
            reads += 1
            return int(await shared_version(k))

        b.cache._shared.version = counted  # type: ignore[attr-defined]
        assert await a.cache.incr(key) == start + 1
        seen: list[int] = []

        async def heard() -> None:
            seen.append(await b.cache.version(key))

        while not seen or seen[-1] != start + 1:
            await heard()
            await asyncio.sleep(0.01)
            assert len(seen) < 300, "b never heard of the new version"
        assert reads == 0  # b learned it from the bus, without reading Redis


async def test_a_user_change_heard_from_another_process_empties_the_caches(
    settings: Settings,
) -> None:
    """A change announced on the bus by another process (blocking a customer, a new role)
    empties this process's caches of that kind at once, not after their TTL."""
    from core import changes

    class Remembered:
        def __init__(self) -> None:
            self.cleared = 0

        def clear(self) -> None:
            self.cleared += 1

    users, stores = Remembered(), Remembered()
    changes.register("user", users)
    changes.register("store", stores)
    async with running(build_context(settings)) as here, running(build_context(settings)) as there:
        await asyncio.sleep(0.1)  # the bus subscriptions take a round trip
        # What `changed("user")` in the other process sends (sent here on its bus).
        await there.bus.publish(
            changes.CHANNEL, BusMessage(type="changed", payload={"kind": "user"})
        )
        for _ in range(300):
            if users.cleared:
                break
            await asyncio.sleep(0.01)
        assert users.cleared >= 1 and stores.cleared == 0
        # A local change empties the caches at once and is announced to the others.
        heard: list[str] = []

        async def listen(channel: str, message: BusMessage) -> None:
            heard.append(str(message.payload.get("kind")))

        there.bus.subscribe(changes.CHANNEL, listen)
        await asyncio.sleep(0.1)
        before = stores.cleared
        changes.changed("store")
        assert stores.cleared == before + 1
        for _ in range(300):
            if heard:
                break
            await asyncio.sleep(0.01)
        assert "store" in heard
        assert here.bus is not there.bus


async def test_leases_exclude_a_second_holder_until_expiry(settings: Settings) -> None:
    first, second = build_context(settings), build_context(settings)
    async with running(first), running(second):
        # On Redis the two contexts are two "processes"; in-process leases are per process,
        # so the second holder is simulated by the same object.
        other = second.leases if settings.redis_url else first.leases
        assert await first.leases.acquire("job", ttl=0.3)
        assert not await other.acquire("job", ttl=0.3)
        await asyncio.sleep(0.35)
        assert await other.acquire("job", ttl=0.3)
        await other.release("job")
        assert await first.leases.acquire("job", ttl=0.3)


async def test_periodic_job_runs_in_one_process_of_the_cluster(
    settings: Settings, backend: str
) -> None:
    runs: list[str] = []
    contexts = [build_context(settings) for _ in range(3 if backend == "postgres" else 1)]
    async with running(contexts[0]):
        for i, c in enumerate(contexts):
            if c is not contexts[0]:
                await c.bus.start()

            async def job(name: str = f"p{i}") -> None:
                runs.append(name)

            await c.scheduler.every("report", 0.2, job)
        await asyncio.sleep(0.5)  # ticks at ~0, 0.2, 0.4
        for c in contexts:
            await c.scheduler.close()
        for c in contexts[1:]:
            await c.bus.close()
            if c.redis is not None:
                await c.redis.aclose()
    # Each tick ran once in the whole cluster, whichever process won it.
    # Ticks are wall-clock slots: 0.5 s covers three or four of them.
    assert 3 <= len(runs) <= 4, runs


async def test_scheduler_keeps_a_failing_periodic_job_alive(ctx: AppContext) -> None:
    calls = 0

    async def flaky() -> None:
        nonlocal calls
        calls += 1
        raise RuntimeError("boom")

    await ctx.scheduler.every("flaky", 0.05, flaky, one_per_cluster=False)
    await asyncio.sleep(0.2)
    assert calls >= 3


@pytest.mark.postgres_only
async def test_health_is_503_when_redis_is_down(make_settings) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(redis_url="redis://127.0.0.1:1/0")
    context = build_context(settings)
    state = await context.health()
    assert state["database"] == "ok"
    assert state["redis"].startswith("error")
    assert context.redis is not None
    await context.redis.aclose()
