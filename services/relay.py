"""The customer–driver chat relay: while an order is with a driver, its customer and its
driver can write to each other through their own bots (or the mini-apps). Neither learns the
other's Telegram account; every message is kept on the order (an order event), and the relay
closes when the order leaves the driver's hands."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from core.security import Principal
from core.untrusted import CONTROL
from models import Driver, Order, OrderEvent
from models.enums import OrderEventKind, OrderStatus
from services import orders
from services.events import EventKind, emit

OPEN = (OrderStatus.ASSIGNED, OrderStatus.PICKED_UP)
MAX_TEXT = 1000


def clean_text(text: str) -> str:
    """The message as it is relayed: control characters out, at most MAX_TEXT characters."""
    cleaned = CONTROL.sub("", text.replace("\r\n", "\n")).strip()
    if not cleaned:
        raise ValidationFailed("write a message", fields={"text": "required"})
    if len(cleaned) > MAX_TEXT:
        raise ValidationFailed("the message is too long", fields={"text": f"at most {MAX_TEXT}"})
    return cleaned


async def send(order_id: int, principal: Principal, text: str) -> OrderEvent:
    """Relay `text` from the order's customer to its driver or the other way round.

    Raises NotFound (not their order), Forbidden `relay_not_party` (store staff read the log
    but do not write in it), Conflict `relay_closed` (no driver yet, or delivered/returned),
    ValidationFailed on `text`."""
    message = clean_text(text)
    async with in_transaction():
        order = await Order.filter(id=order_id).select_for_update().first()
        if order is None:
            raise NotFound("no such order", fields={"order_id": "unknown id"})
        actor = await orders.relation(order, principal)
        if not (actor.is_customer or actor.is_driver):
            raise Forbidden("only the customer and the driver write here", code="relay_not_party")
        if order.status not in OPEN or order.driver_id is None:
            raise Conflict("the chat with the driver is closed", code="relay_closed")
        side = "customer" if actor.is_customer else "driver"
        event = await OrderEvent.create(
            store_id=order.store_id,
            order=order,
            kind=OrderEventKind.CHAT_MESSAGE,
            actor_id=principal.user_id,
            actor_role=actor.role,
            data={"from": side, "text": message},
        )
        await emit(
            EventKind.RELAY_MESSAGE,
            orders.order_payload(
                order,
                sender=side,
                text=message,
                event_id=event.id,
                driver_user_id=(await Driver.get(id=order.driver_id)).user_id,
            ),
        )
    return event


async def messages(order_id: int, principal: Principal) -> list[OrderEvent]:
    """The relay's log for the order's customer, its driver and the store's staff."""
    order = await orders.get_order_for(principal, order_id)
    return await OrderEvent.filter(order=order, kind=OrderEventKind.CHAT_MESSAGE).order_by("id")
