"""notifications:driver → the assigned driver gets the delivery card; later changes edit it."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from bot.common.relay import relayed, reply_button
from bot.common.sender import enqueue_message
from bot.common.texts import delivery_card
from bot.driver.keyboards import delivery_actions
from core.i18n import translator
from models import BotMessage, Order, OutboxMessage, User
from services import recipients

PURPOSE = "delivery"


async def on_event(row: OutboxMessage) -> None:
    payload = row.payload
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
