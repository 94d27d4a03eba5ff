"""The driver bot: shifts, deliveries with ID check and cash, live location."""

from __future__ import annotations

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseStorage

from bot.common import relay
from bot.common.errors import install_error_handler
from bot.common.identity import Identity
from bot.driver import start, work
from core.context import AppContext
from core.i18n import gettext_noop as N


def build_dispatcher(ctx: AppContext, storage: BaseStorage) -> Dispatcher:
    dispatcher = Dispatcher(storage=storage, ctx=ctx)
    dispatcher.update.outer_middleware(
        Identity(staff=True, default_locale=ctx.settings.default_locale)
    )
    install_error_handler(dispatcher)
    dispatcher.include_routers(
        relay.router(N("Write your message to the customer.")), start.router(), work.router()
    )
    return dispatcher
