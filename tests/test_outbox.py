"""The transactional outbox: written with the change, delivered with retries."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from tortoise.transactions import in_transaction

from core.bus import BusMessage
from core.clock import utcnow
from core.context import AppContext, build_context, running
from core.outbox import GiveUp, OutboxWorker, RetryLater, backoff, enqueue
from core.settings import Settings
from models import OutboxMessage, Store
from models.enums import OutboxStatus


async def test_message_exists_only_if_the_change_committed(ctx: AppContext) -> None:
    with pytest.raises(RuntimeError):
        async with in_transaction():
            await Store.create(slug="rolled-back", name="x")
            await enqueue("notifications:customer", "ORDER_CREATED", {"order_id": 1})
            raise RuntimeError("checkout failed after the outbox write")
    assert await OutboxMessage.all().count() == 0
    assert not await Store.exists(slug="rolled-back")

    async with in_transaction():
        await Store.create(slug="committed", name="x")
        await enqueue("notifications:customer", "ORDER_CREATED", {"order_id": 2})
    message = await OutboxMessage.get()
    assert (message.status, message.payload) == (OutboxStatus.PENDING, {"order_id": 2})


async def test_worker_delivers_and_marks_done(ctx: AppContext) -> None:
    delivered: list[dict] = []

    async def handler(message: OutboxMessage) -> None:
        delivered.append(message.payload)

    ctx.outbox.register("notifications:customer", handler)
    await enqueue("notifications:customer", "ORDER_CREATED", {"order_id": 1})
    assert await ctx.outbox.deliver_due() == 1
    assert delivered == [{"order_id": 1}]
    message = await OutboxMessage.get()
    assert message.status == OutboxStatus.DONE and message.attempts == 1
    assert message.delivered_at is not None
    assert await ctx.outbox.deliver_due() == 0  # nothing delivered twice


async def test_failure_is_retried_with_backoff_then_succeeds(ctx: AppContext) -> None:
    calls = 0

    async def flaky(message: OutboxMessage) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise ConnectionError("telegram unreachable")

    ctx.outbox.register("notifications:driver", flaky)
    await enqueue("notifications:driver", "ORDER_ASSIGNED", {"order_id": 3})
    await ctx.outbox.deliver_due()
    message = await OutboxMessage.get()
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    assert "telegram unreachable" in message.last_error
    assert message.next_attempt_at > utcnow()
    assert await ctx.outbox.deliver_due() == 0  # not due yet
    await OutboxMessage.filter(id=message.id).update(next_attempt_at=utcnow())
    await ctx.outbox.deliver_due()
    message = await OutboxMessage.get()
    assert message.status == OutboxStatus.DONE and message.attempts == 2 and calls == 2


async def test_retry_after_is_honoured_without_using_an_attempt(ctx: AppContext) -> None:
    async def throttled(message: OutboxMessage) -> None:
        raise RetryLater(30, "429 Too Many Requests")

    ctx.outbox.register("notifications:dispatcher", throttled)
    await enqueue("notifications:dispatcher", "ORDER_CREATED", {"order_id": 4})
    before = utcnow()
    await ctx.outbox.deliver_due()
    message = await OutboxMessage.get()
    assert message.attempts == 0 and message.status == OutboxStatus.PENDING
    assert message.next_attempt_at >= before + timedelta(seconds=29)


async def test_gives_up_after_max_attempts_or_on_give_up(settings: Settings) -> None:
    context = build_context(settings)
    worker = OutboxWorker(context.bus, max_attempts=2)
    async with running(context):

        async def broken(message: OutboxMessage) -> None:
            raise ValueError("bad chat")

        async def blocked(message: OutboxMessage) -> None:
            raise GiveUp("bot was blocked by the user")

        worker.register("a", broken)
        worker.register("b", blocked)
        first = await enqueue("a", "X", {})
        second = await enqueue("b", "X", {})
        for _ in range(2):
            await OutboxMessage.all().update(next_attempt_at=utcnow())
            await worker.deliver_due()
        first = await OutboxMessage.get(id=first.id)
        second = await OutboxMessage.get(id=second.id)
        assert (first.status, first.attempts) == (OutboxStatus.FAILED, 2)
        assert (second.status, second.attempts) == (OutboxStatus.FAILED, 1)
        assert second.last_error.startswith("gave up")


async def test_channels_without_a_handler_are_published_on_the_bus(ctx: AppContext) -> None:
    got: list[BusMessage] = []

    async def listener(channel: str, message: BusMessage) -> None:
        got.append(message)

    ctx.bus.subscribe("realtime", listener)
    await asyncio.sleep(0.1)
    row = await enqueue("realtime", "ORDER_STATUS_CHANGED", {"order_id": 9, "rooms": ["store:1"]})
    await ctx.outbox.deliver_due()
    for _ in range(100):
        if got:
            break
        await asyncio.sleep(0.02)
    assert got and got[0].type == "ORDER_STATUS_CHANGED" and got[0].id == f"outbox-{row.id}"


async def test_a_running_worker_delivers_soon_after_wake(ctx: AppContext) -> None:
    done = asyncio.Event()

    async def handler(message: OutboxMessage) -> None:
        done.set()

    ctx.outbox.register("notifications:customer", handler)
    await ctx.scheduler.spawn(ctx.outbox.run())
    await enqueue("notifications:customer", "X", {})
    ctx.outbox.wake()
    await asyncio.wait_for(done.wait(), 2)


@pytest.mark.postgres_only
async def test_two_workers_never_deliver_the_same_message(settings: Settings) -> None:
    a, b = build_context(settings), build_context(settings)
    counts: dict[int, int] = {}

    async def handler(message: OutboxMessage) -> None:
        counts[message.id] = counts.get(message.id, 0) + 1
        await asyncio.sleep(0.001)

    async with running(a), running(b):
        a.outbox.register("c", handler)
        b.outbox.register("c", handler)
        for i in range(200):
            await enqueue("c", "X", {"i": i})
        while await OutboxMessage.filter(status=OutboxStatus.PENDING).exists():
            await asyncio.gather(a.outbox.deliver_due(), b.outbox.deliver_due())
    assert len(counts) == 200
    assert set(counts.values()) == {1}


def test_backoff_grows_and_is_capped() -> None:
    assert 0.8 <= backoff(1) <= 1.2
    assert 6.4 <= backoff(4) <= 9.6
    assert backoff(30) <= 300 * 1.2
