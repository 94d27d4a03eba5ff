"""Webhook throughput: Telegram updates handled per second, next to an empty aiohttp handler.

    python scripts/bench/webhook_updates.py [--updates 2000] [--concurrency 32] [--postgres]

Each update is a realistic callback query (the customer bot's "add to cart" button): it
resolves the Telegram user, reads the variant and its stock, writes the cart, and answers
the callback through a local fake Bot API. Figures are for this machine, in one run. Only
localhost is contacted; it stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import aiohttp
import asyncpg
from aiohttp import web

ADMIN = os.environ.get("TEST_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]


def fake_bot_api() -> web.Application:
    async def method(request: web.Request) -> web.Response:
        await request.read()
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", method)
    return app


async def fire(url: str, bodies: list[bytes], concurrency: int, headers: dict[str, str]) -> float:
    queue = iter(bodies)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:

        async def worker() -> None:
            for body in queue:
                async with http.post(url, data=body, headers=headers) as response:
                    await response.read()

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - start


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    if not args.postgres:
        with tempfile.TemporaryDirectory() as folder:
            await run(f"sqlite://{folder}/bench.sqlite3", args)
        return
    name = f"pharmacy_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(ADMIN.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        from core.migrations import apply_migrations

        url = ADMIN.rsplit("/", 1)[0] + "/" + name
        await apply_migrations(url)
        await run(url, args)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def run(database_url: str, args: argparse.Namespace) -> None:
    from bot.customer.keyboards import Add
    from bot.webhooks import WEBHOOKS
    from core.settings import load_settings
    from models import Inventory, ProductVariant
    from services.demo import seed_demo
    from webapp.app import build_app

    api_runner, api_url = await serve(fake_bot_api())
    secret = "bench-secret"
    settings = load_settings(
        database_url=database_url,
        secret_key="bench" * 8,
        bcrypt_rounds=4,
        telegram_api_url=api_url,
        customer_bot_token="42:BENCH",
        customer_webhook_secret=secret,
        rate_limit_global="1000000/60",
    )
    app = build_app(settings, workers=False)
    runner, base = await serve(app)
    await seed_demo(password_rounds=4)
    variant = await ProductVariant.all().order_by("id").first()
    assert variant is not None
    await Inventory.filter(variant_id=variant.id).update(quantity=10**6)
    data = Add(variant_id=variant.id).pack()
    ids = itertools.count(1)

    def update(user_id: int) -> bytes:
        n = next(ids)
        return json.dumps(
            {
                "update_id": n,
                "callback_query": {
                    "id": str(n),
                    "chat_instance": "x",
                    "data": data,
                    "from": {
                        "id": user_id,
                        "is_bot": False,
                        "first_name": "B",
                        "language_code": "en",
                    },
                    "message": {
                        "message_id": 1,
                        "date": 0,
                        "chat": {"id": user_id, "type": "private"},
                        "text": "x",
                    },
                },
            }
        ).encode()

    users = [900_000 + i for i in range(50)]
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret, "Content-Type": "application/json"}
    warm = [update(u) for u in users]  # registers the 50 users first
    await fire(f"{base}/webhook/customer", warm, args.concurrency, headers)
    await app[WEBHOOKS]["customer"].drain()
    bodies = [update(users[i % len(users)]) for i in range(args.updates)]
    start = time.perf_counter()
    await fire(f"{base}/webhook/customer", bodies, args.concurrency, headers)
    await app[WEBHOOKS]["customer"].drain()  # handled, not merely acknowledged
    handled = args.updates / (time.perf_counter() - start)

    async def empty(request: web.Request) -> web.Response:
        await request.read()
        return web.json_response({})

    plain = web.Application()
    plain.router.add_post("/", empty)
    plain_runner, plain_url = await serve(plain)
    seconds = await fire(plain_url + "/", bodies, args.concurrency, headers)
    baseline = args.updates / seconds
    for r in (plain_runner, runner, api_runner):
        await r.cleanup()
    backend = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(
        f"{args.updates} updates, concurrency {args.concurrency}, {backend}, one machine, one run"
    )
    print(
        f"webhook callback updates handled: {handled:8.0f}/s   empty aiohttp handler: {baseline:8.0f}/s"
        f"   ratio {handled / baseline:.3f}"
    )


if __name__ == "__main__":
    asyncio.run(main())
