"""Putting a delivery run together from an order card: choose an on-shift driver, tick the
store's other ready orders, start the run (services/runs.py orders the stops). The ticks are
kept in the dispatcher's FSM data until the run starts or the chooser is closed."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.common.choosers import open_chooser
from bot.common.staff import RequireStaff
from bot.dispatcher.keyboards import (
    OrderAction,
    RunDriver,
    RunGo,
    RunPick,
    run_drivers_keyboard,
    run_orders_keyboard,
)
from core.context import AppContext
from core.i18n import Translate
from core.security import Principal
from models.enums import OrderStatus, Role
from services import orders, runs

STAFF = (Role.DISPATCHER, Role.MANAGER, Role.ADMIN)


async def choose_driver(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: OrderAction,
    principal: Principal,
    t: Translate,
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    loads = await orders.list_store_drivers(principal, order.store_id, on_shift_only=True)
    if not loads:
        await callback.answer(t("No driver is on shift."), show_alert=True)
        return
    text = t("Choose a driver for a run with {number}:", number=order.number)
    await open_chooser(callback, bot, text, run_drivers_keyboard(order.id, loads, t))


async def _show_orders(
    callback: CallbackQuery, bot: Bot, principal: Principal, t: Translate, data: dict[str, Any]
) -> None:
    ready = await orders.list_store_orders(
        principal, int(data["run_store"]), statuses=[OrderStatus.READY], limit=runs.MAX_STOPS
    )
    picked = {int(i) for i in data["run_orders"]}
    if callback.message is not None:
        await bot.edit_message_text(
            t("Tick the ready orders for the run (2 to 20); the route puts them in order."),
            chat_id=callback.message.chat.id,
            message_id=callback.message.message_id,
            reply_markup=run_orders_keyboard(ready, picked, t),
        )


async def pick_orders(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: RunDriver,
    principal: Principal,
    t: Translate,
    state: FSMContext,
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    data: dict[str, Any] = {
        "run_store": order.store_id,
        "run_driver": callback_data.driver_id,
        "run_orders": [order.id],
    }
    await state.update_data(**data)
    await _show_orders(callback, bot, principal, t, data)
    await callback.answer()


async def toggle(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: RunPick,
    principal: Principal,
    t: Translate,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    if "run_driver" not in data:
        await callback.answer(t("Start again from the order card."), show_alert=True)
        return
    picked = list(data["run_orders"])
    if callback_data.order_id in picked:
        picked.remove(callback_data.order_id)
    else:
        picked.append(callback_data.order_id)
    data["run_orders"] = picked
    await state.update_data(run_orders=picked)
    await _show_orders(callback, bot, principal, t, data)
    await callback.answer()


async def start_run(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: RunGo,
    principal: Principal,
    t: Translate,
    state: FSMContext,
    ctx: AppContext,
) -> None:
    data = await state.get_data()
    if callback_data.action == "go":
        if "run_driver" not in data:
            await callback.answer(t("Start again from the order card."), show_alert=True)
            return
        view = await runs.assign_run(
            store_id=int(data["run_store"]),
            driver_id=int(data["run_driver"]),
            order_ids=[int(i) for i in data["run_orders"]],
            principal=principal,
            settings=ctx.settings,
        )
        await callback.answer(t("Run assigned: {count} stops", count=len(view.stops)))
    else:
        await callback.answer()
    for key in ("run_store", "run_driver", "run_orders"):
        data.pop(key, None)
    await state.set_data(data)
    if callback.message is not None:
        await bot.delete_message(callback.message.chat.id, callback.message.message_id)


def router() -> Router:
    built = Router(name=__name__)
    built.callback_query.middleware(RequireStaff(STAFF))
    built.callback_query.register(choose_driver, OrderAction.filter(F.action == "run"))
    built.callback_query.register(pick_orders, RunDriver.filter())
    built.callback_query.register(toggle, RunPick.filter())
    built.callback_query.register(start_run, RunGo.filter())
    return built
