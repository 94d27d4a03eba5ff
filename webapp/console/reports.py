"""Reports: the dashboard (with server-drawn SVG charts), search analytics and the issues
monitor for one store or all the viewer's stores over a period, each exportable as CSV; the
client activity log, one user's journey and session replay with the vendored rrweb player.
Figures come from services.reports; this module parses, renders and exports."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from pydantic import BaseModel, Field

from core.clock import utcnow
from core.errors import NotFound
from core.permissions import Permission as P
from models import Store
from models.enums import Role
from services import client_events, reports
from webapp.console.base import page as console_page
from webapp.console.base import render, validate, viewer_of

routes = web.RouteTableDef()

CHART_W, CHART_H = 640, 160


REPORTS = (
    r"^(|dashboard|days|cancellations|search|issues|sales_product|sales_category|sales_brand"
    r"|stock|drivers|funnels)$"
)


@dataclass
class Figures:
    dash: reports.Dashboard
    search: reports.SearchReport
    issues: list[reports.Issue]
    sales: reports.Sales
    cover: list[reports.Cover]
    drivers: list[reports.DriverFigures]
    funnels: list[reports.Funnel]


class PeriodQuery(BaseModel):
    store: str = Field(default="all", pattern=r"^(all|[0-9]{1,9})$")
    from_: date | None = Field(default=None, alias="from")
    to: date | None = None
    report: str = Field(default="", pattern=REPORTS)
    format: str = Field(default="html", pattern=r"^(html|csv)$")


class ActivityQuery(BaseModel):
    user: int | None = Field(default=None, ge=1, le=2**31 - 1)
    type: str = Field(default="", pattern=r"^[a-z_]{0,32}$")
    from_: date | None = Field(default=None, alias="from")
    to: date | None = None


def _query(request: web.Request, model: type[Any]) -> Any:
    return validate(model, dict(request.query))


def _period(start: date | None, end: date | None, zone: tzinfo = UTC) -> tuple[datetime, datetime]:
    """[from, to] in whole days of `zone` (the store's), to inclusive; the last 30 days by
    default. The bounds are returned in UTC, as the database compares them."""
    last = end or utcnow().astimezone(zone).date()
    first = start or last - timedelta(days=29)
    begin = datetime.combine(first, datetime.min.time(), zone)
    after = datetime.combine(last + timedelta(days=1), datetime.min.time(), zone)
    return begin.astimezone(UTC), after.astimezone(UTC)


def _stores(request: web.Request, choice: str) -> list[Store]:
    stores = viewer_of(request).stores
    if choice == "all":
        return stores
    chosen = [s for s in stores if s.id == int(choice)]
    if not chosen:
        raise NotFound("no such store", fields={"store": "unknown id"})
    return chosen


def _zone(stores: list[Store]) -> tzinfo:
    """The stores' time zone when they share one; UTC when they differ (the page says which)."""
    names = {s.timezone for s in stores}
    return ZoneInfo(names.pop()) if len(names) == 1 else UTC


def _analytics_scope(request: web.Request) -> list[int] | None:
    """Whose client analytics the viewer may read: admins everything (None), a manager what
    was sent from their stores' pages."""
    viewer = viewer_of(request)
    return None if viewer.principal.role == "admin" else [s.id for s in viewer.stores]


def bar_chart(values: list[tuple[str, float]], *, label: str) -> str:
    """A bar chart as inline SVG (no script, no CDN); values must be ≥ 0."""
    if not values:
        return ""
    top = max(v for _, v in values) or 1.0
    width = CHART_W / len(values)
    bars = []
    for i, (name, value) in enumerate(values):
        height = (CHART_H - 20) * value / top
        x, y = i * width, CHART_H - 20 - height
        bars.append(
            f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(width - 2, 1):.1f}" '
            f'height="{height:.1f}"><title>{name}: {value:g}</title></rect>'
        )
    first, last = values[0][0], values[-1][0]
    return (
        f'<svg class="chart" role="img" aria-label="{label}" viewBox="0 0 {CHART_W} {CHART_H}" '
        f'width="100%" height="{CHART_H}" xmlns="http://www.w3.org/2000/svg">'
        + "".join(bars)
        + f'<text x="0" y="{CHART_H - 4}" font-size="11">{first}</text>'
        + f'<text x="{CHART_W}" y="{CHART_H - 4}" font-size="11" text-anchor="end">{last}</text>'
        + "</svg>"
    )


