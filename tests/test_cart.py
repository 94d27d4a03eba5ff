from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import TestClient

from core.errors import NotFound, ValidationFailed
from models import Inventory, Product, ProductVariant
from services import cart
from services.demo import SeedReport
from tests.fixtures.orders import stocked_variant
from tests.fixtures.people import Person


async def test_anonymous_cart_is_priced_by_the_server(client: TestClient, demo: SeedReport) -> None:
    variant = await stocked_variant(demo.store_id)
    response = await client.post(
        f"/api/v1/stores/{demo.store_id}/cart/price",
        json={
            "items": [
                {"variant_id": variant.id, "quantity": 2},
                {"variant_id": variant.id, "quantity": 1},
            ]
        },
    )
    assert response.status == 200
    body = await response.json()
    assert [(line["variant_id"], line["quantity"]) for line in body["lines"]] == [(variant.id, 3)]
    assert body["subtotal_cents"] == 3 * variant.price_cents
    unknown = await client.post(
        f"/api/v1/stores/{demo.store_id}/cart/price",
        json={"items": [{"variant_id": 99999, "quantity": 1}]},
    )
    assert unknown.status == 404 and "items" in (await unknown.json())["error"]["fields"]


async def test_stock_and_per_product_limits(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    variant = await stocked_variant(demo.store_id)
    stock = (await Inventory.get(variant_id=variant.id)).quantity
    url = f"/api/v1/stores/{demo.store_id}/cart/items"
    too_many = await client.put(
        url, headers=customer.headers, json={"variant_id": variant.id, "quantity": stock + 1}
    )
    assert too_many.status == 422
    assert (await too_many.json())["error"]["code"] == "insufficient_stock"
    product = await Product.get(id=variant.product_id)
    await Product.filter(id=product.id).update(max_per_order=2)
    over = await client.put(
        url, headers=customer.headers, json={"variant_id": variant.id, "quantity": 3}
    )
    assert (await over.json())["error"]["code"] == "over_limit"
    ok = await client.put(
        url, headers=customer.headers, json={"variant_id": variant.id, "quantity": 2}
    )
    assert ok.status == 200 and (await ok.json())["lines"][0]["quantity"] == 2
    removed = await client.put(
        url, headers=customer.headers, json={"variant_id": variant.id, "quantity": 0}
    )
    assert (await removed.json())["lines"] == []


async def test_anonymous_cart_merges_at_sign_in_capped_by_stock(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    first = await stocked_variant(demo.store_id)
    second = await stocked_variant(demo.store_id, exclude=first.id)
    await Inventory.filter(variant_id=second.id).update(quantity=2)
    await client.put(
        f"/api/v1/stores/{demo.store_id}/cart/items",
        headers=customer.headers,
        json={"variant_id": first.id, "quantity": 1},
    )
    response = await client.post(
        f"/api/v1/stores/{demo.store_id}/cart/merge",
        headers=customer.headers,
        json={
            "items": [
                {"variant_id": first.id, "quantity": 2},
                {"variant_id": second.id, "quantity": 5},
            ]
        },
    )
    body = await response.json()
    assert {(line["variant_id"], line["quantity"]) for line in body["lines"]} == {
        (first.id, 3),
        (second.id, 2),
    }
    assert not body["has_problems"]


async def test_prices_always_come_from_the_server(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    variant = await stocked_variant(demo.store_id)
    response = await client.put(
        f"/api/v1/stores/{demo.store_id}/cart/items",
        headers=customer.headers,
        json={"variant_id": variant.id, "quantity": 1, "price_cents": 1},
    )
    assert response.status == 422  # a client price is not even accepted as input
    assert "price_cents" in (await response.json())["error"]["fields"]
    await ProductVariant.filter(id=variant.id).update(price_cents=12345)
    await client.put(
        f"/api/v1/stores/{demo.store_id}/cart/items",
        headers=customer.headers,
        json={"variant_id": variant.id, "quantity": 1},
    )
    body = await (
        await client.get(f"/api/v1/stores/{demo.store_id}/cart", headers=customer.headers)
    ).json()
    assert body["subtotal_cents"] == 12345


async def test_adding_in_steps_counts_refuses_over_stock_and_removes_at_zero(
    demo: SeedReport, customer: Person
) -> None:
    """services.cart.add, as the bot's "Add", "➕" and "➖" use it: every step answers with
    the whole cart priced, and a refused step changes nothing."""
    first = await stocked_variant(demo.store_id)
    second = await stocked_variant(demo.store_id, exclude=first.id)
    await Inventory.filter(variant_id=first.id).update(quantity=3)
    user_id, store_id = customer.user.id, demo.store_id

    async def add(variant_id: int, quantity: int) -> list[tuple[int, int]]:
        view = await cart.add(user_id, store_id, variant_id, quantity, locale="en", fallback="en")
        assert view.subtotal_cents == sum(line.line_total_cents for line in view.lines)
        return [(line.variant_id, line.quantity) for line in view.lines]

    assert await add(first.id, 1) == [(first.id, 1)]
    assert await add(second.id, 2) == [(first.id, 1), (second.id, 2)]
    assert await add(first.id, 2) == [(first.id, 3), (second.id, 2)]
    with pytest.raises(ValidationFailed) as refused:
        await add(first.id, 1)
    assert refused.value.code == "insufficient_stock"
    with pytest.raises(NotFound):
        await add(99_999, 1)
    assert await cart.cart_items(user_id, store_id) == [(first.id, 3), (second.id, 2)]
    assert await add(second.id, -2) == [(first.id, 3)]
    assert await cart.cart_items(user_id, store_id) == [(first.id, 3)]
    # Taps at once add up, each under the stock.
    await Inventory.filter(variant_id=second.id).update(quantity=50)
    await asyncio.gather(*(add(second.id, 1) for _ in range(8)))
    assert await cart.cart_items(user_id, store_id) == [(first.id, 3), (second.id, 8)]
    await Product.filter(id=second.product_id).update(max_per_order=9)
    assert await add(second.id, 1) == [(first.id, 3), (second.id, 9)]
    with pytest.raises(ValidationFailed) as limited:
        await add(second.id, 1)
    assert limited.value.code == "over_limit"
    # A line no longer sold refuses any add, as the cart cannot be priced.
    await ProductVariant.filter(id=first.id).update(is_active=False)
    with pytest.raises(NotFound):
        await add(second.id, -1)
    with pytest.raises(NotFound):
        await add(second.id, 1)
    assert await cart.cart_items(user_id, store_id) == [(first.id, 3), (second.id, 9)]
