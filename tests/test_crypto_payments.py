"""Bitcoin invoices against local fake rate and Esplora servers: BIP84 addresses, never reused;
a payment over several confirmations marks the order paid exactly once, even with two
monitors; underpaid, overpaid, late and expired invoices."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import ROUND_CEILING, Decimal

import pytest
from aiohttp.test_utils import TestClient

from api.keys import CTX
from core.clock import utcnow
from core.settings import SettingsError, load_settings
from models import CryptoDeposit, Inventory, Order, OrderStatusHistory, OutboxMessage
from models.enums import OrderStatus, PaymentState
from services import crypto_payments
from services.demo import SeedReport
from tests.fakes.chain import FakeChain, start_fake_chain
from tests.fixtures.orders import stocked_variant
from tests.fixtures.people import Person

ZPUB = (
    "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf"
    "31mGDtKsAYz2oz2AGutZYs"
)


def test_addresses_follow_the_published_bip84_vectors() -> None:
    assert crypto_payments.btc_address(ZPUB, 0) == "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
    assert crypto_payments.btc_address(ZPUB, 1) == "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g"
    assert crypto_payments.btc_address(ZPUB, 2) == "bc1qp59yckz4ae5c4efgw2s5wfyvrz0ala7rgvuz8z"


def test_a_private_key_or_garbage_is_refused_as_btc_xpub() -> None:
    xprv = (
        "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRN"
        "NU3TGtRBeJgk33yuGBxrMPHi"
    )
    for bad in (xprv, "zpub-not-a-key", "hello"):
        with pytest.raises(SettingsError, match="BTC_XPUB"):
            load_settings(btc_xpub=bad, database_url="sqlite://:memory:")


def test_the_amount_is_rounded_up_to_whole_satoshi() -> None:
    assert crypto_payments.amount_for(1999, Decimal("50000"), 8) == 39980
    assert crypto_payments.amount_for(1, Decimal("30000"), 8) == int(
        (Decimal(1) / 100 / 30000 * 10**8).to_integral_value(rounding=ROUND_CEILING)
    )


@pytest.fixture
async def chain() -> AsyncIterator[FakeChain]:
    fake, runner = await start_fake_chain()
    yield fake
    await runner.cleanup()


@pytest.fixture
async def pay_client(aiohttp_client, make_settings, chain: FakeChain) -> TestClient:  # type: ignore[no-untyped-def]
    from webapp.app import build_app

    settings = make_settings(
        btc_xpub=ZPUB, btc_api_url=chain.url, rates_url=chain.url, btc_confirmations=2
    )
    return await aiohttp_client(build_app(settings, workers=False))  # type: ignore[no-any-return]


async def order_in_btc(client: TestClient, customer: Person, store_id: int, **extra: object):  # type: ignore[no-untyped-def]
    variant = await stocked_variant(store_id, at_least=4)
    body = {
        "store_id": store_id,
        "items": [{"variant_id": variant.id, "quantity": 3}],
        "address": {"lat": 41.3925, "lng": 2.16},
        "payment_method": "crypto",
        "crypto_asset": "BTC",
        **extra,
    }
    return await client.post(
        "/api/v1/orders",
        json=body,
        headers={**customer.headers, "Idempotency-Key": uuid.uuid4().hex},
    )


async def invoice(client: TestClient, customer: Person, order_id: int) -> dict:
    response = await client.get(f"/api/v1/orders/{order_id}/payment", headers=customer.headers)
    assert response.status == 200, await response.text()
    return await response.json()  # type: ignore[no-any-return]


async def test_each_order_gets_its_own_address_and_the_asset_is_checked(
    pay_client: TestClient, demo: SeedReport, customer: Person
) -> None:
    placed = [await order_in_btc(pay_client, customer, demo.store_id) for _ in range(2)]
    assert [r.status for r in placed] == [201, 201]
    bodies = [await r.json() for r in placed]
    first, second = [await invoice(pay_client, customer, b["id"]) for b in bodies]
    assert first["address"] == crypto_payments.btc_address(ZPUB, 0)
    assert second["address"] == crypto_payments.btc_address(ZPUB, 1)
    total = bodies[0]["total_cents"]
    assert first["amount_cents"] == total and first["currency"] == "EUR"
    sats = crypto_payments.amount_for(total, Decimal("50000"), 8)
    assert first["amount"] == crypto_payments.coins(sats, "BTC")
    assert first["status"] == "awaiting" and first["required_confirmations"] == 2
    assert first["uri"] == f"bitcoin:{first['address']}?amount={first['amount']}"
    assert bodies[0]["payment_state"] == "awaiting_payment"
    for extra, code in (
        ({"crypto_asset": None}, "validation_error"),
        ({"crypto_asset": "DOGE"}, "validation_error"),
        ({"crypto_asset": "ETH"}, "crypto_asset_unavailable"),
    ):
        response = await order_in_btc(pay_client, customer, demo.store_id, **extra)
        body = await response.json()
        assert response.status == 422 and "crypto_asset" in body["error"]["fields"], body
        assert body["error"]["code"] == code
    # Someone else's invoice is not there for them.
    other = await pay_client.get(f"/api/v1/orders/{bodies[0]['id']}/payment")
    assert other.status == 401


async def test_a_payment_is_paid_once_after_enough_confirmations_even_with_two_monitors(
    pay_client: TestClient,
    chain: FakeChain,
    demo: SeedReport,
    customer: Person,
    dispatcher: Person,
) -> None:
    ctx = pay_client.app[CTX]
    order = await (await order_in_btc(pay_client, customer, demo.store_id)).json()
    deposit = await CryptoDeposit.get(order_id=order["id"])
    refused = await pay_client.post(
        f"/api/v1/staff/orders/{order['id']}/status",
        json={"status": "confirmed"},
        headers=dispatcher.headers,
    )
    assert (await refused.json())["error"]["code"] == "payment_pending"
    chain.pay(deposit.address, "tx-1", int(deposit.amount_expected))
    await crypto_payments.monitor_once(ctx)
    assert (await invoice(pay_client, customer, order["id"]))["status"] == "confirming"
    chain.confirm("tx-1", chain.tip)  # one confirmation: not enough
    await crypto_payments.monitor_once(ctx)
    seen = await invoice(pay_client, customer, order["id"])
    assert seen["status"] == "confirming" and seen["confirmations"] == 1
    chain.tip += 1
    await asyncio.gather(crypto_payments.monitor_once(ctx), crypto_payments.monitor_once(ctx))
    paid = await invoice(pay_client, customer, order["id"])
    assert paid["status"] == "paid" and paid["transactions"][0]["confirmations"] == 2
    assert (await Order.get(id=order["id"])).payment_state is PaymentState.PAID
    events = await OutboxMessage.filter(kind="ORDER_PAID")
    assert len([e for e in events if e.payload["order_id"] == order["id"]]) == 3  # 3 channels
    await crypto_payments.monitor_once(ctx)  # a later pass changes nothing
    assert len(await OutboxMessage.filter(kind="ORDER_PAID")) == 3
    confirmed = await pay_client.post(
        f"/api/v1/staff/orders/{order['id']}/status",
        json={"status": "confirmed"},
        headers=dispatcher.headers,
    )
    assert confirmed.status == 200


async def test_an_underpaid_invoice_expires_the_order_gives_stock_back_and_late_money_is_kept(
    pay_client: TestClient, chain: FakeChain, demo: SeedReport, customer: Person
) -> None:
    ctx = pay_client.app[CTX]
    order = await (await order_in_btc(pay_client, customer, demo.store_id)).json()
    variant_id = order["items"][0]["variant_id"]
    held = (await Inventory.get(store_id=demo.store_id, variant_id=variant_id)).quantity
    deposit = await CryptoDeposit.get(order_id=order["id"])
    chain.pay(deposit.address, "tx-half", int(deposit.amount_expected) // 2, height=chain.tip)
    chain.tip += 5
    await crypto_payments.monitor_once(ctx)
    assert (await invoice(pay_client, customer, order["id"]))["status"] == "awaiting"
    await CryptoDeposit.filter(id=deposit.id).update(expires_at=utcnow() - timedelta(seconds=1))
    await crypto_payments.monitor_once(ctx)
    assert (await invoice(pay_client, customer, order["id"]))["status"] == "underpaid"
    assert await crypto_payments.cancel_expired() == 1
    cancelled = await Order.get(id=order["id"])
    assert cancelled.status is OrderStatus.CANCELLED
    back = (await Inventory.get(store_id=demo.store_id, variant_id=variant_id)).quantity
    assert back == held + 3
    last = await OrderStatusHistory.filter(order_id=order["id"]).order_by("-id").first()
    assert last is not None and last.actor_id is None and "payment" in last.reason
    # Money that arrives after the window is recorded as late, shown, and never accepted.
    chain.pay(deposit.address, "tx-late", int(deposit.amount_expected), height=chain.tip)
    await crypto_payments.monitor_once(ctx)
    shown = await invoice(pay_client, customer, order["id"])
    assert [t["late"] for t in shown["transactions"]] == [False, True]
    assert shown["status"] == "underpaid"
    assert (await Order.get(id=order["id"])).payment_state is not PaymentState.PAID


async def test_an_overpaid_invoice_is_paid_and_says_so(
    pay_client: TestClient, chain: FakeChain, demo: SeedReport, customer: Person
) -> None:
    ctx = pay_client.app[CTX]
    order = await (await order_in_btc(pay_client, customer, demo.store_id)).json()
    deposit = await CryptoDeposit.get(order_id=order["id"])
    chain.pay(deposit.address, "tx-big", int(deposit.amount_expected) + 1000, height=chain.tip - 3)
    await crypto_payments.monitor_once(ctx)
    assert (await invoice(pay_client, customer, order["id"]))["status"] == "overpaid"
    assert (await Order.get(id=order["id"])).payment_state is PaymentState.PAID


async def test_a_rate_provider_outage_is_a_clear_503(
    pay_client: TestClient, chain: FakeChain, demo: SeedReport, customer: Person
) -> None:
    chain.rates = {}
    response = await order_in_btc(pay_client, customer, demo.store_id)
    assert response.status == 503
    assert (await response.json())["error"]["code"] == "payment_unavailable"
