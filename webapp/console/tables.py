"""One generic list view for every console table: a `Table` says once which rows (a source
from services.backoffice), which columns, filters, search and sort; `table_view` renders the
page (with pagination and an empty state that says what to do) or, with ?format=csv, the
same rows as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from tortoise.queryset import QuerySet

from core import untrusted
from core.errors import ValidationFailed
from services import listing
from webapp.console.base import Viewer, render, store_money, store_time, viewer_of


@dataclass(frozen=True)
class Cell:
    """Helpers a column's value function may use: money and time in the store's locale,
    currency and timezone."""

    money: Callable[[int | None], str]
    when: Callable[[Any], str]


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Any, Cell], Any]
    sort: str | None = None
    link: Callable[[Any, Viewer], str] | None = None


@dataclass(frozen=True)
class Action:
    """A button above the table (a link to a form), shown when `allowed(viewer)`."""

    label: str
    href: Callable[[Viewer], str]
    allowed: Callable[[Viewer], bool] = lambda viewer: True


@dataclass(frozen=True)
class RowAction:
    """A button on each row, posting `fields(row)` (with the CSRF token) to `url(row, viewer)`;
    the target view checks the permission again."""

    label: Callable[[Any], str]
    url: Callable[[Any, Viewer], str]
    fields: Callable[[Any], dict[str, str]]
    allowed: Callable[[Viewer], bool] = lambda viewer: True
    # Whether the row offers this button at all (a sign-in link only for active staff).
    shown: Callable[[Any], bool] = lambda row: True


def active_toggle(url: Callable[[Any, Viewer], str], stop: str, start: str) -> RowAction:
    """The usual row button over `is_active`: `stop` on an active row, `start` otherwise."""
    return RowAction(
        label=lambda row: stop if row.is_active else start,
        url=url,
        fields=lambda row: {"active": "no" if row.is_active else "yes"},
    )


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    source: Callable[[Viewer], QuerySet[Any]]
    listing: listing.Listing[Any]
    columns: tuple[Column, ...]
    empty: str
    actions: tuple[Action, ...] = field(default_factory=tuple)
    row_actions: tuple[RowAction, ...] = field(default_factory=tuple)


def _params(request: web.Request) -> dict[str, str]:
    params: dict[str, str] = {}
    for key, value in request.query.items():
        try:
            untrusted.check_text(key, key)
            untrusted.check_text(value, key)
        except untrusted.UntrustedInput as exc:
            raise ValidationFailed(exc.message, fields={exc.field: exc.message}) from None
        params[key] = value
    return params


def _zone(viewer: Viewer) -> str:
    return viewer.store.timezone if viewer.store else "UTC"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (names come from customers)."""
    text = _text(value)
    if text[:1] in ("=", "+", "@", "\t", "\r") or (text[:1] == "-" and not text[1:2].isdigit()):
        return "'" + text
    return text


def csv_response(name: str, header: list[str], rows: Iterable[list[Any]]) -> web.Response:
    """Rows as a CSV download named `name`.csv (cells safe from spreadsheet formulas)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return web.Response(
        text=out.getvalue(),
        content_type="text/csv",
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}.csv"',
            "Cache-Control": "no-store",
        },
    )


async def table_view(
    request: web.Request, table: Table, *, summary: tuple[tuple[str, str], ...] = ()
) -> web.StreamResponse:
    """The table's page (`summary`: label/value pairs shown above it) or, with ?format=csv,
    its rows as CSV."""
    viewer = viewer_of(request)
    params = _params(request)
    cell = Cell(store_money(viewer.store), store_time(viewer.store))
    rows = table.source(viewer)
    if params.get("format") == "csv":
        found = await listing.all_rows(table.listing, rows, params, tz=_zone(viewer))
        return csv_response(
            table.name,
            [c.label for c in table.columns],
            ([c.value(row, cell) for c in table.columns] for row in found),
        )
    try:
        page = await listing.page_of(table.listing, rows, params, tz=_zone(viewer))
    except ValidationFailed as exc:
        return render(
            request,
            "console/table.html",
            {"table": table, "page": None, "problem": exc, "params": params, "summary": summary},
            status=422,
        )
    lines = [
        [
            (_text(c.value(row, cell)), c.link(row, viewer) if c.link else None)
            for c in table.columns
        ]
        for row in page.rows
    ]
    buttons = [
        [
            (a.label(row), a.url(row, viewer), a.fields(row))
            for a in table.row_actions
            if a.allowed(viewer) and a.shown(row)
        ]
        for row in page.rows
    ]
    return render(
        request,
        "console/table.html",
        {
            "table": table,
            "page": page,
            "lines": lines,
            "buttons": buttons,
            "params": params,
            "problem": None,
            "summary": summary,
        },
    )
