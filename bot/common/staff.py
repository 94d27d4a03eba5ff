"""Staff bots answer only linked staff of the right role; everyone else gets one polite line."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject

from core.i18n import Translate
from models.enums import Role


class RequireStaff(BaseMiddleware):
    def __init__(self, roles: tuple[Role, ...]) -> None:
        self._roles = {r.value for r in roles}

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        principal = data.get("principal")
        if principal is not None and principal.role in self._roles:
            return await handler(event, data)
        t: Translate = data["t"]
        text = t("This bot is for pharmacy staff: ask your manager for a link.")
        if isinstance(event, CallbackQuery):
            await event.answer(text, show_alert=True)
        elif isinstance(event, Message):
            await event.answer(text)
        return None
