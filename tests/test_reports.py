"""Console reports on a seeded data set, the figures computed here by hand; CSV exports; the
activity log and replay playback page."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from aiohttp.test_utils import TestClient

from core.clock import utcnow
from core.context import AppContext
from core.settings import Settings
from models import (
    Brand,
    CheckoutLog,
    ClientEvent,
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
    Store,
)
from models.enums import CheckoutStep, OrderStatus, OtpEvent, OtpPurpose, Role
from services import reports
from services.demo import SeedReport
from tests.fixtures.data import make_store
from tests.fixtures.orders import place, stocked_variant
from tests.fixtures.people import make_driver, make_person
from tests.test_console import session_for, staff_user

DAY1 = datetime(2026, 11, 2, tzinfo=UTC)
DAY2 = DAY1 + timedelta(days=1)


async def seed_orders(ctx: AppContext, settings: Settings, store_id: int) -> None:
    buyer = await make_person(settings, Role.CUSTOMER, adult=True)
    plan = [
        # created, status, total, subtotal, cost, delivered after (minutes), eta, reason
        (DAY1 + timedelta(hours=10), OrderStatus.DELIVERED, 2000, 1800, 1000, 30, 45, ""),
        (DAY1 + timedelta(hours=12), OrderStatus.DELIVERED, 3000, 2700, 1500, 90, 45, ""),
        (DAY2 + timedelta(hours=9), OrderStatus.CANCELLED, 5000, 4800, 2000, None, 45, "No stock"),
        (DAY2 + timedelta(hours=11), OrderStatus.PENDING, 1000, 900, 400, None, None, ""),
        (DAY1 - timedelta(days=5), OrderStatus.DELIVERED, 9000, 9000, 1, 10, 45, ""),
    ]  # fmt: skip
    for created, status, total, subtotal, cost, after, eta, reason in plan:
        order = await place(ctx, buyer.user.id, store_id, quantity=1)
        await Order.filter(id=order.id).update(
            created_at=created,
            status=status,
            total_cents=total,
            subtotal_cents=subtotal,
            cost_cents=cost,
            delivered_at=created + timedelta(minutes=after) if after is not None else None,
            eta_minutes=eta,
            deliver_after=None,
            slot_id=None,
            cancel_reason=reason,
        )


async def test_dashboard_figures_match_a_hand_computed_seed(
    client: TestClient, ctx: AppContext, settings: Settings, demo: SeedReport
) -> None:
    await seed_orders(ctx, settings, demo.store_id)
    dash = await reports.dashboard([demo.store_id], DAY1, DAY2 + timedelta(days=1))
    # Four orders in the two days; the cancelled one counts as an order only.
    assert (dash.orders, dash.cancelled) == (4, 1)
    assert dash.revenue_cents == 2000 + 3000 + 1000
    assert dash.average_order_cents == 6000 // 3
    assert dash.gross_margin_cents == (1800 - 1000) + (2700 - 1500) + (900 - 400)
    assert (dash.delivered, dash.on_time, dash.on_time_share) == (2, 1, 0.5)
    assert dash.cancellations == [("No stock", 1)]
    assert [(d.day, d.orders, d.revenue_cents) for d in dash.days] == [
        (DAY1.date(), 2, 5000),
        (DAY2.date(), 2, 1000),
    ]

    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    page = await client.get(f"/admin/reports?store={demo.store_id}&from=2026-11-02&to=2026-11-03")
    assert page.status == 200
    html = await page.text()
    assert '<svg class="chart"' in html and 'data-figure="orders">4<' in html
    export = await client.get(
        f"/admin/reports?store={demo.store_id}&from=2026-11-02&to=2026-11-03&format=csv"
    )
    assert export.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(await export.text())))
    assert rows == [
        {
            "orders": "4",
            "cancelled": "1",
            "revenue_cents": "6000",
            "average_order_cents": "2000",
            "gross_margin_cents": "2500",
            "delivered": "2",
            "on_time": "1",
            "on_time_share": "0.5000",
        }
    ]
    days = await client.get(
        "/admin/reports?store=all&from=2026-11-02&to=2026-11-03&format=csv&report=days"
    )
    assert (await days.text()).splitlines()[1:] == ["2026-11-02,2,5000", "2026-11-03,2,1000"]
    bad = await client.get("/admin/reports?from=2026-11-05&to=2026-11-01")
    assert bad.status == 422


async def test_days_are_the_stores_days(
    client: TestClient, ctx: AppContext, settings: Settings, demo: SeedReport
) -> None:
    """Half past eleven at night UTC is already the next day in Madrid: the store's report
    counts it on the store's day, and a period is the store's whole days."""
    await Store.filter(id=demo.store_id).update(timezone="Europe/Madrid")
    buyer = await make_person(settings, Role.CUSTOMER, adult=True)
    order = await place(ctx, buyer.user.id, demo.store_id, quantity=1)
    late = datetime(2026, 11, 2, 23, 30, tzinfo=UTC)  # 00:30 on 3 November in Madrid
    await Order.filter(id=order.id).update(created_at=late, total_cents=700)
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)

    async def days(first: str, last: str) -> list[str]:
        query = f"store={demo.store_id}&from={first}&to={last}&format=csv&report=days"
        return (await (await client.get(f"/admin/reports?{query}")).text()).splitlines()[1:]

    assert await days("2026-11-02", "2026-11-03") == ["2026-11-02,0,0", "2026-11-03,1,700"]
    assert await days("2026-11-02", "2026-11-02") == ["2026-11-02,0,0"]
    page = await (await client.get(f"/admin/reports?store={demo.store_id}")).text()
    assert 'data-zone="Europe/Madrid"' in page
    # In UTC (a report over stores in different zones) the same order is on 2 November.
    dash = await reports.dashboard([demo.store_id], DAY1, DAY2 + timedelta(days=1))
    assert [(d.day, d.orders) for d in dash.days] == [(DAY1.date(), 1), (DAY2.date(), 0)]


async def test_search_and_issues(client: TestClient, settings: Settings, demo: SeedReport) -> None:
    now = utcnow()
    for query, results in [("Ibuprofen", 3), ("ibuprofen", 2), (" IBUPROFEN ", 1), ("xyz", 0),
                           ("XYZ", 0), ("abc", 0)]:  # fmt: skip
        await SearchLog.create(
            store_id=demo.store_id, query=query, locale="en", result_count=results
        )
    search = await reports.search_analytics(
        [demo.store_id], now - timedelta(days=1), now + timedelta(minutes=1)
    )
    assert search.top == [("ibuprofen", 3), ("xyz", 2), ("abc", 1)]
    assert search.no_results == [("xyz", 2), ("abc", 1)]

    for reason in ("zone_unavailable", "zone_unavailable", "below_minimum", "old"):
        row = await CheckoutLog.create(
            store_id=demo.store_id, step=CheckoutStep.FAILED, success=False, reason=reason,
            data={"message": f"{reason} happened"},
        )  # fmt: skip
        if reason == "old":
            await CheckoutLog.filter(id=row.id).update(created_at=now - timedelta(hours=25))
    await ClientEvent.create(
        session_id="client-1", name="js_error", url="/s/demo", props={"message": "boom"}
    )
    await ClientEvent.create(
        session_id="client-2",
        name="js_error",
        url="/s/demo",
        props={"message": "bang", "store_id": demo.store_id},
        store_id=demo.store_id,
    )
    # The platform's view (an admin) holds the error sent from no store's page...
    found = await reports.issues([demo.store_id], now + timedelta(seconds=1), unattributed=True)
    assert [(i.kind, i.reason, i.count) for i in found] == [
        ("checkout", "zone_unavailable", 2),
        ("checkout", "below_minimum", 1),
        ("js_error", "bang", 1),
        ("js_error", "boom", 1),
    ]
    assert found[0].examples == ["zone_unavailable happened"] * 2
    # ...a store's manager sees only their store's.
    mine = await reports.issues([demo.store_id], now + timedelta(seconds=1))
    assert [(i.kind, i.reason) for i in mine if i.kind == "js_error"] == [("js_error", "bang")]


async def test_activity_journey_and_replay_playback(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    shopper = await make_person(settings, Role.CUSTOMER)
    store = demo.store_id
    for name in ("page_view", "product_view", "cart_add"):
        await ClientEvent.create(
            session_id="client-9", user_id=shopper.user.id, name=name, store_id=store
        )
    await ClientEvent.create(session_id="client-0", name="page_view", store_id=store)
    # Sent from another store's pages: not this manager's to see.
    elsewhere = await make_store("elsewhere-9")
    await ClientEvent.create(
        session_id="client-9", user_id=shopper.user.id, name="search", store_id=elsewhere.id
    )
    frames = [{"type": 4, "timestamp": 1000, "data": {}}, {"type": 2, "timestamp": 1001}]
    later = [{"type": 3, "timestamp": 2000, "data": {}}]
    await SessionRecording.create(session_id="rec-play-1", chunk_index=1, user_id=shopper.user.id,
                                  store_id=store, events=later)  # fmt: skip
    await SessionRecording.create(
        session_id="rec-play-1", chunk_index=0, user_id=shopper.user.id, events=frames,
        store_id=store,
    )  # fmt: skip
    # Recorded on the other store's pages, and one with no store: not this manager's.
    await SessionRecording.create(session_id="rec-else-1", chunk_index=0, user_id=shopper.user.id,
                                  store_id=elsewhere.id, events=frames)  # fmt: skip
    await SessionRecording.create(
        session_id="rec-none-1", chunk_index=0, user_id=shopper.user.id, events=frames
    )
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, client, manager)
    journey = await client.get(f"/admin/reports/activity?user={shopper.user.id}")
    html = await journey.text()
    assert journey.status == 200
    assert html.count("<td>client-9</td>") == 3 and "client-0" not in html
    assert "<td>search</td>" not in html
    assert "/admin/reports/replays/rec-play-1" in html
    assert "rec-else-1" not in html and "rec-none-1" not in html
    listed = await (await client.get("/admin/reports/replays")).text()
    assert "rec-play-1" in listed and "rec-else-1" not in listed and "rec-none-1" not in listed
    for foreign in ("rec-else-1", "rec-none-1"):
        assert (await client.get(f"/admin/reports/replays/{foreign}")).status == 404
        assert (await client.get(f"/admin/reports/replays/{foreign}/events")).status == 404
    only_carts = await (await client.get("/admin/reports/activity?type=cart_add")).text()
    assert only_carts.count("<td>cart_add</td>") == 1 and "<td>page_view</td>" not in only_carts
    player = await client.get("/admin/reports/replays/rec-play-1")
    assert player.status == 200
    assert "/static/vendor/rrweb-player/rrweb-player.js" in await player.text()
    events = await (await client.get("/admin/reports/replays/rec-play-1/events")).json()
    assert [e["timestamp"] for e in events] == [1000, 1001, 2000]
    assert (await client.get("/admin/reports/replays/rec-missing-1")).status == 404
    # An admin sees every recording.
    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    everything = await (await client.get("/admin/reports/replays")).text()
    assert all(r in everything for r in ("rec-play-1", "rec-else-1", "rec-none-1"))


async def test_sales_stock_cover_drivers_and_funnels(
    client: TestClient, ctx: AppContext, settings: Settings, demo: SeedReport
) -> None:
    store = demo.store_id
    buyers = [await make_person(settings, Role.CUSTOMER, adult=True) for _ in range(3)]
    v1 = await stocked_variant(store, at_least=5)
    v2 = await ProductVariant.filter(store_id=store).exclude(product_id=v1.product_id).first()
    assert v2 is not None
    p1, p2 = await Product.get(id=v1.product_id), await Product.get(id=v2.product_id)
    assert p1.id != p2.id
    brand = await Brand.create(store_id=store, name="Acme", slug="acme-test")
    await Product.filter(id=p1.id).update(brand_id=brand.id)
    await Product.filter(id=p2.id).update(brand_id=None)
    _, driver = await make_driver(settings, store)
    now = utcnow()

    async def order(
        status: OrderStatus, lines: list[tuple[ProductVariant, int, int, int]]
    ) -> Order:
        placed = await place(ctx, buyers[0].user.id, store, quantity=1)
        await OrderItem.filter(order_id=placed.id).delete()
        for variant, qty, price, cost in lines:
            await OrderItem.create(order_id=placed.id, variant_id=variant.id,
                                   product_id=variant.product_id, name=f"P{variant.product_id}",
                                   sku=variant.sku, quantity=qty, price_cents=price,
                                   cost_cents=cost)  # fmt: skip
        await Order.filter(id=placed.id).update(status=status)
        return placed

    delivered = await order(OrderStatus.DELIVERED, [(v1, 2, 500, 300), (v2, 1, 1000, 600)])
    await order(OrderStatus.PENDING, [(v1, 3, 500, 300)])
    await order(OrderStatus.CANCELLED, [(v2, 5, 1000, 600)])
    await Order.filter(id=delivered.id).update(
        driver_id=driver.id, delivered_at=now, cash_collected_cents=2500
    )
    await OrderStatusHistory.create(
        store_id=store, order_id=delivered.id, from_status=OrderStatus.READY,
        to_status=OrderStatus.ASSIGNED,
    )  # fmt: skip
    await OrderStatusHistory.filter(order_id=delivered.id, to_status=OrderStatus.ASSIGNED).update(
        created_at=now - timedelta(minutes=30)
    )
    await Inventory.filter(store_id=store, variant_id=v1.id).update(quantity=1)
    await Inventory.filter(store_id=store, variant_id=v2.id).update(quantity=100)

    start, end = now - timedelta(days=1), now + timedelta(minutes=1)
    sales = await reports.sales([store], start, end)
    assert [(s.key, s.units, s.revenue_cents, s.margin_cents) for s in sales.by_product] == [
        (f"P{p1.id}", 5, 2500, 1000),
        (f"P{p2.id}", 1, 1000, 400),
    ]
    assert [(s.key, s.units) for s in sales.by_brand] == [("Acme", 5), ("(no brand)", 1)]

    cover = await reports.stock_cover([store], now + timedelta(seconds=1))
    # Variant 1: 1 on hand, 5 sold in 14 days → 1 / (5 / 14) = 2.8 days; variant 2 has plenty.
    assert [(c.variant_id, c.on_hand, c.sold, round(c.days_of_cover, 2)) for c in cover] == [
        (v1.id, 1, 5, 2.8)
    ]

    drivers = await reports.driver_performance([store], start, end)
    assert [(d.driver_id, d.deliveries, d.average_minutes, d.cash_collected_cents)
            for d in drivers] == [(driver.id, 1, 30.0, 2500)]  # fmt: skip

    await CheckoutLog.all().delete()
    await OtpLog.all().delete()
    await LoginLog.all().delete()
    for phone, event in [("+1", OtpEvent.SENT), ("+1", OtpEvent.VERIFIED), ("+2", OtpEvent.SENT),
                         ("+2", OtpEvent.SENT)]:  # fmt: skip
        await OtpLog.create(phone=phone, purpose=OtpPurpose.REGISTER, event=event)
    for ok in (False, False, True):
        await LoginLog.create(method="password", success=ok)
    journeys = [
        (buyers[0], list(CheckoutStep)[:5], delivered.id),
        (buyers[1], [CheckoutStep.CART_PRICED, CheckoutStep.ADDRESS_CHECKED], None),
        (buyers[2], [CheckoutStep.CART_PRICED], None),
    ]
    for buyer, steps, order_id in journeys:
        for step in steps:
            await CheckoutLog.create(
                store_id=store, user_id=buyer.user.id, step=step,
                order_id=order_id if step == CheckoutStep.PLACED else None,
            )  # fmt: skip
    found = {f.name: f.steps for f in await reports.funnels([store], start, end)}
    assert found == {
        "registration": [("phone entered", 2), ("code verified", 1)],
        "login": [("attempts", 3), ("signed in", 1)],
        "checkout": [("cart", 3), ("address", 2), ("slot", 1), ("payment", 1), ("placed", 1),
                     ("delivered", 1)],
    }  # fmt: skip

    admin = await staff_user(settings, Role.ADMIN)
    await session_for(settings, client, admin)
    export = await client.get(f"/admin/reports?store={store}&format=csv&report=sales_brand")
    assert (await export.text()).splitlines() == [
        "brand,units,revenue_cents,margin_cents",
        "Acme,5,2500,1000",
        "(no brand),1,1000,400",
    ]
    page = await (await client.get(f"/admin/reports?store={store}")).text()
    assert 'data-table="stock"' in page and v1.sku in page
