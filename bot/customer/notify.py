"""notifications:customer → a message to the customer for the order's creation and every
status change, in their language."""

from __future__ import annotations

from html import escape

from aiogram.utils.keyboard import InlineKeyboardBuilder
from tortoise.transactions import in_transaction

from bot.common.relay import relayed, reply_button
from bot.common.sender import enqueue_message
from bot.common.texts import UNDONE, status_name
from bot.customer.keyboards import OrderView, Prod, Rate
from core.i18n import money, translator
from core.settings import Settings
from models import Order, OutboxMessage, Product, ProductVariant
from models.enums import OrderStatus
from services import recipients, tracking
from services.i18n_text import pick


async def on_event(row: OutboxMessage, *, settings: Settings) -> None:
    if row.kind == "BACK_IN_STOCK":
        await _back_in_stock(row)
        return
    order = await Order.get_or_none(id=row.payload.get("order_id", 0))
    if order is None:
        return
    person = await recipients.customer(order.customer_id)
    if person is None:
        return  # a web customer without Telegram: the storefront shows the status
    t = translator(person.locale)
    if row.kind == "RELAY_MESSAGE":
        if row.payload["sender"] == "driver":
            async with in_transaction():
                await enqueue_message(
                    "customer",
                    person.chat_id,
                    relayed(t("💬 Your driver, order {number}:", number=order.number), row),
                    markup=reply_button(order.id, t),
                )
        return
    if row.kind == "ORDER_CREATED":
        text = t(
            "Thank you! Order {number} is received. Total {total}.",
            number=order.number,
            total=money(order.total_cents, order.currency, person.locale),
        )
    elif row.kind == "ORDER_STATUS_CHANGED":
        status = OrderStatus(row.payload["to"])
        text = t("Order {number}: {status}", number=order.number, status=status_name(status, t))
        if status is OrderStatus.ASSIGNED and order.run_position and order.eta_minutes:
            # One of several stops of the driver's run: the ETA counts the stops before it.
            text += "\n" + t(
                "Your order is stop {position} on the driver's route: arrives in about "
                "{minutes} min.",
                position=order.run_position,
                minutes=order.eta_minutes,
            )
        if status is OrderStatus.PICKED_UP and order.eta_minutes:
            text += "\n" + t("Arrives in about {minutes} min.", minutes=order.eta_minutes)
        if status is OrderStatus.PICKED_UP and (link := tracking.tracking_url(settings, order)):
            text += "\n" + t("Follow the driver on the map: {link}", link=link)
        if status in UNDONE and order.cancel_reason:
            text += "\n" + t("Reason: {reason}", reason=t(order.cancel_reason))
    elif row.kind == "ORDER_PAID":
        text = t("Payment received for order {number}. Thank you!", number=order.number)
    elif row.kind == "PRESCRIPTION_REVIEWED" and row.payload.get("decision") == "approved":
        text = t("Order {number}: the pharmacist approved your prescription.", number=order.number)
    elif row.kind == "PRESCRIPTION_REVIEWED":
        text = t(
            "Order {number}: the pharmacist could not accept the prescription: {note}\n"
            "Send another one, or remove the prescription items from the order.",
            number=order.number,
            note=escape(str(row.payload.get("note", ""))),
        )
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


async def _back_in_stock(row: OutboxMessage) -> None:
    person = await recipients.customer(row.payload["customer_id"])
    variant = await ProductVariant.get_or_none(id=row.payload["variant_id"])
    if person is None or variant is None:
        return  # no Telegram chat (the storefront shows stock) or the variant is gone
    product = await Product.get(id=variant.product_id)
    t = translator(person.locale)
    name = pick(product.name, person.locale)
    if variant_name := pick(variant.name, person.locale):
        name += f" · {variant_name}"
    builder = InlineKeyboardBuilder()
    builder.button(text=t("View product"), callback_data=Prod(product_id=product.id))
    async with in_transaction():
        await enqueue_message(
            "customer",
            person.chat_id,
            t("Good news: {name} is back in stock.", name=name),
            markup=builder.as_markup(),
        )
