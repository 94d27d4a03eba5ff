"""The money path as a new user tries it on the demo store: browse in ru, search, cart,
check out inside the zone with a slot and a promo, see the order and its timeline."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from models import CheckoutLog, Inventory, InventoryLog, Order, OutboxMessage, SearchLog, TimeSlot
from models.enums import CheckoutStep
from services.demo import SeedReport
from tests.fixtures.people import Person

RU = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}


async def first_in_stock(shop: TestClient, store_id: int, q: str = "") -> dict:
    page = await (
        await shop.get(f"/api/v1/stores/{store_id}/products", params={"q": q, "in_stock": "true"})
    ).json()
    for product in page["items"]:
        for variant in product["variants"]:
            if variant["stock"] >= 3 and not product["age_restricted"]:
                return {"product": product, "variant": variant}
    raise AssertionError("no product in stock")


async def test_new_customer_buys_in_russian(
    shop: TestClient, demo: SeedReport, customer: Person
) -> None:
    store = demo.store_id
    categories = await (await shop.get(f"/api/v1/stores/{store}/categories", headers=RU)).json()
    assert categories["locale"] == "ru"
    assert "Витамины" in [c["name"] for c in categories["items"]]

    found = await (
        await shop.get(f"/api/v1/stores/{store}/products", params={"q": "витамин"}, headers=RU)
    ).json()
    assert found["total"] >= 2 and found["locale"] == "ru"
    assert all("итамин" in p["name"] or "итамин" in p["description"] for p in found["items"])
    assert await SearchLog.filter(query="витамин", result_count=found["total"]).exists()

    variant = found["items"][0]["variants"][0]
    assert {"id", "price_cents", "stock"} <= set(variant)
    stock_before = variant["stock"]
    put = await shop.put(
        f"/api/v1/stores/{store}/cart/items",
        headers=customer.headers,
        json={"variant_id": variant["id"], "quantity": 2},
    )
    assert put.status == 200
    cart = await put.json()
    assert cart["subtotal_cents"] == 2 * variant["price_cents"]

    slots = await (await shop.get(f"/api/v1/stores/{store}/slots")).json()
    slot = slots["items"][0]
    assert slot["remaining"] == slot["capacity"]
    quote = await (
        await shop.post(
            f"/api/v1/stores/{store}/delivery/quote",
            json={"address": {"text": "Carrer de Mallorca 200, Barcelona"}},
        )
    ).json()
    assert quote["zone_name"] == "Centre" and quote["eta_minutes"] > 0

    # Enough for the zone's minimum order and the promo's.
    items = [{"variant_id": variant["id"], "quantity": 2}]
    extra = await first_in_stock(shop, store, "ibuprofen")
    items.append({"variant_id": extra["variant"]["id"], "quantity": 3})
    response = await shop.post(
        "/api/v1/orders",
        headers={**customer.headers, **RU, "Idempotency-Key": "order-1"},
        json={
            "store_id": store,
            "items": items,
            "address": {"text": "Carrer de Mallorca 200, Barcelona", "details": "3-1"},
            "slot_id": slot["id"],
            "payment_method": "cash",
            "promo_code": "welcome10",
        },
    )
    assert response.status == 201, await response.text()
    order = await response.json()
    subtotal = 2 * variant["price_cents"] + 3 * extra["variant"]["price_cents"]
    discount = subtotal * 10 // 100
    assert order["subtotal_cents"] == subtotal
    assert order["discount_cents"] == discount
    assert order["delivery_fee_cents"] == 299
    assert order["total_cents"] == subtotal - discount + 299
    assert order["status"] == "pending" and order["number"].startswith("D-")
    assert [h["to_status"] for h in order["history"]] == ["pending"]

    detail = await (
        await shop.get(f"/api/v1/orders/{order['id']}", headers=customer.headers)
    ).json()
    assert detail["history"][0]["actor_role"] == "customer"
    assert detail["items"][0]["name"].startswith(found["items"][0]["name"])  # snapshot in ru

    # Stock moved, logged; slot taken; cart emptied; ORDER_CREATED waits in the outbox.
    row = await Inventory.get(variant_id=variant["id"])
    assert row.quantity == stock_before - 2
    log = await InventoryLog.get(variant_id=variant["id"], order_id=order["id"])
    assert (log.delta, log.resulting_quantity) == (-2, stock_before - 2)
    assert (await TimeSlot.get(id=slot["id"])).reserved == 1
    cart = await (await shop.get(f"/api/v1/stores/{store}/cart", headers=customer.headers)).json()
    assert cart["lines"] == []
    kinds = {(m.channel, m.kind) for m in await OutboxMessage.all()}
    assert ("realtime", "ORDER_CREATED") in kinds and (
        "notifications:dispatcher",
        "ORDER_CREATED",
    ) in kinds
    steps = [row.step for row in await CheckoutLog.filter(user_id=customer.user.id).order_by("id")]
    assert steps == [
        CheckoutStep.CART_PRICED,
        CheckoutStep.ADDRESS_CHECKED,
        CheckoutStep.SLOT_CHOSEN,
        CheckoutStep.PAYMENT_CHOSEN,
        CheckoutStep.PLACED,
    ]

    # The catalog shows the new stock at once (cache invalidated by the order).
    after = await (
        await shop.get(f"/api/v1/stores/{store}/products/{found['items'][0]['id']}")
    ).json()
    assert after["variants"][0]["stock"] == stock_before - 2

    mine = await (await shop.get("/api/v1/orders", headers=customer.headers)).json()
    assert [o["id"] for o in mine["items"]] == [order["id"]]


async def test_too_little_stock_is_409_and_nothing_changes(
    shop: TestClient, demo: SeedReport, customer: Person
) -> None:
    store = demo.store_id
    first = await first_in_stock(shop, store, "vitamin")
    second = await first_in_stock(shop, store, "ibuprofen")
    stock = {v["variant"]["id"]: v["variant"]["stock"] for v in (first, second)}
    slots = await (await shop.get(f"/api/v1/stores/{store}/slots")).json()
    response = await shop.post(
        "/api/v1/orders",
        headers={**customer.headers, "Idempotency-Key": "too-much"},
        json={
            "store_id": store,
            "payment_method": "card",
            "slot_id": slots["items"][0]["id"],
            "address": {"lat": 41.3925, "lng": 2.16},
            "items": [
                {"variant_id": first["variant"]["id"], "quantity": 1},
                {"variant_id": second["variant"]["id"], "quantity": 999},
            ],
        },
    )
    assert response.status == 409
    error = (await response.json())["error"]
    assert error["code"] == "insufficient_stock"
    assert error["items"] == [
        {
            "variant_id": second["variant"]["id"],
            "requested": 999,
            "available": stock[second["variant"]["id"]],
        }
    ]
    for variant_id, quantity in stock.items():
        assert (await Inventory.get(variant_id=variant_id)).quantity == quantity
    assert await Order.all().count() == 0
    assert await InventoryLog.all().count() == 0
    assert (await TimeSlot.get(id=slots["items"][0]["id"])).reserved == 0
    assert await OutboxMessage.all().count() == 0
    failed = await CheckoutLog.get(step=CheckoutStep.FAILED)
    assert failed.reason == "insufficient_stock" and not failed.success
