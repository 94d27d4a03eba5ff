"""Stores: public information, zones and staff membership."""

from __future__ import annotations

from core.db import fetch_models
from core.errors import NotFound
from models import DeliveryZone, Store


async def list_stores() -> list[Store]:
    return await Store.filter(is_active=True).order_by("id")


async def first_store() -> Store:
    """The active store with the lowest id (where a customer shops unless they chose one);
    raises NotFound when none is open."""
    store = await Store.filter(is_active=True).order_by("id").first()
    if store is None:
        raise NotFound("no store is open")
    return store


# Hand-written: every checkout reads the store and its zones, and building these reads with
# the ORM cost more than running them.
_STORE_SQL = "SELECT * FROM stores WHERE id = $1 AND is_active"
_ZONES_SQL = (
    "SELECT * FROM delivery_zones WHERE store_id = $1 AND is_active ORDER BY priority DESC, id"
)


async def get_store(store_id: int) -> Store:
    """The active store; raises NotFound."""
    found = await fetch_models(Store, _STORE_SQL, store_id)
    if not found:
        raise NotFound("no such store", fields={"store_id": "unknown id"})
    return found[0]


async def active_zones(store_id: int) -> list[DeliveryZone]:
    """The store's active delivery zones, highest priority first."""
    return await fetch_models(DeliveryZone, _ZONES_SQL, store_id)
