"""ETH, ERC-20 and TRC-20 invoices against local fake JSON-RPC and TronGrid servers: a sealed
key pair per invoice (never in clear in the database), payments over several confirmations
paid exactly once with two monitors, under/over/late/duplicate payments."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient
from tortoise import connections

from api.keys import CTX
from core import coinkeys, qr
from core.clock import utcnow
from models import CryptoDeposit, Order, OutboxMessage, Reward
from models.enums import PaymentState, RewardKind, RewardStatus, Role, WalletTxKind
from services import crypto_payments, crypto_sweep, loyalty, wallets
from services.demo import SeedReport
from tests.fakes.chain import FakeChain, start_fake_chain
from tests.fixtures.data import open_round_the_clock
from tests.fixtures.orders import stocked_variant
from tests.fixtures.people import Person
from tests.fixtures.telegram import BotHarness, tg_user
from tests.test_bot_flow import shop_to_checkout
from tests.test_console import post_form, session_for, staff_user

USDT = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
TRON_USDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
ROOT = str(Path(__file__).resolve().parents[1])
OLGA = tg_user(7301, first_name="Ольга")


def test_loading_the_key_library_keeps_the_recursion_limit() -> None:
    # py_ecc (under eth-account) raises it to 100000: deeply nested JSON would then crash
    # the process instead of being refused.
    assert sys.getrecursionlimit() < 10_000


def test_one_key_gives_the_known_ethereum_and_tron_addresses() -> None:
    keys = coinkeys.from_private(f"{1:064x}")
    assert keys.eth_address == "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
    assert keys.tron_address == "TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC"
    assert coinkeys.tron_to_hex(keys.tron_address) == keys.eth_address.lower()
    assert keys.private_hex not in repr(keys)


@pytest.fixture
async def chain() -> AsyncIterator[FakeChain]:
    fake, runner = await start_fake_chain()
    yield fake
    await runner.cleanup()


@pytest.fixture
async def pay_client(aiohttp_client, make_settings, chain: FakeChain) -> TestClient:  # type: ignore[no-untyped-def]
    from webapp.app import build_app

    settings = make_settings(
        rates_url=chain.url,
        eth_rpc_url=f"{chain.url}/rpc",
        eth_confirmations=12,
        tron_api_url=f"{chain.url}/tron",
        tron_confirmations=19,
    )
    return await aiohttp_client(build_app(settings, workers=False))  # type: ignore[no-untyped-def,no-any-return]


async def order_in(client: TestClient, customer: Person, store_id: int, asset: str) -> dict:
    variant = await stocked_variant(store_id, at_least=4)
    response = await client.post(
        "/api/v1/orders",
        json={
            "store_id": store_id,
            "items": [{"variant_id": variant.id, "quantity": 3}],
            "address": {"lat": 41.3925, "lng": 2.16},
            "payment_method": "crypto",
            "crypto_asset": asset,
        },
        headers={**customer.headers, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status == 201, await response.text()
    return await response.json()  # type: ignore[no-any-return]


async def invoice(client: TestClient, person: Person, order_id: int) -> dict:
    response = await client.get(f"/api/v1/orders/{order_id}/payment", headers=person.headers)
    assert response.status == 200, await response.text()
    return await response.json()  # type: ignore[no-any-return]


async def paid_events(order_id: int) -> int:
    events = await OutboxMessage.filter(kind="ORDER_PAID")
    return len([e for e in events if e.payload["order_id"] == order_id])


async def test_an_ether_invoice_has_a_sealed_key_and_is_paid_once_after_twelve_blocks(
    pay_client: TestClient,
    chain: FakeChain,
    demo: SeedReport,
    customer: Person,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    ctx = pay_client.app[CTX]
    order = await order_in(pay_client, customer, demo.store_id, "ETH")
    shown = await invoice(pay_client, customer, order["id"])
    deposit = await CryptoDeposit.get(order_id=order["id"])
    address = deposit.address
    assert shown["address"] == address == coinkeys.checksum(address)
    wei = crypto_payments.amount_for(order["total_cents"], Decimal("2500"), 18)
    assert int(deposit.amount_expected) == wei and shown["required_confirmations"] == 12
    assert shown["amount"] == crypto_payments.coins(wei, "ETH")
    assert shown["uri"] == f"ethereum:{address}?value={wei}"
    assert shown["qr_svg"] == qr.svg_data_uri(shown["uri"])
    # The key opens from the box, belongs to the address, and is nowhere in clear.
    assert deposit.sealed_key is not None
    private = ctx.secret_box.open(deposit.sealed_key)
    assert coinkeys.from_private(private).eth_address == address
    rows = await connections.get("default").execute_query_dict("SELECT * FROM crypto_deposits")
    assert rows and private.lower() not in repr(rows).lower()
    assert private.lower() not in caplog.text.lower()

    # Paid in two parts (ether is seen as balance rises); the second needs twelve blocks.
    chain.eth_pay(address, wei // 2, "0xa1", block=chain.eth_tip - 20)
    await crypto_payments.monitor_once(ctx)
    assert (await invoice(pay_client, customer, order["id"]))["status"] == "awaiting"
    chain.eth_pay(address, wei - wei // 2, "0xa2", block=chain.eth_tip + 1)
    chain.eth_tip += 1
    await crypto_payments.monitor_once(ctx)
    seen = await invoice(pay_client, customer, order["id"])
    assert seen["status"] == "confirming"
    assert sorted(t["confirmations"] for t in seen["transactions"]) == [1, 12]
    chain.eth_tip += 10  # eleven confirmations: not yet
    await crypto_payments.monitor_once(ctx)
    assert (await invoice(pay_client, customer, order["id"]))["status"] == "confirming"
    chain.eth_tip += 1
    await asyncio.gather(crypto_payments.monitor_once(ctx), crypto_payments.monitor_once(ctx))
    paid = await invoice(pay_client, customer, order["id"])
    assert paid["status"] == "paid" and paid["confirmations"] == 12
    amounts = [t["amount"] for t in paid["transactions"]]
    assert amounts == [
        crypto_payments.coins(wei // 2, "ETH"),
        crypto_payments.coins(wei - wei // 2, "ETH"),
    ]
    assert (await Order.get(id=order["id"])).payment_state is PaymentState.PAID
    assert await paid_events(order["id"]) == 3
    # The same money paid again is recorded as not counted, and nothing is paid twice.
    chain.eth_pay(address, wei, "0xa3", block=chain.eth_tip)
    await crypto_payments.monitor_once(ctx)
    again = await invoice(pay_client, customer, order["id"])
    assert [t["late"] for t in again["transactions"]] == [False, False, True]
    assert again["status"] == "paid" and await paid_events(order["id"]) == 3


async def test_a_token_underpaid_invoice_expires_and_late_tokens_are_only_recorded(
    pay_client: TestClient, chain: FakeChain, demo: SeedReport, customer: Person
) -> None:
    ctx = pay_client.app[CTX]
    order = await order_in(pay_client, customer, demo.store_id, "USDC_ERC20")
    deposit = await CryptoDeposit.get(order_id=order["id"])
    units = int(deposit.amount_expected)
    assert units == crypto_payments.amount_for(order["total_cents"], Decimal("0.92"), 6)
    shown = await invoice(pay_client, customer, order["id"])
    assert shown["uri"] == f"ethereum:{USDC}/transfer?address={deposit.address}&uint256={units}"
    # Tether sent to the address does not pay a USDC invoice.
    chain.eth_pay(deposit.address, units, "0xb0", block=chain.eth_tip - 30, contract=USDT)
    chain.eth_pay(deposit.address, units - 1, "0xb1", block=chain.eth_tip - 30, contract=USDC)
    await crypto_payments.monitor_once(ctx)
    seen = await invoice(pay_client, customer, order["id"])
    assert seen["status"] == "awaiting" and [t["txid"] for t in seen["transactions"]] == ["0xb1"]
    await CryptoDeposit.filter(id=deposit.id).update(expires_at=utcnow() - timedelta(seconds=1))
    await crypto_payments.monitor_once(ctx)
    assert (await invoice(pay_client, customer, order["id"]))["status"] == "underpaid"
    assert await crypto_payments.cancel_expired() == 1
    chain.eth_pay(deposit.address, units, "0xb2", block=chain.eth_tip, contract=USDC)
    await crypto_payments.monitor_once(ctx)
    late = await invoice(pay_client, customer, order["id"])
    assert [t["late"] for t in late["transactions"]] == [False, True]
    assert late["status"] == "underpaid"
    assert (await Order.get(id=order["id"])).payment_state is not PaymentState.PAID


async def test_usdt_on_tron_is_paid_once_after_nineteen_blocks_and_overpaying_says_so(
    pay_client: TestClient, chain: FakeChain, demo: SeedReport, customer: Person
) -> None:
    ctx = pay_client.app[CTX]
    order = await order_in(pay_client, customer, demo.store_id, "USDT_TRC20")
    deposit = await CryptoDeposit.get(order_id=order["id"])
    assert deposit.address.startswith("T") and deposit.sealed_key
    private = ctx.secret_box.open(deposit.sealed_key)
    assert coinkeys.from_private(private).tron_address == deposit.address
    units = int(deposit.amount_expected)
    chain.tron_pay(deposit.address, units + 5, "c1", block=None, contract=TRON_USDT)
    await crypto_payments.monitor_once(ctx)
    seen = await invoice(pay_client, customer, order["id"])
    assert seen["status"] == "confirming" and seen["required_confirmations"] == 19
    assert seen["transactions"][0]["confirmations"] == 0
    chain.tron_transfers[0]["block"] = chain.tron_tip
    chain.tron_tip += 17  # eighteen confirmations
    await crypto_payments.monitor_once(ctx)
    assert (await invoice(pay_client, customer, order["id"]))["confirmations"] == 18
    chain.tron_tip += 1
    await asyncio.gather(crypto_payments.monitor_once(ctx), crypto_payments.monitor_once(ctx))
    paid = await invoice(pay_client, customer, order["id"])
    assert paid["status"] == "overpaid" and paid["confirmations"] == 19
    assert (await Order.get(id=order["id"])).payment_state is PaymentState.PAID
    assert await paid_events(order["id"]) == 3


async def test_sweep_lists_the_funds_and_signs_transfers_from_the_invoice_keys(
    pay_client: TestClient,
    chain: FakeChain,
    demo: SeedReport,
    customer: Person,
    database_url: str,
    tmp_path: Path,
) -> None:
    ctx = pay_client.app[CTX]
    eth = await CryptoDeposit.get(
        order_id=(await order_in(pay_client, customer, demo.store_id, "ETH"))["id"]
    )
    usdt = await CryptoDeposit.get(
        order_id=(await order_in(pay_client, customer, demo.store_id, "USDT_ERC20"))["id"]
    )
    tron = await CryptoDeposit.get(
        order_id=(await order_in(pay_client, customer, demo.store_id, "USDT_TRC20"))["id"]
    )
    chain.eth_pay(eth.address, 10**17, "0xc1", block=chain.eth_tip)
    chain.eth_pay(usdt.address, 5_000_000, "0xc2", block=chain.eth_tip, contract=USDT)
    chain.tron_pay(tron.address, 7_000_000, "c3", block=chain.tron_tip, contract=TRON_USDT)
    found = {h.asset: h for h in await crypto_sweep.holdings(ctx)}
    assert {a: h.balance for a, h in found.items()} == {
        "ETH": 10**17,
        "USDT_ERC20": 5_000_000,
        "USDT_TRC20": 7_000_000,
    }
    to = coinkeys.from_private(f"{2:064x}").eth_address
    transfers = {
        t.holding.asset: t
        for t in await crypto_sweep.build_transfers(ctx, list(found.values()), to)
    }
    ether = transfers["ETH"]
    assert ether.raw is not None and ether.amount == 10**17 - 21_000 * 10**9
    assert coinkeys.Account.recover_transaction(ether.raw) == eth.address
    assert transfers["USDT_ERC20"].raw is None and "gas" in transfers["USDT_ERC20"].note
    assert transfers["USDT_TRC20"].raw is None
    assert await crypto_sweep.broadcast(ctx, ether) == ether.txid
    assert chain.sent_raw == [ether.raw]

    # The same through `pharmacy sweep`, as an operator runs it.
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PYTHONPATH": ROOT,
        "ETH_RPC_URL": f"{chain.url}/rpc",
        "TRON_API_URL": f"{chain.url}/tron",
        "SECRET_BOX_KEYS": ctx.settings.secret_box_keys,
    }
    env.pop("REDIS_URL", None)

    def sweep(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "webapp.cli", "sweep", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=60,
        )

    listed = await asyncio.to_thread(sweep)
    assert listed.returncode == 0, listed.stderr
    assert eth.address in listed.stdout and "3 address(es) hold funds" in listed.stdout
    assert ctx.secret_box.open(eth.sealed_key or "") not in listed.stdout + listed.stderr
    sent = await asyncio.to_thread(sweep, "--to", to, "--broadcast")
    assert sent.returncode == 0, sent.stderr
    assert f"sent as {ether.txid}" in sent.stdout and "skipped" in sent.stdout
    with pytest.raises(ValueError):
        await crypto_sweep.build_transfers(ctx, list(found.values()), "nowhere")


@pytest.fixture
async def coin_bots(
    aiohttp_client, make_settings, telegram, geocoder, chain: FakeChain
) -> BotHarness:  # type: ignore[no-untyped-def]
    from webapp.app import build_app

    settings = make_settings(
        telegram_api_url=telegram.url,
        geocoder_url=geocoder.url,
        rates_url=chain.url,
        eth_rpc_url=f"{chain.url}/rpc",
    )
    return BotHarness(await aiohttp_client(build_app(settings, workers=False)), telegram)


async def test_the_customer_bot_offers_the_coins_and_sends_the_invoice_as_a_qr_photo(
    coin_bots: BotHarness, demo: SeedReport
) -> None:
    await open_round_the_clock(demo.store_id)
    await shop_to_checkout(coin_bots, OLGA, "Витамины", "Мультивитамины")
    await coin_bots.post("customer", coin_bots.message(OLGA, "Carrer de Mallorca 200, Barcelona"))
    await coin_bots.press("customer", OLGA, "Пропустить")
    await coin_bots.press("customer", OLGA, "Пропустить")
    await coin_bots.press("customer", OLGA, "Как можно скорее")
    offered = [b["text"] for b in coin_bots.last("customer", OLGA).buttons()]
    assert "Криптовалюта: ETH" in offered and "Криптовалюта: BTC" not in offered  # no xpub
    await coin_bots.press("customer", OLGA, "Криптовалюта: USDT ERC20")
    await coin_bots.press("customer", OLGA, "Без промокода")
    await coin_bots.press("customer", OLGA, "✅ Оформить заказ")
    order = await Order.get(customer__tg_id=OLGA["id"])
    deposit = await CryptoDeposit.get(order_id=order.id)
    assert deposit.asset == "USDT_ERC20"
    photo = coin_bots.telegram.sent("sendPhoto", chat_id=OLGA["id"])[-1]
    caption = photo.params["caption"]
    assert deposit.address in caption and "USDT ERC20" in caption and "Отправьте" in caption
    attached = photo.params[photo.params["photo"].removeprefix("attach://")]
    assert attached.filename == "invoice.png"  # an uploaded picture, made by core.qr.png


async def paid_in_eth(
    client: TestClient, chain: FakeChain, customer: Person, store_id: int, **extra: object
) -> dict:  # type: ignore[type-arg]
    variant = await stocked_variant(store_id, at_least=4)
    response = await client.post(
        "/api/v1/orders",
        json={
            "store_id": store_id,
            "items": [{"variant_id": variant.id, "quantity": 3}],
            "address": {"lat": 41.3925, "lng": 2.16},
            "payment_method": "crypto",
            "crypto_asset": "ETH",
            **extra,
        },
        headers={**customer.headers, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status == 201, await response.text()
    order = await response.json()
    deposit = await CryptoDeposit.get(order_id=order["id"])
    chain.eth_pay(
        deposit.address, int(deposit.amount_expected), uuid.uuid4().hex, block=chain.eth_tip - 20
    )
    await crypto_payments.monitor_once(client.app[CTX])
    assert (await Order.get(id=order["id"])).payment_state is PaymentState.PAID
    return order  # type: ignore[no-any-return]


async def test_a_cancelled_paid_order_is_refunded_once_to_the_payer_with_its_txid(
    pay_client: TestClient, chain: FakeChain, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    await wallets.credit(
        user_id=customer.user.id, store_id=demo.store_id, amount_cents=150, kind=WalletTxKind.TOPUP
    )
    order = await paid_in_eth(pay_client, chain, customer, demo.store_id, wallet_cents=150)
    staff = f"/api/v1/staff/orders/{order['id']}"
    cancelled = await pay_client.post(
        f"{staff}/status",
        json={"status": "cancelled", "reason": "out of stock"},
        headers=dispatcher.headers,
    )
    body = await cancelled.json()
    assert cancelled.status == 200 and body["payment_state"] == "refund_due", body
    assert body["refund"]["status"] == "due" and body["refund"]["asset"] == "ETH"
    assert body["refund"]["amount_cents"] == order["total_cents"]
    # The wallet part came back with the cancellation; the coins wait for staff.
    assert await wallets.balance(customer.user.id, demo.store_id) == 150
    refused = await pay_client.post(
        f"{staff}/refund", json={"to": "payer"}, headers=dispatcher.headers
    )
    assert refused.status == 422 and "txid" in (await refused.json())["error"]["fields"]
    mine = await pay_client.post(f"{staff}/refund", json={"to": "wallet"}, headers=customer.headers)
    assert mine.status == 403
    settle = {"to": "payer", "txid": "0xfeed", "note": "sent back"}
    answers = await asyncio.gather(
        *(
            pay_client.post(f"{staff}/refund", json=settle, headers=dispatcher.headers)
            for _ in range(2)
        )
    )
    assert sorted(a.status for a in answers) == [200, 409]
    lost = next(a for a in answers if a.status == 409)
    assert (await lost.json())["error"]["code"] == "refund_settled"
    seen = await invoice_detail(pay_client, customer, order["id"])
    assert seen["payment_state"] == "refunded" and seen["refund"]["txid"] == "0xfeed"
    assert [e["kind"] for e in seen["events"]] == ["refunded"]
    assert seen["events"][0]["data"]["to"] == "payer"
    assert await wallets.balance(customer.user.id, demo.store_id) == 150  # nothing doubled
    told = [
        m
        for m in await OutboxMessage.filter(kind="ORDER_REFUNDED")
        if m.payload["order_id"] == order["id"]
    ]
    assert sorted(m.channel for m in told) == ["notifications:customer", "realtime"]
    assert told[0].payload["txid"] == "0xfeed"
    assert await loyalty.check_ledger() == []


async def test_staff_settle_a_refund_to_the_wallet_from_the_console_order_page(
    pay_client: TestClient, chain: FakeChain, demo: SeedReport, customer: Person
) -> None:
    settings = pay_client.app[CTX].settings
    order = await paid_in_eth(pay_client, chain, customer, demo.store_id)
    manager = await staff_user(settings, Role.MANAGER, (demo.store_id,))
    await session_for(settings, pay_client, manager)
    page = f"/admin/stores/{demo.store_id}/orders/{order['id']}"
    cancelled = await post_form(
        pay_client, page + "/action", {"action": "cancel", "reason": "closed"}, csrf_from=page
    )
    assert cancelled.status == 303
    text = await (await pay_client.get(page)).text()
    assert 'id="crypto-transactions"' in text and 'id="refund-form"' in text
    settled = await post_form(
        pay_client,
        page + "/action",
        {"action": "refund", "to": "wallet", "txid": ""},
        csrf_from=page,
    )
    assert settled.status == 303, await settled.text()
    assert await wallets.balance(customer.user.id, demo.store_id) == order["total_cents"]
    text = await (await pay_client.get(page)).text()
    assert "to the wallet" in text and 'id="refund-form"' not in text and "<b>refunded</b>" in text
    again = await post_form(
        pay_client, page + "/action", {"action": "refund", "to": "wallet"}, csrf_from=page
    )
    assert again.status == 409
    assert await wallets.balance(customer.user.id, demo.store_id) == order["total_cents"]
    assert await loyalty.check_ledger() == []


async def invoice_detail(client: TestClient, person: Person, order_id: int) -> dict:  # type: ignore[type-arg]
    response = await client.get(f"/api/v1/orders/{order_id}", headers=person.headers)
    assert response.status == 200, await response.text()
    return await response.json()  # type: ignore[no-any-return]


@pytest.mark.browser
async def test_the_storefront_shows_the_invoice_as_a_qr_and_turns_paid_live(
    aiohttp_client,
    make_settings,
    chain: FakeChain,
    demo: SeedReport,
    customer: Person,  # type: ignore[no-untyped-def]
) -> None:
    from playwright.async_api import async_playwright, expect

    from tests.test_e2e_browser import CHROMIUM, FLAGS
    from webapp.app import build_app

    settings = make_settings(rates_url=chain.url, eth_rpc_url=f"{chain.url}/rpc")
    client = await aiohttp_client(build_app(settings, workers=True))
    order = await order_in(client, customer, demo.store_id, "ETH")
    deposit = await CryptoDeposit.get(order_id=order["id"])
    base = str(client.make_url("")).rstrip("/")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = await (await browser.new_context(locale="en-US")).new_page()
        await page.goto(f"{base}/")
        tokens = {"access": customer.token, "refresh": "", "user": None}
        await page.evaluate(
            "([key, value]) => localStorage.setItem(key, value)",
            ["tokens:customer", json.dumps(tokens)],
        )
        await page.goto(f"{base}/#/order/{order['id']}")
        await page.reload()
        qr_image = page.locator("#invoice-qr")
        await expect(qr_image).to_be_visible()
        assert (await qr_image.get_attribute("src") or "").startswith("data:image/svg+xml")
        assert await page.locator("#invoice-address").inner_text() == deposit.address
        await expect(page.locator("#invoice-status")).to_contain_text("Waiting for your payment")
        chain.eth_pay(
            deposit.address, int(deposit.amount_expected), "0xd1", block=chain.eth_tip - 20
        )
        await crypto_payments.monitor_once(client.app[CTX])
        await expect(page.locator("#invoice-status")).to_contain_text("Paid", timeout=20_000)
        await expect(qr_image).to_be_hidden()
        await browser.close()


async def test_cashback_credited_on_an_order_is_reversed_when_its_refund_is_settled(
    pay_client: TestClient, chain: FakeChain, demo: SeedReport, customer: Person, dispatcher: Person
) -> None:
    order = await paid_in_eth(pay_client, chain, customer, demo.store_id)
    row = await Order.get(id=order["id"])
    await wallets.credit_reward(
        user_id=customer.user.id,
        store_id=demo.store_id,
        order=row,
        kind=RewardKind.CASHBACK,
        amount_cents=40,
    )
    staff = f"/api/v1/staff/orders/{order['id']}"
    await pay_client.post(
        f"{staff}/status", json={"status": "cancelled"}, headers=dispatcher.headers
    )
    settled = await pay_client.post(
        f"{staff}/refund", json={"to": "payer", "txid": "0xbeef"}, headers=dispatcher.headers
    )
    assert settled.status == 200, await settled.text()
    assert await wallets.balance(customer.user.id, demo.store_id) == 0
    assert (await Reward.get(order_id=row.id)).status is RewardStatus.REVOKED
    assert await loyalty.check_ledger() == []
