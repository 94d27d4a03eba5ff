"""The wallet's ledger, the referral programme and the ledger check, through the API doors."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from aiohttp.test_utils import TestClient

from api.keys import CTX
from core.settings import Settings
from models import Order, Store, Wallet
from models.enums import PaymentMethod
from services.demo import SeedReport
from tests.fixtures.orders import place
from tests.fixtures.people import Person, make_driver, make_person

ROOT = Path(__file__).resolve().parent.parent


async def deliver(
    client: TestClient, settings: Settings, store_id: int, order: Order, dispatcher: Person
) -> None:
    driver_person, driver = await make_driver(settings, store_id)
    for status in ("confirmed", "ready"):
        response = await client.post(
            f"/api/v1/staff/orders/{order.id}/status",
            headers=dispatcher.headers,
            json={"status": status},
        )
        assert response.status == 200, await response.text()
    assign = await client.post(
        f"/api/v1/staff/orders/{order.id}/assign",
        headers=dispatcher.headers,
        json={"driver_id": driver.id},
    )
    assert assign.status == 200
    for status in ("picked_up", "delivered"):
        response = await client.post(
            f"/api/v1/staff/orders/{order.id}/status",
            headers=driver_person.headers,
            json={"status": status},
        )
        assert response.status == 200, await response.text()


async def test_a_referrer_is_rewarded_once_on_the_first_delivered_order(
    client: TestClient, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:
    await Store.filter(id=demo.store_id).update(referral_reward_cents=500, cashback_bps=200)
    friend = await make_person(settings)
    newcomer = await make_person(settings, referred_by_id=friend.user.id)
    ctx = client.app[CTX]
    first = await place(ctx, newcomer.user.id, demo.store_id, payment=PaymentMethod.CARD)
    second = await place(ctx, newcomer.user.id, demo.store_id, payment=PaymentMethod.CARD)
    await asyncio.gather(
        deliver(client, settings, demo.store_id, first, dispatcher),
        deliver(client, settings, demo.store_id, second, dispatcher),
    )
    mine = await (await client.get("/api/v1/me/referral", headers=friend.headers)).json()
    assert mine["invited"] == 1 and mine["rewards_cents"] == 500
    assert mine["code"] == friend.user.referral_code and mine["code"] in mine["link"]
    wallet = await (
        await client.get(
            "/api/v1/me/wallet", params={"store_id": demo.store_id}, headers=friend.headers
        )
    ).json()
    assert wallet["balance_cents"] == 500 and wallet["currency"] == "EUR"
    assert [t["kind"] for t in wallet["transactions"]] == ["referral"]
    # The newcomer's own wallet holds the cashback of both orders, newest first.
    own = await (
        await client.get(
            "/api/v1/me/wallet", params={"store_id": demo.store_id}, headers=newcomer.headers
        )
    ).json()
    totals = [(await Order.get(id=o.id)).total_cents for o in (first, second)]
    assert own["balance_cents"] == sum(t * 200 // 10_000 for t in totals)
    assert {t["kind"] for t in own["transactions"]} == {"cashback"}
    assert all(t["order_id"] in (first.id, second.id) for t in own["transactions"])


async def test_wallet_query_is_checked(client: TestClient, customer: Person) -> None:
    missing = await client.get("/api/v1/me/wallet", headers=customer.headers)
    assert missing.status == 422 and "store_id" in (await missing.json())["error"]["fields"]
    unknown = await client.get(
        "/api/v1/me/wallet", params={"store_id": "424242"}, headers=customer.headers
    )
    assert unknown.status == 404
    anonymous = await client.get("/api/v1/me/wallet", params={"store_id": "1"})
    assert anonymous.status == 401


async def test_the_ledger_check_finds_a_balance_that_does_not_add_up(
    client: TestClient,
    settings: Settings,
    demo: SeedReport,
    dispatcher: Person,
    database_url: str,
    tmp_path: Path,
) -> None:
    await Store.filter(id=demo.store_id).update(cashback_bps=500)
    customer = await make_person(settings)
    order = await place(client.app[CTX], customer.user.id, demo.store_id)
    await deliver(client, settings, demo.store_id, order, dispatcher)
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "webapp.cli", "check-ledger"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=60,
        )

    good = await asyncio.to_thread(check)
    assert good.returncode == 0 and "ledger: ok" in good.stdout, good.stderr
    wallet = await Wallet.get(user_id=customer.user.id)
    await Wallet.filter(id=wallet.id).update(balance_cents=wallet.balance_cents + 1)
    bad = await asyncio.to_thread(check)
    assert bad.returncode == 1 and f"wallet {wallet.id}:" in bad.stdout
