from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Translate
from core.i18n import gettext_noop as N
from models import Order
from models.enums import OrderStatus

START_SHIFT = N("▶ Start shift")
END_SHIFT = N("⏹ End shift")
MY_DELIVERIES = N("📋 My deliveries")


class Delivery(CallbackData, prefix="dl"):
    order_id: int
    action: str  # picked_up | id_ok | delivered


def menu(t: Translate) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=t(START_SHIFT)), KeyboardButton(text=t(END_SHIFT))],
            [KeyboardButton(text=t(MY_DELIVERIES))],
            [KeyboardButton(text=t("📍 Share live location"), request_location=True)],
        ],
        resize_keyboard=True,
    )


def navigation_url(order: Order) -> str | None:
    if order.lat is None or order.lng is None:
        return None
    return f"https://www.google.com/maps/dir/?api=1&destination={order.lat},{order.lng}"


def delivery_actions(order: Order, t: Translate) -> InlineKeyboardMarkup | None:
    builder = InlineKeyboardBuilder()
    url = navigation_url(order)
    if order.status in (OrderStatus.ASSIGNED, OrderStatus.PICKED_UP) and url:
        builder.button(text=t("🧭 Navigate"), url=url)
    if order.status is OrderStatus.ASSIGNED:
        builder.button(
            text=t("📦 Picked up"), callback_data=Delivery(order_id=order.id, action="picked_up")
        )
    elif order.status is OrderStatus.PICKED_UP:
        if order.requires_id_check and order.id_checked_at is None:
            builder.button(
                text=t("🪪 ID checked"), callback_data=Delivery(order_id=order.id, action="id_ok")
            )
        builder.button(
            text=t("✅ Delivered"), callback_data=Delivery(order_id=order.id, action="delivered")
        )
    else:
        return None
    builder.adjust(1)
    return builder.as_markup()
