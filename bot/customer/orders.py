"""My orders in chat: the list, one order with its timeline, cancel while pending, reorder,
rate a delivered order."""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.common.relay import RelayTo
from bot.common.texts import EVENT_NAMES, PRESCRIPTION, status_name
from bot.customer.keyboards import OrderAct, OrderView, Rate
from core.i18n import Translate, money, when
from core.security import Principal
from models import Store
from models.enums import OrderStatus
from services import engagement, orders, relay
from services.prescriptions import OPEN_FOR_UPLOAD


async def my_orders(message: Message, principal: Principal, t: Translate, locale: str) -> None:
    rows = await orders.list_customer_orders(principal.user_id, limit=8)
    if not rows:
        await message.answer(t("You have no orders yet."))
        return
    builder = InlineKeyboardBuilder()
    for order in rows:
        builder.button(
            text=" · ".join(
                (
                    order.number,
                    status_name(order.status, t),
                    money(order.total_cents, order.currency, locale),
                )
            ),
            callback_data=OrderView(order_id=order.id),
        )
    builder.adjust(1)
    await message.answer(t("Your orders:"), reply_markup=builder.as_markup())


async def order_detail(
    callback: CallbackQuery,
    bot: Bot,
    callback_data: OrderView,
    principal: Principal,
    t: Translate,
    locale: str,
) -> None:
    order = await orders.get_order_for(principal, callback_data.order_id)
    store = await Store.get(id=order.store_id)
    lines = [
        f"<b>{escape(order.number)}</b> · {status_name(order.status, t)}",
        t("Total: {amount}", amount=money(order.total_cents, order.currency, locale)),
    ]
    timeline = [(s.created_at, status_name(s.to_status, t)) for s in await orders.history(order)]
    timeline += [(e.created_at, t(EVENT_NAMES[e.kind])) for e in await orders.events(order)]
    for at, what in sorted(timeline, key=lambda step: step[0]):
        lines.append(f"{when(at, store.timezone, locale)} — {escape(what)}")
    if order.eta_minutes and order.status in (OrderStatus.ASSIGNED, OrderStatus.PICKED_UP):
        lines.append(t("Arrives in about {minutes} min.", minutes=order.eta_minutes))
    if order.prescription_state in PRESCRIPTION:
        lines.append(t(PRESCRIPTION[order.prescription_state]))
    builder = InlineKeyboardBuilder()
    if order.status is OrderStatus.PENDING and order.prescription_state in OPEN_FOR_UPLOAD:
        builder.button(
            text=t("📎 Send prescription"), callback_data=OrderAct(order_id=order.id, action="rx")
        )
        builder.button(
            text=t("Remove prescription items"),
            callback_data=OrderAct(order_id=order.id, action="rx_remove"),
        )
    if order.status is OrderStatus.PENDING:
        builder.button(
            text=t("✖ Cancel order"), callback_data=OrderAct(order_id=order.id, action="cancel")
        )
    if order.status in relay.OPEN and order.driver_id is not None:
        builder.button(text=t("💬 Message the driver"), callback_data=RelayTo(order_id=order.id))
    if order.status is OrderStatus.DELIVERED:
        for stars in range(1, 6):
            builder.button(text="★" * stars, callback_data=Rate(order_id=order.id, stars=stars))
    builder.button(
        text=t("🔁 Order again"), callback_data=OrderAct(order_id=order.id, action="reorder")
    )
    builder.adjust(1)
    assert callback.message is not None
    await bot.send_message(
        callback.message.chat.id, "\n".join(lines), reply_markup=builder.as_markup()
    )
    await callback.answer()


async def cancel(
    callback: CallbackQuery, callback_data: OrderAct, principal: Principal, t: Translate
) -> None:
    await orders.cancel_by_customer(callback_data.order_id, principal)
    await callback.answer(t("Order cancelled"), show_alert=True)


async def reorder(
    callback: CallbackQuery, callback_data: OrderAct, principal: Principal, t: Translate
) -> None:
    await orders.reorder(callback_data.order_id, principal)
    await callback.answer(t("The items are back in your cart."), show_alert=True)


async def rate(
    callback: CallbackQuery, callback_data: Rate, principal: Principal, t: Translate
) -> None:
    await engagement.rate_order(principal.user_id, callback_data.order_id, callback_data.stars)
    await callback.answer(t("Thank you for your rating!"), show_alert=True)


def router() -> Router:
    built = Router(name=__name__)
    built.callback_query.register(order_detail, OrderView.filter())
    built.callback_query.register(cancel, OrderAct.filter(F.action == "cancel"))
    built.callback_query.register(reorder, OrderAct.filter(F.action == "reorder"))
    built.callback_query.register(rate, Rate.filter())
    return built
