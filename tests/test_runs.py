"""Delivery runs: one driver, several ready orders, a nearest-neighbour route from the store,
an ETA per stop kept current as the run goes; all or nothing, one winner in a race."""

from __future__ import annotations

import asyncio
import math
import re
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from api.keys import CTX
from core.context import AppContext
from core.settings import Settings
from models import DeliveryRun, Driver, Order, OrderStatusHistory, OutboxMessage, Store, User
from models.enums import OrderStatus, Role
from services import orders, tracking
from services.demo import SeedReport
from tests.fixtures.backend import SECRETS
from tests.fixtures.data import make_store
from tests.fixtures.orders import place
from tests.fixtures.people import Person, make_driver, make_person
from tests.fixtures.telegram import BotHarness, tg_user
from tests.test_auth_telegram import signed_init_data
from tests.test_console import csrf_of, session_for, staff_user
from tests.test_e2e_browser import CHROMIUM, FLAGS, live_app, open_mini_app  # noqa: F401
from tests.test_e2e_dispatch import new_order
from tests.test_realtime import flush, frames

S = OrderStatus
STORE = (41.380, 2.170)
# Placed in this order (so ids do not follow the route): nearest-neighbour from the store is
# north1 → north2 → east, although east is nearer the store than north2; the order without
# coordinates goes last.
POINTS: list[tuple[float, float] | None] = [(41.381, 2.190), (41.400, 2.170), (41.390, 2.170), None]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance, written here again so the test does not trust the service's."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def expected_route(
    origin: tuple[float, float], points: dict[int, tuple[float, float] | None]
) -> list[int]:
    left = {k: p for k, p in points.items() if p is not None}
    route: list[int] = []
    here = origin
    while left:
        best = sorted(left, key=lambda k: (km(here, left[k]), k))[0]
        route.append(best)
        here = left.pop(best)
    return route + [k for k, p in points.items() if p is None]


def minutes(distance: float, settings: Settings) -> int:
    return math.ceil(distance * settings.eta_minutes_per_km_bike)  # make_driver rides a bike


async def ready_orders(
    ctx: AppContext, demo: SeedReport, staff: Person, points: list[tuple[float, float] | None]
) -> list[Order]:
    await Store.filter(id=demo.store_id).update(lat=STORE[0], lng=STORE[1])
    made = []
    for point in points:
        buyer = await make_person(ctx.settings, Role.CUSTOMER, adult=True)
        order = await place(ctx, buyer.user.id, demo.store_id)
        await Order.filter(id=order.id).update(
            lat=point[0] if point else None, lng=point[1] if point else None
        )
        await orders.transition(order.id, S.CONFIRMED, staff.principal)
        made.append(await orders.transition(order.id, S.READY, staff.principal))
    return made


