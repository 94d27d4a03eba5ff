"""Who is writing: the Telegram user mapped to our user, their permissions and language.

The customer bot registers unknown people as customers and refuses blocked ones; the staff
bots only know staff who linked their account (/start link-CODE), and leave `user` empty for
everyone else.

Who someone is gets looked up once and kept for IDENTITY_TTL seconds: a customer's taps come
in bursts ("Add", "Add", "Cart"), and each would otherwise read the same user row again. Any
change to a user (blocking, role, employment, Telegram link, language, profile) empties the
cache at once through core.changes, so the very next update sees it; the short TTL bounds how
long another process, which learns of the change only by expiry, may serve the old row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from aiogram.types import User as TelegramUser

from core import changes
from core.errors import Unauthorized
from core.i18n import translator
from core.lru import TTLCache
from core.security import Principal
from models import User
from services.auth.sessions import principal_for
from services.auth.telegram import user_for_telegram
from services.auth.users import pick_locale
from services.staff_links import staff_user_for_telegram

IDENTITY_TTL = 5.0
IDENTITY_CACHE_SIZE = 20_000


class Identity(BaseMiddleware):
    def __init__(self, *, staff: bool, default_locale: str) -> None:
        self._staff = staff
        self._default_locale = default_locale
        self._known: TTLCache[tuple[User | None, Principal | None]] = TTLCache(
            IDENTITY_CACHE_SIZE, IDENTITY_TTL
        )
        changes.register("user", self._known)

    async def _resolve(self, sender: TelegramUser) -> tuple[User | None, Principal | None]:
        # The username is part of the key: a new one goes to the database, which records it.
        key = f"{sender.id}:{sender.username or ''}"
        known = self._known.get(key)
        if known is not None:
            return known
        if self._staff:
            user = await staff_user_for_telegram(sender.id)
        else:
            user = await user_for_telegram(
                sender.id,
                username=sender.username,
                first_name=sender.first_name,
                last_name=sender.last_name or "",
                language_code=sender.language_code,
                default_locale=self._default_locale,
            )
        resolved = (user, await principal_for(user) if user else None)
        self._known.set(key, resolved)
        return resolved

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        sender: TelegramUser | None = data.get("event_from_user")
        user = principal = None
        if sender is not None and not sender.is_bot:
            user, principal = await self._resolve(sender)
        locale = (
            user.locale
            if user
            else pick_locale(sender.language_code if sender else None, self._default_locale)
        )
        data["user"] = user
        data["principal"] = principal
        data["locale"] = locale
        data["t"] = translator(locale)
        if user is not None and not user.is_active:
            # A customer blocked by the store: told so, and nothing else happens.
            raise Unauthorized("this account is disabled", code="account_disabled")
        return await handler(event, data)
