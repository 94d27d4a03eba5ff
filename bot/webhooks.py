"""The three bots' webhook routes in the one aiohttp app: /webhook/{customer,dispatcher,driver}.

Each checks its own secret token (403 when wrong) and answers Telegram at once; the update is
processed in the background.
"""

from __future__ import annotations

import secrets

from aiogram import Bot
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.common.bots import BotSet
from core.settings import BOT_NAMES, BotName, Settings


def webhook_path(bot: BotName) -> str:
    return f"/webhook/{bot}"


class TelegramWebhook(SimpleRequestHandler):
    """aiogram's handler with a 403 (not 401) for a wrong secret and a 400 for bad JSON."""

    def verify_secret(self, telegram_secret_token: str, bot: Bot) -> bool:
        return bool(self.secret_token) and secrets.compare_digest(
            telegram_secret_token.encode(), (self.secret_token or "").encode()
        )

    async def handle(self, request: web.Request) -> web.Response:
        if not self.verify_secret(
            request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), self.bot
        ):
            return web.json_response(
                {"error": {"code": "forbidden", "message": "wrong secret token"}}, status=403
            )
        return await super().handle(request)

    async def close(self) -> None:
        # The session is shared by the three bots and closed once by the app.
        return None


def mount_webhooks(app: web.Application, bots: BotSet, settings: Settings) -> None:
    for name in BOT_NAMES:
        handler = TelegramWebhook(
            dispatcher=bots.dispatchers[name],
            bot=bots.bots[name],
            secret_token=settings.webhook_secret(name),
        )
        handler.register(app, path=webhook_path(name), name=f"webhook-{name}")
        setup_application(app, bots.dispatchers[name], bot=bots.bots[name])
