"""The customer bot: one aiogram Dispatcher, a Router per feature."""

from __future__ import annotations

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseStorage

from bot.customer import start
from core.context import AppContext


def build_dispatcher(ctx: AppContext, storage: BaseStorage) -> Dispatcher:
    dispatcher = Dispatcher(storage=storage, ctx=ctx)
    dispatcher.include_router(start.router())
    return dispatcher
