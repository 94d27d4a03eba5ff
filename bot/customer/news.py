"""News from the store: /stop_news and /start_news, and the sender of campaign messages
(the outbox's "campaign" channel) under Telegram's limits: at most CAMPAIGN_PER_SECOND a
second for the bot's campaigns (leaving room for order news), 1 a second per chat, a 429's
retry_after honoured; a customer who blocked the bot is marked and skipped from then on."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Router
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.filters import Command
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, WebAppInfo

from bot.common.sender import TelegramSender
from core.i18n import Translate
from core.outbox import RetryLater
from core.security import Principal
from core.settings import is_dev_bot_token
from models import OutboxMessage
from services import campaigns
from services.campaigns import Outcome

log = logging.getLogger(__name__)


async def stop_news(message: Message, principal: Principal, t: Translate) -> None:
    await campaigns.set_news(principal.user_id, wanted=False)
    await message.answer(
        t("You will get no more news from us. Send /start_news to get them again.")
    )


async def start_news(message: Message, principal: Principal, t: Translate) -> None:
    await campaigns.set_news(principal.user_id, wanted=True)
    await message.answer(t("You will get our news again. Send /stop_news to stop them."))


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(stop_news, Command("stop_news"))
    built.message.register(start_news, Command("start_news"))
    return built


def _markup(button: dict[str, Any] | None) -> InlineKeyboardMarkup | None:
    if not button:
        return None
    if button.get("kind") == "web_app" and str(button.get("url", "")).startswith("https://"):
        key = InlineKeyboardButton(text=button["text"], web_app=WebAppInfo(url=button["url"]))
    else:
        key = InlineKeyboardButton(text=button["text"], url=button["url"])
    return InlineKeyboardMarkup(inline_keyboard=[[key]])


class CampaignSender:
    def __init__(self, sender: TelegramSender, *, per_second: int) -> None:
        self._sender = sender
        self._per_second = per_second

    async def deliver(self, message: OutboxMessage) -> None:
        payload: dict[str, Any] = message.payload
        campaign_id: int = payload["campaign_id"]
        if not await campaigns.can_receive(campaign_id, payload["user_id"]):
            await campaigns.record(campaign_id, Outcome.SKIPPED)
            return
        outcome = await self._send(message, payload)
        await campaigns.record(campaign_id, outcome)

    async def _send(self, message: OutboxMessage, payload: dict[str, Any]) -> Outcome:
        bot = self._sender.bots["customer"]
        chat_id: int = payload["chat_id"]
        if is_dev_bot_token(bot.token):
            log.info("development bot: campaign %s → chat %s", payload["campaign_id"], chat_id)
            return Outcome.SENT
        await self._sender.throttle(
            "customer", chat_id, (("tg:customer:campaigns", self._per_second),)
        )
        markup = _markup(payload.get("button"))
        try:
            if payload.get("photo_url"):
                await bot.send_photo(
                    chat_id, payload["photo_url"], caption=payload["text"], reply_markup=markup
                )
            else:
                await bot.send_message(chat_id, payload["text"], reply_markup=markup)
        except TelegramRetryAfter as exc:
            raise RetryLater(exc.retry_after, "Telegram flood control") from None
        except TelegramForbiddenError:
            await campaigns.mark_blocked(payload["user_id"])
            return Outcome.BLOCKED
        except (TelegramNotFound, TelegramBadRequest) as exc:
            log.warning("campaign %s → chat %s: %s", payload["campaign_id"], chat_id, exc.message)
            return Outcome.FAILED
        except Exception:
            # A server or network error: retried with backoff, counted failed at the end.
            if message.attempts + 1 >= campaigns.MAX_ATTEMPTS:
                return Outcome.FAILED
            raise
        return Outcome.SENT
