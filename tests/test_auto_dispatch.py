"""Auto-dispatch: a ready order is offered to the best driver on shift, one at a time, in the
driver bot with Accept / Decline; declines and timeouts move on, nobody left alerts the
dispatchers, a dispatcher's own assignment wins, and one order goes to one driver even when
answers race."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from api.keys import CTX
from core.clock import utcnow
from core.errors import DomainError
from models import (
    DispatchOffer,
    Driver,
    DriverShift,
    Order,
    OrderStatusHistory,
    OutboxMessage,
    Store,
    Vehicle,
)
from models.enums import (
    DriverStatus,
    OfferStatus,
    OrderStatus,
    PaymentMethod,
    Role,
    TransportType,
)
from services import auto_dispatch, drivers, orders
from services.demo import DEMO_CENTER, SeedReport
from tests.fixtures.backend import pg_url
from tests.fixtures.orders import place
from tests.fixtures.people import Person, make_person
from tests.fixtures.telegram import BotHarness, tg_user
from tests.test_console import post_form, session_for

S = OrderStatus
NEAR, FAR, DINA = tg_user(7301, language="en"), tg_user(7302, language="en"), tg_user(7303)
CLOSED = "This offer is no longer open."


@dataclass
class Crew:
    dispatcher: Person
    near: Person
    far: Person

    async def driver(self, person: Person) -> Driver:
        return await Driver.get(user_id=person.user.id)


async def crew(bots: BotHarness, store_id: int, *, auto: bool = True) -> Crew:
    """A dispatcher and two drivers on shift: `near` a few hundred metres from the store,
    `far` a few km away. The store auto-dispatches (or not)."""
    await Store.filter(id=store_id).update(
        auto_dispatch=auto, offer_timeout_seconds=60, lat=DEMO_CENTER[0], lng=DEMO_CENTER[1]
    )
    dispatcher = await make_person(
        bots.settings, Role.DISPATCHER, store_ids=(store_id,), tg_id=DINA["id"], locale="ru"
    )
    people = []
    for who, offset in ((NEAR, 0.003), (FAR, 0.04)):
        person = await make_person(
            bots.settings,
            Role.DRIVER,
            store_ids=(store_id,),
            tg_id=who["id"],
            locale="en",
            name=f"Driver {who['id']}",
        )
        await Driver.create(
            store_id=store_id,
            user=person.user,
            status=DriverStatus.AVAILABLE,
            last_lat=DEMO_CENTER[0] + offset,
            last_lng=DEMO_CENTER[1],
        )
        people.append(person)
    return Crew(dispatcher, people[0], people[1])


async def ready_order(bots: BotHarness, store_id: int, team: Crew) -> Order:
    customer = await make_person(bots.settings, Role.CUSTOMER)
    order = await place(bots.ctx, customer.user.id, store_id, payment=PaymentMethod.CASH)
    await orders.transition(order.id, S.CONFIRMED, team.dispatcher.principal)
    await orders.transition(order.id, S.READY, team.dispatcher.principal)
    await bots.deliver()
    return await Order.get(id=order.id)


async def offers(order: Order) -> list[tuple[int, OfferStatus]]:
    rows = await DispatchOffer.filter(order_id=order.id).order_by("id")
    return [(o.driver_id, o.status) for o in rows]


async def test_a_ready_order_goes_to_the_nearest_driver_who_accepts_in_the_bot(
    bots: BotHarness, demo: SeedReport
) -> None:
    team = await crew(bots, demo.store_id)
    order = await ready_order(bots, demo.store_id, team)
    near, far = await team.driver(team.near), await team.driver(team.far)

    assert await offers(order) == [(near.id, OfferStatus.OFFERED)]
    offer = bots.last("driver", NEAR)
    assert f"Can you take order {order.number}?" in offer.text and "Answer by" in offer.text
    assert not bots.screen("driver", FAR)  # one driver at a time
    # The dispatchers see it live: the store's room gets the offer.
    live = await OutboxMessage.get(channel="realtime", kind="DISPATCH_OFFERED")
    assert live.payload["driver_id"] == near.id and live.payload["expires_at"]

    await bots.press("driver", NEAR, "✅ Accept")
    assert bots.answers("driver")[-1] == "The delivery is yours."
    order = await Order.get(id=order.id)
    assert order.status is S.ASSIGNED and order.driver_id == near.id
    taken = await OrderStatusHistory.get(order_id=order.id, to_status=S.ASSIGNED)
    assert taken.actor_id == team.near.user.id and taken.actor_role is Role.DRIVER
    assert await offers(order) == [(near.id, OfferStatus.ACCEPTED)]
    await bots.deliver()
    texts = [m.text for m in bots.screen("driver", NEAR)]
    assert f"✅ You took order {order.number}." in texts  # the offer, closed, no buttons
    assert any("New delivery for you" in t for t in texts)  # the usual delivery card
    assert not [
        b for m in bots.screen("driver", NEAR) for b in m.buttons() if "Accept" in b["text"]
    ]
    assert far.id not in [d for d, _ in await offers(order)]


async def test_a_decline_asks_the_next_driver_and_nobody_left_alerts_the_dispatchers(
    bots: BotHarness, demo: SeedReport
) -> None:
    team = await crew(bots, demo.store_id)
    order = await ready_order(bots, demo.store_id, team)
    near, far = await team.driver(team.near), await team.driver(team.far)

    await bots.press("driver", NEAR, "✖ Decline")
    assert bots.answers("driver")[-1] == "Passed on to another driver."
    await bots.deliver()
    assert f"You passed on order {order.number}." in bots.last("driver", NEAR).text
    assert f"Can you take order {order.number}?" in bots.last("driver", FAR).text
    assert await offers(order) == [(near.id, OfferStatus.DECLINED), (far.id, OfferStatus.OFFERED)]

    await bots.press("driver", FAR, "✖ Decline")
    await bots.deliver()
    # Nobody is asked twice; the dispatchers are told, with the assign button; offering stops.
    assert await offers(order) == [(near.id, OfferStatus.DECLINED), (far.id, OfferStatus.DECLINED)]
    alert = bots.last("dispatcher", DINA)
    assert f"Ни один курьер не взял заказ {order.number}" in alert.text
    assert any("Назначить курьера" in b["text"] for b in alert.buttons())
    assert await auto_dispatch.expire_due(now=utcnow() + timedelta(hours=1)) == 0
    assert (await Order.get(id=order.id)).status is S.READY


async def test_a_driver_starting_a_shift_after_nobody_was_left_is_offered_the_order(
    bots: BotHarness, demo: SeedReport
) -> None:
    team = await crew(bots, demo.store_id)
    order = await ready_order(bots, demo.store_id, team)
    await bots.press("driver", NEAR, "✖ Decline")
    await bots.deliver()
    await bots.press("driver", FAR, "✖ Decline")
    await bots.deliver()
    alerts = [c for c in bots.screen("dispatcher", DINA) if "Ни один курьер" in c.text]
    assert len(alerts) == 1

    late_tg = tg_user(7304, language="en")
    late = await make_person(
        bots.settings, Role.DRIVER, store_ids=(demo.store_id,), tg_id=late_tg["id"], locale="en"
    )
    await Driver.create(store_id=demo.store_id, user=late.user, status=DriverStatus.OFFLINE)
    await bots.post("driver", bots.message(late_tg, "/start"))
    await bots.tap("driver", late_tg, "▶ Start shift")
    await bots.deliver()
    assert f"Can you take order {order.number}?" in bots.last("driver", late_tg).text
    await bots.press("driver", late_tg, "✅ Accept")
    assert (await Order.get(id=order.id)).driver_id == (await Driver.get(user_id=late.user.id)).id
    # The dispatchers were told once; a shift start that finds nobody to offer stays quiet.
    await bots.deliver()
    alerts = [c for c in bots.screen("dispatcher", DINA) if "Ни один курьер" in c.text]
    assert len(alerts) == 1


async def test_no_answer_in_time_moves_on_and_a_late_accept_is_refused(
    bots: BotHarness, demo: SeedReport
) -> None:
    team = await crew(bots, demo.store_id)
    order = await ready_order(bots, demo.store_id, team)
    near, far = await team.driver(team.near), await team.driver(team.far)

    assert await auto_dispatch.expire_due() == 0  # not due yet
    assert await auto_dispatch.expire_due(now=utcnow() + timedelta(seconds=61)) == 1
    await bots.deliver()
    assert await offers(order) == [(near.id, OfferStatus.EXPIRED), (far.id, OfferStatus.OFFERED)]
    assert f"Can you take order {order.number}?" in bots.last("driver", FAR).text
    assert "ran out" in bots.last("driver", NEAR).text

    # The near driver's old message had buttons; a late press gets a clear answer, no 500.
    tapped = bots.telegram.calls[:]  # the first offer, as the driver saw it before the edit
    offer_call = next(
        c for c in tapped if c.chat_id == NEAR["id"] and c.method == "sendMessage" and c.buttons()
    )
    accept = next(b for b in offer_call.buttons() if b["text"] == "✅ Accept")
    update = bots.callback(NEAR, accept["callback_data"], message_id=offer_call.message_id or 1)
    assert await bots.post("driver", update) == 200
    assert bots.answers("driver")[-1] == CLOSED
    assert (await Order.get(id=order.id)).status is S.READY

    await bots.press("driver", FAR, "✅ Accept")
    assert (await Order.get(id=order.id)).driver_id == far.id


async def test_a_driver_ending_their_shift_passes_their_offer_on(
    bots: BotHarness, demo: SeedReport
) -> None:
    team = await crew(bots, demo.store_id)
    order = await ready_order(bots, demo.store_id, team)
    near, far = await team.driver(team.near), await team.driver(team.far)
    await DriverShift.create(store_id=demo.store_id, driver=near, started_at=utcnow())
    await drivers.end_shift(team.near.user.id)
    assert await offers(order) == [(near.id, OfferStatus.DECLINED), (far.id, OfferStatus.OFFERED)]


async def test_a_dispatcher_assigning_by_hand_cancels_the_offer(
    bots: BotHarness, demo: SeedReport
) -> None:
    team = await crew(bots, demo.store_id)
    order = await ready_order(bots, demo.store_id, team)
    near, far = await team.driver(team.near), await team.driver(team.far)

    # The staff order JSON shows the open offer, for the board and the console.
    shown = await bots.client.get(
        f"/api/v1/staff/orders/{order.id}", headers=team.dispatcher.headers
    )
    body = await shown.json()
    assert body["offer"]["driver_id"] == near.id and body["offer"]["expires_at"]
    assert body["offer"]["driver_name"] == team.near.user.name

    # The console's order page says who is asked; the dispatcher assigns someone else there.
    await session_for(bots.settings, bots.client, team.dispatcher.user)
    page = f"/admin/stores/{demo.store_id}/orders/{order.id}"
    text = await (await bots.client.get(page)).text()
    assert f"offered to {team.near.user.name}, expires" in text
    assigned = await post_form(
        bots.client,
        page + "/action",
        {"action": "assign", "driver_id": str(far.id)},
        csrf_from=page,
    )
    assert assigned.status == 303
    assert await offers(order) == [(near.id, OfferStatus.CANCELLED)]
    taken = await OrderStatusHistory.get(order_id=order.id, to_status=S.ASSIGNED)
    assert taken.actor_id == team.dispatcher.user.id
    await bots.deliver()
    assert "given to another driver" in bots.screen("driver", NEAR)[-1].text
    # The buttons are gone from the chat; the API answers the same refusal.
    offer = await DispatchOffer.get(order_id=order.id)
    late = await bots.client.post(
        f"/api/v1/staff/offers/{offer.id}/accept", headers=team.near.headers
    )
    assert late.status == 409 and (await late.json())["error"]["code"] == "offer_closed"
    order = await Order.get(id=order.id)
    assert order.driver_id == far.id
    shown = await bots.client.get(
        f"/api/v1/staff/orders/{order.id}", headers=team.dispatcher.headers
    )
    assert (await shown.json())["offer"] is None


async def test_drivers_answer_offers_from_the_mini_app_api(
    bots: BotHarness, demo: SeedReport
) -> None:
    team = await crew(bots, demo.store_id)
    order = await ready_order(bots, demo.store_id, team)
    far = await team.driver(team.far)

    listed = await (
        await bots.client.get("/api/v1/driver/offers", headers=team.near.headers)
    ).json()
    assert [o["number"] for o in listed["items"]] == [order.number]
    offer_id = listed["items"][0]["id"]
    # Someone else's offer does not exist for them.
    stolen = await bots.client.post(
        f"/api/v1/staff/offers/{offer_id}/accept", headers=team.far.headers
    )
    assert stolen.status == 404
    assert (
        await bots.client.post(
            f"/api/v1/staff/offers/{offer_id}/accept", headers=team.dispatcher.headers
        )
    ).status == 403
    declined = await bots.client.post(
        f"/api/v1/staff/offers/{offer_id}/decline", headers=team.near.headers
    )
    assert declined.status == 200 and (await declined.json())["status"] == "declined"
    again = await bots.client.post(
        f"/api/v1/staff/offers/{offer_id}/decline", headers=team.near.headers
    )
    assert again.status == 409
    theirs = await (await bots.client.get("/api/v1/driver/offers", headers=team.far.headers)).json()
    assert [o["order_id"] for o in theirs["items"]] == [order.id]
    taken = await bots.client.post(
        f"/api/v1/staff/offers/{theirs['items'][0]['id']}/accept", headers=team.far.headers
    )
    assert taken.status == 200
    assert (await taken.json())["status"] == "assigned"
    assert (await Order.get(id=order.id)).driver_id == far.id


async def test_cold_chain_orders_are_offered_only_to_drivers_with_a_cooler(
    bots: BotHarness, demo: SeedReport
) -> None:
    team = await crew(bots, demo.store_id)
    far = await team.driver(team.far)
    cooled = await Vehicle.create(
        store_id=demo.store_id, transport=TransportType.CAR, has_cooler=True
    )
    await Driver.filter(id=far.id).update(vehicle_id=cooled.id)
    customer = await make_person(bots.settings, Role.CUSTOMER)
    order = await place(bots.ctx, customer.user.id, demo.store_id)
    await Order.filter(id=order.id).update(cold_chain=True)
    await orders.transition(order.id, S.CONFIRMED, team.dispatcher.principal)
    await orders.transition(order.id, S.READY, team.dispatcher.principal)
    assert await offers(order) == [(far.id, OfferStatus.OFFERED)]  # the nearer one has none


async def test_with_auto_dispatch_off_nobody_is_offered_anything(
    bots: BotHarness, demo: SeedReport
) -> None:
    team = await crew(bots, demo.store_id, auto=False)
    order = await ready_order(bots, demo.store_id, team)
    assert await offers(order) == []
    assert not bots.screen("driver", NEAR) and not bots.screen("driver", FAR)
    assert not await OutboxMessage.filter(kind__startswith="DISPATCH_").exists()


async def test_the_offer_timeout_is_a_store_setting_with_bounds(
    bots: BotHarness, demo: SeedReport
) -> None:
    admin = await make_person(bots.settings, Role.ADMIN)
    store = {
        "slug": "auto-test",
        "name": "Auto",
        "address": "Somewhere 1",
        "lat": 41.0,
        "lng": 2.0,
        "timezone": "Europe/Madrid",
        "currency": "EUR",
        "default_locale": "en",
    }
    for bad in (5, 100_000, "60"):
        response = await bots.client.post(
            "/api/v1/admin/stores",
            json={**store, "auto_dispatch": True, "offer_timeout_seconds": bad},
            headers=admin.headers,
        )
        assert response.status == 422
        assert "offer_timeout_seconds" in (await response.json())["error"]["fields"]
    made = await bots.client.post(
        "/api/v1/admin/stores",
        json={**store, "auto_dispatch": True, "offer_timeout_seconds": 90},
        headers=admin.headers,
    )
    assert made.status == 201
    saved = await Store.get(slug="auto-test")
    assert saved.auto_dispatch and saved.offer_timeout_seconds == 90


async def test_one_order_one_driver_when_answers_race_across_two_app_instances(
    bots: BotHarness, demo: SeedReport, aiohttp_client: Any
) -> None:
    """Accept, a double tap on Accept, the timeout job and a dispatcher's assignment, all at
    once through two app instances sharing the database: exactly one assignment, every loser
    told why (409/422), never a 500."""
    from webapp.app import build_app

    second = await aiohttp_client(build_app(bots.settings, workers=False))
    assert second.app[CTX] is not bots.ctx
    team = await crew(bots, demo.store_id)
    for _round in range(3):
        order = await ready_order(bots, demo.store_id, team)
        far = await team.driver(team.far)
        offer = await DispatchOffer.get(order_id=order.id, status=OfferStatus.OFFERED)
        accept_url = f"/api/v1/staff/offers/{offer.id}/accept"
        taker = team.near if offer.driver_id != far.id else team.far
        other = far.id if taker is team.near else (await team.driver(team.near)).id

        async def expire() -> int:
            try:
                return await auto_dispatch.expire_due(now=utcnow() + timedelta(minutes=5))
            except DomainError:
                return -1

        results = await asyncio.gather(
            bots.client.post(accept_url, headers=taker.headers),
            second.post(accept_url, headers=taker.headers),
            second.post(
                f"/api/v1/staff/orders/{order.id}/assign",
                json={"driver_id": other},
                headers=team.dispatcher.headers,
            ),
            expire(),
        )
        statuses = [r.status for r in results[:3]]
        assert 500 not in statuses, statuses
        assert all(s in (200, 409, 422) for s in statuses), statuses
        history = await OrderStatusHistory.filter(order_id=order.id, to_status=S.ASSIGNED)
        assert len(history) == 1
        final = await Order.get(id=order.id)
        assert final.status is S.ASSIGNED
        assert statuses.count(200) == 1
        assert not await DispatchOffer.exists(order_id=order.id, status=OfferStatus.OFFERED)
        accepted = await DispatchOffer.filter(order_id=order.id, status=OfferStatus.ACCEPTED)
        if accepted:  # the driver won: the order is theirs, and only one offer was taken
            assert len(accepted) == 1 and final.driver_id == accepted[0].driver_id
        else:
            assert final.driver_id == other
        # Free both drivers for the next round.
        await Order.filter(id=order.id).update(status=S.DELIVERED)


@pytest.mark.postgres_only
def test_two_server_processes_give_one_order_to_exactly_one_driver() -> None:
    """`pharmacy serve --workers 2`: the driver's Accept (twice, once on each process) and a
    dispatcher's assignment of the other driver, at the same moment: one assignment."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.multiworker import Pinned, pin_each_worker, serve
    from tests.test_workers import login

    with serve(2) as server:
        days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        hours = json.dumps({d: [["00:00", "24:00"]] for d in days})
        subprocess.run(
            ["psql", pg_url(server.log.parent.name), "-qc",
             f"UPDATE stores SET auto_dispatch = true, opening_hours = '{hours}'"],
            check=True, capture_output=True,
        )  # fmt: skip
        first, second = pin_each_worker(server.port, 2)
        tokens = {
            who: {"Authorization": "Bearer " + login(first, server, f"{who}@demo.test")}
            for who in ("dispatcher", "driver1", "driver2", "customer")
        }
        for rider in ("driver1", "driver2"):
            status, body = first.request(
                "POST", "/api/v1/driver/shift", {"action": "start"}, tokens[rider]
            )
            assert status == 200, body
        for _round in range(3):
            order_id = _ready_order_over_http(first, tokens)
            offers: dict[str, Any] = {}
            for rider in ("driver1", "driver2"):
                status, body = first.request("GET", "/api/v1/driver/offers", None, tokens[rider])
                assert status == 200, body
                for offer in body["items"]:
                    if offer["order_id"] == order_id:
                        offers[rider] = offer["id"]
            ((taker, offer_id),) = offers.items()
            other = "driver2" if taker == "driver1" else "driver1"
            status, me = first.request("GET", "/api/v1/driver/me", None, tokens[other])
            accept = f"/api/v1/staff/offers/{offer_id}/accept"
            extra = Pinned(server.port)
            calls = [
                (first, accept, None, tokens[taker]),
                (second, accept, None, tokens[taker]),
                (extra, f"/api/v1/staff/orders/{order_id}/assign",
                 {"driver_id": me["driver_id"]}, tokens["dispatcher"]),
            ]  # fmt: skip
            with ThreadPoolExecutor(3) as pool:
                results = list(pool.map(lambda c: c[0].request("POST", c[1], c[2], c[3]), calls))
            extra.close()
            statuses = [s for s, _ in results]
            assert statuses.count(200) == 1 and all(s in (200, 409, 422) for s in statuses), results
            status, order = first.request(
                "GET", f"/api/v1/staff/orders/{order_id}", None, tokens["dispatcher"]
            )
            assert order["status"] == "assigned" and order["offer"] is None
            assert [h["to_status"] for h in order["history"]].count("assigned") == 1
            # Hand it back to the pharmacy so both drivers are free again.
            first.request(
                "POST", f"/api/v1/staff/orders/{order_id}/status",
                {"status": "cancelled", "reason": "test round"}, tokens["dispatcher"],
            )  # fmt: skip
        first.close()
        second.close()


def _ready_order_over_http(pin: Any, tokens: dict[str, dict[str, str]]) -> int:
    status, page = pin.request("GET", "/api/v1/stores/1/products?per_page=50")
    assert status == 200, page
    plain = [
        v["id"]
        for p in page["items"]
        if not (p["age_restricted"] or p["prescription_required"] or p["cold_chain"])
        for v in p["variants"]
        if v["stock"] >= 4 and v["price_cents"] * 3 >= 1500
    ]
    body = {
        "store_id": 1,
        "items": [{"variant_id": plain[0], "quantity": 3}],
        "address": {"text": "Carrer de Mallorca 200", "lat": 41.3925, "lng": 2.16},
        "payment_method": "cash",
    }
    headers = {**tokens["customer"], "Idempotency-Key": f"ad-{time.monotonic_ns()}"}
    status, order = pin.request("POST", "/api/v1/orders", body, headers)
    assert status == 201, order
    for step in ("confirmed", "ready"):
        status, moved = pin.request(
            "POST", f"/api/v1/staff/orders/{order['id']}/status", {"status": step},
            tokens["dispatcher"],
        )  # fmt: skip
        assert status == 200, moved
    return int(order["id"])
