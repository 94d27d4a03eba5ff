"""The Bot API has bad minutes (5xx, then 429s): messages wait in the outbox, none is dropped,
and every chat still reads its messages in the order they were made."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from bot.common.sender import enqueue_message
from core.clock import utcnow
from models import OutboxMessage
from models.enums import OutboxStatus
from tests.fixtures.telegram import BotHarness


async def test_an_outage_delays_but_never_reorders_or_drops_a_chats_messages(
    bots: BotHarness,
) -> None:
    chats = {71001: [f"to A #{i}" for i in range(4)], 71002: [f"to B #{i}" for i in range(3)]}
    async with in_transaction():
        for i in range(4):
            for chat, texts in chats.items():
                if i < len(texts):
                    await enqueue_message("customer", chat, texts[i])
    # The first send fails (502) while later ones would go through; in later rounds flood
    # control answers once, then 502 again.
    bots.telegram.fail_next(1, 502)
    for round_number in range(60):
        if round_number == 1:
            bots.telegram.fail_next(1, 429, retry_after=1)
        if round_number == 2:
            bots.telegram.fail_next(1, 502)
        await bots.ctx.outbox.deliver_due()
        if not await OutboxMessage.filter(status=OutboxStatus.PENDING).exists():
            break
        # Time passes: whatever waits for a retry becomes due.
        await OutboxMessage.filter(status=OutboxStatus.PENDING).update(next_attempt_at=utcnow())
    failed_calls = [c for c in bots.telegram.calls if "!" in c.method]
    assert len(failed_calls) == 3  # the outage really happened
    assert not await OutboxMessage.exclude(status=OutboxStatus.DONE).exists()
    for chat, texts in chats.items():
        received = [c.text for c in bots.telegram.sent(chat_id=chat)]
        assert received == texts, (chat, received)  # all of them, once each, in order
