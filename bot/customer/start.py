"""/start with deep links, the main menu, language, sharing a phone, Mini App data, search."""

from __future__ import annotations

import json

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.common.filters import Is
from bot.customer import orders as order_views
from bot.customer.keyboards import (
    CART,
    CATALOG,
    LANGUAGE,
    MY_ORDERS,
    Lang,
    languages,
    main_menu,
    shop_button,
)
from bot.customer.shopping import cart_message, current_store, search, show_categories
from core.context import AppContext
from core.i18n import Translate, translator
from core.security import Principal
from models import User
from services import campaigns, profile
from services.auth.phone import attach_telegram_contact
from services.auth.users import record_referral


async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    ctx: AppContext,
    user: User,
    t: Translate,
) -> None:
    """Deep links: /start store_ID picks the store; /start ref_CODE records who referred."""
    args = (command.args or "").strip()
    if args.startswith("store_") and args[6:].isdigit():
        await state.update_data(store_id=int(args[6:]))
    elif args.startswith("ref_"):
        await record_referral(user, args[4:])
    if user.bot_blocked_at is not None:  # they are back: campaigns may reach them again
        await campaigns.mark_reachable(user.id)
    store = await current_store(state)
    await message.answer(
        t("Welcome to {store}! Order medicines and everyday care, delivered.", store=store.name),
        reply_markup=main_menu(t),
    )
    url = f"{ctx.settings.public_base_url.rstrip('/')}/app/shop?store={store.id}"
    if url.startswith("https://"):  # Telegram opens Mini Apps over HTTPS only
        await message.answer(t("Or browse in the shop:"), reply_markup=shop_button(t, url))


async def choose_language(message: Message, t: Translate) -> None:
    await message.answer(t("Choose your language:"), reply_markup=languages())


async def set_language(callback: CallbackQuery, bot: Bot, callback_data: Lang, user: User) -> None:
    await profile.set_locale(user.id, callback_data.code)
    t = translator(callback_data.code)
    assert callback.message is not None
    await bot.send_message(
        callback.message.chat.id, t("Language saved."), reply_markup=main_menu(t)
    )
    await callback.answer()


async def shared_contact(message: Message, user: User, t: Translate) -> None:
    contact = message.contact
    assert contact is not None and message.from_user is not None
    if contact.user_id != message.from_user.id:
        await message.answer(t("Please share your own contact."))
        return
    await attach_telegram_contact(user_id=user.id, phone=contact.phone_number)
    await message.answer(t("Thank you, your phone is saved."))


async def web_app_data(message: Message, principal: Principal, t: Translate, locale: str) -> None:
    """The Mini App reports an order it placed (Telegram.WebApp.sendData)."""
    assert message.web_app_data is not None
    try:
        data = json.loads(message.web_app_data.data)
        order_id = int(data["order_id"])
    except (ValueError, KeyError, TypeError):
        await message.answer(t("Something went wrong. Please try again."))
        return
    from services import orders

    order = await orders.get_order_for(principal, order_id)
    await message.answer(
        t("Order {number} placed! We will keep you posted here.", number=order.number)
    )


async def menu_or_search(
    message: Message,
    state: FSMContext,
    ctx: AppContext,
    user: User,
    principal: Principal,
    t: Translate,
    locale: str,
) -> None:
    text = message.text or ""
    if text == t(CATALOG):
        await show_categories(message, state, t, locale)
    elif text == t(CART):
        await cart_message(message, state, user, t, locale)
    elif text == t(MY_ORDERS):
        await order_views.my_orders(message, principal, t, locale)
    elif text == t(LANGUAGE):
        await choose_language(message, t)
    else:
        await search(message, state, ctx, t, locale, user)


def router() -> Router:
    # Built per Dispatcher: an aiogram Router attaches to one parent only, and tests build
    # several apps in one process.
    built = Router(name=__name__)
    built.message.register(start, CommandStart())
    built.message.register(choose_language, Command("language"))
    built.callback_query.register(set_language, Lang.filter())
    built.message.register(shared_contact, Is(F.contact))
    built.message.register(web_app_data, Is(F.web_app_data))
    built.message.register(menu_or_search, StateFilter(None), Is(F.text & ~F.text.startswith("/")))
    return built
