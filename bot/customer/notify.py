"""notifications:customer → a message to the customer for the order's creation and every
status change, in their language."""

from __future__ import annotations

from html import escape

from aiogram.utils.keyboard import InlineKeyboardBuilder
from tortoise.transactions import in_transaction

from bot.common.sender import enqueue_message
from bot.common.texts import status_name
from bot.customer.keyboards import OrderView, Rate
from core.i18n import money, translator
from models import Order, OutboxMessage
from models.enums import OrderStatus
from services import recipients


async def on_event(row: OutboxMessage) -> None:
    order = await Order.get_or_none(id=row.payload.get("order_id", 0))
    if order is None:
        return
    person = await recipients.customer(order.customer_id)
    if person is None:
        return  # a web customer without Telegram: the storefront shows the status
    t = translator(person.locale)
    if row.kind == "ORDER_CREATED":
        text = t(
            "Thank you! Order {number} is received. Total {total}.",
            number=order.number,
            total=money(order.total_cents, order.currency, person.locale),
        )
    elif row.kind == "ORDER_STATUS_CHANGED":
        status = OrderStatus(row.payload["to"])
        text = t("Order {number}: {status}", number=order.number, status=status_name(status, t))
        if status is OrderStatus.PICKED_UP and order.eta_minutes:
            text += "\n" + t("Arrives in about {minutes} min.", minutes=order.eta_minutes)
        if status is OrderStatus.CANCELLED and order.cancel_reason:
            text += "\n" + t("Reason: {reason}", reason=t(order.cancel_reason))
    elif row.kind == "ORDER_PAID":
        text = t("Payment received for order {number}. Thank you!", number=order.number)
    elif row.kind == "ORDER_REFUNDED":
        amount = money(int(row.payload["amount_cents"]), order.currency, person.locale)
        if row.payload.get("to") == "wallet":
            text = t(
                "Order {number}: {amount} refunded to your wallet.",
                number=order.number,
                amount=amount,
            )
        else:
            text = t(
                "Order {number}: {amount} refunded to you.", number=order.number, amount=amount
            )
            if row.payload.get("txid"):
                text += "\n" + t("Transaction: {txid}", txid=escape(str(row.payload["txid"])))
    else:
        return
    builder = InlineKeyboardBuilder()
    if row.kind == "ORDER_STATUS_CHANGED" and row.payload["to"] == OrderStatus.DELIVERED.value:
        text += "\n" + t("How was it? Tap the stars to rate the delivery.")
        for stars in range(1, 6):
            builder.button(text="★" * stars, callback_data=Rate(order_id=order.id, stars=stars))
    builder.button(text=t("View order"), callback_data=OrderView(order_id=order.id))
    builder.adjust(*([5] if row.payload.get("to") == OrderStatus.DELIVERED.value else []), 1)
    async with in_transaction():
        await enqueue_message("customer", person.chat_id, text, markup=builder.as_markup())
