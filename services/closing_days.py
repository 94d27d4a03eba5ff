"""A store's closing days: whole days in its timezone when it takes no deliveries, whatever
the weekly slot rules say. The slot generator skips them (services.store_setup), and the
opening hours read them (services.hours)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core import changes
from core.clock import utcnow
from core.errors import ValidationFailed
from models import Store, TimeSlot
from services import store_setup

MAX_CLOSING_DAYS = 366


@dataclass(frozen=True)
class ClosingDays:
    days: list[date]
    # Slots on a closing day that customers already booked: they stay, someone must call.
    booked_slots: list[TimeSlot]


def parse_days(text: str, *, field: str = "days") -> list[date]:
    """One date per line (YYYY-MM-DD; blank lines ignored) as sorted unique days. Raises
    ValidationFailed naming `field` and the line."""
    days: set[date] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            if len(line) != 10:
                raise ValueError(line)
            days.add(date.fromisoformat(line))
        except ValueError:
            raise ValidationFailed(
                "not a date", fields={field: f"line {number}: a date like 2026-12-25"}
            ) from None
    if len(days) > MAX_CLOSING_DAYS:
        raise ValidationFailed("too many days", fields={field: f"at most {MAX_CLOSING_DAYS} days"})
    return sorted(days)


def _stored(store: Store) -> list[date]:
    """The store's closing days as dates (an entry that is not one is skipped)."""
    days = []
    for entry in store.closed_dates or []:
        try:
            days.append(date.fromisoformat(str(entry)[:10]))
        except ValueError:
            continue
    return days


def _today(store: Store) -> date:
    return utcnow().astimezone(ZoneInfo(store.timezone)).date()


async def closing_days(store: Store) -> ClosingDays:
    """The store's closing days from today on, with the booked slots that fall on them."""
    today = _today(store)
    days = sorted(d for d in _stored(store) if d >= today)
    return ClosingDays(days, await _booked_on(store, days))


async def set_closing_days(store: Store, days: list[date]) -> ClosingDays:
    """Replace the store's closing days (days already past are dropped) and regenerate its
    slots at once: free slots on a closing day are withdrawn, booked ones stay and are
    returned so the manager can call those customers."""
    today = _today(store)
    kept = sorted({d for d in days if d >= today})
    await Store.filter(id=store.id).update(closed_dates=[d.isoformat() for d in kept])
    changes.changed("store")
    store.closed_dates = [d.isoformat() for d in kept]
    await store_setup.generate_slots(store)
    return ClosingDays(kept, await _booked_on(store, kept))


async def _booked_on(store: Store, days: list[date]) -> list[TimeSlot]:
    if not days:
        return []
    zone = ZoneInfo(store.timezone)
    first = datetime.combine(days[0], time.min, zone).astimezone(UTC)
    last = datetime.combine(days[-1] + timedelta(days=1), time.min, zone).astimezone(UTC)
    wanted = set(days)
    slots = await TimeSlot.filter(
        store_id=store.id, starts_at__gte=first, starts_at__lt=last, reserved__gt=0
    ).order_by("starts_at")
    return [s for s in slots if s.starts_at.astimezone(zone).date() in wanted]
