"""Reports for the console: read-only figures over the logs the platform writes (orders,
checkout log, search log, client events, session recordings), for a set of stores and a
period [start, end) in UTC. Every figure is defined once here; pages and CSV exports render
what these functions return."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from core.errors import NotFound, ValidationFailed
from models import CheckoutLog, ClientEvent, Order, SearchLog, SessionRecording, TimeSlot
from models.enums import OrderStatus

MAX_PERIOD = timedelta(days=366)


@dataclass
class Day:
    day: date
    orders: int = 0
    revenue_cents: int = 0


@dataclass
class Dashboard:
    """`orders`: orders placed in the period (cancelled ones included); revenue, average order
    value and gross margin count the orders not cancelled; margin is goods subtotal minus the
    items' cost prices; on-time is the share of delivered orders with a promise (slot end, or
    ETA from placing or from the opening it waited for) delivered by that promise."""

    orders: int = 0
    cancelled: int = 0
    revenue_cents: int = 0
    average_order_cents: int = 0
    gross_margin_cents: int = 0
    delivered: int = 0
    on_time: int = 0
    on_time_share: float | None = None
    cancellations: list[tuple[str, int]] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)


def check_period(start: datetime, end: datetime) -> None:
    if end <= start:
        raise ValidationFailed("the period ends before it starts", fields={"to": "after from"})
    if end - start > MAX_PERIOD:
        raise ValidationFailed("at most a year at a time", fields={"to": "within a year"})


async def dashboard(store_ids: list[int], start: datetime, end: datetime) -> Dashboard:
    """The dashboard figures (see Dashboard) for orders placed in [start, end)."""
    check_period(start, end)
    orders = await Order.filter(
        store_id__in=store_ids, created_at__gte=start, created_at__lt=end
    ).values(
        "id",
        "status",
        "total_cents",
        "subtotal_cents",
        "cost_cents",
        "cancel_reason",
        "created_at",
        "delivered_at",
        "deliver_after",
        "eta_minutes",
        "slot_id",
    )
    slot_ids = {o["slot_id"] for o in orders if o["slot_id"]}
    slot_ends = (
        dict(await TimeSlot.filter(id__in=list(slot_ids)).values_list("id", "ends_at"))
        if slot_ids
        else {}
    )
    report = Dashboard()
    days: dict[date, Day] = {}
    reasons: Counter[str] = Counter()
    day = start.date()
    while datetime.combine(day, datetime.min.time(), start.tzinfo) < end:
        days[day] = Day(day)
        day += timedelta(days=1)
    for o in orders:
        report.orders += 1
        bucket = days.setdefault(o["created_at"].date(), Day(o["created_at"].date()))
        bucket.orders += 1
        if o["status"] == OrderStatus.CANCELLED:
            report.cancelled += 1
            reasons[o["cancel_reason"] or "unspecified"] += 1
            continue
        report.revenue_cents += o["total_cents"]
        report.gross_margin_cents += o["subtotal_cents"] - o["cost_cents"]
        bucket.revenue_cents += o["total_cents"]
        if o["status"] == OrderStatus.DELIVERED and o["delivered_at"] is not None:
            report.delivered += 1
            promise = _promise(o, slot_ends)
            if promise is not None and o["delivered_at"] <= promise:
                report.on_time += 1
    kept = report.orders - report.cancelled
    report.average_order_cents = round(report.revenue_cents / kept) if kept else 0
    with_promise = sum(
        1
        for o in orders
        if o["status"] == OrderStatus.DELIVERED and o["delivered_at"] and _promise(o, slot_ends)
    )
    report.on_time_share = report.on_time / with_promise if with_promise else None
    report.cancellations = reasons.most_common()
    report.days = [days[d] for d in sorted(days)]
    return report


def _promise(order: dict[str, Any], slot_ends: dict[int, datetime]) -> datetime | None:
    if order["slot_id"] and order["slot_id"] in slot_ends:
        return slot_ends[order["slot_id"]]
    if order["eta_minutes"] is not None:
        begin = order["deliver_after"] or order["created_at"]
        return begin + timedelta(minutes=order["eta_minutes"])
    return None


@dataclass
class SearchReport:
    top: list[tuple[str, int]]
    no_results: list[tuple[str, int]]


async def search_analytics(
    store_ids: list[int], start: datetime, end: datetime, *, limit: int = 20
) -> SearchReport:
    """Top queries and top queries with no results (case and spacing folded)."""
    check_period(start, end)
    rows = await SearchLog.filter(
        store_id__in=store_ids, created_at__gte=start, created_at__lt=end
    ).values_list("query", "result_count")
    top: Counter[str] = Counter()
    empty: Counter[str] = Counter()
    for query, results in rows:
        key = " ".join(str(query).lower().split())
        top[key] += 1
        if results == 0:
            empty[key] += 1
    return SearchReport(top.most_common(limit), empty.most_common(limit))


@dataclass
class Issue:
    kind: str
    reason: str
    count: int
    examples: list[str]


async def issues(store_ids: list[int], now: datetime, *, examples: int = 3) -> list[Issue]:
    """The last 24 hours' checkout failures by reason, client JS errors and API errors by
    message, most frequent first, each with its latest examples."""
    since = now - timedelta(hours=24)
    found: dict[tuple[str, str], Issue] = {}
    failures = (
        await CheckoutLog.filter(store_id__in=store_ids, success=False, created_at__gte=since)
        .order_by("-created_at")
        .values("reason", "data")
    )
    for row in failures:
        issue = found.setdefault(
            ("checkout", row["reason"]), Issue("checkout", row["reason"], 0, [])
        )
        issue.count += 1
        if len(issue.examples) < examples:
            issue.examples.append(str((row["data"] or {}).get("message", "")))
    errors = (
        await ClientEvent.filter(name__in=["js_error", "api_error"], created_at__gte=since)
        .filter(store_id__in=store_ids)
        .order_by("-created_at")
        .values("name", "props", "url")
    )
    errors += (
        await ClientEvent.filter(
            name__in=["js_error", "api_error"], created_at__gte=since, store_id=None
        )
        .order_by("-created_at")
        .values("name", "props", "url")
    )
    for row in errors:
        props = row["props"] or {}
        reason = str(props.get("code") or props.get("message") or "unknown")[:200]
        issue = found.setdefault((row["name"], reason), Issue(row["name"], reason, 0, []))
        issue.count += 1
        if len(issue.examples) < examples:
            issue.examples.append(f"{row['url']} {props.get('message', '')}".strip())
    return sorted(found.values(), key=lambda i: (-i.count, i.kind, i.reason))


@dataclass
class Activity:
    at: datetime
    user_id: int | None
    client_id: str
    type: str
    path: str
    props: dict[str, Any]


async def activity(
    *,
    start: datetime,
    end: datetime,
    user_id: int | None = None,
    event_type: str | None = None,
    limit: int = 200,
) -> list[Activity]:
    """Client events, newest first, filtered by user, type and period (a user's journey is
    this list for one user)."""
    check_period(start, end)
    query = ClientEvent.filter(created_at__gte=start, created_at__lt=end)
    if user_id is not None:
        query = query.filter(user_id=user_id)
    if event_type:
        query = query.filter(name=event_type)
    rows = await query.order_by("-created_at", "-id").limit(limit)
    return [
        Activity(r.occurred_at or r.created_at, r.user_id, r.session_id, r.name, r.url, r.props)
        for r in rows
    ]


@dataclass
class Recording:
    recording_id: str
    user_id: int | None
    started: datetime
    chunks: int


async def recordings(*, user_id: int | None = None, limit: int = 50) -> list[Recording]:
    """Session recordings, newest first."""
    query = SessionRecording.all()
    if user_id is not None:
        query = query.filter(user_id=user_id)
    rows = (
        await query.order_by("-created_at")
        .limit(limit * 20)
        .values("session_id", "user_id", "created_at")
    )
    found: dict[str, Recording] = {}
    for row in rows:
        rec = found.get(row["session_id"])
        if rec is None:
            if len(found) >= limit:
                continue
            rec = found[row["session_id"]] = Recording(
                row["session_id"], row["user_id"], row["created_at"], 0
            )
        rec.chunks += 1
        rec.started = min(rec.started, row["created_at"])
    return list(found.values())


async def recording_owner(recording_id: str) -> int | None:
    first = await SessionRecording.filter(session_id=recording_id).first()
    if first is None:
        raise NotFound("no such recording", fields={"recording_id": "unknown"})
    return first.user_id
