"""Stores: public information, zones and staff membership."""

from __future__ import annotations

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


async def get_store(store_id: int) -> Store:
    """The active store; raises NotFound."""
    store = await Store.get_or_none(id=store_id, is_active=True)
    if store is None:
        raise NotFound("no such store", fields={"store_id": "unknown id"})
    return store


async def active_zones(store_id: int) -> list[DeliveryZone]:
    return await DeliveryZone.filter(store_id=store_id, is_active=True).order_by("-priority", "id")