def _csv(name: str, header: list[str], rows: list[list[Any]]) -> web.Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        # A cell starting with = + - @ would run as a formula in a spreadsheet.
        writer.writerow(
            ["'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for v in row]
        )
    return web.Response(
        text=out.getvalue(),
        content_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def _export(report: str, figures: Figures) -> web.Response:
    dash, search, issues = figures.dash, figures.search, figures.issues
    if report.startswith("sales_"):
        group = report.removeprefix("sales_")
        lines = getattr(figures.sales, f"by_{group}")
        return _csv(
            f"sales-by-{group}",
            [group, "units", "revenue_cents", "margin_cents"],
            [[s.key, s.units, s.revenue_cents, s.margin_cents] for s in lines],
        )
    if report == "stock":
        return _csv(
            "stock-running-out",
            ["store_id", "variant_id", "sku", "on_hand", "sold_14_days", "days_of_cover"],
            [[c.store_id, c.variant_id, c.sku, c.on_hand, c.sold, f"{c.days_of_cover:.1f}"]
             for c in figures.cover],
        )  # fmt: skip
    if report == "drivers":
        return _csv(
            "drivers",
            ["driver_id", "name", "deliveries", "average_minutes", "cash_collected_cents"],
            [[d.driver_id, d.name, d.deliveries,
              "" if d.average_minutes is None else f"{d.average_minutes:.1f}",
              d.cash_collected_cents] for d in figures.drivers],
        )  # fmt: skip
    if report == "funnels":
        return _csv(
            "funnels",
            ["funnel", "step", "count", "share_of_first"],
            [[f.name, step, n, "" if share is None else f"{share:.4f}"]
             for f in figures.funnels for step, n, share in f.conversion()],
        )  # fmt: skip
    if report == "days":
        return _csv(
            "orders-per-day",
            ["day", "orders", "revenue_cents"],
            [[d.day.isoformat(), d.orders, d.revenue_cents] for d in dash.days],
        )
    if report == "cancellations":
        return _csv("cancellations", ["reason", "orders"], [list(r) for r in dash.cancellations])
    if report == "search":
        rows = [["top", q, n] for q, n in search.top] + [
            ["no_results", q, n] for q, n in search.no_results
        ]
        return _csv("search", ["list", "query", "searches"], rows)
    if report == "issues":
        return _csv(
            "issues",
            ["kind", "reason", "count", "examples"],
            [[i.kind, i.reason, i.count, " | ".join(i.examples)] for i in issues],
        )
    share = "" if dash.on_time_share is None else f"{dash.on_time_share:.4f}"
    return _csv(
        "dashboard",
        ["orders", "cancelled", "revenue_cents", "average_order_cents", "gross_margin_cents",
         "delivered", "on_time", "on_time_share"],
        [[dash.orders, dash.cancelled, dash.revenue_cents, dash.average_order_cents,
          dash.gross_margin_cents, dash.delivered, dash.on_time, share]],
    )  # fmt: skip


@routes.get("/reports")
@console_page(P.VIEW_ANALYTICS)
async def reports_page(request: web.Request) -> web.StreamResponse:
    q = _query(request, PeriodQuery)
    stores = _stores(request, q.store)
    zone = _zone(stores)
    start, end = _period(q.from_, q.to, zone)
    store_ids = [s.id for s in stores]
    now = utcnow()
    figures = Figures(
        dash=await reports.dashboard(store_ids, start, end, zone=zone),
        search=await reports.search_analytics(store_ids, start, end),
        issues=await reports.issues(
            store_ids, now, unattributed=viewer_of(request).principal.role == Role.ADMIN
        ),
        sales=await reports.sales(store_ids, start, end),
        cover=await reports.stock_cover(store_ids, now),
        drivers=await reports.driver_performance(store_ids, start, end),
        funnels=await reports.funnels(store_ids, start, end),
    )
    if q.format == "csv":
        return _export(q.report or "dashboard", figures)
    dash = figures.dash
    context = {
        "f": figures,
        "dash": dash,
        "search": figures.search,
        "issues": figures.issues,
        "choice": q.store,
        "zone": str(zone),
        "first": start.astimezone(zone).date().isoformat(),
        "last": (end.astimezone(zone) - timedelta(days=1)).date().isoformat(),
        "orders_chart": bar_chart(
            [(d.day.isoformat(), d.orders) for d in dash.days], label="Orders per day"
        ),
        "revenue_chart": bar_chart(
            [(d.day.isoformat(), d.revenue_cents / 100) for d in dash.days],
            label="Revenue per day",
        ),
    }
    return render(request, "console/reports/dashboard.html", context)


@routes.get("/reports/activity")
@console_page(P.VIEW_ANALYTICS)
async def activity_page(request: web.Request) -> web.StreamResponse:
    q = _query(request, ActivityQuery)
    scope = _analytics_scope(request)
    zone = _zone(viewer_of(request).stores)
    start, end = _period(q.from_, q.to, zone)
    rows = await reports.activity(
        start=start, end=end, user_id=q.user, event_type=q.type or None, store_ids=scope
    )
    recordings = await reports.recordings(user_id=q.user, store_ids=scope) if q.user else []
    context = {
        "rows": rows,
        "recordings": recordings,
        "filters": {"user": q.user or "", "type": q.type},
        "types": client_events.EVENT_TYPES,
        "first": start.astimezone(zone).date().isoformat(),
        "last": (end.astimezone(zone) - timedelta(days=1)).date().isoformat(),
    }
    return render(request, "console/reports/activity.html", context)


@routes.get("/reports/replays")
@console_page(P.VIEW_ANALYTICS)
async def replays_page(request: web.Request) -> web.StreamResponse:
    rows = await reports.recordings(store_ids=_analytics_scope(request))
    return render(request, "console/reports/replays.html", {"recordings": rows})


def _recording_id(request: web.Request) -> str:
    value = request.match_info.get("recording_id", "")
    if not (8 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum()):
        raise NotFound("no such recording", fields={"recording_id": "unknown"})
    return value


@routes.get("/reports/replays/{recording_id}")
@console_page(P.VIEW_ANALYTICS)
async def replay_page(request: web.Request) -> web.StreamResponse:
    recording_id = _recording_id(request)
    owner = await reports.recording_owner(recording_id, store_ids=_analytics_scope(request))
    context = {"recording_id": recording_id, "owner": owner}
    return render(request, "console/reports/replay.html", context)


@routes.get("/reports/replays/{recording_id}/events")
@console_page(P.VIEW_ANALYTICS)
async def replay_events(request: web.Request) -> web.StreamResponse:
    recording_id = _recording_id(request)
    await reports.recording_owner(recording_id, store_ids=_analytics_scope(request))
    events = await client_events.recording_events(recording_id)
    return web.json_response(events, headers={"Cache-Control": "no-store"})
