"""Setting a store up: the store itself, its delivery zones (validated polygons) and its weekly
slot rules, which the slot generator keeps 14 days ahead."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import changes
from core.clock import utcnow
from core.errors import Conflict, NotFound, Unavailable, ValidationFailed
from core.geocoding import Geocoder
from models import DeliveryZone, SlotRule, Store, TimeSlot

SLOT_HORIZON_DAYS = 14


def check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed(
            "not a timezone", fields={"timezone": "an IANA zone like Europe/Madrid"}
        ) from None


async def create_store(values: dict[str, Any]) -> Store:
    """A new active store. Raises Conflict slug_taken, ValidationFailed naming the field."""
    check_timezone(values["timezone"])
    try:
        store = await Store.create(**values)
    except IntegrityError:
        raise Conflict(
            "a store with this slug exists", code="slug_taken", fields={"slug": "taken"}
        ) from None
    changes.changed("store")
    return store


# --- zones -------------------------------------------------------------------------------


def _segments_cross(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]
) -> bool:
    def orient(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = orient(c, d, a), orient(c, d, b)
    d3, d4 = orient(a, b, c), orient(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def polygon_problem(polygon: Any, store: Store | None = None) -> str | None:
    """Why a GeoJSON Polygon ([lng, lat] pairs) is unusable as a zone, or None."""
    if not isinstance(polygon, dict) or polygon.get("type") != "Polygon":
        return 'a GeoJSON object with "type": "Polygon"'
    rings = polygon.get("coordinates")
    if not isinstance(rings, list) or len(rings) != 1 or not isinstance(rings[0], list):
        return "one ring of [lng, lat] points (no holes)"
    ring = rings[0]
    points: list[tuple[float, float]] = []
    for point in ring:
        if (
            not isinstance(point, list)
            or len(point) != 2
            or not all(type(v) in (int, float) and math.isfinite(v) for v in point)
        ):
            return "every point is [lng, lat] with two numbers"
        points.append((float(point[0]), float(point[1])))
    if len(points) < 4:
        return "at least three corners and the first point repeated at the end"
    if points[0] != points[-1]:
        return "the ring is not closed: repeat the first point at the end"
    if any(not -180 <= lng <= 180 or not -90 <= lat <= 90 for lng, lat in points):
        return "a point is out of range (lng -180..180, lat -90..90)"
    if len(set(points[:-1])) < 3:
        return "the corners must differ"
    edges = list(itertools.pairwise(points))
    for i, (a, b) in enumerate(edges):
        for j in range(i + 2, len(edges)):
            if i == 0 and j == len(edges) - 1:
                continue  # the closing edge meets the first one at the start point
            if _segments_cross(a, b, *edges[j]):
                return "the edges cross each other (self-intersecting)"
    if store is not None and store.lat is not None and store.lng is not None:
        lng_c = sum(p[0] for p in points[:-1]) / (len(points) - 1)
        lat_c = sum(p[1] for p in points[:-1]) / (len(points) - 1)
        far = abs(lat_c - store.lat) + abs(lng_c - store.lng)
        swapped = abs(lng_c - store.lat) + abs(lat_c - store.lng)
        if far > 2 and swapped < 2:
            return "lat and lng look swapped: GeoJSON wants [lng, lat]"
    return None


async def add_zone(store: Store, values: dict[str, Any]) -> DeliveryZone:
    problem = polygon_problem(values["polygon"], store)
    if problem is not None:
        raise ValidationFailed("invalid delivery zone", fields={"polygon": problem})
    return await DeliveryZone.create(store_id=store.id, **values)


async def get_zone(store_id: int, zone_id: int) -> DeliveryZone:
    zone = await DeliveryZone.get_or_none(id=zone_id, store_id=store_id)
    if zone is None:
        raise NotFound("no such delivery zone", fields={"zone_id": "unknown id"})
    return zone


async def update_zone(store: Store, zone_id: int, values: dict[str, Any]) -> DeliveryZone:
    """Redraw or re-price a zone of the store (ZoneIn's fields, checked as add_zone checks
    them). Orders already placed keep the fee they were quoted. Raises NotFound,
    ValidationFailed naming the field."""
    problem = polygon_problem(values["polygon"], store)
    if problem is not None:
        raise ValidationFailed("invalid delivery zone", fields={"polygon": problem})
    zone = await get_zone(store.id, zone_id)
    zone.update_from_dict(values)
    await zone.save(update_fields=list(values))
    return zone


async def set_zone_active(store_id: int, zone_id: int, active: bool) -> DeliveryZone:
    """Stop or resume delivering to a zone (it stays for its orders' history); NotFound."""
    zone = await get_zone(store_id, zone_id)
    zone.is_active = active
    await zone.save(update_fields=["is_active"])
    return zone


# --- slots -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    weekday: int
    start: time
    end: time
    length_minutes: int
    capacity: int


def parse_clock(text: str, field: str) -> time:
    hours, _, minutes = text.partition(":")
    if not (hours.isascii() and minutes.isascii() and hours.isdigit() and minutes.isdigit()):
        raise ValidationFailed("not a time", fields={field: 'like "09:00"'})
    h, m = int(hours), int(minutes)
    if h == 24 and m == 0:
        return time.max
    if not (0 <= h < 24 and 0 <= m < 60):
        raise ValidationFailed("not a time", fields={field: 'like "09:00"'})
    return time(h, m)


def rules_from(items: Sequence[Any]) -> list[Rule]:
    """Rules from validated rows (api.schemas.setup.SlotRuleIn): weekday, "HH:MM" start and
    end, length_minutes, capacity. Raises ValidationFailed naming "{index}.start" etc."""
    return [
        Rule(r.weekday, parse_clock(r.start, f"{i}.start"), parse_clock(r.end, f"{i}.end"),
             r.length_minutes, r.capacity)
        for i, r in enumerate(items)
    ]  # fmt: skip


def check_rules(rules: list[Rule]) -> None:
    for i, rule in enumerate(rules):
        if rule.end <= rule.start:
            raise ValidationFailed("end before start", fields={f"{i}.end": "after start"})


def slot_starts(rule: Rule, day: date, zone: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """The rule's slots on `day` in the store's zone, as UTC (start, end) pairs; a wall-clock
    time that a DST change skips is left out, one it repeats is taken once."""
    result: list[tuple[datetime, datetime]] = []
    step = timedelta(minutes=rule.length_minutes)
    cursor = datetime.combine(day, rule.start)
    end = datetime.combine(day, rule.end)
    while cursor + step <= end + timedelta(microseconds=1):
        local = cursor.replace(tzinfo=zone)
        utc = local.astimezone(ZoneInfo("UTC"))
        if utc.astimezone(zone).replace(tzinfo=None) == cursor:  # not in a DST gap
            result.append((utc, utc + step))
        cursor += step
    return result


async def generate_slots(store: Store, *, days: int = SLOT_HORIZON_DAYS) -> int:
    """Make sure the next `days` days hold the store's rule slots (closing days skipped).
    Capacity follows the rules but never drops below what is already booked. Returns how many
    slots were created."""
    rules = [
        Rule(
            r.weekday,
            parse_clock(r.start, "start"),
            parse_clock(r.end, "end"),
            r.length_minutes,
            r.capacity,
        )
        for r in await SlotRule.filter(store_id=store.id)
    ]
    if not rules:
        return 0
    zone = ZoneInfo(store.timezone)
    closed = {str(d) for d in (getattr(store, "closed_dates", None) or [])}
    today = utcnow().astimezone(zone).date()
    wanted: dict[datetime, tuple[datetime, int]] = {}
    for offset in range(days):
        day = today + timedelta(days=offset)
        if day.isoformat() in closed:
            continue
        for rule in rules:
            if rule.weekday == day.weekday():
                for start, end in slot_starts(rule, day, zone):
                    wanted[start] = (end, rule.capacity)
    now = utcnow()
    existing = {
        s.starts_at: s for s in await TimeSlot.filter(store_id=store.id, starts_at__gte=now)
    }
    created = 0
    async with in_transaction():
        new = [
            TimeSlot(store_id=store.id, starts_at=start, ends_at=end, capacity=capacity)
            for start, (end, capacity) in wanted.items()
            if start not in existing and start > now
        ]
        if new:
            # Two processes may generate at once: the unique (store, starts_at) decides.
            await TimeSlot.bulk_create(new, ignore_conflicts=True)
            created = len(new)
        for start, slot in existing.items():
            if start in wanted:
                end, capacity = wanted[start]
                capacity = max(capacity, slot.reserved)
                if slot.capacity != capacity or not slot.is_active or slot.ends_at != end:
                    await TimeSlot.filter(id=slot.id).update(
                        capacity=capacity, is_active=True, ends_at=end
                    )
            elif slot.is_active and slot.reserved == 0:
                await TimeSlot.filter(id=slot.id).update(is_active=False)
    return created


async def set_slot_rules(store: Store, rules: list[Rule]) -> int:
    """Replace the store's weekly rules and regenerate its slots at once (returns how many
    slots were created)."""
    check_rules(rules)
    async with in_transaction():
        await SlotRule.filter(store_id=store.id).delete()
        await SlotRule.bulk_create(
            [
                SlotRule(
                    store_id=store.id,
                    weekday=r.weekday,
                    start=r.start.strftime("%H:%M") if r.start != time.max else "24:00",
                    end=r.end.strftime("%H:%M") if r.end != time.max else "24:00",
                    length_minutes=r.length_minutes,
                    capacity=r.capacity,
                )
                for r in rules
            ]
        )
    return await generate_slots(store)


async def generate_all_slots() -> int:
    """The periodic job: every active store with rules keeps 14 days of slots ahead."""
    total = 0
    for store in await Store.filter(is_active=True):
        total += await generate_slots(store)
    return total


async def update_store(store: Store, values: dict[str, Any]) -> Store:
    """Change a store's details (same fields as create_store). Raises Conflict slug_taken,
    ValidationFailed naming the field."""
    check_timezone(values["timezone"])
    try:
        await Store.filter(id=store.id).update(**values)
    except IntegrityError:
        raise Conflict(
            "a store with this slug exists", code="slug_taken", fields={"slug": "taken"}
        ) from None
    changes.changed("store")
    await store.refresh_from_db()
    return store


async def set_store_active(store: Store, active: bool) -> None:
    """Open or close a store to customers (its data stays)."""
    await Store.filter(id=store.id).update(is_active=active)
    changes.changed("store")
    store.is_active = active


async def fill_coordinates(geocoder: Geocoder, values: dict[str, Any], locale: str) -> None:
    """When a store's lat and lng are both left out, find them from its address (in place).
    Raises ValidationFailed naming `address` (no such place) or `lat` (no geocoder now)."""
    address = str(values.get("address", "")).strip()
    if "lat" in values or "lng" in values or not address:
        return
    try:
        point = await geocoder.geocode(address, language=locale)
    except Unavailable:
        raise ValidationFailed(
            "the address could not be looked up now",
            fields={"lat": "enter the coordinates (the geocoder is unavailable)"},
        ) from None
    except ValidationFailed:
        raise ValidationFailed(
            "no place matches this address", fields={"address": "not found; enter coordinates"}
        ) from None
    values["lat"], values["lng"] = point.lat, point.lng
