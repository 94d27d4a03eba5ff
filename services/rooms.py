"""Realtime rooms: which rooms an identity may join, and which rooms each event goes to.

Rooms: `store:{id}` (the store's staff board), `dispatcher:{user_id}`, `driver:{user_id}`,
`customer:{user_id}`, and `track:{order_id}` for the public tracking page (the driver's
position and the order's status, nothing else). A customer never sees another customer's
data: for the driver's location each customer room gets only that customer's own orders.
"""

from __future__ import annotations

from typing import Any

from core.security import Principal
from models import Store
from models.enums import Role

BOARD_ROLES = {Role.ADMIN.value, Role.MANAGER.value, Role.DISPATCHER.value}


async def allowed_rooms(principal: Principal) -> set[str]:
    rooms = (
        {f"{principal.role}:{principal.user_id}"}
        if principal.role in (Role.CUSTOMER.value, Role.DRIVER.value, Role.DISPATCHER.value)
        else set()
    )
    if principal.role in BOARD_ROLES:
        store_ids: list[int] = list(principal.store_ids)
        if principal.role == Role.ADMIN.value:
            store_ids = [s.id for s in await Store.filter(is_active=True).only("id")]
        rooms |= {f"store:{s}" for s in store_ids}
    return rooms


def route(kind: str, payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The rooms an event goes to, each with the payload that room may see."""
    rooms: dict[str, dict[str, Any]] = {f"store:{payload['store_id']}": payload}
    if kind.startswith("ORDER_"):
        if payload.get("customer_id"):
            rooms[f"customer:{payload['customer_id']}"] = payload
        if payload.get("driver_user_id"):
            rooms[f"driver:{payload['driver_user_id']}"] = payload
        if payload.get("order_id") and "to" in payload:
            # The public tracking page learns the status only (it ends at delivery).
            rooms[f"track:{payload['order_id']}"] = {
                "store_id": payload["store_id"],
                "order_id": payload["order_id"],
                "to": payload["to"],
            }
    elif kind.startswith("DISPATCH_"):
        # Offers: the store's board and the driver asked (never the customer).
        if payload.get("driver_user_id"):
            rooms[f"driver:{payload['driver_user_id']}"] = payload
    elif kind.startswith("DRIVER_"):
        if payload.get("driver_user_id"):
            rooms[f"driver:{payload['driver_user_id']}"] = payload
        for entry in payload.get("orders", []):
            own = [o for o in payload["orders"] if o["customer_id"] == entry["customer_id"]]
            rooms[f"customer:{entry['customer_id']}"] = {
                "store_id": payload["store_id"],
                "lat": payload.get("lat"),
                "lng": payload.get("lng"),
                "at": payload.get("at"),
                "orders": own,
            }
            rooms[f"track:{entry['order_id']}"] = {
                "store_id": payload["store_id"],
                "lat": payload.get("lat"),
                "lng": payload.get("lng"),
                "at": payload.get("at"),
                "orders": [entry],
            }
    return rooms
