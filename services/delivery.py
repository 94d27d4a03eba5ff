"""Delivery: which zone an address falls in, its fee and minimum, time slots, ETA."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import F

from core.clock import utcnow
from core.errors import Conflict, NotFound, ValidationFailed
from core.geocoding import Geocoder
from core.settings import Settings
from models import DeliveryZone, Store, TimeSlot
from models.enums import TransportType
from services import hours
from services.hours import Asap
from services.stores import active_zones

EARTH_RADIUS_KM = 6371.0088
SLOT_LEAD_TIME = timedelta(minutes=30)
SLOT_HORIZON = timedelta(days=7)


@dataclass(frozen=True)
class Quote:
    lat: float
    lng: float
    zone: DeliveryZone
    distance_km: float
    eta_minutes: int
    address_text: str
    # What "as soon as possible" means at the time of the quote (opening hours).
    asap: Asap


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def minutes_per_km(transport: TransportType, settings: Settings) -> float:
    """Travel minutes per km by transport type (coefficients in settings)."""
    return {
        TransportType.FOOT: settings.eta_minutes_per_km_foot,
        TransportType.BIKE: settings.eta_minutes_per_km_bike,
        TransportType.CAR: settings.eta_minutes_per_km_car,
    }[transport]


def travel_minutes(distance_km: float, per_km: float) -> int:
    """Whole minutes to cover `distance_km` at `per_km` minutes a km (rounded up)."""
    return math.ceil(distance_km * per_km)


def eta_minutes(distance_km: float, transport: TransportType, settings: Settings) -> int:
    """Base handling time plus travel time by transport type (coefficients in settings)."""
    return settings.eta_base_minutes + travel_minutes(
        distance_km, minutes_per_km(transport, settings)
    )


def _in_ring(lng: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lng < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_polygon(lat: float, lng: float, polygon: dict[str, Any]) -> bool:
    """GeoJSON Polygon or MultiPolygon ([lng, lat] order); holes are excluded."""
    kind = polygon.get("type")
    coordinates = polygon.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    for rings in polygons:
        if (
            rings
            and _in_ring(lng, lat, rings[0])
            and not any(_in_ring(lng, lat, h) for h in rings[1:])
        ):
            return True
    return False


async def find_zone(store_id: int, lat: float, lng: float) -> DeliveryZone:
    """The highest-priority active zone containing the point; raises zone_unavailable."""
    for zone in await active_zones(store_id):
        if point_in_polygon(lat, lng, zone.polygon):
            return zone
    raise ValidationFailed(
        "we do not deliver to this address",
        code="zone_unavailable",
        fields={"address": "outside every delivery zone"},
    )


async def quote(
    store: Store,
    *,
    text: str | None,
    lat: float | None,
    lng: float | None,
    geocoder: Geocoder,
    settings: Settings,
    transport: TransportType = TransportType.CAR,
    locale: str = "en",
    at: datetime | None = None,
) -> Quote:
    """Locate the address (coordinates from the client win; else geocode the text), find its
    zone, estimate the delivery time and say when an "as soon as possible" order would come
    (now, or from the store's next opening, `at` being now by default). Raises
    zone_unavailable / address_not_found."""
    if lat is None or lng is None:
        if not text or not text.strip():
            raise ValidationFailed(
                "give an address text or coordinates",
                fields={"address": "text or lat/lng required"},
            )
        point = await geocoder.geocode(text, language=locale)
        lat, lng = point.lat, point.lng
        text = text.strip()
    zone = await find_zone(store.id, lat, lng)
    if not text or not text.strip():
        # A shared location: the street it is on, coordinates only when nobody knows.
        text = await geocoder.reverse(lat, lng, language=locale)
    distance = (
        haversine_km(store.lat, store.lng, lat, lng)
        if store.lat is not None and store.lng is not None
        else 0.0
    )
    return Quote(
        lat=lat,
        lng=lng,
        zone=zone,
        distance_km=round(distance, 3),
        eta_minutes=zone.eta_minutes or eta_minutes(distance, transport, settings),
        address_text=(text or "").strip() or f"{lat:.6f}, {lng:.6f}",
        asap=hours.asap(store, at or utcnow()),
    )


async def bookable_slots(store_id: int) -> list[TimeSlot]:
    """Active future slots (past the lead time, within the horizon) with capacity left."""
    now = utcnow()
    slots = await TimeSlot.filter(
        store_id=store_id,
        is_active=True,
        starts_at__gte=now + SLOT_LEAD_TIME,
        starts_at__lte=now + SLOT_HORIZON,
    ).order_by("starts_at")
    return [s for s in slots if s.reserved < s.capacity]


async def check_slot(store_id: int, slot_id: int) -> TimeSlot:
    slot = await TimeSlot.get_or_none(id=slot_id, store_id=store_id, is_active=True)
    if slot is None:
        raise NotFound("no such time slot", code="slot_not_found", fields={"slot_id": "unknown id"})
    if slot.starts_at < utcnow() + SLOT_LEAD_TIME:
        raise ValidationFailed(
            "this time slot has passed", code="slot_unavailable", fields={"slot_id": "too late"}
        )
    return slot


async def reserve_slot(store_id: int, slot_id: int) -> None:
    """Take one place in the slot, atomically; raises slot_full. Call inside the order's
    transaction so a failed checkout gives the place back."""
    taken = await TimeSlot.filter(
        id=slot_id, store_id=store_id, is_active=True, reserved__lt=F("capacity")
    ).update(reserved=F("reserved") + 1)
    if not taken:
        raise Conflict("this time slot is full", code="slot_full", fields={"slot_id": "full"})


async def release_slot(slot_id: int) -> None:
    await TimeSlot.filter(id=slot_id, reserved__gt=0).update(reserved=F("reserved") - 1)
