"""Checkout rules: idempotency, promos, wallet, age, zone minimum, slots."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from aiohttp.test_utils import TestClient

from core.clock import utcnow
from core.settings import Settings
from models import (
    Cart,
    CartItem,
    Order,
    ProductVariant,
    ProfileChange,
    PromoCode,
    Store,
    TimeSlot,
    Wallet,
)
from models.enums import PromoKind, Role
from services import cart
from services.demo import SeedReport
from tests.fixtures.orders import stocked_variant
from tests.fixtures.people import Person, make_person

INSIDE = {"lat": 41.3925, "lng": 2.16}


async def order_body(
    store_id: int, quantity: int = 5, restricted: bool = False, **extra: object
) -> dict:
    variant = await stocked_variant(store_id, restricted=restricted, at_least=quantity)
    return {
        "store_id": store_id,
        "items": [{"variant_id": variant.id, "quantity": quantity}],
        "address": INSIDE,
        "payment_method": "card",
        **extra,
    }


async def post(client: TestClient, person: Person, body: dict, key: str | None = None):  # type: ignore[no-untyped-def]
    headers = {**person.headers, "Idempotency-Key": key or uuid.uuid4().hex}
    return await client.post("/api/v1/orders", headers=headers, json=body)


async def test_same_key_same_body_returns_the_same_order(
    client: TestClient, settings: Settings, demo: SeedReport, customer: Person
) -> None:
    variant = await stocked_variant(demo.store_id, at_least=12)
    body = await order_body(demo.store_id)
    body["items"] = [{"variant_id": variant.id, "quantity": 5}]
    first = await post(client, customer, body, "k1")
    second = await post(client, customer, body, "k1")
    assert (first.status, second.status) == (201, 200)
    assert (await first.json())["id"] == (await second.json())["id"]
    assert await Order.all().count() == 1
    other = await post(client, customer, {**body, "note": "ring twice"}, "k1")
    assert other.status == 422
    assert (await other.json())["error"]["code"] == "idempotency_key_reused"
    # Another customer's identical key is theirs alone.
    someone = await make_person(settings, Role.CUSTOMER)
    assert (await post(client, someone, body, "k1")).status == 201


async def test_the_placed_answer_is_the_order_as_read_back(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    # The 201 is built from the rows just written; the replay and GET read them back.
    await Wallet.create(user_id=customer.user.id, store_id=demo.store_id, balance_cents=300)
    body = await order_body(demo.store_id, quantity=5, wallet_cents=300, note="gate code 12")
    first = await post(client, customer, body, "same")
    assert first.status == 201
    placed = await first.json()
    replay = await post(client, customer, body, "same")
    assert replay.status == 200
    shown = await client.get(f"/api/v1/orders/{placed['id']}", headers=customer.headers)
    assert placed == await replay.json() == await shown.json()
    assert [h["to_status"] for h in placed["history"]] == ["pending"]
    assert placed["items"][0]["quantity"] == 5 and placed["events"] == []


async def test_placing_an_order_empties_that_stores_cart_only(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    body = await order_body(demo.store_id)
    line = body["items"][0]
    await cart.set_quantity(
        customer.user.id, demo.store_id, line["variant_id"], 1, locale="en", fallback="en"
    )
    other = await Store.create(slug="other-cart", name="Other")
    elsewhere = await Cart.create(user_id=customer.user.id, store_id=other.id)
    await CartItem.create(cart=elsewhere, variant_id=line["variant_id"], quantity=1)
    assert (await post(client, customer, body)).status == 201
    assert not await CartItem.filter(cart__user_id=customer.user.id, cart__store_id=demo.store_id)
    assert await CartItem.filter(cart=elsewhere).count() == 1


async def test_promo_rules(client: TestClient, demo: SeedReport, customer: Person) -> None:
    store = demo.store_id
    now = utcnow()
    await PromoCode.create(
        store_id=store,
        code="OLD",
        kind=PromoKind.FIXED,
        value=100,
        expires_at=now - timedelta(days=1),
    )
    await PromoCode.create(
        store_id=store, code="BIG", kind=PromoKind.FIXED, value=100, min_order_cents=10**7
    )
    await PromoCode.create(
        store_id=store, code="ONCE", kind=PromoKind.PERCENT, value=50, max_uses_per_customer=1
    )
    await PromoCode.create(
        store_id=store, code="GONE", kind=PromoKind.FIXED, value=100, max_uses=1, used_count=1
    )
    for code, expected in [
        ("nope", "promo_invalid"),
        ("OLD", "promo_expired"),
        ("BIG", "promo_min_order"),
        ("GONE", "promo_exhausted"),
    ]:
        response = await post(client, customer, await order_body(store, promo_code=code))
        assert response.status == 422, code
        error = (await response.json())["error"]
        assert error["code"] == expected and "promo_code" in error["fields"]
    first = await post(client, customer, await order_body(store, promo_code="once"))
    body = await first.json()
    assert first.status == 201 and body["discount_cents"] == body["subtotal_cents"] // 2
    again = await post(client, customer, await order_body(store, promo_code="ONCE"))
    assert (await again.json())["error"]["code"] == "promo_already_used"
    # Cancelling gives the use back.
    await client.post(f"/api/v1/orders/{body['id']}/cancel", headers=customer.headers)
    assert (await post(client, customer, await order_body(store, promo_code="ONCE"))).status == 201


async def test_wallet_pays_part_and_comes_back_on_cancel(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    await Wallet.create(user_id=customer.user.id, store_id=demo.store_id, balance_cents=500)
    too_much = await post(client, customer, await order_body(demo.store_id, wallet_cents=501))
    assert (await too_much.json())["error"]["code"] == "insufficient_funds"
    response = await post(client, customer, await order_body(demo.store_id, wallet_cents=500))
    body = await response.json()
    assert body["wallet_cents"] == 500
    assert body["total_cents"] == body["subtotal_cents"] + body["delivery_fee_cents"] - 500
    assert (await Wallet.get(user_id=customer.user.id)).balance_cents == 0
    await client.post(f"/api/v1/orders/{body['id']}/cancel", headers=customer.headers)
    assert (await Wallet.get(user_id=customer.user.id)).balance_cents == 500


async def test_age_restricted_items_need_a_verified_adult(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    unknown = await make_person(settings, Role.CUSTOMER)
    body = await order_body(demo.store_id, quantity=2, restricted=True)
    response = await post(client, unknown, body)
    assert response.status == 403
    assert (await response.json())["error"]["code"] == "age_verification_required"
    today = utcnow().date()
    teen = date(today.year - 16, 1, 1)
    declared = await client.put(
        "/api/v1/me/date-of-birth",
        headers=unknown.headers,
        json={"date_of_birth": teen.isoformat()},
    )
    assert declared.status == 200
    response = await post(client, unknown, body)
    assert (await response.json())["error"]["code"] == "underage"
    # Refused as under age, the customer may not simply declare another date...
    again = await client.put(
        "/api/v1/me/date-of-birth", headers=unknown.headers, json={"date_of_birth": "1980-05-05"}
    )
    assert again.status == 403
    assert (await again.json())["error"]["code"] == "date_of_birth_locked"
    same = await client.put(
        "/api/v1/me/date-of-birth",
        headers=unknown.headers,
        json={"date_of_birth": teen.isoformat()},
    )
    assert same.status == 200 and (await same.json())["age_verified"] is False
    # ...staff correct it, with a reason, and the change is audited.
    admin = await make_person(settings, Role.ADMIN)
    staff_url = f"/api/v1/staff/customers/{unknown.user.id}/date-of-birth"
    no_reason = await client.put(
        staff_url, headers=admin.headers, json={"date_of_birth": "1980-05-05"}
    )
    assert no_reason.status == 422 and "reason" in (await no_reason.json())["error"]["fields"]
    by_customer = await client.put(
        staff_url, headers=unknown.headers, json={"date_of_birth": "1980-05-05", "reason": "x"}
    )
    assert by_customer.status == 403
    corrected = await client.put(
        staff_url,
        headers=admin.headers,
        json={"date_of_birth": "1980-05-05", "reason": "typo, saw the passport in the store"},
    )
    assert corrected.status == 200 and (await corrected.json())["age_verified"] is False
    audit = await ProfileChange.get(user_id=unknown.user.id)
    assert (audit.actor_id, audit.old_value, audit.new_value) == (
        admin.user.id,
        teen.isoformat(),
        "1980-05-05",
    )
    response = await post(client, unknown, body)
    assert response.status == 201
    assert (await response.json())["requires_id_check"] is True
    bad = await client.put(
        "/api/v1/me/date-of-birth", headers=unknown.headers, json={"date_of_birth": "2999-01-01"}
    )
    assert bad.status == 422 and "date_of_birth" in (await bad.json())["error"]["fields"]


async def test_zone_minimum_and_zone_availability(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    small = await order_body(demo.store_id, quantity=1)
    small["address"] = {"lat": 41.44, "lng": 2.2}  # outskirts: minimum 2500
    response = await post(client, customer, small)
    assert response.status == 422
    error = (await response.json())["error"]
    assert error["code"] == "below_minimum" and error["min_order_cents"] == 2500
    far = await order_body(demo.store_id)
    far["address"] = {"lat": 40.4168, "lng": -3.7038}
    assert (await (await post(client, customer, far)).json())["error"]["code"] == "zone_unavailable"


async def test_a_full_slot_refuses_the_order(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    slot = await TimeSlot.filter(
        store_id=demo.store_id, starts_at__gt=utcnow() + timedelta(hours=1)
    ).first()
    assert slot is not None
    await TimeSlot.filter(id=slot.id).update(capacity=1)
    assert (
        await post(client, customer, await order_body(demo.store_id, slot_id=slot.id))
    ).status == 201
    response = await post(client, customer, await order_body(demo.store_id, slot_id=slot.id))
    assert response.status == 409 and (await response.json())["error"]["code"] == "slot_full"
    assert await Order.all().count() == 1


async def test_a_crypto_order_names_its_coin(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    # (Invoices, confirmations and the payment_pending guard: tests/test_crypto_payments.py.)
    response = await post(
        client, customer, await order_body(demo.store_id, payment_method="crypto")
    )
    body = await response.json()
    assert response.status == 422 and "crypto_asset" in body["error"]["fields"]
    assert not await Order.exists(customer_id=customer.user.id)


async def test_the_preview_shows_every_amount_and_what_is_missing_for_the_minimum(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    await Wallet.create(user_id=customer.user.id, store_id=demo.store_id, balance_cents=300)
    await PromoCode.create(store_id=demo.store_id, code="TENOFF", kind=PromoKind.FIXED, value=100)
    body = await order_body(demo.store_id, quantity=1, promo_code="tenoff", wallet_cents=300)
    body["address"] = {"lat": 41.44, "lng": 2.2}  # outskirts: minimum 2500
    variant_price = (await ProductVariant.get(id=body["items"][0]["variant_id"])).price_cents
    url = "/api/v1/orders/preview"
    shown = await client.post(url, headers=customer.headers, json=body)
    assert shown.status == 200, await shown.text()
    p = await shown.json()
    assert p["subtotal_cents"] == variant_price and p["discount_cents"] == 100
    assert p["delivery_fee_cents"] > 0 and p["wallet_cents"] == 300
    assert p["wallet_balance_cents"] == 300 and p["min_order_cents"] == 2500
    assert p["total_cents"] == variant_price + p["delivery_fee_cents"] - 100 - 300
    assert p["missing_for_minimum_cents"] == max(0, 2500 - variant_price)
    # The same order is refused when placed, with the same minimum.
    placed = await post(client, customer, body)
    assert (await placed.json())["error"]["code"] == "below_minimum"
    # Errors that the form must fix are named like placing's.
    body["promo_code"] = "NOPE"
    bad = await client.post(url, headers=customer.headers, json=body)
    assert bad.status == 422 and (await bad.json())["error"]["code"] == "promo_invalid"
    anonymous = await client.post(url, json=body)
    assert anonymous.status == 401
