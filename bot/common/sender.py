"""Sending to Telegram from the outbox, one message per outbox row.

- throttled under Telegram's limits: about 30 messages/s per bot and 1/s per chat (shared by
  every process through the rate limiter, Redis-backed when configured);
- a 429 is honoured: the row waits `retry_after` without using up an attempt;
- 5xx and network errors are retried with backoff; a blocked bot or a missing chat gives up;
- bots with a development placeholder token log the message instead of sending it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.types import InlineKeyboardMarkup

from core.context import AppContext
from core.outbox import GiveUp, RetryLater, enqueue
from core.settings import BotName, is_dev_bot_token
from models import BotMessage, OutboxMessage

log = logging.getLogger(__name__)

TELEGRAM_CHANNEL = "telegram"
PER_BOT_PER_SECOND = 30
MAX_WAIT = 2.0


async def enqueue_message(
    bot: BotName,
    chat_id: int,
    text: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
    remember: tuple[int, int, str] | None = None,
    edit: int | None = None,
) -> None:
    """Queue one send (or, with `edit`, an edit of message `edit`). `remember` =
    (store_id, order_id, purpose) keeps the sent message's id for later edits. Call inside the
    transaction that decided to send it."""
    await enqueue(
        TELEGRAM_CHANNEL,
        "edit" if edit else "send",
        {
            "bot": bot,
            "chat_id": chat_id,
            "text": text,
            "markup": markup.model_dump(mode="json", exclude_none=True) if markup else None,
            "remember": list(remember) if remember else None,
            "message_id": edit,
        },
        order_key=f"{bot}:{chat_id}",  # a chat reads its messages in the order they were made
    )


class TelegramSender:
    def __init__(self, ctx: AppContext, bots: dict[BotName, Bot]) -> None:
        self._ctx = ctx
        self._bots = bots

    @property
    def bots(self) -> dict[BotName, Bot]:
        return self._bots

    async def throttle(
        self, bot: BotName, chat_id: int, extra: tuple[tuple[str, int], ...] = ()
    ) -> None:
        """Wait (up to MAX_WAIT, else RetryLater) until the chat, the bot and every `extra`
        (key, per-second limit) allow one more message."""
        limiter = self._ctx.limiter
        limits = ((f"tg:{bot}:chat:{chat_id}", 1), *extra, (f"tg:{bot}", PER_BOT_PER_SECOND))
        for key, limit in limits:
            waited = 0.0
            while True:
                decision = await limiter.hit(key, limit, 1.0)
                if decision.allowed:
                    break
                if waited + decision.retry_after > MAX_WAIT:
                    raise RetryLater(decision.retry_after, "throttled under Telegram's limits")
                await asyncio.sleep(decision.retry_after)
                waited += decision.retry_after

    async def deliver(self, message: OutboxMessage) -> None:
        payload: dict[str, Any] = message.payload
        bot_name: BotName = payload["bot"]
        bot = self._bots[bot_name]
        markup = (
            InlineKeyboardMarkup.model_validate(payload["markup"])
            if payload.get("markup")
            else None
        )
        if is_dev_bot_token(bot.token):
            log.info(
                "development bot %s → chat %s: %s",
                bot_name,
                payload["chat_id"],
                payload["text"][:200],
            )
            return
        await self.throttle(bot_name, payload["chat_id"])
        try:
            if message.kind == "edit":
                await bot.edit_message_text(
                    chat_id=payload["chat_id"],
                    message_id=payload["message_id"],
                    text=payload["text"],
                    reply_markup=markup,
                )
                return
            sent = await bot.send_message(payload["chat_id"], payload["text"], reply_markup=markup)
        except TelegramRetryAfter as exc:
            raise RetryLater(exc.retry_after, "Telegram flood control") from None
        except TelegramForbiddenError as exc:
            raise GiveUp(f"forbidden: {exc.message}") from None
        except TelegramNotFound as exc:
            raise GiveUp(f"not found: {exc.message}") from None
        except TelegramBadRequest as exc:
            if "message is not modified" in exc.message:
                return
            raise GiveUp(f"bad request: {exc.message}") from None
        remember = payload.get("remember")
        if remember:
            store_id, order_id, purpose = remember
            await BotMessage.create(
                store_id=store_id,
                order_id=order_id,
                bot=bot_name,
                chat_id=payload["chat_id"],
                message_id=sent.message_id,
                purpose=purpose,
            )
