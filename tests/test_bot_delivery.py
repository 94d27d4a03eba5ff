"""Messages to people survive Telegram's refusals: 429 storms, 5xx, blocked bots; fan-out
stays under Telegram's limits; alerts reach Pushover; staff link their accounts."""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
from datetime import timedelta
from pathlib import Path

from aiohttp.test_utils import TestServer

from api.keys import CTX
from bot.common.sender import enqueue_message
from core.clock import utcnow
from models import AlertRecipient, Driver, DriverShift, OutboxMessage, User
from models.enums import DriverStatus, OutboxStatus, Role
from services.demo import SeedReport
from tests.fixtures.fakes import FakeEndpoint, start_fake
from tests.fixtures.orders import place
from tests.fixtures.people import make_person
from tests.fixtures.telegram import BotHarness, tg_user

ROOT = Path(__file__).resolve().parent.parent


async def due_now() -> None:
    await OutboxMessage.filter(status=OutboxStatus.PENDING).update(next_attempt_at=utcnow())


async def test_a_429_storm_delays_but_loses_nothing(bots: BotHarness) -> None:
    for i in range(5):
        await enqueue_message("customer", 8000 + i, f"hello {i}")
    bots.telegram.fail_next(3, 429, retry_after=7)
    await bots.deliver()
    throttled = await OutboxMessage.filter(status=OutboxStatus.PENDING)
    assert len(throttled) == 3
    assert all(row.attempts == 0 for row in throttled)  # flow control costs no attempt
    assert all(row.next_attempt_at >= utcnow() + timedelta(seconds=5) for row in throttled)
    await due_now()
    await bots.deliver()
    delivered = {c.chat_id for c in bots.telegram.sent(token="1000001:TEST-customer-token")}
    assert delivered == {8000 + i for i in range(5)}
    assert await OutboxMessage.filter(status=OutboxStatus.DONE).count() == 5


async def test_server_errors_are_retried_and_blocked_chats_given_up(bots: BotHarness) -> None:
    await enqueue_message("customer", 8100, "first")
    bots.telegram.fail_next(1, 502)
    await bots.deliver()
    row = await OutboxMessage.get()
    assert row.status == OutboxStatus.PENDING and row.attempts == 1
    await due_now()
    await bots.deliver()
    assert (await OutboxMessage.get()).status == OutboxStatus.DONE
    await enqueue_message("customer", 8101, "second")
    bots.telegram.fail_next(1, 403)
    await bots.deliver()
    blocked = await OutboxMessage.filter(status=OutboxStatus.FAILED).first()
    assert blocked is not None and "blocked" in blocked.last_error


async def test_one_chat_gets_at_most_one_message_a_second(bots: BotHarness) -> None:
    for i in range(3):
        await enqueue_message("customer", 8200, f"burst {i}")
    for _ in range(4):
        await due_now()
        await bots.deliver()
    sent = bots.telegram.sent(chat_id=8200)
    assert len(sent) == 3
    gaps = [b.at - a.at for a, b in itertools.pairwise(sent)]
    assert all(gap >= 0.9 for gap in gaps), gaps


async def test_alerts_go_to_the_stores_pushover_recipients(
    aiohttp_client,
    make_settings,
    telegram,
    demo: SeedReport,  # type: ignore[no-untyped-def]
) -> None:
    pushover = FakeEndpoint("pushover")
    server: TestServer = await start_fake(pushover)
    from webapp.app import build_app

    client = await aiohttp_client(
        build_app(
            make_settings(
                telegram_api_url=telegram.url, pushover_url=pushover.url, pushover_token="app-token"
            ),
            workers=False,
        )
    )
    ctx = client.app[CTX]
    await AlertRecipient.create(
        store_id=demo.store_id,
        name="Owner",
        kinds=["new_order", "delivered"],
        pushover_user_key=ctx.secret_box.seal("owner-key"),
    )
    await AlertRecipient.create(
        store_id=demo.store_id,
        name="Night",
        kinds=["delivered"],
        pushover_user_key=ctx.secret_box.seal("night-key"),
    )
    customer = await make_person(ctx.settings, Role.CUSTOMER)
    order = await place(ctx, customer.user.id, demo.store_id)
    for _ in range(5):
        await ctx.outbox.deliver_due()
    calls = [c["body"] for c in pushover.calls]
    assert len(calls) == 1
    assert calls[0]["user"] == "owner-key" and calls[0]["priority"] == "2"
    assert calls[0]["retry"] and calls[0]["expire"] and order.number in calls[0]["title"]
    assert calls[0]["token"] == "app-token"
    row = await OutboxMessage.get(channel="pushover")
    assert "owner-key" not in str(row.payload)  # sealed at rest
    await server.close()


