"""One way to page, filter, search and sort a table of rows (the console's generic list view
and its CSV export read through it). A table is described once as a `Listing`; the caller
gives it a queryset already narrowed to what the reader may see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.errors import ValidationFailed

M = TypeVar("M", bound=Model)
MAX_PER_PAGE = 200
MAX_EXPORT_ROWS = 50_000


@dataclass(frozen=True)
class Filter:
    """A query parameter that narrows the rows: `choices` (value, label) or free text parsed
    by `parse` into the ORM lookup's value (a ValueError names the parameter)."""

    name: str
    label: str
    lookup: str
    choices: tuple[tuple[str, str], ...] = ()
    parse: Callable[[str], Any] | None = None
    kind: str = "select"  # select | date | text
    # Dates are whole days in the reader's timezone: "from" starts at that day's midnight,
    # "until" (day_end) ends at the next one.
    day_end: bool = False


def active_filter(inactive: str = "inactive") -> Filter:
    """The usual Status filter over `is_active`."""
    return Filter(
        "active",
        "Status",
        "is_active",
        (("yes", "active"), ("no", inactive)),
        parse=lambda v: v == "yes",
    )


@dataclass(frozen=True)
class Listing(Generic[M]):
    sortable: tuple[str, ...]
    default_sort: str
    search_fields: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = ()
    related: tuple[str, ...] = ()
    per_page: int = 50


@dataclass
class Page(Generic[M]):
    rows: list[M]
    total: int
    page: int
    per_page: int
    sort: str
    q: str
    applied: dict[str, str] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _day(text: str, zone: ZoneInfo, day_end: bool) -> datetime:
    day = date.fromisoformat(text) + timedelta(days=1 if day_end else 0)
    # As UTC: the database compares stored UTC moments, on SQLite as text.
    return datetime.combine(day, time.min, zone).astimezone(UTC)


def _narrow(
    listing: Listing[M], rows: QuerySet[M], params: dict[str, str], tz: str
) -> tuple[QuerySet[M], dict[str, str], str]:
    applied: dict[str, str] = {}
    for flt in listing.filters:
        raw = params.get(flt.name, "").strip()
        if not raw:
            continue
        if flt.choices and raw not in dict(flt.choices):
            raise ValidationFailed(
                "unknown filter value", fields={flt.name: "not one of the choices"}
            )
        try:
            if flt.kind == "date":
                value: Any = _day(raw, ZoneInfo(tz), flt.day_end)
            else:
                value = flt.parse(raw) if flt.parse else raw
        except ValueError:
            raise ValidationFailed("invalid filter", fields={flt.name: "not understood"}) from None
        rows = rows.filter(**{flt.lookup: value})
        applied[flt.name] = raw
    q = params.get("q", "").strip()[:100]
    if q and listing.search_fields:
        match = Q()
        for name in listing.search_fields:
            match |= Q(**{f"{name}__icontains": q})
        rows = rows.filter(match)
    return rows, applied, q


def _sort(listing: Listing[M], params: dict[str, str]) -> str:
    sort = params.get("sort", "") or listing.default_sort
    if sort.lstrip("-") not in listing.sortable:
        raise ValidationFailed("cannot sort by that", fields={"sort": "not a sortable column"})
    return sort


async def page_of(
    listing: Listing[M], rows: QuerySet[M], params: dict[str, str], *, tz: str = "UTC"
) -> Page[M]:
    """One page of the rows as the parameters (q, sort, page, per_page, filters) ask, dates
    read in the timezone `tz`.
    Raises ValidationFailed naming the parameter."""
    rows, applied, q = _narrow(listing, rows, params, tz)
    sort = _sort(listing, params)
    page_text, per_text = params.get("page", "1"), params.get("per_page", str(listing.per_page))
    if not (page_text.isascii() and page_text.isdigit() and 0 < int(page_text) < 10**6):
        raise ValidationFailed("no such page", fields={"page": "a page number"})
    if not (per_text.isascii() and per_text.isdigit() and 0 < int(per_text) <= MAX_PER_PAGE):
        raise ValidationFailed("too many rows", fields={"per_page": f"1 to {MAX_PER_PAGE}"})
    page, per_page = int(page_text), int(per_text)
    total = await rows.count()
    ordered = rows.order_by(sort, "-id" if sort.startswith("-") else "id")
    if listing.related:
        ordered = ordered.prefetch_related(*listing.related)
    found = await ordered.offset((page - 1) * per_page).limit(per_page)
    return Page(found, total, page, per_page, sort, q, applied)


async def all_rows(
    listing: Listing[M], rows: QuerySet[M], params: dict[str, str], *, tz: str = "UTC"
) -> list[M]:
    """Every row the parameters select (for CSV export), bounded."""
    rows, _, _ = _narrow(listing, rows, params, tz)
    sort = _sort(listing, params)
    ordered = rows.order_by(sort, "id")
    if listing.related:
        ordered = ordered.prefetch_related(*listing.related)
    return await ordered.limit(MAX_EXPORT_ROWS)
