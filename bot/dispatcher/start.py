from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandStart
from aiogram.types import Message

from bot.common.linking import link
from core.i18n import Translate


async def start(message: Message, t: Translate, principal: object | None) -> None:
    if principal is None:
        await message.answer(t("This bot is for pharmacy staff: ask your manager for a link."))
        return
    await message.answer(t("New orders appear here. See /orders and /drivers."))


def router() -> Router:
    # Built per Dispatcher: an aiogram Router attaches to one parent only, and tests build
    # several apps in one process.
    built = Router(name=__name__)
    built.message.register(link, CommandStart(deep_link=True, magic=F.args.startswith("link-")))
    built.message.register(start, CommandStart())
    return built