async def test_staff_link_their_telegram_with_a_one_time_code(
    bots: BotHarness, demo: SeedReport
) -> None:
    manager = await make_person(bots.settings, Role.MANAGER, store_ids=(demo.store_id,))
    rider = await make_person(bots.settings, Role.DRIVER, store_ids=(demo.store_id,), locale="es")
    await Driver.create(store_id=demo.store_id, user=rider.user)
    response = await bots.client.post(
        f"/api/v1/admin/staff/{rider.user.id}/link-code", headers=manager.headers
    )
    assert response.status == 201
    code = (await response.json())["code"]
    pablo = tg_user(8300, language="es")
    await bots.post("driver", bots.message(pablo, f"/start link-{code}"))
    assert (await User.get(id=rider.user.id)).tg_id == 8300
    assert "Conectado" in bots.telegram.sent(chat_id=8300)[-1].text
    again = tg_user(8301)
    await bots.post("driver", bots.message(again, f"/start link-{code}"))
    assert "недействительна" in bots.telegram.sent(chat_id=8301)[-1].text  # used up
    # The linked driver works the shift from chat: DRIVER_STATUS_CHANGED for the dashboards.
    await bots.post("driver", bots.message(pablo, "▶ Iniciar turno"))
    driver = await Driver.get(user_id=rider.user.id)
    assert driver.status is DriverStatus.AVAILABLE
    assert await DriverShift.filter(driver=driver, ended_at__isnull=True).exists()
    assert await OutboxMessage.filter(channel="realtime", kind="DRIVER_STATUS_CHANGED").exists()
    await bots.post("driver", bots.location(pablo, 41.39, 2.16))
    driver = await Driver.get(id=driver.id)
    assert (driver.last_lat, driver.last_lng) == (41.39, 2.16)
    # Live locations are published straight to the bus: the latest is on the row, no outbox.
    assert not await OutboxMessage.filter(kind="DRIVER_LOCATION_UPDATED").exists()
    await bots.post("driver", bots.message(pablo, "⏹ Terminar turno"))
    assert (await Driver.get(id=driver.id)).status is DriverStatus.OFFLINE
    outsider = await make_person(bots.settings, Role.MANAGER, store_ids=())
    denied = await bots.client.post(
        f"/api/v1/admin/staff/{rider.user.id}/link-code", headers=outsider.headers
    )
    assert denied.status == 404


async def test_language_is_chosen_and_remembered(bots: BotHarness, demo: SeedReport) -> None:
    anna = tg_user(8400, language="en")
    await bots.post("customer", bots.message(anna, "/start"))
    assert "Welcome" in bots.telegram.sent(chat_id=8400)[-1].text
    await bots.tap("customer", anna, "🌐 Language")
    await bots.press("customer", anna, "Español")
    assert (await User.get(tg_id=8400)).locale == "es"
    await bots.post("customer", bots.message(anna, "/start"))
    assert "Bienvenido" in bots.telegram.sent(chat_id=8400)[-1].text


async def test_sharing_contact_and_mini_app_data(bots: BotHarness, demo: SeedReport) -> None:
    olga = tg_user(8500)
    await bots.post("customer", bots.contact(olga, "34600555444", owner=999))
    assert "собственным" in bots.telegram.sent(chat_id=8500)[-1].text
    await bots.post("customer", bots.contact(olga, "34600555444"))
    user = await User.get(tg_id=8500)
    assert user.phone == "+34600555444" and user.phone_verified
    order = await place(bots.ctx, user.id, demo.store_id)
    await bots.post("customer", bots.web_app_data(olga, f'{{"order_id": {order.id}}}'))
    assert order.number in bots.telegram.sent(chat_id=8500)[-1].text


async def test_fsm_state_is_shared_by_processes_on_redis(
    aiohttp_client,
    make_settings,
    telegram,
    geocoder,
    demo: SeedReport,
    backend: str,  # type: ignore[no-untyped-def]
) -> None:
    if backend != "postgres":
        return  # in-memory FSM state is per process by design
    from tests.fixtures.orders import stocked_variant
    from tests.fixtures.telegram import BotHarness as Harness
    from webapp.app import build_app

    settings = make_settings(telegram_api_url=telegram.url, geocoder_url=geocoder.url)
    first = Harness(await aiohttp_client(build_app(settings, workers=False)), telegram)
    second = Harness(await aiohttp_client(build_app(settings, workers=False)), telegram)
    ivan = tg_user(8600)
    await first.post("customer", first.message(ivan, "/start"))
    user = await User.get(tg_id=8600)
    from services import cart

    variant = await stocked_variant(demo.store_id)
    await cart.set_quantity(user.id, demo.store_id, variant.id, 4, locale="ru", fallback="en")
    await first.tap("customer", ivan, "🛒 Корзина")
    await first.press("customer", ivan, "Оформить заказ")
    # The address arrives at the other process: it knows the chat is in checkout.
    await second.post("customer", second.message(ivan, "Carrer de Mallorca 200"))
    assert "Доставляем туда" in telegram.sent(chat_id=8600)[-2].text


