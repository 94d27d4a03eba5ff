from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandStart
from aiogram.types import Message


async def start(message: Message) -> None:
    await message.answer("Driver bot: start a shift to receive deliveries.")


def router() -> Router:
    # Built per Dispatcher: an aiogram Router attaches to one parent only, and tests build
    # several apps in one process.
    built = Router(name=__name__)
    built.message.register(start, CommandStart())
    return built
