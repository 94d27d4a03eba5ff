from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.common.relay import RelayTo
from core.i18n import Translate
from core.i18n import gettext_noop as N
from models import Order
from models.enums import IdDocument, OrderStatus

START_SHIFT = N("▶ Start shift")
END_SHIFT = N("⏹ End shift")
MY_DELIVERIES = N("📋 My deliveries")


class Delivery(CallbackData, prefix="dl"):
    order_id: int
    # picked_up | id_ok | kept_cold | delivered | skip_photo | refuse | back (closes a chooser)
    action: str


class OfferAnswer(CallbackData, prefix="of"):
    offer_id: int
    action: str  # accept | decline


class IdDoc(CallbackData, prefix="id"):
    order_id: int
    document: IdDocument


class Refuse(CallbackData, prefix="rf"):
    order_id: int
    reason: str  # a key of services.orders.REFUSALS


DOCUMENTS = {
    IdDocument.ID_CARD: N("🪪 ID card"),
    IdDocument.PASSPORT: N("🛂 Passport"),
    IdDocument.DRIVING_LICENCE: N("🚗 Driving licence"),
    IdDocument.RESIDENCE_PERMIT: N("📄 Residence permit"),
}
REFUSAL_BUTTONS = {
    "no_id": N("No valid ID"),
    "underage": N("Under age"),
    "customer_absent": N("Nobody there"),
    "customer_refused": N("Customer refused"),
}


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
        if order.cold_chain and order.kept_cold_at is None:
            # Said at the door, before the handover: the goods stayed cold all the way.
            builder.button(
                text=t("❄ Kept cold"),
                callback_data=Delivery(order_id=order.id, action="kept_cold"),
            )
        elif order.requires_id_check and order.id_checked_at is None:
            builder.button(
                text=t("🪪 Check ID"), callback_data=Delivery(order_id=order.id, action="id_ok")
            )
        else:
            builder.button(
                text=t("✅ Delivered"),
                callback_data=Delivery(order_id=order.id, action="delivered"),
            )
        builder.button(
            text=t("🚫 Cannot hand over"),
            callback_data=Delivery(order_id=order.id, action="refuse"),
        )
    else:
        return None
    builder.button(text=t("💬 Message the customer"), callback_data=RelayTo(order_id=order.id))
    builder.adjust(1)
    return builder.as_markup()


def back(order_id: int, t: Translate) -> tuple[str, Delivery]:
    return t("⬅ Back"), Delivery(order_id=order_id, action="back")


def documents(order_id: int, t: Translate) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for document, text in DOCUMENTS.items():
        builder.button(text=t(text), callback_data=IdDoc(order_id=order_id, document=document))
    label, data = back(order_id, t)
    builder.button(text=label, callback_data=data)
    builder.adjust(2)
    return builder.as_markup()


def refusals(order_id: int, t: Translate) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for reason, text in REFUSAL_BUTTONS.items():
        builder.button(text=t(text), callback_data=Refuse(order_id=order_id, reason=reason))
    label, data = back(order_id, t)
    builder.button(text=label, callback_data=data)
    builder.adjust(2)
    return builder.as_markup()


def offer_buttons(offer_id: int, t: Translate) -> InlineKeyboardMarkup:
    """Accept / Decline under an auto-dispatch offer."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("✅ Accept"), callback_data=OfferAnswer(offer_id=offer_id, action="accept")
    )
    builder.button(
        text=t("✖ Decline"), callback_data=OfferAnswer(offer_id=offer_id, action="decline")
    )
    builder.adjust(2)
    return builder.as_markup()


def skip_photo(order_id: int, t: Translate) -> InlineKeyboardMarkup:
    """Under the proof-photo request, when the store does not require the photo."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("⏭ Skip the photo"), callback_data=Delivery(order_id=order_id, action="skip_photo")
    )
    return builder.as_markup()
