"""Checkout and promos under real concurrency, on PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import Inventory, InventoryLog, Order, ProductVariant, PromoCode, PromoRedemption
from models.enums import PromoKind, Role
from services.demo import SeedReport
from tests.fixtures.orders import stocked_variant
from tests.fixtures.people import make_person

pytestmark = pytest.mark.postgres_only

INSIDE = {"lat": 41.3925, "lng": 2.16}


async def last_units(store_id: int, units: int) -> ProductVariant:
    variant = await stocked_variant(store_id)
    await ProductVariant.filter(id=variant.id).update(price_cents=1500)  # above the minimum
    await Inventory.filter(variant_id=variant.id).update(quantity=units)
    return variant


async def test_200_checkouts_for_the_last_10_units(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    variant = await last_units(demo.store_id, 10)
    people = [await make_person(settings, Role.CUSTOMER) for _ in range(200)]
    body = {
        "store_id": demo.store_id,
        "items": [{"variant_id": variant.id, "quantity": 1}],
        "address": INSIDE,
        "payment_method": "cash",
    }

    async def buy(i: int) -> int:
        response = await client.post(
            "/api/v1/orders", json=body, headers={**people[i].headers, "Idempotency-Key": f"c{i}"}
        )
        if response.status == 409:
            error = (await response.json())["error"]
            assert error["code"] == "insufficient_stock"
            assert error["items"][0]["variant_id"] == variant.id
        return response.status

    statuses = await asyncio.gather(*(buy(i) for i in range(200)))
    assert statuses.count(201) == 10
    assert statuses.count(409) == 190
    assert (await Inventory.get(variant_id=variant.id)).quantity == 0
    assert await Order.all().count() == 10
    deltas = await InventoryLog.filter(variant_id=variant.id).values_list("delta", flat=True)
    assert len(deltas) == 10 and sum(deltas) == -10  # type: ignore[arg-type]
    resulting = sorted(
        await InventoryLog.filter(variant_id=variant.id).values_list(
            "resulting_quantity", flat=True
        )
    )  # type: ignore[type-var]
    assert resulting == list(range(10))


async def test_a_promo_with_5_uses_is_used_5_times(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    variant = await last_units(demo.store_id, 100)
    await PromoCode.create(
        store_id=demo.store_id, code="FIVE", kind=PromoKind.FIXED, value=100, max_uses=5
    )
    people = [await make_person(settings, Role.CUSTOMER) for _ in range(30)]
    body = {
        "store_id": demo.store_id,
        "items": [{"variant_id": variant.id, "quantity": 1}],
        "address": INSIDE,
        "payment_method": "card",
        "promo_code": "FIVE",
    }
    responses = await asyncio.gather(
        *(
            client.post(
                "/api/v1/orders",
                json=body,
                headers={**p.headers, "Idempotency-Key": f"buyer-{p.user.id}"},
            )
            for p in people
        )
    )
    statuses = [r.status for r in responses]
    assert statuses.count(201) == 5
    assert all(s in (409, 422) for s in statuses if s != 201)
    promo = await PromoCode.get(code="FIVE")
    assert promo.used_count == 5 and await PromoRedemption.filter(promo=promo).count() == 5
    assert await Order.all().count() == 5
    assert (await Inventory.get(variant_id=variant.id)).quantity == 95


async def test_one_customer_racing_a_once_per_customer_promo(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    variant = await last_units(demo.store_id, 100)
    await PromoCode.create(
        store_id=demo.store_id,
        code="HELLO",
        kind=PromoKind.PERCENT,
        value=10,
        max_uses_per_customer=1,
    )
    person = await make_person(settings, Role.CUSTOMER)
    body = {
        "store_id": demo.store_id,
        "items": [{"variant_id": variant.id, "quantity": 1}],
        "address": INSIDE,
        "payment_method": "card",
        "promo_code": "HELLO",
    }
    responses = await asyncio.gather(
        *(
            client.post(
                "/api/v1/orders", json=body, headers={**person.headers, "Idempotency-Key": f"h{i}"}
            )
            for i in range(10)
        )
    )
    assert [r.status for r in responses].count(201) == 1
    assert await PromoRedemption.all().count() == 1


async def test_retries_with_one_key_make_one_order(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    variant = await last_units(demo.store_id, 100)
    person = await make_person(settings, Role.CUSTOMER)
    body = {
        "store_id": demo.store_id,
        "items": [{"variant_id": variant.id, "quantity": 2}],
        "address": INSIDE,
        "payment_method": "card",
    }
    responses = await asyncio.gather(
        *(
            client.post(
                "/api/v1/orders", json=body, headers={**person.headers, "Idempotency-Key": "same"}
            )
            for _ in range(20)
        )
    )
    assert all(r.status in (200, 201) for r in responses)
    ids = {(await r.json())["id"] for r in responses}
    assert len(ids) == 1
    assert await Order.all().count() == 1
    assert (await Inventory.get(variant_id=variant.id)).quantity == 98
