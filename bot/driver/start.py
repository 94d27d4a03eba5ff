from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandStart
from aiogram.types import Message

from bot.common.linking import link
from bot.driver.keyboards import menu
from core.i18n import Translate
from core.security import Principal


async def start(message: Message, t: Translate, principal: Principal | None) -> None:
    if principal is None or principal.role != "driver":
        await message.answer(t("This bot is for pharmacy staff: ask your manager for a link."))
        return
    await message.answer(t("Start your shift to receive deliveries."), reply_markup=menu(t))


def router() -> Router:
    # Built per Dispatcher: an aiogram Router attaches to one parent only, and tests build
    # several apps in one process.
    built = Router(name=__name__)
    built.message.register(link, CommandStart(deep_link=True, magic=F.args.startswith("link-")))
    built.message.register(start, CommandStart())
    return built
