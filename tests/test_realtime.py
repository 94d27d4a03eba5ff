"""The websocket gateway: who may join which room, the five events, replay, slow clients,
and events crossing processes through Redis."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from api.keys import CTX
from core.security import Principal
from models import Driver
from models.enums import DriverStatus, OrderStatus, Role
from services import drivers, orders
from services.demo import SeedReport
from tests.fixtures.orders import place
from tests.fixtures.people import Person, make_person
from tests.test_auth_telegram import ALICE, CUSTOMER_TOKEN, signed_init_data
from webapp.realtime import HUB, SEND_BUFFER, Connection, Hub

EVENTS = (
    "ORDER_CREATED",
    "ORDER_STATUS_CHANGED",
    "ORDER_ASSIGNED",
    "DRIVER_LOCATION_UPDATED",
    "DRIVER_STATUS_CHANGED",
)


async def connect(
    client: TestClient, person: Person | None = None, **query: str
) -> aiohttp.ClientWebSocketResponse:
    params = dict(query)
    if person is not None:
        params["token"] = person.token
    return await client.ws_connect("/ws", params=params)


async def frames(ws: aiohttp.ClientWebSocketResponse, wait: float = 0.3) -> list[dict[str, Any]]:
    """Everything that arrives within `wait` seconds of quiet."""
    got = []
    while True:
        try:
            message = await ws.receive(timeout=wait)
        except TimeoutError:
            return got
        if message.type != aiohttp.WSMsgType.TEXT:
            return got
        got.append(json.loads(message.data))


async def flush(client: TestClient) -> None:
    ctx = client.app[CTX]
    while await ctx.outbox.deliver_due():
        pass
    await asyncio.sleep(0.15)  # the bus hands the event to the hub


async def test_rooms_follow_identity_and_foreign_rooms_are_refused(
    client: TestClient, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    ws = await connect(client, customer)
    welcome = (await frames(ws))[0]
    assert welcome["type"] == "welcome" and welcome["rooms"] == [f"customer:{customer.user.id}"]
    await ws.send_json(
        {"type": "subscribe", "rooms": [f"store:{demo.store_id}", "customer:999999"]}
    )
    error = (await frames(ws))[0]
    assert error["code"] == "forbidden_room" and set(error["rooms"]) == {
        f"store:{demo.store_id}",
        "customer:999999",
    }
    await ws.send_json({"type": "ping"})
    assert (await frames(ws))[0] == {"type": "pong"}
    await ws.close()

    board = await connect(client, dispatcher)
    assert set((await frames(board))[0]["rooms"]) == {
        f"dispatcher:{dispatcher.user.id}",
        f"store:{demo.store_id}",
    }
    await board.send_json({"type": "subscribe", "rooms": [f"store:{demo.store_id}"]})
    assert (await frames(board))[0] == {"type": "subscribed", "rooms": [f"store:{demo.store_id}"]}
    await board.close()


async def test_bad_or_missing_credentials_close_the_socket(client: TestClient) -> None:
    ws = await connect(client, token="not-a-jwt")
    error = (await frames(ws))[0]
    assert error == {"type": "error", "code": "invalid_token"}
    await ws.receive()
    assert ws.close_code == 4401
    ws = await client.ws_connect("/ws")
    await ws.send_json({"type": "hello"})
    assert (await frames(ws))[0]["code"] == "not_authenticated"


async def test_auth_by_first_frame_and_by_init_data(client: TestClient, customer: Person) -> None:
    ws = await client.ws_connect("/ws")
    await ws.send_json({"type": "auth", "token": customer.token})
    assert (await frames(ws))[0]["rooms"] == [f"customer:{customer.user.id}"]
    await ws.close()
    ws = await client.ws_connect("/ws")
    await ws.send_json(
        {"type": "auth", "init_data": signed_init_data(CUSTOMER_TOKEN, ALICE), "bot": "customer"}
    )
    welcome = (await frames(ws))[0]
    assert welcome["type"] == "welcome" and welcome["role"] == "customer"
    tampered = signed_init_data(CUSTOMER_TOKEN, ALICE).replace("alice", "eve")
    ws = await client.ws_connect("/ws", params={"init_data": tampered, "bot": "customer"})
    assert (await frames(ws))[0]["code"] == "init_data_bad_hash"


async def test_the_five_events_reach_exactly_the_right_rooms(
    client: TestClient,
    settings,
    demo: SeedReport,
    customer: Person,
    dispatcher: Person,  # type: ignore[no-untyped-def]
) -> None:
    stranger = await make_person(settings, Role.CUSTOMER)
    rider = await make_person(settings, Role.DRIVER, store_ids=(demo.store_id,))
    await Driver.create(store_id=demo.store_id, user=rider.user, status=DriverStatus.OFFLINE)
    sockets = {
        name: await connect(client, person)
        for name, person in [
            ("customer", customer),
            ("stranger", stranger),
            ("board", dispatcher),
            ("driver", rider),
        ]
    }
    for ws in sockets.values():
        await frames(ws)  # welcome

    ctx = client.app[CTX]
    await drivers.start_shift(rider.user.id)  # DRIVER_STATUS_CHANGED
    order = await place(ctx, customer.user.id, demo.store_id)  # ORDER_CREATED
    staff = dispatcher.principal
    await orders.transition(order.id, OrderStatus.CONFIRMED, staff)
    await orders.transition(order.id, OrderStatus.READY, staff)
    driver = await Driver.get(user_id=rider.user.id)
    await orders.assign_driver(order.id, driver.id, staff)  # ORDER_ASSIGNED (+ status changes)
    await drivers.update_location(
        ctx.settings, ctx.bus, rider.user.id, 41.392, 2.161
    )  # DRIVER_LOCATION_UPDATED
    await flush(client)
    got = {name: await frames(ws) for name, ws in sockets.items()}
    kinds = {name: [f["type"] for f in fs] for name, fs in got.items()}

    assert set(kinds["board"]) == set(EVENTS)
    assert "ORDER_CREATED" in kinds["customer"] and "DRIVER_LOCATION_UPDATED" in kinds["customer"]
    assert "DRIVER_STATUS_CHANGED" not in kinds["customer"]
    assert kinds["stranger"] == []
    assert {"ORDER_ASSIGNED", "DRIVER_LOCATION_UPDATED", "DRIVER_STATUS_CHANGED"} <= set(
        kinds["driver"]
    )
    assert "ORDER_CREATED" not in kinds["driver"]  # before assignment the driver had no part in it
    location = next(f for f in got["customer"] if f["type"] == "DRIVER_LOCATION_UPDATED")
    assert location["room"] == f"customer:{customer.user.id}"
    assert [o["order_id"] for o in location["payload"]["orders"]] == [order.id]
    assert location["payload"]["orders"][0]["eta_minutes"] >= 1
    ids = [f["id"] for f in got["board"]]
    assert len(ids) == len(set(ids))  # each event once, even for a client in several rooms
    created = next(f for f in got["board"] if f["type"] == "ORDER_CREATED")
    assert created["payload"]["number"] == order.number and created["v"] == 1
    for ws in sockets.values():
        await ws.close()


async def test_reconnecting_with_the_last_event_id_replays_what_was_missed(
    client: TestClient, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    ctx = client.app[CTX]
    ws = await connect(client, dispatcher)
    await frames(ws)
    first = await place(ctx, customer.user.id, demo.store_id)
    await flush(client)
    seen = await frames(ws)
    last_id = seen[-1]["id"]
    await ws.close()
    await orders.transition(first.id, OrderStatus.CONFIRMED, dispatcher.principal)
    second = await place(ctx, customer.user.id, demo.store_id)
    await flush(client)
    ws = await connect(client, dispatcher, last_event_id=last_id)
    got = await frames(ws)
    assert got[0]["type"] == "welcome" and got[0]["replayed"] == 2
    replayed = got[1:]
    assert [f["type"] for f in replayed] == ["ORDER_STATUS_CHANGED", "ORDER_CREATED"]
    assert replayed[1]["payload"]["order_id"] == second.id
    numbers = [int(f["id"].split("-")[1]) for f in replayed]
    assert numbers == sorted(numbers) and numbers[0] > int(last_id.split("-")[1])
    await ws.close()


class StuckSocket:
    """A websocket whose peer never reads: what is written stays in the send buffer."""

    def __init__(self) -> None:
        self.closed_with: int | None = None
        self.closed = False
        self.unsent = 0

    async def close(self, *, code: int, message: bytes = b"") -> None:
        self.closed_with = code

    # The transport side.
    def write(self, data: bytes) -> None:
        self.unsent += len(data)

    def is_closing(self) -> bool:
        return False

    def get_write_buffer_size(self) -> int:
        return self.unsent


async def test_a_slow_client_is_dropped_and_the_others_keep_up(
    client: TestClient, demo: SeedReport
) -> None:
    hub = Hub()
    slow_ws, quick_ws = StuckSocket(), StuckSocket()
    slow = Connection(slow_ws, Principal(1, "dispatcher", (demo.store_id,)), slow_ws)  # type: ignore[arg-type]
    quick = Connection(quick_ws, Principal(2, "dispatcher", (demo.store_id,)), quick_ws)  # type: ignore[arg-type]
    for conn in (slow, quick):
        hub.join(conn, {f"store:{demo.store_id}"})
        conn.end_replay([])
    payload = {"store_id": demo.store_id, "order_id": 1, "number": "D-1", "note": "x" * 4000}
    delivered = 0
    for n in range(1, 400):
        delivered += hub.deliver(f"outbox-{n}", "ORDER_CREATED", "2026-01-01T00:00:00", payload)
        quick_ws.unsent = 0  # the quick one keeps reading
    await asyncio.sleep(0)
    assert slow.dropped and slow_ws.closed_with == 4008
    assert slow_ws.unsent <= SEND_BUFFER + 5000  # nothing written past the limit
    assert not quick.dropped and hub.rooms[f"store:{demo.store_id}"] == {quick}
    assert delivered > 399  # the quick one got every event, the slow one its share


@pytest.mark.postgres_only
async def test_an_event_raised_in_one_process_reaches_a_client_of_another(
    aiohttp_client,
    make_settings,
    demo: SeedReport,
    customer: Person,
    dispatcher: Person,  # type: ignore[no-untyped-def]
) -> None:
    from webapp.app import build_app

    settings = make_settings()
    instance_a = await aiohttp_client(build_app(settings, workers=False))
    instance_b = await aiohttp_client(build_app(settings, workers=False))
    ws = await connect(instance_b, dispatcher)
    await frames(ws)
    await asyncio.sleep(0.2)  # B's Redis subscription is in place
    order = await place(instance_a.app[CTX], customer.user.id, demo.store_id)
    await flush(instance_a)  # A's outbox publishes on Redis
    got = await frames(ws, wait=1.0)
    assert [f["type"] for f in got] == ["ORDER_CREATED"]
    assert got[0]["payload"]["order_id"] == order.id
    assert instance_b.app[HUB].connections == 1
    await ws.close()
    # A client that reconnects to A gets B's history from the shared (Redis) replay buffer.
    await orders.transition(order.id, OrderStatus.CONFIRMED, dispatcher.principal)
    await flush(instance_b)
    ws = await connect(instance_a, dispatcher, last_event_id=got[0]["id"])
    replayed = [f for f in await frames(ws) if f["type"] != "welcome"]
    assert [f["type"] for f in replayed] == ["ORDER_STATUS_CHANGED"]
    await ws.close()
