"""The processes the benchmark measures, one per invocation (`run.py` starts them):

    targets.py seed     DB OUT.json      migrate (PostgreSQL), seed the demo store, write ids/tokens
    targets.py product  DB PORT          the whole platform (build_app), as `pharmacy serve` runs it
    targets.py plain    PORT BYTES.json  plain aiohttp serving the same response bytes per path
    targets.py rawdb    DB PORT SEED     aiohttp + raw asyncpg/aiosqlite: the checkout's writes, one txn
    targets.py botbase  PORT TG SECRET   a bare aiogram Dispatcher, one callback handler, same Bot API
    targets.py fakebot  PORT             the fake Telegram Bot API both bot servers call

Environment: BENCH_REDIS (Redis URL for the product on PostgreSQL, empty for none),
BENCH_TG (fake Bot API URL). Nothing but localhost is contacted.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from aiohttp import web

SECRET_KEY = "bench" * 8
WEBHOOK_SECRET = "bench-secret"
BOT_TOKEN = "42:BENCH"
USERS = 64


def _settings(database_url: str) -> Any:
    from core.settings import load_settings

    return load_settings(
        database_url=database_url,
        redis_url=os.environ.get("BENCH_REDIS") or None,
        secret_key=SECRET_KEY,
        bcrypt_rounds=4,
        telegram_api_url=os.environ.get("BENCH_TG", "http://127.0.0.1:9"),
        geocoder_url="http://127.0.0.1:9",
        customer_bot_token=BOT_TOKEN,
        customer_webhook_secret=WEBHOOK_SECRET,
        rate_limit_global="100000000/60",
        rate_limit_auth="100000000/60",
        log_level="WARNING",
    )


async def seed(database_url: str, out: str) -> None:
    from bot.customer.keyboards import Add
    from core.db import close_db, init_db
    from core.security import Principal, issue_access_token
    from models import Inventory, Product, ProductVariant, User
    from models.enums import Role
    from services.demo import seed_demo

    if database_url.startswith("postgres"):
        from core.migrations import apply_migrations

        await apply_migrations(database_url)
    await init_db(_settings(database_url))
    report = await seed_demo(password_rounds=4)
    variant = await ProductVariant.filter(store_id=report.store_id).order_by("id").first()
    assert variant is not None
    await ProductVariant.filter(id=variant.id).update(price_cents=1500)  # over the minimum
    # No per-order limit, so the bot's "Add" taps succeed: a run's taps stay far below the 999
    # a cart line may hold (with the demo limit of 20 most of them were refusals).
    await Product.filter(id=variant.product_id).update(max_per_order=None)
    await Inventory.filter(store_id=report.store_id).update(quantity=10**9)
    users = [
        await User.create(
            role=Role.CUSTOMER,
            name=f"bench {i}",
            referral_code=f"B{i:07d}",
            tg_id=900_000 + i,
            phone=f"tg_{900_000 + i}",
        )
        for i in range(USERS)
    ]
    tokens = [issue_access_token(Principal(u.id, "customer"), SECRET_KEY, 10**6) for u in users]
    Path(out).write_text(  # noqa: ASYNC240 (once, at the end of seeding)
        json.dumps(
            {
                "store_id": report.store_id,
                "variant_id": variant.id,
                "product_id": variant.product_id,
                "user_ids": [u.id for u in users],
                "tg_ids": [u.tg_id for u in users],
                "tokens": tokens,
                "add_data": Add(variant_id=variant.id).pack(),
            }
        )
    )
    await close_db()


def product(database_url: str, port: int) -> None:
    from core.event_loop import new_event_loop
    from webapp.app import build_app, freeze_heap_after_start

    settings = _settings(database_url)
    app = build_app(settings)
    freeze_heap_after_start(app)  # as `pharmacy serve` does
    web.run_app(
        app,
        loop=new_event_loop(settings),  # as `pharmacy serve` runs it
        host="127.0.0.1",
        port=port,
        access_log=None,
        print=None,
        backlog=4096,
    )


def plain(port: int, bytes_file: str) -> None:
    table = {
        path: (bytes.fromhex(body), content_type)
        for path, (body, content_type) in json.loads(Path(bytes_file).read_text()).items()
    }

    async def serve(request: web.Request) -> web.Response:
        body, content_type = table[request.path_qs]
        return web.Response(body=body, content_type=content_type)

    app = web.Application()
    app.router.add_get("/{tail:.*}", serve)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None, backlog=4096)


# The writes a checkout makes (order, line, conditional stock update, inventory log, status
# history, checkout log, outbox rows), as plain SQL in one transaction.
RAW_CHECKOUT = [
    "UPDATE stores SET order_seq = order_seq + 1 WHERE id=$1 RETURNING order_seq",
    """INSERT INTO orders (store_id, customer_id, number, status, version, payment_method,
       payment_state, currency, subtotal_cents, delivery_fee_cents, discount_cents,
       wallet_cents, total_cents, cost_cents, address_text, address_details, lat, lng,
       requires_id_check, prescription_state, cold_chain, refund_due, note, cancel_reason,
       proof_photo, idempotency_key, request_hash, created_at, updated_at)
       VALUES ($1,$2,$3,'pending',0,'cash','due_on_delivery','EUR',1500,299,0,0,1799,800,
       'x','',41.39,2.16,false,'none',false,false,'','','',$4,'',CURRENT_TIMESTAMP,
       CURRENT_TIMESTAMP) RETURNING id""",
    """INSERT INTO order_items (order_id, variant_id, product_id, name, sku, quantity,
       price_cents, cost_cents, age_restricted, prescription_required, cold_chain)
       VALUES ($1,$2,$3,'x','x',1,1500,800,false,false,false)""",
    "UPDATE inventory SET quantity = quantity - 1 WHERE variant_id=$1 AND quantity >= 1 "
    "RETURNING quantity",
    """INSERT INTO inventory_log (store_id, variant_id, order_id, actor_id, delta,
       resulting_quantity, reason, created_at) VALUES ($1,$2,$3,NULL,-1,$4,'order',CURRENT_TIMESTAMP)""",
    """INSERT INTO order_status_history (store_id, order_id, to_status, reason, created_at)
       VALUES ($1,$2,'pending','placed',CURRENT_TIMESTAMP)""",
    """INSERT INTO checkout_log (store_id, order_id, step, success, reason, data, created_at)
       VALUES ($1,$2,'placed',true,'','{}',CURRENT_TIMESTAMP)""",
    """INSERT INTO outbox (channel, kind, payload, status, attempts, next_attempt_at,
       last_error, request_id, created_at) VALUES ($1,'ORDER_CREATED','{}','done',0,
       CURRENT_TIMESTAMP,'','',CURRENT_TIMESTAMP)""",
]
OUTBOX_CHANNELS = ("realtime", "notifications:dispatcher", "notifications:customer", "alerts")


def rawdb(database_url: str, port: int, seed_file: str) -> None:
    info = json.loads(Path(seed_file).read_text())
    store, variant, product_id = info["store_id"], info["variant_id"], info["product_id"]
    users = info["user_ids"]
    counter = iter(range(10**12))
    state: dict[str, Any] = {}

    async def writes(fetchval: Any, execute: Any) -> int:
        n = next(counter)
        seq = await fetchval(RAW_CHECKOUT[0], store)
        order_id = await fetchval(
            RAW_CHECKOUT[1], store, users[n % len(users)], f"R-{seq}", f"r{n}"
        )
        await execute(RAW_CHECKOUT[2], order_id, variant, product_id)
        left = await fetchval(RAW_CHECKOUT[3], variant)
        await execute(RAW_CHECKOUT[4], store, variant, order_id, left)
        await execute(RAW_CHECKOUT[5], store, order_id)
        await execute(RAW_CHECKOUT[6], store, order_id)
        for channel in OUTBOX_CHANNELS:
            await execute(RAW_CHECKOUT[7], channel)
        return int(order_id)

    async def checkout(request: web.Request) -> web.Response:
        await request.read()
        if "pool" in state:
            async with state["pool"].acquire() as conn, conn.transaction():
                order_id = await writes(conn.fetchval, conn.execute)
        else:
            async with state["lock"]:
                db = state["db"]

                async def fetchval(sql: str, *args: Any) -> Any:
                    async with db.execute(_qmarks(sql), args) as cursor:
                        row = await cursor.fetchone()
                    return row[0]

                async def execute(sql: str, *args: Any) -> None:
                    await db.execute(_qmarks(sql), args)

                await db.execute("BEGIN IMMEDIATE")
                try:
                    order_id = await writes(fetchval, execute)
                    await db.commit()
                except BaseException:
                    await db.rollback()
                    raise
        return web.json_response({"id": order_id}, status=201)

    async def lifecycle(app: web.Application) -> Any:
        if database_url.startswith("postgres"):
            import asyncpg

            state["pool"] = await asyncpg.create_pool(
                database_url.replace("postgres://", "postgresql://", 1), min_size=5, max_size=20
            )
            yield
            await state["pool"].close()
        else:
            import aiosqlite

            # Like Tortoise on SQLite: one connection, write-ahead log, one writer at a time.
            state["db"] = await aiosqlite.connect(
                database_url.removeprefix("sqlite://"), isolation_level=None
            )
            await state["db"].execute("PRAGMA journal_mode=WAL")
            state["lock"] = asyncio.Lock()
            yield
            await state["db"].close()

    app = web.Application()
    app.cleanup_ctx.append(lifecycle)
    app.router.add_post("/api/v1/orders", checkout)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None, backlog=4096)


def _qmarks(sql: str) -> str:
    import re

    return re.sub(r"\$\d+", "?", sql)


def botbase(port: int) -> None:
    from aiogram import Bot, Dispatcher, Router
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import CallbackQuery
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler

    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["BENCH_TG"]))
    bot = Bot(BOT_TOKEN, session=session)
    router = Router()

    @router.callback_query()
    async def answer(callback: CallbackQuery) -> None:
        await callback.answer("ok")  # the one Bot API call the product's handler makes too

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    app = web.Application()
    SimpleRequestHandler(
        dispatcher, bot, secret_token=WEBHOOK_SECRET, handle_in_background=False
    ).register(app, path="/webhook/customer")
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None, backlog=4096)


def fakebot(port: int) -> None:
    message = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "x"}

    async def method(request: web.Request) -> web.Response:
        await request.read()
        name = request.match_info["method"]
        sends = name.startswith(("send", "edit")) or name == "copyMessage"
        return web.json_response({"ok": True, "result": message if sends else True})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", method)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None, backlog=4096)


def main(argv: list[str]) -> None:
    kind, *rest = argv
    if kind == "seed":
        asyncio.run(seed(rest[0], rest[1]))
    elif kind == "product":
        product(rest[0], int(rest[1]))
    elif kind == "plain":
        plain(int(rest[0]), rest[1])
    elif kind == "rawdb":
        rawdb(rest[0], int(rest[1]), rest[2])
    elif kind == "botbase":
        botbase(int(rest[0]))
    elif kind == "fakebot":
        fakebot(int(rest[0]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