async def test_set_webhooks_registers_the_three_bots(telegram, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_URL", "_TOKEN", "_SECRET"))}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_API_URL=telegram.url,
        PUBLIC_BASE_URL="https://shop.example",
        CUSTOMER_BOT_TOKEN="111:AAA",
        DISPATCHER_BOT_TOKEN="222:BBB",
        DRIVER_BOT_TOKEN="333:CCC",
        CUSTOMER_WEBHOOK_SECRET="s1",
        DISPATCHER_WEBHOOK_SECRET="s2",
        DRIVER_WEBHOOK_SECRET="s3",
    )
    # A subprocess the fake answers while this loop waits on it.
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "webapp.cli",
        "set-webhooks",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err.decode()
    hooks = {c.token: c.params for c in telegram.calls if c.method == "setWebhook"}
    assert hooks["111:AAA"]["url"] == "https://shop.example/webhook/customer"
    assert hooks["222:BBB"]["secret_token"] == "s2"
    assert "callback_query" in hooks["333:CCC"]["allowed_updates"]
    assert str(hooks["111:AAA"]["max_connections"]) == "8"  # the webhook's in-flight bound
    assert "webhook set to https://shop.example/webhook/driver" in out.decode()
    menus = {
        c.token: c.params["menu_button"] for c in telegram.calls if c.method == "setChatMenuButton"
    }
    assert menus["222:BBB"]["web_app"]["url"] == "https://shop.example/app/dispatch"
    assert menus["111:AAA"]["type"] == "web_app"


async def test_managers_list_their_stores_staff_with_link_state(
    bots: BotHarness, demo: SeedReport
) -> None:
    manager = await make_person(bots.settings, Role.MANAGER, store_ids=(demo.store_id,))
    rider = await make_person(bots.settings, Role.DRIVER, store_ids=(demo.store_id,))
    driver = await Driver.create(store_id=demo.store_id, user=rider.user)
    url = f"/api/v1/admin/stores/{demo.store_id}/staff"

    async def listed() -> dict[int, dict]:
        response = await bots.client.get(url, headers=manager.headers)
        assert response.status == 200
        return {row["user_id"]: row for row in (await response.json())["items"]}

    before = (await listed())[rider.user.id]
    assert before["role"] == "driver" and before["driver_id"] == driver.id
    assert before["telegram_linked"] is False and before["name"] == rider.user.name
    code = (
        await (
            await bots.client.post(
                f"/api/v1/admin/staff/{rider.user.id}/link-code", headers=manager.headers
            )
        ).json()
    )["code"]
    await bots.post("driver", bots.message(tg_user(8700), f"/start link-{code}"))
    assert (await listed())[rider.user.id]["telegram_linked"] is True
    outsider = await make_person(bots.settings, Role.MANAGER, store_ids=())
    assert (await bots.client.get(url, headers=outsider.headers)).status == 404
    assert (await bots.client.get(url, headers=rider.headers)).status == 403
    assert (await bots.client.get(url)).status == 401


async def test_fsm_data_read_with_the_state_is_fresh_for_each_update(
    redis_url: str | None, backend: str
) -> None:
    """The storage reads state and data in one round trip and keeps the data for the rest of
    that update: the update sees its own writes, and the next update sees another process's."""
    if backend != "postgres" or redis_url is None:
        return  # the in-memory storage has nothing to keep
    from aiogram.fsm.storage.base import StorageKey
    from redis.asyncio import Redis

    from bot.common.bots import SharedRedisStorage

    client = Redis.from_url(redis_url)
    here, there = SharedRedisStorage(client), SharedRedisStorage(client)
    key = StorageKey(bot_id=1, chat_id=8700, user_id=8700)

    async def update(storage: SharedRedisStorage) -> tuple[str | None, dict[str, object]]:
        # aiogram reads the state first in every update, in a task of its own.
        state = await storage.get_state(key)
        return state, await storage.get_data(key)

    async def write_in_update() -> dict[str, object]:
        await here.get_state(key)
        await here.set_data(key, {"store_id": 7})
        return await here.get_data(key)

    try:
        assert await asyncio.create_task(update(here)) == (None, {})
        assert await asyncio.create_task(write_in_update()) == {"store_id": 7}
        await there.set_state(key, "Checkout:address")
        await there.set_data(key, {"store_id": 8})
        assert await asyncio.create_task(update(here)) == ("Checkout:address", {"store_id": 8})
    finally:
        await here.set_state(key, None)
        await here.set_data(key, {})
        await client.aclose()
