from __future__ import annotations

from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import Order, OrderItem
from models.enums import OrderStatus, Role
from services.demo import SeedReport
from tests.fixtures.orders import place
from tests.fixtures.people import Person, make_person
from tests.test_orders import app_ctx


async def test_favorites_add_list_remove(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    base = f"/api/v1/stores/{demo.store_id}/favorites"
    assert (await client.put(f"{base}/3", headers=customer.headers)).status == 200
    assert (await client.put(f"{base}/3", headers=customer.headers)).status == 200  # idempotent
    body = await (await client.put(f"{base}/1", headers=customer.headers)).json()
    assert body["product_ids"] == [3, 1]
    body = await (await client.delete(f"{base}/3", headers=customer.headers)).json()
    assert body["product_ids"] == [1]
    assert (await client.put(f"{base}/99999", headers=customer.headers)).status == 404
    assert (await client.get(base)).status == 401


async def test_only_a_customer_who_received_the_product_reviews_it(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person
) -> None:
    order = await place(app_ctx(client), customer.user.id, demo.store_id)
    product_id = (await OrderItem.filter(order_id=order.id).first()).product_id  # type: ignore[union-attr]
    url = f"/api/v1/stores/{demo.store_id}/products/{product_id}/reviews"
    early = await client.post(url, headers=customer.headers, json={"rating": 5, "text": "great"})
    assert early.status == 403 and (await early.json())["error"]["code"] == "not_a_buyer"
    await Order.filter(id=order.id).update(status=OrderStatus.DELIVERED)
    for rating in (0, 6):
        bad = await client.post(url, headers=customer.headers, json={"rating": rating})
        assert bad.status == 422 and "rating" in (await bad.json())["error"]["fields"]
    made = await client.post(url, headers=customer.headers, json={"rating": 4, "text": "works"})
    assert made.status == 201
    twice = await client.post(url, headers=customer.headers, json={"rating": 5})
    assert twice.status == 409
    stranger = await make_person(settings, Role.CUSTOMER)
    assert (await client.post(url, headers=stranger.headers, json={"rating": 1})).status == 403
    listed = await (await client.get(url)).json()
    assert listed["average"] == 4 and [r["text"] for r in listed["items"]] == ["works"]


async def test_openapi_describes_the_storefront(client: TestClient) -> None:
    doc = await (await client.get("/api/openapi.json")).json()
    paths = doc["paths"]
    for path, method in [
        ("/api/v1/orders", "post"),
        ("/api/v1/orders/{order_id}", "get"),
        ("/api/v1/stores/{store_id}/products", "get"),
        ("/api/v1/stores/{store_id}/slots", "get"),
        ("/api/v1/stores/{store_id}/cart/items", "put"),
        ("/api/v1/staff/orders/{order_id}/assign", "post"),
    ]:
        assert method in paths[path], (path, method)
    post = paths["/api/v1/orders"]["post"]
    schema_name = post["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit(
        "/", 1
    )[1]
    assert {"store_id", "items", "address", "payment_method"} <= set(
        doc["components"]["schemas"][schema_name]["properties"]
    )
    assert post["security"] == [{"bearer": []}]
    assert "409" in post["responses"]
    names = [p["name"] for p in paths["/api/v1/stores/{store_id}/products"]["get"]["parameters"]]
    assert {"store_id", "q", "category", "brand", "page"} <= set(names)
