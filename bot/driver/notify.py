"""notifications:driver → the assigned driver gets the delivery card; later changes edit it."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from bot.common.relay import relayed, reply_button
from bot.common.sender import enqueue_message
from bot.common.texts import delivery_card
from bot.driver.keyboards import delivery_actions, offer_buttons
from core.i18n import gettext_noop as N
from core.i18n import translator, when
from models import BotMessage, DispatchOffer, Order, OutboxMessage, Store, User
from services import recipients

PURPOSE = "delivery"
OFFER_PURPOSE = "offer:{offer_id}"
# What the offer message says once the offer is closed (its buttons are gone).
OFFER_CLOSED = {
    "accepted": N("✅ You took order {number}."),
    "declined": N("You passed on order {number}."),
    "expired": N("⌛ The time to answer for order {number} ran out."),
    "cancelled": N("Order {number} was given to another driver: this offer is closed."),
}


async def on_event(row: OutboxMessage) -> None:
    payload = row.payload
    if row.kind in ("DISPATCH_OFFERED", "DISPATCH_OFFER_CLOSED"):
        await _offer(row)
        return
    order = await Order.get_or_none(id=payload.get("order_id", 0))
    if order is None:
        return
    async with in_transaction():
        if row.kind == "RELAY_MESSAGE":
            driver = await recipients.driver(order.driver_id)
            if driver is not None and row.payload["sender"] == "customer":
                t = translator(driver.locale)
                title = t("💬 The customer, order {number}:", number=order.number)
                await enqueue_message(
                    "driver", driver.chat_id, relayed(title, row), markup=reply_button(order.id, t)
                )
            return
        if row.kind == "ORDER_ASSIGNED":
            person = await recipients.driver(order.driver_id)
            if person is None:
                return
            t = translator(person.locale)
            text = t("New delivery for you:") + "\n" + await delivery_card(order, t, person.locale)
            await enqueue_message(
                "driver",
                person.chat_id,
                text,
                markup=delivery_actions(order, t),
                remember=(order.store_id, order.id, PURPOSE),
            )
            return
        if row.kind not in ("ORDER_STATUS_CHANGED", "ORDER_ID_CHECKED"):
            return
        for copy in await BotMessage.filter(order_id=order.id, bot="driver", purpose=PURPOSE):
            reader = await User.get_or_none(tg_id=copy.chat_id)
            locale = reader.locale if reader else "en"
            t = translator(locale)
            await enqueue_message(
                "driver",
                copy.chat_id,
                await delivery_card(order, t, locale),
                markup=delivery_actions(order, t),
                edit=copy.message_id,
            )


async def _offer(row: OutboxMessage) -> None:
    """An auto-dispatch offer: the driver gets it with Accept / Decline; once it is closed the
    message says how it ended, without buttons."""
    payload = row.payload
    offer = await DispatchOffer.get_or_none(id=payload["offer_id"])
    order = await Order.get_or_none(id=payload["order_id"])
    if offer is None or order is None:
        return
    purpose = OFFER_PURPOSE.format(offer_id=offer.id)
    async with in_transaction():
        if row.kind == "DISPATCH_OFFERED":
            person = await recipients.driver(offer.driver_id)
            if person is None:
                return
            t = translator(person.locale)
            store = await Store.get(id=order.store_id)
            lines = [
                t("🚚 Can you take order {number}?", number=order.number),
                order.address_text,
                t("Answer by {time}.", time=when(offer.expires_at, store.timezone, person.locale)),
            ]
            if order.cold_chain:
                lines.append(t("❄ Keep cold: a driver with a cooler only"))
            await enqueue_message(
                "driver",
                person.chat_id,
                "\n".join(lines),
                markup=offer_buttons(offer.id, t),
                remember=(order.store_id, order.id, purpose),
            )
            return
        text = OFFER_CLOSED.get(payload["status"])
        if text is None:
            return
        for copy in await BotMessage.filter(order_id=order.id, bot="driver", purpose=purpose):
            reader = await User.get_or_none(tg_id=copy.chat_id)
            t = translator(reader.locale if reader else "en")
            await enqueue_message(
                "driver", copy.chat_id, t(text, number=order.number), edit=copy.message_id
            )