async def test_a_run_goes_nearest_first_with_an_eta_per_stop(
    client: TestClient, demo: SeedReport, dispatcher: Person
) -> None:
    ctx = client.app[CTX]
    settings = ctx.settings
    made = await ready_orders(ctx, demo, dispatcher, POINTS)
    rider, driver = await make_driver(settings, demo.store_id)
    response = await client.post(
        "/api/v1/staff/runs",
        json={"driver_id": driver.id, "order_ids": [o.id for o in made]},
        headers=dispatcher.headers,
    )
    assert response.status == 201, await response.text()
    run = await response.json()
    points = {o.id: p for o, p in zip(made, POINTS, strict=True)}
    route = expected_route(STORE, points)
    assert route[:3] == [made[2].id, made[1].id, made[0].id] and route[3] == made[3].id
    assert [s["order_id"] for s in run["stops"]] == route
    assert [s["position"] for s in run["stops"]] == [1, 2, 3, 4]
    assert [s["number"] for s in run["stops"]] == [
        next(o.number for o in made if o.id == i) for i in route
    ]
    # Handling at the store, then each leg, with a handover at every stop before.
    at = {k: p for k, p in points.items() if p is not None}
    a, b, c = (at[i] for i in route[:3])
    first = settings.eta_base_minutes + minutes(km(STORE, a), settings)
    second = first + settings.run_stop_minutes + minutes(km(a, b), settings)
    third = second + settings.run_stop_minutes + minutes(km(b, c), settings)
    assert [s["eta_minutes"] for s in run["stops"]] == [first, second, third, None]
    assert first < second < third

    for stop in run["stops"]:
        order = await Order.get(id=stop["order_id"])
        assert order.status is S.ASSIGNED and order.driver_id == driver.id
        assert order.eta_minutes == stop["eta_minutes"]
        step = await OrderStatusHistory.get(order_id=order.id, to_status=S.ASSIGNED)
        assert step.actor_id == dispatcher.user.id and step.actor_role is Role.DISPATCHER

    again = await client.get(f"/api/v1/staff/runs/{run['id']}", headers=dispatcher.headers)
    assert (await again.json())["stops"] == run["stops"]
    # The driver reads their own run and sees the stops in route order; a stranger nothing.
    mine = await client.get(f"/api/v1/staff/runs/{run['id']}", headers=rider.headers)
    assert mine.status == 200
    deliveries = await (await client.get("/api/v1/driver/orders", headers=rider.headers)).json()
    assert [o["id"] for o in deliveries["items"]] == route
    assert [o["run_position"] for o in deliveries["items"]] == [1, 2, 3, 4]
    other, _ = await make_driver(settings, demo.store_id)
    stranger = await client.get(f"/api/v1/staff/runs/{run['id']}", headers=other.headers)
    assert stranger.status == 404
    # Each customer hears of their stop: the ASSIGNED event goes to their bot and page.
    told = await OutboxMessage.filter(channel="notifications:customer", kind="ORDER_STATUS_CHANGED")
    assert {r.payload["order_id"] for r in told if r.payload["to"] == "assigned"} == set(route)


async def test_two_runs_sharing_an_order_cannot_both_take_it(
    client: TestClient, demo: SeedReport, dispatcher: Person
) -> None:
    ctx = client.app[CTX]
    made = await ready_orders(ctx, demo, dispatcher, POINTS[:3])
    _, first = await make_driver(ctx.settings, demo.store_id)
    _, second = await make_driver(ctx.settings, demo.store_id)
    a, b, c = (o.id for o in made)
    responses = await asyncio.gather(
        client.post(
            "/api/v1/staff/runs",
            json={"driver_id": first.id, "order_ids": [a, b]},
            headers=dispatcher.headers,
        ),
        client.post(
            "/api/v1/staff/runs",
            json={"driver_id": second.id, "order_ids": [c, b]},
            headers=dispatcher.headers,
        ),
    )
    statuses = sorted(r.status for r in responses)
    assert statuses == [201, 409], [await r.text() for r in responses]
    loser = next(r for r in responses if r.status == 409)
    assert (await loser.json())["error"]["code"] in ("order_taken", "order_changed")
    winner = await next(r for r in responses if r.status == 201).json()
    won = {s["order_id"] for s in winner["stops"]}
    assert await DeliveryRun.all().count() == 1
    # The loser took nothing: its other order is still ready, nobody's.
    for order in await Order.filter(id__in=[a, b, c]):
        if order.id in won:
            assert order.status is S.ASSIGNED and order.driver_id == winner["driver_id"]
            assert order.run_id == winner["id"]
        else:
            assert order.status is S.READY and order.driver_id is None and order.run_id is None
        assigned = await OrderStatusHistory.filter(order_id=order.id, to_status=S.ASSIGNED)
        assert len(assigned) == (1 if order.id in won else 0)


