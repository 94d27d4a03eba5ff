"""The order state machine through the staff and customer doors."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from aiohttp.test_utils import TestClient

from core.clock import utcnow
from core.context import AppContext
from core.settings import Settings
from models import (
    CashDrop,
    DriverShift,
    Inventory,
    InventoryLog,
    Order,
    OrderItem,
    OrderStatusHistory,
    OutboxMessage,
    User,
)
from models.enums import OrderStatus, PaymentMethod, Role
from models.transitions import FINAL_STATUSES, TRANSITIONS, can_transition
from services.demo import SeedReport
from tests.fixtures.data import make_store
from tests.fixtures.orders import place
from tests.fixtures.people import Person, make_driver, make_person

S = OrderStatus


def app_ctx(client: TestClient) -> AppContext:
    from api.keys import CTX

    return client.app[CTX]


async def move(client: TestClient, person: Person, order_id: int, status: str, **extra: object):  # type: ignore[no-untyped-def]
    return await client.post(
        f"/api/v1/staff/orders/{order_id}/status",
        headers=person.headers,
        json={"status": status, **extra},
    )


def test_transition_table_is_the_documented_one() -> None:
    chain = [S.PENDING, S.CONFIRMED, S.READY, S.ASSIGNED, S.PICKED_UP, S.DELIVERED]
    for current, following in itertools.pairwise(chain):
        assert can_transition(current, following)
    for status in S:
        # A returning order is not cancelled: the pharmacy receives it back.
        expected = status not in FINAL_STATUSES and status is not S.RETURNING
        assert can_transition(status, S.CANCELLED) == expected
    assert TRANSITIONS[S.DELIVERED] == frozenset() and TRANSITIONS[S.CANCELLED] == frozenset()
    assert TRANSITIONS[S.PICKED_UP] == {S.DELIVERED, S.CANCELLED, S.RETURNING}
    assert TRANSITIONS[S.RETURNING] == {S.RETURNED, S.READY}
    assert TRANSITIONS[S.RETURNED] == frozenset()
    assert not can_transition(S.PENDING, S.DELIVERED)
    assert not can_transition(S.ASSIGNED, S.RETURNING)


async def test_full_lifecycle_with_history_and_events(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    ctx = app_ctx(client)
    driver_person, driver = await make_driver(settings, demo.store_id)
    shift = await DriverShift.create(
        store_id=demo.store_id, driver=driver, started_at=driver.created_at
    )
    order = await place(ctx, customer.user.id, demo.store_id, payment=PaymentMethod.CASH)
    await OutboxMessage.all().delete()

    for status in ("confirmed", "ready"):
        response = await move(client, dispatcher, order.id, status)
        assert response.status == 200, await response.text()
    response = await client.post(
        f"/api/v1/staff/orders/{order.id}/assign",
        headers=dispatcher.headers,
        json={"driver_id": driver.id},
    )
    assert response.status == 200
    assert (await response.json())["driver_id"] == driver.id

    # The driver sees it and carries it.
    mine = await (await client.get("/api/v1/driver/orders", headers=driver_person.headers)).json()
    assert [o["id"] for o in mine["items"]] == [order.id]
    assert (await move(client, driver_person, order.id, "picked_up")).status == 200
    response = await move(client, driver_person, order.id, "delivered")
    assert response.status == 422
    assert (await response.json())["error"]["code"] == "cash_amount_required"
    total = (await Order.get(id=order.id)).total_cents
    response = await move(client, driver_person, order.id, "delivered", cash_collected_cents=total)
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "delivered" and body["payment_state"] == "paid"
    assert [h["to_status"] for h in body["history"]] == [
        "pending",
        "confirmed",
        "ready",
        "assigned",
        "picked_up",
        "delivered",
    ]
    roles = [h["actor_role"] for h in body["history"]]
    assert roles == ["customer", "dispatcher", "dispatcher", "dispatcher", "driver", "driver"]
    drop = await CashDrop.get(order_id=order.id)
    assert drop.amount_cents == total and drop.shift_id == shift.id  # type: ignore[attr-defined]

    kinds = [(m.channel, m.kind) for m in await OutboxMessage.all().order_by("id")]
    changed = [k for k in kinds if k == ("realtime", "ORDER_STATUS_CHANGED")]
    assert len(changed) == 5
    assert ("notifications:driver", "ORDER_ASSIGNED") in kinds
    assert ("notifications:customer", "ORDER_STATUS_CHANGED") in kinds


async def test_illegal_move_is_422_with_from_and_to(
    client: TestClient, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    response = await move(client, dispatcher, order.id, "delivered")
    assert response.status == 422
    error = (await response.json())["error"]
    assert (error["code"], error["from"], error["to"]) == (
        "illegal_transition",
        "pending",
        "delivered",
    )
    assert await OrderStatusHistory.filter(order_id=order.id).count() == 1


async def test_two_concurrent_moves_one_wins(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    other = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    responses = await asyncio.gather(
        move(client, dispatcher, order.id, "confirmed"), move(client, other, order.id, "confirmed")
    )
    statuses = sorted(r.status for r in responses)
    # The loser either lost the compare-and-set (409) or saw the new state (422).
    assert statuses[0] == 200 and statuses[1] in (409, 422)
    assert await OrderStatusHistory.filter(order_id=order.id, to_status=S.CONFIRMED).count() == 1
    assert (await Order.get(id=order.id)).version == 1


async def test_two_dispatchers_cannot_assign_the_same_order(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    _, first = await make_driver(settings, demo.store_id)
    _, second = await make_driver(settings, demo.store_id)
    other = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    await move(client, dispatcher, order.id, "confirmed")
    await move(client, dispatcher, order.id, "ready")
    responses = await asyncio.gather(
        client.post(
            f"/api/v1/staff/orders/{order.id}/assign",
            headers=dispatcher.headers,
            json={"driver_id": first.id},
        ),
        client.post(
            f"/api/v1/staff/orders/{order.id}/assign",
            headers=other.headers,
            json={"driver_id": second.id},
        ),
    )
    assert sorted(r.status for r in responses)[0] == 200
    assert sorted(r.status for r in responses)[1] in (409, 422)
    assert await OrderStatusHistory.filter(order_id=order.id, to_status=S.ASSIGNED).count() == 1


async def test_customer_cancels_pending_and_stock_and_slot_come_back(
    client: TestClient, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    from models import TimeSlot
    from services.delivery import bookable_slots

    slot = (await bookable_slots(demo.store_id))[0]
    order = await place(
        app_ctx(client), customer.user.id, demo.store_id, slot_id=slot.id, quantity=3
    )
    item = (await order.items.all())[0]
    stock_after_order = (await Inventory.get(variant_id=item.variant_id)).quantity
    assert (await TimeSlot.get(id=slot.id)).reserved == 1
    response = await client.post(
        f"/api/v1/orders/{order.id}/cancel",
        headers=customer.headers,
        json={"reason": "changed my mind"},
    )
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "cancelled" and body["cancel_reason"] == "changed my mind"
    assert (await Inventory.get(variant_id=item.variant_id)).quantity == stock_after_order + 3
    restored = await InventoryLog.get(order_id=order.id, delta=3)
    assert restored.resulting_quantity == stock_after_order + 3
    assert (await TimeSlot.get(id=slot.id)).reserved == 0
    # Cancelling again, or confirming a cancelled order, is refused.
    again = await client.post(f"/api/v1/orders/{order.id}/cancel", headers=customer.headers)
    assert again.status == 422


async def test_customer_cannot_cancel_once_confirmed_but_staff_can(
    client: TestClient, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    await move(client, dispatcher, order.id, "confirmed")
    response = await client.post(f"/api/v1/orders/{order.id}/cancel", headers=customer.headers)
    assert response.status == 403
    response = await move(client, dispatcher, order.id, "cancelled", reason="out of courier hours")
    assert response.status == 200


async def test_cancel_after_pickup_marks_a_refund_due(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    driver_person, driver = await make_driver(settings, demo.store_id)
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    for status in ("confirmed", "ready"):
        await move(client, dispatcher, order.id, status)
    await client.post(
        f"/api/v1/staff/orders/{order.id}/assign",
        headers=dispatcher.headers,
        json={"driver_id": driver.id},
    )
    await move(client, driver_person, order.id, "picked_up")
    response = await move(client, dispatcher, order.id, "cancelled", reason="customer not home")
    assert response.status == 200
    assert (await response.json())["refund_due"] is True


async def test_age_restricted_delivery_needs_the_id_check(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    driver_person, driver = await make_driver(settings, demo.store_id)
    order = await place(
        app_ctx(client), customer.user.id, demo.store_id, restricted=True, quantity=1
    )
    assert order.requires_id_check
    for status in ("confirmed", "ready"):
        await move(client, dispatcher, order.id, status)
    await client.post(
        f"/api/v1/staff/orders/{order.id}/assign",
        headers=dispatcher.headers,
        json={"driver_id": driver.id},
    )
    await move(client, driver_person, order.id, "picked_up")
    refused = await move(client, driver_person, order.id, "delivered")
    assert refused.status == 422
    assert (await refused.json())["error"]["code"] == "id_check_required"
    url = f"/api/v1/staff/orders/{order.id}/id-check"
    headers = driver_person.headers
    no_body = await client.post(url, headers=headers)
    assert no_body.status == 422
    this_year = utcnow().year
    young = await client.post(
        url, headers=headers, json={"document_type": "passport", "birth_year": this_year - 10}
    )
    assert young.status == 422 and (await young.json())["error"]["code"] == "id_underage"
    assert "birth_year" in (await young.json())["error"]["fields"]
    number = await client.post(
        url, headers=headers, json={"document_type": "passport", "birth_year": 1990, "number": "X"}
    )
    assert number.status == 422  # the document's number is never taken
    checked = await client.post(
        url, headers=headers, json={"document_type": "id_card", "birth_year": 1990}
    )
    body = await checked.json()
    assert checked.status == 200 and body["id_checked"] is True
    assert [(e["kind"], e["data"]) for e in body["events"]] == [
        ("id_checked", {"document_type": "id_card", "birth_year": 1990})
    ]
    assert [h["to_status"] for h in body["history"]].count("picked_up") == 1
    assert (await User.get(id=customer.user.id)).age_verified
    assert (await move(client, driver_person, order.id, "delivered")).status == 200


async def test_a_driver_refuses_a_handover_and_the_order_comes_back(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    driver_person, driver = await make_driver(settings, demo.store_id)
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    url = f"/api/v1/staff/orders/{order.id}/refuse-handover"
    for status in ("confirmed", "ready"):
        await move(client, dispatcher, order.id, status)
    await client.post(
        f"/api/v1/staff/orders/{order.id}/assign",
        headers=dispatcher.headers,
        json={"driver_id": driver.id},
    )
    early = await client.post(url, headers=driver_person.headers, json={"reason": "no_id"})
    assert early.status == 422 and (await early.json())["error"]["code"] == "not_picked_up"
    await move(client, driver_person, order.id, "picked_up")
    # A driver may not simply cancel: only a refused handover does.
    assert (await move(client, driver_person, order.id, "cancelled")).status == 403
    bad = await client.post(url, headers=driver_person.headers, json={"reason": "bored"})
    assert bad.status == 422 and "reason" in (await bad.json())["error"]["fields"]
    refused = await client.post(
        url, headers=driver_person.headers, json={"reason": "customer_absent"}
    )
    body = await refused.json()
    assert refused.status == 200 and body["status"] == "returning"
    assert body["events"][0]["kind"] == "handover_refused"
    assert body["history"][-1]["actor_role"] == "driver"


async def test_returning_and_returned_through_the_status_endpoint(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    driver_person, driver = await make_driver(settings, demo.store_id)
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    held = {i.variant_id: i.quantity for i in await OrderItem.filter(order_id=order.id)}
    stock = {v: (await Inventory.get(store_id=demo.store_id, variant_id=v)).quantity for v in held}
    for status in ("confirmed", "ready"):
        await move(client, dispatcher, order.id, status)
    await client.post(
        f"/api/v1/staff/orders/{order.id}/assign",
        headers=dispatcher.headers,
        json={"driver_id": driver.id},
    )
    early = await move(client, driver_person, order.id, "returning", reason="nobody home")
    assert early.status == 422 and (await early.json())["error"]["code"] == "illegal_transition"
    await move(client, driver_person, order.id, "picked_up")
    silent = await move(client, driver_person, order.id, "returning")
    assert silent.status == 422 and "reason" in (await silent.json())["error"]["fields"]
    back = await move(client, driver_person, order.id, "returning", reason="nobody home")
    body = await back.json()
    assert back.status == 200 and body["status"] == "returning"
    assert body["history"][-1]["reason"] == "nobody home"
    # The driver brings it back; receiving it is the pharmacy's.
    assert (await move(client, driver_person, order.id, "returned")).status == 403
    assert (await move(client, dispatcher, order.id, "cancelled")).status == 422
    received = await move(client, dispatcher, order.id, "returned")
    assert received.status == 200 and (await received.json())["status"] == "returned"
    for variant_id, quantity in held.items():
        now = (await Inventory.get(store_id=demo.store_id, variant_id=variant_id)).quantity
        assert now == stock[variant_id] + quantity
    log = await InventoryLog.filter(order_id=order.id, reason="return").count()
    assert log == len(held)
    assert (await move(client, dispatcher, order.id, "ready")).status == 422  # final


async def test_a_driver_moves_only_their_own_deliveries(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    _, mine = await make_driver(settings, demo.store_id)
    stranger, _ = await make_driver(settings, demo.store_id)
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    for status in ("confirmed", "ready"):
        await move(client, dispatcher, order.id, status)
    await client.post(
        f"/api/v1/staff/orders/{order.id}/assign",
        headers=dispatcher.headers,
        json={"driver_id": mine.id},
    )
    response = await move(client, stranger, order.id, "picked_up")
    assert response.status == 404  # not theirs: they learn nothing


async def test_assigning_an_offline_driver_is_refused(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    _, offline = await make_driver(settings, demo.store_id, on_shift=False)
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    for status in ("confirmed", "ready"):
        await move(client, dispatcher, order.id, status)
    response = await client.post(
        f"/api/v1/staff/orders/{order.id}/assign",
        headers=dispatcher.headers,
        json={"driver_id": offline.id},
    )
    assert response.status == 422
    assert (await response.json())["error"]["code"] == "driver_offline"


async def test_reorder_fills_the_cart(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    order = await place(app_ctx(client), customer.user.id, demo.store_id, quantity=2)
    response = await client.post(f"/api/v1/orders/{order.id}/reorder", headers=customer.headers)
    assert response.status == 200
    cart = await (
        await client.get(f"/api/v1/stores/{demo.store_id}/cart", headers=customer.headers)
    ).json()
    rows = await OrderItem.filter(order_id=order.id).order_by("id")
    assert [(line["variant_id"], line["quantity"]) for line in cart["lines"]] == [
        (i.variant_id, i.quantity) for i in rows
    ]


@pytest.mark.parametrize("role", [Role.DISPATCHER, Role.MANAGER])
async def test_staff_of_another_store_see_nothing(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, role: Role
) -> None:
    other_store = await make_store("other")
    outsider = await make_person(settings, role, store_ids=(other_store.id,))
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    _, driver = await make_driver(settings, demo.store_id)
    checks = [
        await client.get(f"/api/v1/staff/stores/{demo.store_id}/orders", headers=outsider.headers),
        await client.get(f"/api/v1/staff/stores/{demo.store_id}/drivers", headers=outsider.headers),
        await client.get(f"/api/v1/staff/orders/{order.id}", headers=outsider.headers),
        await move(client, outsider, order.id, "confirmed"),
        await client.post(
            f"/api/v1/staff/orders/{order.id}/assign",
            headers=outsider.headers,
            json={"driver_id": driver.id},
        ),
        await client.get(f"/api/v1/orders/{order.id}", headers=outsider.headers),
    ]
    assert [r.status for r in checks] == [403, 403, 404, 404, 404, 404]
    assert (await Order.get(id=order.id)).status == S.PENDING
    # Their own store's board works.
    own = await client.get(
        f"/api/v1/staff/stores/{other_store.id}/orders", headers=outsider.headers
    )
    assert own.status == 200 and (await own.json())["items"] == []


async def test_customers_see_only_their_own_orders(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person
) -> None:
    other = await make_person(settings, Role.CUSTOMER)
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    assert (await client.get(f"/api/v1/orders/{order.id}", headers=other.headers)).status == 404
    assert (
        await client.post(f"/api/v1/orders/{order.id}/cancel", headers=other.headers)
    ).status == 404
    staff = await client.get(f"/api/v1/staff/stores/{demo.store_id}/orders", headers=other.headers)
    assert staff.status == 403


async def test_store_board_filters_and_searches(
    client: TestClient, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    ctx = app_ctx(client)
    first = await place(ctx, customer.user.id, demo.store_id)
    second = await place(ctx, customer.user.id, demo.store_id)
    await move(client, dispatcher, second.id, "confirmed")
    url = f"/api/v1/staff/stores/{demo.store_id}/orders"
    pending = await (
        await client.get(url, params={"status": "pending"}, headers=dispatcher.headers)
    ).json()
    assert [o["id"] for o in pending["items"]] == [first.id]
    found = await (
        await client.get(url, params={"q": second.number}, headers=dispatcher.headers)
    ).json()
    assert [o["id"] for o in found["items"]] == [second.id]
    bad = await client.get(url, params={"status": "nonsense"}, headers=dispatcher.headers)
    assert bad.status == 422 and "status" in str((await bad.json())["error"]["fields"])


async def test_drivers_listed_nearest_first_with_load(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    _, far = await make_driver(settings, demo.store_id, lat=41.45, lng=2.25)
    _, near = await make_driver(settings, demo.store_id, lat=41.393, lng=2.161)
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    body = await (
        await client.get(
            f"/api/v1/staff/stores/{demo.store_id}/drivers",
            params={"order_id": str(order.id)},
            headers=dispatcher.headers,
        )
    ).json()
    ids = [d["id"] for d in body["items"] if d["id"] in (far.id, near.id)]
    assert ids == [near.id, far.id]
    assert body["items"][0]["distance_km"] < 1 and body["items"][0]["active_orders"] == 0


async def test_outsiders_cannot_check_ids_or_change_another_stores_catalog(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person
) -> None:
    other_store = await make_store("rival")
    rival_driver, _ = await make_driver(settings, other_store.id)
    rival_manager = await make_person(settings, Role.MANAGER, store_ids=(other_store.id,))
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    checked = await client.post(
        f"/api/v1/staff/orders/{order.id}/id-check",
        headers=rival_driver.headers,
        json={"document_type": "passport", "birth_year": 1990},
    )
    assert checked.status == 404
    base = f"/api/v1/admin/stores/{demo.store_id}"
    attempts = [
        await client.patch(
            f"{base}/products/1", headers=rival_manager.headers, json={"is_active": False}
        ),
        await client.post(
            f"{base}/variants/1/stock", headers=rival_manager.headers, json={"quantity": -5}
        ),
        await client.put(
            f"{base}/variants/1/price", headers=rival_manager.headers, json={"price_cents": 1}
        ),
    ]
    assert [r.status for r in attempts] == [403, 403, 403]
    assert (await client.get("/api/v1/admin/stores", headers=rival_manager.headers)).status == 403
