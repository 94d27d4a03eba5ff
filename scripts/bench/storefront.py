"""Storefront throughput, next to baselines on the same machine in the same run.

    python scripts/bench/storefront.py [--seconds 5] [--concurrency 32]

Prints catalog list requests/s next to a plain aiohttp JSON handler's requests/s, and
checkouts/s next to a raw asyncpg transaction doing the same writes, as ratios. Needs
PostgreSQL (TEST_PG_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/test): it creates
and drops a scratch database. Only localhost is contacted; it stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import aiohttp
import asyncpg
from aiohttp import web

ADMIN = os.environ.get("TEST_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")


async def hammer(seconds: float, concurrency: int, call: Callable[[int], Awaitable[bool]]) -> float:
    """Run `call` from `concurrency` workers for `seconds`; returns successful calls per second."""
    counter = itertools.count()
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            if await call(next(counter)):
                done += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done / (time.perf_counter() - start)


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()

    name = f"pharmacy_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(ADMIN.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        await run(url, args.seconds, args.concurrency)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def run(url: str, seconds: float, concurrency: int) -> None:
    from core.migrations import apply_migrations
    from core.security import Principal, issue_access_token
    from core.settings import load_settings
    from models import Inventory, ProductVariant, User
    from models.enums import Role
    from services.demo import seed_demo
    from webapp.app import build_app

    await apply_migrations(url)
    settings = load_settings(
        database_url=url, secret_key="bench" * 8, bcrypt_rounds=4, geocoder_url="http://127.0.0.1:9"
    )
    app = build_app(settings, workers=False)
    runner, base = await serve(app)

    async def plain_handler(request: web.Request) -> web.Response:
        return web.json_response({"items": [{"id": 1, "name": "plain"}]})

    plain = web.Application()
    plain.router.add_get("/", plain_handler)
    plain_runner, plain_base = await serve(plain)

    report = await seed_demo(password_rounds=4)
    store_id = report.store_id
    variant = await ProductVariant.filter(store_id=store_id).order_by("id").first()
    assert variant is not None
    await ProductVariant.filter(id=variant.id).update(price_cents=1500)
    await Inventory.filter(variant_id=variant.id).update(quantity=10**9)
    users = [
        await User.create(role=Role.CUSTOMER, name=f"bench {i}", referral_code=f"B{i:07d}")
        for i in range(concurrency)
    ]
    tokens = [
        issue_access_token(Principal(u.id, "customer"), settings.secret_key, 3600) for u in users
    ]

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def catalog_call(i: int) -> bool:
            async with http.get(f"{base}/api/v1/stores/{store_id}/products?page={1 + i % 3}") as r:
                await r.read()
                return r.status == 200

        async def plain_call(i: int) -> bool:
            async with http.get(plain_base + "/") as r:
                await r.read()
                return r.status == 200

        body = {
            "store_id": store_id,
            "items": [{"variant_id": variant.id, "quantity": 1}],
            "address": {"lat": 41.3925, "lng": 2.16},
            "payment_method": "cash",
        }

        async def checkout_call(i: int) -> bool:
            headers = {
                "Authorization": f"Bearer {tokens[i % len(tokens)]}",
                "Idempotency-Key": f"bench-{i}",
            }
            async with http.post(f"{base}/api/v1/orders", json=body, headers=headers) as r:
                await r.read()
                return r.status == 201

        await catalog_call(0)  # warm the cache
        catalog_rps = await hammer(seconds, concurrency, catalog_call)
        plain_rps = await hammer(seconds, concurrency, plain_call)
        checkout_rps = await hammer(seconds, concurrency, checkout_call)

    pool = await asyncpg.create_pool(
        url.replace("postgres://", "postgresql://", 1),
        min_size=concurrency // 4,
        max_size=concurrency // 2,
    )
    user_ids = [u.id for u in users]

    async def raw_checkout(i: int) -> bool:
        # The same writes as a checkout: order, item, conditional stock update, inventory log,
        # status history, checkout log and four outbox rows, in one transaction.
        async with pool.acquire() as conn, conn.transaction():
            seq = await conn.fetchval(
                "UPDATE stores SET order_seq = order_seq + 1 WHERE id=$1 RETURNING order_seq",
                store_id,
            )
            order_id = await conn.fetchval(
                """INSERT INTO orders (store_id, customer_id, number, status, version, payment_method,
                   payment_state, currency, subtotal_cents, delivery_fee_cents, discount_cents,
                   wallet_cents, total_cents, cost_cents, address_text, address_details, lat, lng,
                   requires_id_check, refund_due, note, cancel_reason, idempotency_key, request_hash,
                   created_at, updated_at)
                   VALUES ($1,$2,$3,'pending',0,'cash','due_on_delivery','EUR',1500,299,0,0,1799,800,
                   'x','',41.39,2.16,false,false,'','',$4,'',now(),now()) RETURNING id""",
                store_id,
                user_ids[i % len(user_ids)],
                f"R-{seq}",
                f"raw-{i}",
            )
            await conn.execute(
                """INSERT INTO order_items (order_id, variant_id, product_id, name, sku, quantity,
                   price_cents, cost_cents, age_restricted) VALUES ($1,$2,$3,'x','x',1,1500,800,false)""",
                order_id,
                variant.id,
                variant.product_id,
            )
            left = await conn.fetchval(
                "UPDATE inventory SET quantity = quantity - 1 WHERE variant_id=$1 AND quantity >= 1 "
                "RETURNING quantity",
                variant.id,
            )
            await conn.execute(
                """INSERT INTO inventory_log (store_id, variant_id, order_id, actor_id, delta,
                   resulting_quantity, reason, created_at) VALUES ($1,$2,$3,NULL,-1,$4,'order',now())""",
                store_id,
                variant.id,
                order_id,
                left,
            )
            await conn.execute(
                """INSERT INTO order_status_history (store_id, order_id, to_status, reason, created_at)
                   VALUES ($1,$2,'pending','placed',now())""",
                store_id,
                order_id,
            )
            await conn.execute(
                """INSERT INTO checkout_log (store_id, order_id, step, success, reason, data, created_at)
                   VALUES ($1,$2,'placed',true,'','{}',now())""",
                store_id,
                order_id,
            )
            for channel in (
                "realtime",
                "notifications:dispatcher",
                "notifications:customer",
                "alerts",
            ):
                await conn.execute(
                    """INSERT INTO outbox (channel, kind, payload, status, attempts, next_attempt_at,
                       last_error, created_at) VALUES ($1,'ORDER_CREATED','{}','pending',0,now(),'',now())""",
                    channel,
                )
        return True

    raw_rps = await hammer(seconds, concurrency, raw_checkout)
    await pool.close()
    await plain_runner.cleanup()
    await runner.cleanup()

    print(f"concurrency {concurrency}, {seconds:.0f}s per figure, one machine, one run")
    print(
        f"catalog list:  {catalog_rps:8.0f} req/s   plain aiohttp JSON: {plain_rps:8.0f} req/s"
        f"   ratio {catalog_rps / plain_rps:.2f}"
    )
    print(
        f"checkout:      {checkout_rps:8.0f} ord/s   raw asyncpg txn:    {raw_rps:8.0f} txn/s"
        f"   ratio {checkout_rps / raw_rps:.2f}"
    )


if __name__ == "__main__":
    asyncio.run(main())