async def test_etas_follow_the_run_after_a_stop_and_a_location(
    client: TestClient, demo: SeedReport, dispatcher: Person
) -> None:
    ctx = client.app[CTX]
    settings = ctx.settings
    made = await ready_orders(ctx, demo, dispatcher, POINTS[:3])
    rider, driver = await make_driver(settings, demo.store_id)
    created = await client.post(
        "/api/v1/staff/runs",
        json={"driver_id": driver.id, "order_ids": [o.id for o in made]},
        headers=dispatcher.headers,
    )
    run = await created.json()
    route = [s["order_id"] for s in run["stops"]]
    points = {o.id: p for o, p in zip(made, POINTS[:3], strict=True)}
    at = {k: p for k, p in points.items() if p is not None}
    a, b, c = (at[i] for i in route)
    for order_id in route:
        await orders.transition(order_id, S.PICKED_UP, rider.principal)
    await flush(client)
    # The last stop's customer follows the tracking page.
    token = tracking.tracking_token(settings.secret_key, route[2])
    ws = await client.ws_connect("/ws", params={"tracking": token})
    await frames(ws)
    await orders.transition(route[0], S.DELIVERED, rider.principal)

    # From the first stop, its handover done: the next leg, then a handover and the last leg.
    second = minutes(km(a, b), settings)
    third = second + settings.run_stop_minutes + minutes(km(b, c), settings)
    etas = {o.id: o.eta_minutes for o in await Order.filter(id__in=route[1:])}
    assert etas == {route[1]: second, route[2]: third}
    assert third != run["stops"][2]["eta_minutes"]
    published = await OutboxMessage.filter(channel="realtime", kind="DRIVER_ETAS_UPDATED")
    assert len(published) == 1
    customer_of = {o.id: o.customer_id for o in made}
    assert published[0].payload["orders"] == [
        {"order_id": route[1], "customer_id": customer_of[route[1]], "eta_minutes": second},
        {"order_id": route[2], "customer_id": customer_of[route[2]], "eta_minutes": third},
    ]

    await flush(client)
    live = [f for f in await frames(ws) if f["type"] == "DRIVER_ETAS_UPDATED"]
    assert len(live) == 1 and live[0]["payload"]["orders"] == [
        {"order_id": route[2], "customer_id": customer_of[route[2]], "eta_minutes": third}
    ]
    await ws.close()

    # Halfway between the first and the second stop: the next stop, then the chain after it
    # (not straight to the last stop).
    here = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    response = await client.post(
        "/api/v1/driver/location", json={"lat": here[0], "lng": here[1]}, headers=rider.headers
    )
    got = {u["order_id"]: u["eta_minutes"] for u in (await response.json())["orders"]}
    to_next = max(1, minutes(km(here, b), settings))
    chained = to_next + settings.run_stop_minutes + minutes(km(b, c), settings)
    straight = minutes(km(here, c), settings)
    assert got == {route[1]: to_next, route[2]: chained}
    assert chained > straight
    assert {o.id: o.eta_minutes for o in await Order.filter(id__in=route[1:])} == got

    await orders.transition(route[1], S.DELIVERED, rider.principal)
    await orders.transition(route[2], S.DELIVERED, rider.principal)
    assert (await DeliveryRun.get(id=run["id"])).finished_at is not None


