"""Opening hours: when a store is open, in its own timezone, with closing days.

`Store.opening_hours` is `{"mon": [["09:00", "21:00"]], ...}` in the store's wall-clock time;
an interval whose end is not after its start runs past midnight (`["20:00", "02:00"]` opens
Friday evening and closes early Saturday); `"24:00"` is the end of the day. `closed_dates`
lists whole local dates without opening (an interval belongs to the date it starts on). A
store with no hours at all is treated as always open.

Wall-clock times are turned into UTC moments through zoneinfo, so a daylight-saving change
moves the UTC instant and never the posted hours ("09:00" is 09:00 on both sides of it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from models import Store

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HORIZON_DAYS = 14


@dataclass(frozen=True)
class Asap:
    """What "as soon as possible" means now: `open_now`, or delivery from `starts_at` (UTC,
    the store's next opening)."""

    open_now: bool
    starts_at: datetime | None


def _clock(value: str) -> tuple[time, int]:
    """ "HH:MM" → (time, extra days): "24:00" is midnight of the next day."""
    if value == "24:00":
        return time(0, 0), 1
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes)), 0


def _intervals(store: Store, around: datetime) -> list[tuple[datetime, datetime]]:
    """The store's opening intervals (UTC) from the day before `around` up to the horizon."""
    zone = ZoneInfo(store.timezone)
    closed = {str(d) for d in (store.closed_dates or [])}
    first = around.astimezone(zone).date() - timedelta(days=1)
    found = []
    for offset in range(HORIZON_DAYS + 2):
        day = first + timedelta(days=offset)
        if day.isoformat() in closed:
            continue
        for start_text, end_text in (store.opening_hours or {}).get(DAYS[day.weekday()], []):
            start_clock, start_extra = _clock(start_text)
            end_clock, end_extra = _clock(end_text)
            start_day = day + timedelta(days=start_extra)
            end_day = day + timedelta(days=end_extra)
            if (end_extra, end_clock) <= (start_extra, start_clock):
                end_day += timedelta(days=1)  # runs past midnight
            start = datetime.combine(start_day, start_clock, zone).astimezone(UTC)
            end = datetime.combine(end_day, end_clock, zone).astimezone(UTC)
            found.append((start, end))
    return sorted(found)


def has_hours(store: Store) -> bool:
    return any((store.opening_hours or {}).get(day) for day in DAYS)


def is_open(store: Store, at: datetime) -> bool:
    """Whether the store is open at the UTC moment `at` (always, when it has no hours)."""
    if not has_hours(store):
        return True
    return any(start <= at < end for start, end in _intervals(store, at))


def next_opening(store: Store, at: datetime) -> datetime | None:
    """The first moment (UTC) at or after `at` when the store is open; None when it does not
    open within the horizon."""
    if is_open(store, at):
        return at
    starts = [start for start, _ in _intervals(store, at) if start > at]
    return starts[0] if starts else None


def asap(store: Store, at: datetime) -> Asap:
    """What an "as soon as possible" order placed at `at` gets: now, or from the next opening
    (`starts_at` None and not open: the store does not open within the horizon)."""
    if is_open(store, at):
        return Asap(True, None)
    return Asap(False, next_opening(store, at))
