"""The dispatcher bot: new orders fan out to every dispatcher of the store with action
buttons; /orders and /drivers for the state of things."""

from __future__ import annotations

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseStorage

from bot.common.errors import install_error_handler
from bot.common.identity import Identity
from bot.dispatcher import lists, orders, prescriptions, runs, start
from core.context import AppContext


def build_dispatcher(ctx: AppContext, storage: BaseStorage) -> Dispatcher:
    dispatcher = Dispatcher(storage=storage, ctx=ctx)
    dispatcher.update.outer_middleware(
        Identity(staff=True, default_locale=ctx.settings.default_locale)
    )
    install_error_handler(dispatcher)
    dispatcher.include_routers(
        start.router(), orders.router(), runs.router(), prescriptions.router(), lists.router()
    )
    return dispatcher
