"""Live tracking: a signed public link per order that shows the driver on a map and the ETA
while the order is on its way, and nothing once it has ended.

The link carries the order id and an HMAC of it under a key derived from the secret key for
this one purpose, so it can be shared with a family member without an account and cannot be
forged for another order. It says only what a person waiting at the door needs: the status,
the ETA, the driver's last position and the store's; never the address or the customer.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from core.errors import Gone, NotFound
from core.settings import Settings
from models import Driver, Order, Store
from models.enums import OrderStatus

ON_THE_WAY = (OrderStatus.ASSIGNED, OrderStatus.PICKED_UP)
ENDED = (OrderStatus.DELIVERED, OrderStatus.CANCELLED)
MAX_TOKEN = 64


def _signature(secret: str, order_id: int) -> str:
    key = hashlib.sha256(b"tracking-link:" + secret.encode()).digest()
    digest = hmac.new(key, str(order_id).encode(), hashlib.sha256).digest()[:18]
    return base64.urlsafe_b64encode(digest).decode()


def tracking_token(secret: str, order_id: int) -> str:
    return f"{order_id}-{_signature(secret, order_id)}"


def order_id_for(secret: str, token: str) -> int:
    """The order a token names; NotFound for anything forged, altered or malformed."""
    head, _, signature = token.partition("-")
    if len(token) > MAX_TOKEN or not token.isascii() or not head.isdigit() or len(head) > 12:
        raise NotFound("no such tracking link", code="tracking_link_invalid")
    order_id = int(head)
    if not hmac.compare_digest(signature.encode(), _signature(secret, order_id).encode()):
        raise NotFound("no such tracking link", code="tracking_link_invalid")
    return order_id


def tracking_url(settings: Settings, order: Order) -> str | None:
    """The public link, once a driver has the order and until it ends."""
    if order.driver_id is None or order.status not in ON_THE_WAY:
        return None
    base = settings.public_base_url.rstrip("/")
    return f"{base}/track/{tracking_token(settings.secret_key, order.id)}"


@dataclass(frozen=True)
class Position:
    lat: float
    lng: float
    at: datetime | None


@dataclass(frozen=True)
class TrackingView:
    order_id: int
    number: str
    status: str
    eta_minutes: int | None
    store_name: str
    store: Position | None
    driver: Position | None
    room: str


def room_for(order_id: int) -> str:
    return f"track:{order_id}"


async def tracking_view(settings: Settings, token: str) -> TrackingView:
    """What the public page shows. NotFound for a bad link; Gone (410) once the order was
    delivered or cancelled."""
    order = await Order.get_or_none(id=order_id_for(settings.secret_key, token))
    if order is None:
        raise NotFound("no such tracking link", code="tracking_link_invalid")
    if order.status in ENDED:
        raise Gone("this delivery has ended", code="tracking_ended")
    store = await Store.get(id=order.store_id)
    driver = await Driver.get_or_none(id=order.driver_id) if order.driver_id else None
    position = None
    if driver is not None and driver.last_lat is not None and driver.last_lng is not None:
        position = Position(driver.last_lat, driver.last_lng, driver.last_location_at)
    return TrackingView(
        order_id=order.id,
        number=order.number,
        status=order.status.value,
        eta_minutes=order.eta_minutes,
        store_name=store.name,
        store=Position(store.lat, store.lng, None)
        if store.lat is not None and store.lng is not None
        else None,
        driver=position,
        room=room_for(order.id),
    )
