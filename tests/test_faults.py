"""Faults, for real: the server process is SIGKILLed under traffic, PostgreSQL is restarted,
Redis is stopped, and the promises hold (nothing acknowledged is lost, fast 503s, recovery
without a restart). Runs on the PostgreSQL backend run; each piece is a private process."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from typing import Any

import aiohttp
import asyncpg
import pytest

from tests.fixtures.backend import SECRETS
from tests.fixtures.stack import Stack

pytestmark = pytest.mark.postgres_only
INSIDE = {"lat": 41.3925, "lng": 2.16, "text": "Carrer de Mallorca 200"}


async def stocked_lines(db: asyncpg.Connection, count: int = 2) -> list[tuple[int, int]]:
    rows = await db.fetch(
        """SELECT v.id, v.price_cents FROM product_variants v
           JOIN products p ON p.id = v.product_id
           JOIN inventory i ON i.variant_id = v.id
           WHERE NOT p.age_restricted AND i.quantity >= 30 AND v.price_cents >= 800
           ORDER BY v.id LIMIT $1""",
        count,
    )
    assert len(rows) == count
    return [(r["id"], 1) for r in rows]


async def stock_of(db: asyncpg.Connection, variant_ids: list[int]) -> dict[int, int]:
    rows = await db.fetch(
        "SELECT variant_id, quantity FROM inventory WHERE variant_id = ANY($1)", variant_ids
    )
    return {r["variant_id"]: r["quantity"] for r in rows}


async def place(
    http: aiohttp.ClientSession, stack: Stack, headers: dict[str, str], lines: list, key: str
) -> tuple[int, dict[str, Any]]:
    body = {
        "store_id": 1,
        "items": [{"variant_id": v, "quantity": q} for v, q in lines],
        "address": INSIDE,
        "payment_method": "cash",
    }
    async with http.post(
        f"{stack.server.url}/api/v1/orders",
        json=body,
        headers={**headers, "Idempotency-Key": key},
        timeout=aiohttp.ClientTimeout(total=10),
    ) as response:
        return response.status, await response.json()


async def wait_for(predicate: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await predicate():
            return
        await asyncio.sleep(0.3)
    raise AssertionError(f"not within {seconds}s: {what}")


async def test_a_killed_process_loses_nothing_it_acknowledged(stack: Stack) -> None:
    db = await stack.postgres.connect()
    try:
        lines = await stocked_lines(db)
        variants = [v for v, _ in lines]
        before = await stock_of(db, variants)
        acknowledged: list[int] = []
        async with aiohttp.ClientSession() as http:
            headers = await stack.sign_in(http, "customer")

            async def buyer() -> None:
                while True:
                    try:
                        status, body = await place(http, stack, headers, lines, uuid.uuid4().hex)
                    except (TimeoutError, aiohttp.ClientError):
                        return  # the server is gone
                    if status == 201:
                        acknowledged.append(body["id"])

            buyers = [asyncio.create_task(buyer()) for _ in range(4)]
            await wait_for(lambda: _true(len(acknowledged) >= 3), 30, "first orders")
            stack.server.kill()  # SIGKILL in the middle of the traffic
            await asyncio.gather(*buyers)
            assert acknowledged
            await stack.server.start()
            # Every acknowledged order is whole: items, history, outbox rows.
            for order_id in acknowledged:
                items = await db.fetchval(
                    "SELECT count(*) FROM order_items WHERE order_id = $1", order_id
                )
                history = await db.fetchval(
                    "SELECT count(*) FROM order_status_history WHERE order_id = $1", order_id
                )
                assert items == len(lines) and history >= 1, order_id
            halves = await db.fetchval(
                "SELECT count(*) FROM orders o WHERE NOT EXISTS "
                "(SELECT 1 FROM order_items i WHERE i.order_id = o.id)"
            )
            assert halves == 0
            held = await db.fetch(
                """SELECT i.variant_id, sum(i.quantity) AS q FROM order_items i
                   JOIN orders o ON o.id = i.order_id
                   WHERE o.status <> 'cancelled' AND i.variant_id = ANY($1)
                   GROUP BY i.variant_id""",
                variants,
            )
            after = await stock_of(db, variants)
            for row in held:
                assert before[row["variant_id"]] - after[row["variant_id"]] == row["q"]

            # Every notification of those orders is delivered after the restart.
            async def drained() -> bool:
                left = await db.fetchval("SELECT count(*) FROM outbox WHERE status <> 'done'")
                return bool(left == 0)

            await wait_for(drained, 60, "the outbox drains after the restart")
    finally:
        await db.close()


async def _true(value: bool) -> bool:
    return value


async def test_postgres_restart_gives_fast_503s_then_recovers_by_itself(stack: Stack) -> None:
    async with aiohttp.ClientSession() as http:
        headers = await stack.sign_in(http, "customer")
        db = await stack.postgres.connect()
        lines = await stocked_lines(db)
        await db.close()
        await asyncio.to_thread(stack.postgres.stop)
        started = time.monotonic()
        async with http.get(f"{stack.server.url}/api/v1/orders", headers=headers) as response:
            assert response.status == 503
            body = await response.json()
        assert body["error"]["code"] == "database_unavailable"
        assert time.monotonic() - started < 5  # fails fast, does not hang
        status, body = await place(http, stack, headers, lines, "during-outage")
        assert status == 503 and body["error"]["code"] == "database_unavailable"
        async with http.get(f"{stack.server.url}/healthz") as response:
            assert response.status == 503
        await asyncio.to_thread(stack.postgres.start)

        async def answers() -> bool:
            async with http.get(f"{stack.server.url}/api/v1/orders", headers=headers) as r:
                return r.status == 200

        await wait_for(answers, 30, "the pool recovers without a restart")
        status, body = await place(http, stack, headers, lines, "after-outage")
        assert status == 201, body
        db = await stack.postgres.connect()
        try:

            async def delivered() -> bool:
                left = await db.fetchval(
                    "SELECT count(*) FROM outbox WHERE status <> 'done' AND payload::text LIKE $1",
                    f'%"order_id": {body["id"]}%',
                )
                return bool(left == 0)

            await wait_for(delivered, 30, "the outbox worker resumes")
        finally:
            await db.close()
        assert stack.server.process is not None and stack.server.process.poll() is None


async def post_update(http: aiohttp.ClientSession, stack: Stack, update: dict) -> int:
    async with http.post(
        f"{stack.server.url}/webhook/customer",
        data=json.dumps(update),
        headers={
            "Content-Type": "application/json",
            "X-Telegram-Bot-Api-Secret-Token": SECRETS["customer_webhook_secret"],
        },
    ) as response:
        return response.status


async def test_without_redis_the_shop_keeps_answering_and_realtime_resumes(stack: Stack) -> None:
    url = stack.server.url
    async with aiohttp.ClientSession() as http:
        headers = await stack.sign_in(http, "customer")
        staff = await stack.sign_in(http, "dispatcher")
        db = await stack.postgres.connect()
        lines = await stocked_lines(db)
        stack.redis.stop()
        try:
            async with http.get(f"{url}/api/v1/stores/1/products") as response:
                assert response.status == 200
            status, body = await place(http, stack, headers, lines, "no-redis")
            assert status == 201, body
            update = {
                "update_id": 777001,
                "message": {
                    "message_id": 1,
                    "date": int(time.time()),
                    "chat": {"id": 555001, "type": "private"},
                    "from": {"id": 555001, "is_bot": False, "first_name": "Ana"},
                    "text": "/start",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                },
            }
            assert await post_update(http, stack, update) == 200

            async def greeted() -> bool:
                return bool(stack.telegram.sent(chat_id=555001))

            await wait_for(greeted, 20, "the bot answers without Redis")
            async with http.get(f"{url}/healthz") as response:
                health = await response.json()
                assert response.status == 200 and health["status"] == "degraded"
                assert health["redis"].startswith("error")
        finally:
            stack.redis.start()
        # Realtime resumes by itself: a board connected now sees the next order live.
        async with http.ws_connect(f"{url}/ws") as ws:
            await ws.send_json({"type": "auth", "token": staff["Authorization"][7:]})
            welcome = await ws.receive_json(timeout=10)
            assert welcome["type"] == "welcome"

            async def bus_back() -> bool:
                async with http.get(f"{url}/healthz") as r:
                    return (await r.json())["redis"] == "ok"

            await wait_for(bus_back, 20, "redis is seen again")
            await asyncio.sleep(2)  # the bus listener's reconnect loop
            status, body = await place(http, stack, headers, lines, "redis-back")
            assert status == 201
            deadline = time.monotonic() + 30
            seen = False
            while time.monotonic() < deadline and not seen:
                frame = await ws.receive_json(timeout=30)
                seen = frame.get("type") == "ORDER_CREATED" and (
                    frame.get("payload", {}).get("order_id") == body["id"]
                )
            assert seen, "the order made with Redis back reached the board"

        async def drained() -> bool:
            return bool(
                await db.fetchval("SELECT count(*) FROM outbox WHERE status <> 'done'") == 0
            )

        await wait_for(drained, 60, "every outbox row, realtime ones included, is delivered")
        await db.close()


async def test_an_update_redelivered_after_a_restart_is_handled_once(stack: Stack) -> None:
    chat = 555002
    update = {
        "update_id": 888001,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "Bo"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    async with aiohttp.ClientSession() as http:
        assert await post_update(http, stack, update) == 200

        async def greeted() -> bool:
            return bool(stack.telegram.sent(chat_id=chat))

        await wait_for(greeted, 20, "the first delivery is answered")
        first = len(stack.telegram.sent(chat_id=chat))
        stack.server.kill()
        await stack.server.start()
        # Telegram did not hear our 200 (say) and sends the update again.
        assert await post_update(http, stack, update) == 200
        await asyncio.sleep(2)
        assert len(stack.telegram.sent(chat_id=chat)) == first
