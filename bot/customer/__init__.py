"""The customer (sales) bot: catalog, cart, checkout, orders — all through the services the
API uses — plus a button into the sales Mini App."""

from __future__ import annotations

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseStorage

from bot.common import relay
from bot.common.errors import install_error_handler
from bot.common.identity import Identity
from bot.customer import checkout, news, orders, prescriptions, shopping, start, wallet
from bot.customer.shopping import KnownStores
from core.context import AppContext
from core.i18n import gettext_noop as N


def build_dispatcher(ctx: AppContext, storage: BaseStorage) -> Dispatcher:
    dispatcher = Dispatcher(storage=storage, ctx=ctx)
    dispatcher.update.outer_middleware(
        Identity(staff=False, default_locale=ctx.settings.default_locale)
    )
    dispatcher.update.outer_middleware(KnownStores())
    install_error_handler(dispatcher)
    # Checkout first: its states must see text before the menu/search handler does.
    dispatcher.include_routers(
        relay.router(N("Write your message to the driver.")),
        prescriptions.router(),
        checkout.router(),
        wallet.router(),
        news.router(),
        start.router(),
        shopping.router(),
        orders.router(),
    )
    return dispatcher
