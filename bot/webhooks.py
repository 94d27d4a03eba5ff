"""The three bots' webhook routes in the one aiohttp app: /webhook/{customer,dispatcher,driver}.

Each checks its own secret token (403 when wrong), refuses bodies that are not an Update
(400), answers a repeated update_id at once without processing it again (Telegram retries),
and otherwise processes the update, then answers 200: an update is acknowledged only once it
was handled. A handler that fails is logged and counted; Telegram still gets its 200.

Each bot handles at most `max_in_flight` updates at once (WEBHOOK_MAX_IN_FLIGHT, also given
to Telegram as the webhook's max_connections). An update beyond that is answered 429 before
anything is claimed or run, so Telegram delivers it again later: a burst is never dropped,
never queues without bound (shutdown waits for at most `max_in_flight` updates), and leaves
the event loop and the database pool to the REST API and the other bots.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.common.bots import BotSet
from core.cache import Cache
from core.metrics import count
from core.observability import WEBHOOK_UPDATES
from core.settings import BOT_NAMES, BotName, Settings

log = logging.getLogger(__name__)

DEDUPE_TTL = 24 * 3600.0
CLAIM_TTL = 60.0  # how long a claimed, unfinished update blocks its redelivery


def webhook_path(bot: BotName) -> str:
    return f"/webhook/{bot}"


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


class TelegramWebhook(SimpleRequestHandler):
    def __init__(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        *,
        name: BotName,
        secret_token: str,
        cache: Cache,
        max_in_flight: int,
    ) -> None:
        super().__init__(dispatcher=dispatcher, bot=bot, secret_token=secret_token)
        self.name = name
        self.max_in_flight = max_in_flight
        self._in_flight = 0
        self._cache = cache
        self._tasks: set[asyncio.Task[Any]] = set()

    def verify_secret(self, telegram_secret_token: str, bot: Bot) -> bool:
        return bool(self.secret_token) and secrets.compare_digest(
            telegram_secret_token.encode(), (self.secret_token or "").encode()
        )

    async def handle(self, request: web.Request) -> web.Response:
        if not self.verify_secret(
            request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), self.bot
        ):
            return _error(403, "forbidden", "wrong secret token")
        try:
            update = json.loads(await request.read())
            update_id = int(update["update_id"])
        except (ValueError, KeyError, TypeError):
            return _error(400, "invalid_update", "the body is not a Telegram Update")
        if self._in_flight >= self.max_in_flight:
            count("busy_updates")
            response = _error(429, "busy", "too many updates at once; retry later")
            response.headers["Retry-After"] = "1"
            return response
        # The claim, the handling and the "done" mark run as one task that a dropped
        # connection cannot cancel; the slot is held until that task ends, so the bound holds.
        self._in_flight += 1
        task = asyncio.create_task(self._claim_and_process(update, update_id))
        self._tasks.add(task)
        task.add_done_callback(self._release)
        return await asyncio.shield(task)

    def _release(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        self._in_flight -= 1

    async def _claim_and_process(self, update: dict[str, Any], update_id: int) -> web.Response:
        key = f"tg-update:{self.name}:{update_id}"
        if not await self._cache.add(key, "processing", CLAIM_TTL):
            if await self._cache.get(key) == "processing":
                # Being handled now (or by a process that died, until the claim lapses):
                # not acknowledged, so Telegram delivers it again later.
                return _error(503, "update_in_progress", "this update is being processed")
            count("duplicate_updates")
            WEBHOOK_UPDATES.labels(self.name, "duplicate").inc()
            return web.json_response({})
        count("updates")
        # Handled before the answer: a process killed mid-update never acknowledged it, so
        # Telegram redelivers it; the claim above keeps a redelivery from running it twice.
        await self._process(update)
        await self._cache.set(key, "done", DEDUPE_TTL)
        return web.json_response({})

    async def _process(self, update: dict[str, Any]) -> None:
        try:
            await self.dispatcher.feed_raw_update(bot=self.bot, update=update, **self.data)
            WEBHOOK_UPDATES.labels(self.name, "handled").inc()
        except Exception:
            WEBHOOK_UPDATES.labels(self.name, "failed").inc()
            count("handler_errors")
            log.exception("%s bot: update %s failed", self.name, update.get("update_id"))

    async def drain(self) -> None:
        """Wait for every update received so far to be processed (shutdown and tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        # The session is shared by the three bots and closed once by the app.
        await self.drain()


WEBHOOKS = web.AppKey("webhooks", dict)


def mount_webhooks(app: web.Application, bots: BotSet, settings: Settings, cache: Cache) -> None:
    handlers: dict[BotName, TelegramWebhook] = {}
    for name in BOT_NAMES:
        handler = TelegramWebhook(
            bots.dispatchers[name],
            bots.bots[name],
            name=name,
            secret_token=settings.webhook_secret(name),
            cache=cache,
            max_in_flight=settings.webhook_max_in_flight,
        )
        handler.register(app, path=webhook_path(name), name=f"webhook-{name}")
        setup_application(app, bots.dispatchers[name], bot=bots.bots[name])
        handlers[name] = handler
    app[WEBHOOKS] = handlers
