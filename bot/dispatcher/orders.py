"""Dispatcher actions on an order card: confirm, ready, assign a driver, cancel with reason.
Every chat's copy of the card is edited through the outbox when the order changes."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery

from bot.common.choosers import close_chooser, open_chooser
from bot.common.staff import RequireStaff
from bot.dispatcher.keyboards import (
    CANCEL_REASONS,
    AssignTo,
    CancelWith,
    OrderAction,
    cancel_reasons,
    drivers_keyboard,
)
from core.i18n import Translate
from core.security import Principal
from models.enums import OrderStatus, Role
from services import orders

STAFF = (Role.DISPATCHER, Role.MANAGER, Role.ADMIN)
MOVES = {
    "confirm": OrderStatus.CONFIRMED,
    "ready": OrderStatus.READY,
    "returned": OrderStatus.RETURNED,
    "retry": OrderStatus.READY,  # a returning order goes back on the shelf for another try
}


async def move(
    callback: CallbackQuery, callback_data: OrderAction, principal: Principal, t: Translate
) -> None:
    await orders.transition(callback_data.order_id, MOVES[callback_data.action], principal)
    await callback.answer(t("Done"))


async def choose_driver(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: OrderAction,
    principal: Principal,
    t: Translate,
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    loads = await orders.list_store_drivers(
        principal, order.store_id, on_shift_only=True, near_order_id=order.id
    )
    if not loads:
        await callback.answer(t("No driver is on shift."), show_alert=True)
        return
    text = t("Choose a driver for {number}:", number=order.number)
    await open_chooser(callback, bot, text, drivers_keyboard(order.id, loads, t))


async def assign(
    callback: CallbackQuery, bot: Bot, callback_data: AssignTo, principal: Principal, t: Translate
) -> None:
    await orders.assign_driver(callback_data.order_id, callback_data.driver_id, principal)
    if callback.message is not None:
        await bot.delete_message(callback.message.chat.id, callback.message.message_id)
    await callback.answer(t("Driver assigned"))


async def ask_reason(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: OrderAction,
    principal: Principal,
    t: Translate,
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    text = t("Why cancel {number}?", number=order.number)
    await open_chooser(callback, bot, text, cancel_reasons(order.id, t))


async def cancel(
    callback: CallbackQuery, bot: Bot, callback_data: CancelWith, principal: Principal, t: Translate
) -> None:
    # Stored in English (the catalogs' msgid): each reader sees it in their own language.
    reason = CANCEL_REASONS.get(callback_data.reason, CANCEL_REASONS["other"])
    await orders.transition(callback_data.order_id, OrderStatus.CANCELLED, principal, reason=reason)
    if callback.message is not None:
        await bot.delete_message(callback.message.chat.id, callback.message.message_id)
    await callback.answer(t("Cancelled"))


def router() -> Router:
    built = Router(name=__name__)
    built.callback_query.middleware(RequireStaff(STAFF))
    built.callback_query.register(move, OrderAction.filter(F.action.in_(MOVES)))
    built.callback_query.register(choose_driver, OrderAction.filter(F.action == "assign"))
    built.callback_query.register(close_chooser, OrderAction.filter(F.action == "back"))
    built.callback_query.register(ask_reason, OrderAction.filter(F.action == "cancel"))
    built.callback_query.register(assign, AssignTo.filter())
    built.callback_query.register(cancel, CancelWith.filter())
    return built
