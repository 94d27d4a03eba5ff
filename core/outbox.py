"""The transactional outbox.

`enqueue()` writes a message in the caller's transaction, so it exists if and only if the
business change committed. `OutboxWorker` claims due messages (several processes may run
one: rows are claimed with SKIP LOCKED and a lease), hands each to the handler registered
for its channel, and marks it done; a failure is retried with exponential backoff.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import F, Q
from tortoise.functions import Min
from tortoise.transactions import in_transaction

from core.bus import Bus, BusMessage
from core.clock import utcnow
from core.observability import current_request_id, request_id_var
from models.enums import OutboxStatus
from models.outbox import OutboxMessage

log = logging.getLogger(__name__)

OutboxHandler = Callable[[OutboxMessage], Awaitable[None]]

CLAIM_LEASE = timedelta(seconds=60)
MAX_BACKOFF = 300.0


class RetryLater(Exception):
    """Raised by a handler that knows when to try again (e.g. Telegram's retry_after)."""

    def __init__(self, after: float, reason: str = "") -> None:
        super().__init__(reason or f"retry after {after}s")
        self.after = after


class GiveUp(Exception):
    """Raised by a handler for a message that can never be delivered (e.g. blocked bot)."""


async def enqueue(
    channel: str, kind: str, payload: dict[str, Any], *, order_key: str | None = None
) -> OutboxMessage:
    """Write a message to the outbox. Call inside the transaction of the change it reports.
    Messages sharing an `order_key` are delivered one at a time in the order written: a
    later one waits while an earlier one is retried."""
    return await OutboxMessage.create(
        channel=channel,
        kind=kind,
        payload=payload,
        order_key=order_key,
        next_attempt_at=utcnow(),
        request_id=current_request_id(),
    )


async def enqueue_many(channels: tuple[str, ...], kind: str, payload: dict[str, Any]) -> None:
    """The same message for each of `channels`, one row each (each is retried on its own),
    written with one INSERT. Call inside the transaction of the change it reports."""
    now, request_id = utcnow(), current_request_id()
    await OutboxMessage.bulk_create(
        [
            OutboxMessage(
                channel=channel,
                kind=kind,
                payload=payload,
                next_attempt_at=now,
                request_id=request_id,
            )
            for channel in channels
        ]
    )


async def enqueue_paced(
    channel: str,
    kind: str,
    items: list[tuple[dict[str, Any], str | None]],
    *,
    per_second: float,
    start: datetime | None = None,
) -> int:
    """Write many messages at once, each due `1/per_second` after the one before: a bulk
    send becomes claimable at the pace it may leave, so messages written later (an order's
    news) are never stuck behind thousands of queued ones. Call inside the transaction of
    the change they report; `items` are (payload, order_key)."""
    first = start or utcnow()
    step = 1.0 / per_second
    rows = [
        OutboxMessage(
            channel=channel,
            kind=kind,
            payload=payload,
            order_key=key,
            next_attempt_at=first + timedelta(seconds=i * step),
        )
        for i, (payload, key) in enumerate(items)
    ]
    await OutboxMessage.bulk_create(rows, batch_size=500)
    return len(rows)


async def _first_of_each_key(rows: list[OutboxMessage]) -> list[OutboxMessage]:
    """Keep keyed rows only when no earlier message with their key is still pending (waiting
    for a retry, or being delivered by another worker)."""
    keys = list({r.order_key for r in rows if r.order_key})
    if not keys:
        return rows
    firsts = dict(
        await OutboxMessage.filter(status=OutboxStatus.PENDING, order_key__in=keys)
        .annotate(first=Min("id"))
        .group_by("order_key")
        .values_list("order_key", "first")
    )
    return [r for r in rows if r.order_key is None or firsts.get(r.order_key) == r.id]


def backoff(attempts: int) -> float:
    """Seconds to wait after the `attempts`-th failure: 1, 2, 4 ... capped, with jitter."""
    base: float = min(MAX_BACKOFF, 2.0 ** (attempts - 1))
    return base * random.uniform(0.8, 1.2)


class OutboxWorker:
    def __init__(
        self, bus: Bus, *, max_attempts: int = 12, poll_interval: float = 0.5, batch: int = 50
    ) -> None:
        self._bus = bus
        self._handlers: dict[str, OutboxHandler] = {}
        self._max_attempts = max_attempts
        self._poll_interval = poll_interval
        self._batch = batch
        self._wake = asyncio.Event()
        self._stopping = False

    def register(self, channel: str, handler: OutboxHandler) -> None:
        self._handlers[channel] = handler

    def wake(self) -> None:
        """Deliver now rather than at the next poll (call after a commit)."""
        self._wake.set()

    def stop(self) -> None:
        """Finish the round in hand, then return from run() (graceful shutdown)."""
        self._stopping = True
        self._wake.set()

    async def run(self) -> None:
        self._stopping = False
        while not self._stopping:
            try:
                delivered = await self.deliver_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox: delivery round failed")
                delivered = 0
            if delivered < self._batch and not self._stopping:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), self._poll_interval)
                except TimeoutError:
                    pass

    async def deliver_due(self) -> int:
        """Claim and deliver one batch of due messages; returns how many were handled.
        Channels are delivered side by side; within a channel, in the order written."""
        messages = await self._claim()
        by_channel: dict[str, list[OutboxMessage]] = {}
        for message in messages:
            by_channel.setdefault(message.channel, []).append(message)

        delivered: list[int] = []

        async def in_order(batch: list[OutboxMessage]) -> None:
            for message in batch:
                if await self._deliver(message):
                    delivered.append(message.id)

        try:
            await asyncio.gather(*(in_order(batch) for batch in by_channel.values()))
        finally:
            # One UPDATE for the round's deliveries (a crash before it repeats them: at
            # least once). A keyed message's successor is claimed only once this is done.
            if delivered:
                await OutboxMessage.filter(id__in=delivered).update(
                    status=OutboxStatus.DONE,
                    attempts=F("attempts") + 1,
                    delivered_at=utcnow(),
                    locked_until=None,
                )
        return len(messages)

    async def _claim(self) -> list[OutboxMessage]:
        now = utcnow()
        async with in_transaction():
            rows = (
                await OutboxMessage.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
                .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
                .order_by("id")
                .limit(self._batch)
                .select_for_update(skip_locked=True)
            )
            rows = await _first_of_each_key(rows)
            if rows:
                await OutboxMessage.filter(id__in=[r.id for r in rows]).update(
                    locked_until=now + CLAIM_LEASE
                )
        return rows

    async def _deliver(self, message: OutboxMessage) -> bool:
        """Hand the message to its handler; True when delivered (the caller marks it done),
        else the failure is recorded here."""
        handler = self._handlers.get(message.channel, self._publish)
        # The delivery logs (the bots' sends) carry the id of the request that caused it.
        token = request_id_var.set(message.request_id or "")
        try:
            await handler(message)
        except RetryLater as exc:
            # Flow control, not failure: it does not use up an attempt.
            await self._failed(message, str(exc), exc.after, counts=False)
        except GiveUp as exc:
            await self._failed(message, f"gave up: {exc}", None, final=True)
        except Exception as exc:
            log.warning("outbox: %s #%s failed: %r", message.channel, message.id, exc)
            await self._failed(message, repr(exc), None)
        else:
            return True
        finally:
            request_id_var.reset(token)
        return False

    async def _publish(self, message: OutboxMessage) -> None:
        """Channels without a local handler are published on the bus under their name."""
        await self._bus.publish(
            message.channel,
            BusMessage(id=f"outbox-{message.id}", type=message.kind, payload=message.payload),
        )

    async def _failed(
        self,
        message: OutboxMessage,
        error: str,
        after: float | None,
        *,
        final: bool = False,
        counts: bool = True,
    ) -> None:
        attempts = message.attempts + (1 if counts else 0)
        give_up = final or attempts >= self._max_attempts
        delay = after if after is not None else backoff(attempts)
        await OutboxMessage.filter(id=message.id).update(
            status=OutboxStatus.FAILED if give_up else OutboxStatus.PENDING,
            attempts=attempts,
            last_error=error[:500],
            next_attempt_at=utcnow() + timedelta(seconds=delay),
            locked_until=None,
        )
        if give_up:
            log.error("outbox: %s #%s failed for good: %s", message.channel, message.id, error)
