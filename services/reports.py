"""Reports for the console: read-only figures over the logs the platform writes (orders,
checkout log, search log, client events, session recordings), for a set of stores and a
period [start, end) in UTC; the dashboard's days are the store's days (its `zone`).
Every figure is defined once here; pages and CSV exports render what these functions
return."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from core.errors import NotFound, ValidationFailed
from models import (
    Brand,
    Category,
    CheckoutLog,
    ClientEvent,
    Driver,
    Inventory,
    LoginLog,
    Order,
    OrderItem,
    OrderStatusHistory,
    OtpLog,
    Product,
    ProductVariant,
    SearchLog,
    SessionRecording,
    TimeSlot,
)
from models.enums import CheckoutStep, OrderStatus, OtpEvent, OtpPurpose

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


async def dashboard(
    store_ids: list[int], start: datetime, end: datetime, *, zone: tzinfo = UTC
) -> Dashboard:
    """The dashboard figures (see Dashboard) for orders placed in [start, end), per day of
    `zone`."""
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
    day = start.astimezone(zone).date()
    while datetime.combine(day, datetime.min.time(), zone) < end:
        days[day] = Day(day)
        day += timedelta(days=1)
    for o in orders:
        report.orders += 1
        local = o["created_at"].astimezone(zone).date()
        bucket = days.setdefault(local, Day(local))
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


async def issues(
    store_ids: list[int], now: datetime, *, unattributed: bool = False, examples: int = 3
) -> list[Issue]:
    """The last 24 hours' checkout failures by reason, client JS errors and API errors by
    message, most frequent first, each with its latest examples. Client errors sent from no
    store's pages (the sign-in page, a page that failed before it knew its store) are the
    platform's: counted only with `unattributed` (for admins), never for a store's manager."""
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
    if unattributed:
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
    store_ids: list[int] | None = None,
    limit: int = 200,
) -> list[Activity]:
    """Client events, newest first, filtered by user, type and period (a user's journey is
    this list for one user); with `store_ids`, only events sent from those stores' pages."""
    check_period(start, end)
    query = ClientEvent.filter(created_at__gte=start, created_at__lt=end)
    if store_ids is not None:
        query = query.filter(store_id__in=store_ids)
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


async def recordings(
    *, user_id: int | None = None, store_ids: list[int] | None = None, limit: int = 50
) -> list[Recording]:
    """Session recordings, newest first; with `store_ids`, only those made on those stores'
    pages."""
    query = SessionRecording.all()
    if store_ids is not None:
        query = query.filter(store_id__in=store_ids)
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


async def recording_owner(recording_id: str, *, store_ids: list[int] | None = None) -> int | None:
    """The recording's user; NotFound when there is no such recording or, with `store_ids`,
    it was not made on those stores' pages."""
    query = SessionRecording.filter(session_id=recording_id)
    if store_ids is not None:
        query = query.filter(store_id__in=store_ids)
    first = await query.first()
    if first is None:
        raise NotFound("no such recording", fields={"recording_id": "unknown"})
    return first.user_id


# --- sales, stock cover, drivers, funnels -------------------------------------------------


def _label(names: Any, fallback: str) -> str:
    if isinstance(names, dict) and names:
        return str(names.get("en") or next(iter(names.values())))
    return fallback


@dataclass
class SalesLine:
    key: str
    units: int = 0
    revenue_cents: int = 0
    margin_cents: int = 0


@dataclass
class Sales:
    by_product: list[SalesLine]
    by_category: list[SalesLine]
    by_brand: list[SalesLine]


async def sales(store_ids: list[int], start: datetime, end: datetime) -> Sales:
    """Units, revenue (price × quantity) and margin ((price − cost) × quantity) of the items of
    orders placed in the period and not cancelled, by product, category and brand, best first."""
    check_period(start, end)
    kept = Order.filter(store_id__in=store_ids, created_at__gte=start, created_at__lt=end).exclude(
        status=OrderStatus.CANCELLED
    )
    order_ids = await kept.values_list("id", flat=True)
    items = await OrderItem.filter(order_id__in=list(order_ids)).values(
        "product_id", "name", "quantity", "price_cents", "cost_cents"
    )
    product_ids = {i["product_id"] for i in items}
    products = {
        p["id"]: p
        for p in await Product.filter(id__in=list(product_ids)).values(
            "id", "category_id", "brand_id"
        )
    }
    categories = dict(await Category.all().values_list("id", "name"))
    brands = dict(await Brand.all().values_list("id", "name"))
    groups: dict[str, dict[str, SalesLine]] = {"product": {}, "category": {}, "brand": {}}
    for item in items:
        product = products.get(item["product_id"], {})
        keys = {
            "product": item["name"],
            "category": _label(categories.get(product.get("category_id")), "(no category)"),
            "brand": str(brands.get(product.get("brand_id")) or "(no brand)"),
        }
        for group, key in keys.items():
            line = groups[group].setdefault(key, SalesLine(key))
            line.units += item["quantity"]
            line.revenue_cents += item["price_cents"] * item["quantity"]
            line.margin_cents += (item["price_cents"] - item["cost_cents"]) * item["quantity"]

    def ranked(group: str) -> list[SalesLine]:
        return sorted(groups[group].values(), key=lambda s: (-s.revenue_cents, s.key))

    return Sales(ranked("product"), ranked("category"), ranked("brand"))


@dataclass
class Cover:
    store_id: int
    variant_id: int
    sku: str
    on_hand: int
    sold: int
    days_of_cover: float


