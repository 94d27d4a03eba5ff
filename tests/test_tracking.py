"""The public tracking link: signed, live over the websocket, and gone after delivery."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from api.keys import CTX
from models import Driver
from models.enums import DriverStatus, OrderStatus, Role
from services import drivers, orders, tracking
from services.demo import SeedReport
from tests.fixtures.orders import place
from tests.fixtures.people import Person, make_person
from tests.test_realtime import flush, frames


async def test_customer_follows_the_driver_by_link_until_delivery(
    client: TestClient,
    settings,  # type: ignore[no-untyped-def]
    demo: SeedReport,
    customer: Person,
    dispatcher: Person,
) -> None:
    ctx = client.app[CTX]
    rider = await make_person(settings, Role.DRIVER, store_ids=(demo.store_id,))
    await Driver.create(store_id=demo.store_id, user=rider.user, status=DriverStatus.OFFLINE)
    await drivers.start_shift(rider.user.id)
    order = await place(ctx, customer.user.id, demo.store_id)
    mine = f"/api/v1/orders/{order.id}"
    assert (await (await client.get(mine, headers=customer.headers)).json())["tracking_url"] is None

    staff = dispatcher.principal
    await orders.transition(order.id, OrderStatus.CONFIRMED, staff)
    await orders.transition(order.id, OrderStatus.READY, staff)
    driver = await Driver.get(user_id=rider.user.id)
    await orders.assign_driver(order.id, driver.id, staff)
    link = (await (await client.get(mine, headers=customer.headers)).json())["tracking_url"]
    assert link and link.startswith(settings.public_base_url.rstrip("/") + "/track/")
    path = link.removeprefix(settings.public_base_url.rstrip("/"))
    token = path.rsplit("/", 1)[-1]

    page = await client.get(path)  # no sign-in: the link is the key
    assert page.status == 200 and order.number in await page.text()
    view = await (await client.get(f"/api/v1/track/{token}")).json()
    assert view["order_id"] == order.id and view["driver"] is None
    assert "address" not in str(view) and "customer" not in str(view)

    ws = await client.ws_connect("/ws", params={"tracking": token})
    welcome = (await frames(ws))[0]
    assert welcome["rooms"] == [f"track:{order.id}"] and welcome["role"] == "tracking"
    await client.post(
        "/api/v1/driver/location", json={"lat": 41.39, "lng": 2.16}, headers=rider.headers
    )
    await flush(client)
    live = [f for f in await frames(ws) if f["type"] == "DRIVER_LOCATION_UPDATED"]
    assert live and live[0]["payload"]["lat"] == 41.39
    assert [o["order_id"] for o in live[0]["payload"]["orders"]] == [order.id]
    view = await (await client.get(f"/api/v1/track/{token}")).json()
    assert (view["driver"]["lat"], view["driver"]["lng"]) == (41.39, 2.16)

    await orders.transition(order.id, OrderStatus.PICKED_UP, rider.principal)
    await orders.transition(order.id, OrderStatus.DELIVERED, rider.principal)
    await flush(client)
    assert any(f["payload"].get("to") == "delivered" for f in await frames(ws))
    await ws.close()
    assert (await client.get(f"/api/v1/track/{token}")).status == 410
    assert (await client.get(path)).status == 410
    late = await client.ws_connect("/ws", params={"tracking": token})
    assert (await frames(late))[0]["code"] == "tracking_ended"


async def test_forged_or_foreign_tracking_links_find_nothing(
    client: TestClient,
    settings,  # type: ignore[no-untyped-def]
    demo: SeedReport,
    customer: Person,
) -> None:
    order = await place(client.app[CTX], customer.user.id, demo.store_id)
    good = tracking.tracking_token(settings.secret_key, order.id)
    signature = good.split("-", 1)[1]
    forged = [
        f"{order.id}-{'A' * len(signature)}",
        f"{order.id + 1}-{signature}",
        f"{order.id}",
        "%F0%9F%98%80-x",
        "١٢-abc",  # Arabic-Indic digits are not an id
        "9" * 40 + "-x",
    ]
    for token in forged:
        response = await client.get(f"/api/v1/track/{token}")
        assert response.status == 404, token
        assert (await response.json())["error"]["code"] == "tracking_link_invalid"
    assert (await client.get(f"/track/{forged[0]}")).status == 404
    ws = await client.ws_connect("/ws", params={"tracking": forged[1]})
    assert (await frames(ws))[0]["code"] == "tracking_link_invalid"
    # A signed link for an order still waiting for a driver shows it without a position.
    assert (await client.get(f"/api/v1/track/{good}")).status == 200
