"""Who is writing: the Telegram user mapped to our user, their permissions and language.

The customer bot registers unknown people as customers; the staff bots only know staff who
linked their account (/start link-CODE), and leave `user` empty for everyone else.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from aiogram.types import User as TelegramUser

from core.i18n import translator
from services.auth.sessions import principal_for
from services.auth.telegram import user_for_telegram
from services.auth.users import pick_locale
from services.staff_links import staff_user_for_telegram


class Identity(BaseMiddleware):
    def __init__(self, *, staff: bool, default_locale: str) -> None:
        self._staff = staff
        self._default_locale = default_locale

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        sender: TelegramUser | None = data.get("event_from_user")
        user = None
        if sender is not None and not sender.is_bot:
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
        locale = (
            user.locale
            if user
            else pick_locale(sender.language_code if sender else None, self._default_locale)
        )
        data["user"] = user
        data["principal"] = await principal_for(user) if user else None
        data["locale"] = locale
        data["t"] = translator(locale)
        return await handler(event, data)
