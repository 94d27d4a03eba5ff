"""alerts → Pushover for the critical moments: a new order (emergency, repeats until
acknowledged), a driver assigned (emergency, to that driver), a delivery (high priority).
Recipients come from the store's configuration, never from code."""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from bot.common.pushover import enqueue_alert
from core.i18n import gettext_noop as N
from core.i18n import money, translator
from models import Order, OutboxMessage, Store
from services import recipients

NEW_ORDER, DELIVERED = "new_order", "delivered"


async def on_event(row: OutboxMessage) -> None:
    payload = row.payload
    if row.kind == "ORDER_ASSIGNED":
        await _assigned(payload)
        return
    if row.kind == "ORDER_CREATED":
        moment = NEW_ORDER
    elif row.kind == "ORDER_STATUS_CHANGED" and payload.get("to") == "delivered":
        moment = DELIVERED
    else:
        return
    # Most events of most stores alert nobody: ask that first (every payload names its store),
    # and read the order and the store's language only for someone to tell.
    people = await recipients.alert_recipients(int(payload.get("store_id", 0)), moment)
    if not people:
        return
    order = await Order.get_or_none(id=payload.get("order_id", 0))
    if order is None:
        return
    # Recipients have no language of their own: alerts speak the store's.
    locale = (await Store.get(id=order.store_id)).default_locale
    t = translator(locale)
    async with in_transaction():
        for person in people:
            if moment == NEW_ORDER:
                await enqueue_alert(
                    person.pushover_user_key,
                    t(N("New order {number}"), number=order.number),
                    f"{money(order.total_cents, order.currency, locale)} · {order.address_text}",
                    2,
                )
            else:
                await enqueue_alert(
                    person.pushover_user_key,
                    t(N("Delivered {number}"), number=order.number),
                    order.address_text,
                    1,
                )


async def _assigned(payload: dict[str, Any]) -> None:
    order = await Order.get_or_none(id=payload.get("order_id", 0))
    if order is None:
        return
    key = await recipients.driver_pushover_key(order.driver_id)
    if key:
        locale = (await Store.get(id=order.store_id)).default_locale
        t = translator(locale)
        await enqueue_alert(
            key, t(N("Delivery {number} is yours"), number=order.number), order.address_text, 2
        )
