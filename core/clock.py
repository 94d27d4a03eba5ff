"""The one clock: every timestamp is UTC; stores show it in their own zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    return datetime.now(UTC)


def in_zone(moment: datetime, tz_name: str) -> datetime:
    """`moment` (UTC) as wall-clock time in the store's zone."""
    return moment.astimezone(ZoneInfo(tz_name))
