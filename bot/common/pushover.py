"""Critical alerts through Pushover (PUSHOVER_URL, PUSHOVER_TOKEN), one outbox row per
recipient. Emergency alerts (priority 2) repeat until acknowledged or expired."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp

from core.context import AppContext
from core.outbox import GiveUp, RetryLater, enqueue
from core.secretbox import SecretBoxError
from models import OutboxMessage

log = logging.getLogger(__name__)

PUSHOVER_CHANNEL = "pushover"
EMERGENCY_RETRY = 60  # seconds between repeats
EMERGENCY_EXPIRE = 3600  # stop repeating after


async def enqueue_alert(sealed_user_key: str, title: str, message: str, priority: int) -> None:
    """Queue an alert; the recipient's key stays sealed (secret box) in the outbox."""
    await enqueue(
        PUSHOVER_CHANNEL,
        "alert",
        {"user": sealed_user_key, "title": title, "message": message, "priority": priority},
    )


class PushoverClient:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    async def deliver(self, row: OutboxMessage) -> None:
        settings = self._ctx.settings
        payload: dict[str, Any] = row.payload
        if not settings.pushover_token:
            log.info("pushover not configured; alert %r not sent", payload["title"])
            return
        try:
            user_key = self._ctx.secret_box.open(payload["user"])
        except SecretBoxError as exc:
            raise GiveUp(f"recipient key unreadable: {exc}") from None
        form = {
            "token": settings.pushover_token,
            "user": user_key,
            "title": payload["title"][:250],
            "message": payload["message"][:1024],
            "priority": str(payload["priority"]),
        }
        if payload["priority"] == 2:
            form.update(retry=str(EMERGENCY_RETRY), expire=str(EMERGENCY_EXPIRE))
        url = f"{settings.pushover_url.rstrip('/')}/1/messages.json"
        timeout = aiohttp.ClientTimeout(total=10)
        async with (
            aiohttp.ClientSession(timeout=timeout) as http,
            http.post(url, data=form) as response,
        ):
            if response.status == 429:
                raise RetryLater(60, "pushover rate limit")
            if 400 <= response.status < 500:
                raise GiveUp(f"pushover refused the alert: {response.status}")
            if response.status >= 500:
                raise RuntimeError(f"pushover answered {response.status}")
