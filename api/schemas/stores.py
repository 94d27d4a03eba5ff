from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from models import DeliveryZone, Store


class ZoneOut(BaseModel):
    id: int
    name: str
    fee_cents: int
    min_order_cents: int
    eta_minutes: int | None
    polygon: dict[str, Any]

    @classmethod
    def of(cls, zone: DeliveryZone) -> ZoneOut:
        return cls(
            id=zone.id,
            name=zone.name,
            fee_cents=zone.fee_cents,
            min_order_cents=zone.min_order_cents,
            eta_minutes=zone.eta_minutes,
            polygon=zone.polygon,
        )


class StoreOut(BaseModel):
    id: int
    slug: str
    name: str
    phone: str
    address: str
    lat: float | None
    lng: float | None
    timezone: str
    currency: str
    default_locale: str
    legal_age: int
    opening_hours: dict[str, Any]

    @classmethod
    def of(cls, store: Store) -> StoreOut:
        return cls(
            id=store.id,
            slug=store.slug,
            name=store.name,
            phone=store.phone,
            address=store.address_text,
            lat=store.lat,
            lng=store.lng,
            timezone=store.timezone,
            currency=store.currency,
            default_locale=store.default_locale,
            legal_age=store.legal_age,
            opening_hours=store.opening_hours,
        )


class StoreDetailOut(StoreOut):
    zones: list[ZoneOut]


class StoreList(BaseModel):
    items: list[StoreOut]