async def stock_cover(
    store_ids: list[int], now: datetime, *, window_days: int = 14, under_days: float = 7.0
) -> list[Cover]:
    """Variants that run out: units on hand divided by the daily rate sold over the last
    `window_days` (orders not cancelled); those with less than `under_days` of cover, fewest
    days first."""
    since = now - timedelta(days=window_days)
    order_stores = dict(
        await Order.filter(store_id__in=store_ids, created_at__gte=since, created_at__lte=now)
        .exclude(status=OrderStatus.CANCELLED)
        .values_list("id", "store_id")
    )
    sold: Counter[tuple[int, int]] = Counter()
    for order_id, variant_id, quantity in await OrderItem.filter(
        order_id__in=list(order_stores)
    ).values_list("order_id", "variant_id", "quantity"):
        sold[(order_stores[order_id], variant_id)] += quantity
    stock = {
        (s, v): q
        for s, v, q in await Inventory.filter(store_id__in=store_ids).values_list(
            "store_id", "variant_id", "quantity"
        )
    }
    skus = dict(await ProductVariant.filter(id__in=[v for _, v in sold]).values_list("id", "sku"))
    out = []
    for (store_id, variant_id), units in sold.items():
        on_hand = stock.get((store_id, variant_id), 0)
        days = on_hand / (units / window_days)
        if days < under_days:
            out.append(Cover(store_id, variant_id, skus.get(variant_id, ""), on_hand, units, days))
    return sorted(out, key=lambda c: (c.days_of_cover, c.sku))


@dataclass
class DriverFigures:
    driver_id: int
    name: str
    deliveries: int = 0
    average_minutes: float | None = None
    cash_collected_cents: int = 0


async def driver_performance(
    store_ids: list[int], start: datetime, end: datetime
) -> list[DriverFigures]:
    """Per driver, orders delivered in the period: how many, the average minutes from the
    (last) assignment to delivery, and the cash collected."""
    check_period(start, end)
    delivered = await Order.filter(
        store_id__in=store_ids,
        status=OrderStatus.DELIVERED,
        delivered_at__gte=start,
        delivered_at__lt=end,
        driver_id__not_isnull=True,
    ).values("id", "driver_id", "delivered_at", "cash_collected_cents")
    assigned: dict[int, datetime] = {}
    for order_id, at in (
        await OrderStatusHistory.filter(
            order_id__in=[o["id"] for o in delivered], to_status=OrderStatus.ASSIGNED
        )
        .order_by("created_at")
        .values_list("order_id", "created_at")
    ):
        assigned[order_id] = at
    names = {
        d["id"]: d["user__name"]
        for d in await Driver.filter(id__in=list({o["driver_id"] for o in delivered})).values(
            "id", "user__name"
        )
    }
    figures: dict[int, DriverFigures] = {}
    minutes: dict[int, list[float]] = {}
    for o in delivered:
        f = figures.setdefault(
            o["driver_id"], DriverFigures(o["driver_id"], str(names.get(o["driver_id"]) or ""))
        )
        f.deliveries += 1
        f.cash_collected_cents += o["cash_collected_cents"] or 0
        if o["id"] in assigned:
            took = (o["delivered_at"] - assigned[o["id"]]).total_seconds() / 60
            minutes.setdefault(o["driver_id"], []).append(took)
    for driver_id, values in minutes.items():
        figures[driver_id].average_minutes = sum(values) / len(values)
    return sorted(figures.values(), key=lambda f: (-f.deliveries, f.name))


@dataclass
class Funnel:
    name: str
    steps: list[tuple[str, int]]

    def conversion(self) -> list[tuple[str, int, float | None]]:
        """Each step with its count and its share of the first step."""
        first = self.steps[0][1] if self.steps else 0
        return [(name, n, n / first if first else None) for name, n in self.steps]


async def funnels(store_ids: list[int], start: datetime, end: datetime) -> list[Funnel]:
    """Registration (distinct phones: code sent → code verified), login (attempts →
    successes) and checkout (distinct customers reaching each checkout step in the stores, up
    to placing an order and having one of those orders delivered)."""
    check_period(start, end)
    period = {"created_at__gte": start, "created_at__lt": end}
    otp = OtpLog.filter(purpose=OtpPurpose.REGISTER, **period)
    sent = len(set(await otp.filter(event=OtpEvent.SENT).values_list("phone", flat=True)))
    verified = len(set(await otp.filter(event=OtpEvent.VERIFIED).values_list("phone", flat=True)))
    attempts = await LoginLog.filter(**period).count()
    logged_in = await LoginLog.filter(success=True, **period).count()
    steps = await CheckoutLog.filter(store_id__in=store_ids, success=True, **period).values_list(
        "step", "user_id", "order_id"
    )
    users: dict[str, set[int]] = {}
    placed_by: dict[int, int] = {}
    for step, user_id, order_id in steps:
        users.setdefault(str(step), set()).add(user_id or 0)
        if step == CheckoutStep.PLACED and order_id:
            placed_by[order_id] = user_id or 0
    delivered_orders = await Order.filter(
        id__in=list(placed_by), status=OrderStatus.DELIVERED
    ).only("id")
    checkout = [
        ("cart", len(users.get(CheckoutStep.CART_PRICED, set()))),
        ("address", len(users.get(CheckoutStep.ADDRESS_CHECKED, set()))),
        ("slot", len(users.get(CheckoutStep.SLOT_CHOSEN, set()))),
        ("payment", len(users.get(CheckoutStep.PAYMENT_CHOSEN, set()))),
        ("placed", len(users.get(CheckoutStep.PLACED, set()))),
        ("delivered", len({placed_by[o.id] for o in delivered_orders})),
    ]
    return [
        Funnel("registration", [("phone entered", sent), ("code verified", verified)]),
        Funnel("login", [("attempts", attempts), ("signed in", logged_in)]),
        Funnel("checkout", checkout),
    ]