async def test_hostile_run_requests_are_refused_naming_the_field(
    client: TestClient, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:
    ctx = client.app[CTX]
    made = await ready_orders(ctx, demo, dispatcher, POINTS[:3])
    ids = [o.id for o in made]
    _, driver = await make_driver(settings, demo.store_id)
    _, resting = await make_driver(settings, demo.store_id, on_shift=False)
    rival = await make_store("rival")
    rival_dispatcher = await make_person(settings, Role.DISPATCHER, store_ids=(rival.id,))
    _, rival_driver = await make_driver(settings, rival.id)
    customer = await make_person(settings, Role.CUSTOMER)
    pending = await place(ctx, customer.user.id, demo.store_id)

    async def attempt(body: object, who: Person = dispatcher) -> tuple[int, dict[str, Any]]:
        response = await client.post("/api/v1/staff/runs", json=body, headers=who.headers)
        return response.status, (await response.json()).get("error", {})

    cases: list[tuple[object, int, str]] = [
        ({"driver_id": driver.id, "order_ids": [ids[0], ids[0]]}, 422, "order_ids"),
        ({"driver_id": driver.id, "order_ids": [ids[0]]}, 422, "order_ids"),
        ({"driver_id": driver.id, "order_ids": []}, 422, "order_ids"),
        ({"driver_id": driver.id, "order_ids": list(range(1, 10_000))}, 422, "order_ids"),
        ({"driver_id": driver.id, "order_ids": [ids[0], "2"]}, 422, "order_ids"),
        ({"driver_id": driver.id, "order_ids": [ids[0], 2**40]}, 422, "order_ids"),
        ({"driver_id": driver.id, "order_ids": [ids[0], pending.id]}, 422, "order_ids"),
        ({"driver_id": driver.id, "order_ids": [ids[0], 999_999]}, 404, "order_ids"),
        ({"driver_id": resting.id, "order_ids": ids[:2]}, 422, "driver_id"),
        ({"driver_id": rival_driver.id, "order_ids": ids[:2]}, 404, "driver_id"),
        ({"driver_id": 999_999, "order_ids": ids[:2]}, 404, "driver_id"),
        ({"order_ids": ids[:2]}, 422, "driver_id"),
        ({"driver_id": driver.id, "order_ids": ids[:2], "extra": 1}, 422, "extra"),
    ]
    for body, status, field in cases:
        got, error = await attempt(body)
        assert got == status, (body if len(str(body)) < 200 else "huge", got, error)
        assert field in str(error.get("fields", {})), (field, error)
    # Another store's dispatcher with their own driver cannot take this store's orders.
    got, error = await attempt(
        {"driver_id": rival_driver.id, "order_ids": ids[:2]}, rival_dispatcher
    )
    assert got == 404 and "order_ids" in error["fields"]
    # Nor can a customer or a driver make runs at all.
    assert (await attempt({"driver_id": driver.id, "order_ids": ids[:2]}, customer))[0] == 403
    # After all that, nothing moved.
    assert await DeliveryRun.all().count() == 0
    assert {o.status for o in await Order.filter(id__in=ids)} == {S.READY}
    assert await Driver.filter(id=driver.id).exists()


async def test_a_dispatcher_puts_a_run_together_in_the_bot(
    bots: BotHarness, demo: SeedReport
) -> None:
    ctx = bots.ctx
    dina, dan = tg_user(9101, language="en"), tg_user(9102, language="en")
    dispatcher = await make_person(
        ctx.settings, Role.DISPATCHER, store_ids=(demo.store_id,), tg_id=dina["id"], locale="en"
    )
    rider, driver = await make_driver(ctx.settings, demo.store_id)
    await User.filter(id=rider.user.id).update(tg_id=dan["id"], locale="en")
    made = await ready_orders(ctx, demo, dispatcher, POINTS[:3])
    await bots.deliver()
    # The customers link Telegram now: the run's messages are the ones they get.
    chats = {o.id: 9200 + n for n, o in enumerate(made)}
    for order in made:
        await User.filter(id=order.customer_id).update(tg_id=chats[order.id], locale="en")

    await bots.press("dispatcher", dina, "🧺 Run with other orders")
    await bots.press("dispatcher", dina, rider.user.name)
    chooser = bots.last("dispatcher", dina)
    ticked = [b["text"] for b in chooser.buttons() if b["text"].startswith("☑")]
    assert len(ticked) == 1  # the order whose card it came from
    for order in made:
        if not any(order.number in text for text in ticked):
            await bots.press("dispatcher", dina, f"☐ {order.number}")
    assert sum(b["text"].startswith("☑") for b in bots.last("dispatcher", dina).buttons()) == 3
    await bots.press("dispatcher", dina, "🚚 Start the run (3)")
    assert "Run assigned: 3 stops" in bots.answers("dispatcher")[-1]
    run = await DeliveryRun.get(driver_id=driver.id)
    stops = await Order.filter(run_id=run.id).order_by("run_position")
    points = {o.id: p for o, p in zip(made, POINTS[:3], strict=True)}
    assert [o.id for o in stops] == expected_route(STORE, points)
    assert all(o.status is S.ASSIGNED and o.driver_id == driver.id for o in stops)
    assert not any("Start the run" in str(c.buttons()) for c in bots.screen("dispatcher", dina))

    # Each customer hears which stop they are and when the driver should be there.
    await bots.deliver()
    for stop in stops:
        told = " ".join(c.text for c in bots.screen("customer", tg_user(chats[stop.id])))
        assert f"stop {stop.run_position} on the driver's route" in told
        assert f"about {stop.eta_minutes} min" in told
    # The driver's deliveries come in route order, each saying which stop it is.
    await bots.post("driver", bots.message(dan, "/start"))
    await bots.tap("driver", dan, "📋 My deliveries")
    cards = [c.text for c in bots.screen("driver", dan) if "Run stop" in c.text]
    assert [next(o.number for o in stops if o.number in c) for c in cards[-3:]] == [
        o.number for o in stops
    ]
    assert "Run stop 1 of 3" in cards[-3] and "Run stop 3 of 3" in cards[-1]


async def test_a_run_of_one_order_is_refused_in_the_bot(bots: BotHarness, demo: SeedReport) -> None:
    ctx = bots.ctx
    dina = tg_user(9111, language="ru")
    dispatcher = await make_person(
        ctx.settings, Role.DISPATCHER, store_ids=(demo.store_id,), tg_id=dina["id"], locale="ru"
    )
    rider, _ = await make_driver(ctx.settings, demo.store_id)
    made = await ready_orders(ctx, demo, dispatcher, POINTS[:1])
    await bots.deliver()
    await bots.press("dispatcher", dina, "🧺 Рейс с другими заказами")
    await bots.press("dispatcher", dina, rider.user.name)
    await bots.press("dispatcher", dina, "🚚 Начать рейс (1)")
    assert "от 2 до 20" in bots.answers("dispatcher")[-1]
    assert (await Order.get(id=made[0].id)).status is S.READY
    assert await DeliveryRun.all().count() == 0


async def test_the_console_gives_a_run_and_shows_it_on_the_order(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    ctx = client.app[CTX]
    dispatcher = await staff_user(settings, Role.DISPATCHER, (demo.store_id,))
    staff = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    made = await ready_orders(ctx, demo, staff, POINTS[:3])
    rider, driver = await make_driver(settings, demo.store_id)
    await session_for(settings, client, dispatcher)
    page = f"/admin/stores/{demo.store_id}/orders/{made[0].id}"
    shown = await (await client.get(page)).text()
    assert 'id="run-form"' in shown and made[1].number in shown and made[2].number in shown

    async def give(*order_ids: str) -> Any:
        token = await csrf_of(client, page)
        fields = [("csrf", token), ("action", "run"), ("driver_id", str(driver.id))]
        fields += [("order_ids", i) for i in order_ids]
        return await client.post(page + "/action", data=fields, allow_redirects=False)

    lonely = await give(str(made[0].id))
    assert lonely.status == 422 and 'data-field="order_ids"' in await lonely.text()
    bogus = await give(str(made[0].id), "١٢")
    assert bogus.status == 422 and 'data-field="order_ids"' in await bogus.text()
    given = await give(*(str(o.id) for o in made))
    assert given.status == 303, await given.text()
    run = await DeliveryRun.get(driver_id=driver.id)
    assert run.created_by_id == dispatcher.id
    stops = await Order.filter(run_id=run.id).order_by("run_position")
    points = {o.id: p for o, p in zip(made, POINTS[:3], strict=True)}
    assert [o.id for o in stops] == expected_route(STORE, points)
    text = await (await client.get(page)).text()
    listed = text.split('class="run-stops"')[1].split("</ol>")[0]
    assert [n for n in re.findall(r">([^<>]+)</a>", listed)] == [o.number for o in stops]
    assert rider.user.name in text and f"about {stops[0].eta_minutes} min" in listed


async def test_a_cancelled_stop_leaves_the_route_and_a_retried_one_leaves_the_run(
    client: TestClient, demo: SeedReport, dispatcher: Person
) -> None:
    ctx = client.app[CTX]
    settings = ctx.settings
    made = await ready_orders(ctx, demo, dispatcher, POINTS[:3])
    rider, driver = await make_driver(settings, demo.store_id)
    created = await client.post(
        "/api/v1/staff/runs",
        json={"driver_id": driver.id, "order_ids": [o.id for o in made]},
        headers=dispatcher.headers,
    )
    route = [s["order_id"] for s in (await created.json())["stops"]]
    points = {o.id: p for o, p in zip(made, POINTS[:3], strict=True)}
    at = {k: p for k, p in points.items() if p is not None}
    a, c = at[route[0]], at[route[2]]

    # The second stop is cancelled before the driver leaves: the third now follows the first.
    await orders.transition(route[1], S.CANCELLED, dispatcher.principal, reason="Customer asked")
    first = settings.eta_base_minutes + minutes(km(STORE, a), settings)
    third = first + settings.run_stop_minutes + minutes(km(a, c), settings)
    etas = {o.id: o.eta_minutes for o in await Order.filter(id__in=[route[0], route[2]])}
    assert etas == {route[0]: first, route[2]: third}

    # The first stop cannot be handed over and comes back; sent again, it is nobody's run.
    await orders.transition(route[0], S.PICKED_UP, rider.principal)
    await orders.transition(route[0], S.RETURNING, rider.principal, reason="nobody home")
    again = await orders.transition(route[0], S.READY, dispatcher.principal)
    assert again.run_id is None and again.run_position is None and again.driver_id is None
    assert (await DeliveryRun.get(driver_id=driver.id)).finished_at is None  # one stop left
    await orders.transition(route[2], S.PICKED_UP, rider.principal)
    await orders.transition(route[2], S.DELIVERED, rider.principal)
    assert (await DeliveryRun.get(driver_id=driver.id)).finished_at is not None


@pytest.mark.browser
async def test_the_dispatch_mini_app_gives_a_run(
    live_app: TestClient,  # noqa: F811
    settings: Settings,
    demo: SeedReport,
    artifacts_dir: Path,
) -> None:
    from playwright.async_api import async_playwright, expect

    dispatcher = await make_person(
        settings, Role.DISPATCHER, store_ids=(demo.store_id,), tg_id=62101, locale="en"
    )
    customer = await make_person(settings, Role.CUSTOMER, adult=True)
    _, driver = await make_driver(settings, demo.store_id)
    made = []
    for key in ("run-a", "run-b"):
        order = await new_order(live_app, customer, demo.store_id, key)
        for status in ("confirmed", "ready"):
            moved = await live_app.post(
                f"/api/v1/staff/orders/{order['id']}/status",
                headers=dispatcher.headers,
                json={"status": status},
            )
            assert moved.status == 200, await moved.text()
        made.append(order)
    init_data = signed_init_data(SECRETS["dispatcher_bot_token"], {"id": 62101, "first_name": "D"})
    base = str(live_app.make_url("")).rstrip("/")

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        board = await open_mini_app(
            browser, f"{base}/app/dispatch?lang=en", init_data, artifacts_dir, "board-run"
        )
        await board.locator(f'[data-order="{made[0]["number"]}"]').click()
        detail = board.locator(f'[data-detail="{made[0]["number"]}"]')
        await expect(detail).to_have_attribute("data-status", "ready")
        other = board.locator(f'input[name=run-order][value="{made[1]["id"]}"]')
        await expect(other).to_be_visible(timeout=10000)
        await board.locator("select[name=driver]").select_option(str(driver.id))
        await other.check()
        await board.locator("[data-action=run]").click()
        await expect(detail).to_have_attribute("data-status", "assigned", timeout=10000)
        await expect(detail.locator(".tag.run")).to_contain_text("Run stop")
        assert board.errors == []  # type: ignore[attr-defined]
        await browser.close()

    run = await DeliveryRun.get(driver_id=driver.id)
    stops = await Order.filter(run_id=run.id).order_by("run_position")
    assert {o.id for o in stops} == {o["id"] for o in made}
    assert all(o.status is S.ASSIGNED for o in stops)
