"""Domain events: what happened, written to the outbox in the transaction that did it.

Each event goes to the outbox channels listed in ROUTES; one row per channel, so a slow or
failing consumer (Telegram, Pushover) is retried without repeating the others:

- `realtime`: published on the bus; every process's websocket hub fans it out to rooms.
- `notifications:customer|dispatcher|driver`: the bots' senders turn it into chat messages.
- `alerts`: Pushover for the critical ones.

Payloads are flat JSON objects; their shapes are documented in docs/events.md.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from core.outbox import enqueue_many


class EventKind(StrEnum):
    ORDER_CREATED = "ORDER_CREATED"
    ORDER_STATUS_CHANGED = "ORDER_STATUS_CHANGED"
    ORDER_ASSIGNED = "ORDER_ASSIGNED"
    ORDER_PAID = "ORDER_PAID"
    ORDER_ID_CHECKED = "ORDER_ID_CHECKED"
    ORDER_REFUNDED = "ORDER_REFUNDED"
    BACK_IN_STOCK = "BACK_IN_STOCK"
    RELAY_MESSAGE = "RELAY_MESSAGE"
    # Published on the bus directly by services.drivers (only the latest position matters).
    DRIVER_LOCATION_UPDATED = "DRIVER_LOCATION_UPDATED"
    DRIVER_STATUS_CHANGED = "DRIVER_STATUS_CHANGED"
    # The ETAs of a delivery run's stops left, counted again when a stop is over.
    DRIVER_ETAS_UPDATED = "DRIVER_ETAS_UPDATED"
    PRESCRIPTION_SUBMITTED = "PRESCRIPTION_SUBMITTED"
    PRESCRIPTION_REVIEWED = "PRESCRIPTION_REVIEWED"
    # Auto-dispatch (services/auto_dispatch.py): an order offered to a driver, the offer
    # answered / expired / cancelled, and nobody left to ask.
    DISPATCH_OFFERED = "DISPATCH_OFFERED"
    DISPATCH_OFFER_CLOSED = "DISPATCH_OFFER_CLOSED"
    DISPATCH_NO_DRIVER = "DISPATCH_NO_DRIVER"


REALTIME = "realtime"
NOTIFY_CUSTOMER = "notifications:customer"
NOTIFY_DISPATCHER = "notifications:dispatcher"
NOTIFY_DRIVER = "notifications:driver"
ALERTS = "alerts"

ROUTES: dict[EventKind, tuple[str, ...]] = {
    EventKind.ORDER_CREATED: (REALTIME, NOTIFY_DISPATCHER, NOTIFY_CUSTOMER, ALERTS),
    EventKind.ORDER_STATUS_CHANGED: (
        REALTIME,
        NOTIFY_CUSTOMER,
        NOTIFY_DISPATCHER,
        NOTIFY_DRIVER,
        ALERTS,
    ),
    EventKind.ORDER_ASSIGNED: (REALTIME, NOTIFY_DRIVER, NOTIFY_DISPATCHER, ALERTS),
    EventKind.ORDER_PAID: (REALTIME, NOTIFY_CUSTOMER, NOTIFY_DISPATCHER),
    EventKind.ORDER_ID_CHECKED: (REALTIME, NOTIFY_DRIVER, NOTIFY_DISPATCHER),
    EventKind.ORDER_REFUNDED: (REALTIME, NOTIFY_CUSTOMER),
    EventKind.DRIVER_STATUS_CHANGED: (REALTIME, NOTIFY_DISPATCHER),
    EventKind.DRIVER_ETAS_UPDATED: (REALTIME,),
    EventKind.BACK_IN_STOCK: (NOTIFY_CUSTOMER,),
    EventKind.PRESCRIPTION_SUBMITTED: (REALTIME, NOTIFY_DISPATCHER),
    EventKind.PRESCRIPTION_REVIEWED: (REALTIME, NOTIFY_CUSTOMER, NOTIFY_DISPATCHER),
    EventKind.RELAY_MESSAGE: (REALTIME, NOTIFY_CUSTOMER, NOTIFY_DRIVER),
    EventKind.DISPATCH_OFFERED: (REALTIME, NOTIFY_DRIVER),
    EventKind.DISPATCH_OFFER_CLOSED: (REALTIME, NOTIFY_DRIVER),
    EventKind.DISPATCH_NO_DRIVER: (REALTIME, NOTIFY_DISPATCHER),
}


async def emit(kind: EventKind, payload: dict[str, Any]) -> None:
    """Record `kind` for every channel that consumes it.

    Call inside the transaction of the change the event reports: the rows commit or roll
    back with it. Payloads must carry `store_id` (every event belongs to one store).
    """
    if "store_id" not in payload:
        raise ValueError("an event payload needs store_id")
    await enqueue_many(ROUTES[kind], kind.value, payload)
