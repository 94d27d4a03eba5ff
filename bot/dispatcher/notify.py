"""notifications:dispatcher → one chat message per dispatcher of the store for a new order;
later changes edit every copy to show the new state and who acted."""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from bot.common.sender import enqueue_message
from bot.common.texts import actor_note, order_card
from bot.dispatcher.keyboards import order_actions
from bot.dispatcher.prescriptions import review_buttons
from core.i18n import translator
from models import BotMessage, Order, OutboxMessage, User
from models.enums import OrderStatus
from services import recipients

PURPOSE = "dispatch"


def _done(kind: str, payload: dict[str, Any]) -> OrderStatus | str:
    """What the last actor did: a status, or an order event such as the ID check."""
    if kind == "ORDER_ID_CHECKED":
        return "id_checked"
    if kind == "PRESCRIPTION_SUBMITTED":
        return "prescription_submitted"
    if kind == "PRESCRIPTION_REVIEWED":
        return f"prescription_{payload['decision']}"
    return OrderStatus(payload["to"])


async def on_event(row: OutboxMessage) -> None:
    payload = row.payload
    if row.kind == "ORDER_PAID":
        await _paid(payload)
        return
    if row.kind == "DISPATCH_NO_DRIVER":
        await _no_driver(payload)
        return
    if row.kind not in (
        "ORDER_CREATED",
        "ORDER_STATUS_CHANGED",
        "ORDER_ID_CHECKED",
        "PRESCRIPTION_SUBMITTED",
        "PRESCRIPTION_REVIEWED",
    ):
        return  # assignment shows up as a status change; driver shifts need no chat message
    if row.kind == "ORDER_CREATED":
        await _created(payload)
        return
    order = await Order.get_or_none(id=payload["order_id"])
    if order is None:
        return
    async with in_transaction():
        if row.kind == "PRESCRIPTION_SUBMITTED":
            await _ask_pharmacists(order)
        copies = await BotMessage.filter(order_id=order.id, bot="dispatcher", purpose=PURPOSE)
        for copy in copies:
            reader = await User.get_or_none(tg_id=copy.chat_id)
            locale = reader.locale if reader else "en"
            t = translator(locale)
            note = await actor_note(payload.get("actor_id"), _done(row.kind, payload), t)
            await enqueue_message(
                "dispatcher",
                copy.chat_id,
                await order_card(order, t, locale, last_actor=note),
                markup=order_actions(order.id, order.status, t),
                edit=copy.message_id,
            )


async def _created(payload: dict[str, Any]) -> None:
    """A new order: a card to every dispatcher of the store (payloads name their store, so a
    store nobody dispatches in Telegram costs one look-up)."""
    people = await recipients.dispatchers(int(payload["store_id"]))
    if not people:
        return
    order = await Order.get_or_none(id=payload["order_id"])
    if order is None:
        return
    async with in_transaction():
        for person in people:
            t = translator(person.locale)
            await enqueue_message(
                "dispatcher",
                person.chat_id,
                await order_card(order, t, person.locale),
                markup=order_actions(order.id, order.status, t),
                remember=(order.store_id, order.id, PURPOSE),
            )


async def _ask_pharmacists(order: Order) -> None:
    """A prescription arrived: every pharmacist of the store gets it to review."""
    for person in await recipients.pharmacists(order.store_id):
        t = translator(person.locale)
        await enqueue_message(
            "dispatcher",
            person.chat_id,
            t("💊 A prescription for order {number} waits for review.", number=order.number),
            markup=review_buttons(order.id, t),
        )


async def _paid(payload: dict[str, Any]) -> None:
    """A crypto order is paid: the dispatchers may confirm it now."""
    order = await Order.get_or_none(id=payload["order_id"])
    if order is None:
        return
    async with in_transaction():
        for person in await recipients.dispatchers(order.store_id):
            t = translator(person.locale)
            await enqueue_message(
                "dispatcher",
                person.chat_id,
                t(
                    "Order {number} is paid ({asset}): it can be confirmed now.",
                    number=order.number,
                    asset=payload.get("asset", ""),
                ),
                markup=order_actions(order.id, order.status, t),
            )


async def _no_driver(payload: dict[str, Any]) -> None:
    """Auto-dispatch found nobody (left) to take a ready order: the dispatchers assign it."""
    order = await Order.get_or_none(id=payload["order_id"])
    if order is None or order.status is not OrderStatus.READY:
        return
    async with in_transaction():
        for person in await recipients.dispatchers(order.store_id):
            t = translator(person.locale)
            await enqueue_message(
                "dispatcher",
                person.chat_id,
                t(
                    "⚠ No driver took order {number}: assign it yourself.",
                    number=order.number,
                ),
                markup=order_actions(order.id, order.status, t),
            )
