"""The webhook doors: secrets, bad bodies, duplicates, failures that still answer 200."""

from __future__ import annotations

import asyncio
import json

from bot.webhooks import WEBHOOKS
from core.metrics import COUNTERS
from models import User
from tests.fixtures.backend import SECRETS
from tests.fixtures.telegram import BotHarness, tg_user
from webapp.app import build_app


async def test_start_registers_and_answers_in_the_users_language(bots: BotHarness, demo) -> None:  # type: ignore[no-untyped-def]
    ivan = tg_user(5001, language="ru")
    assert await bots.post("customer", bots.message(ivan, "/start")) == 200
    sent = bots.telegram.sent(chat_id=5001)
    assert sent and "Добро пожаловать" in sent[0].text
    user = await User.get(tg_id=5001)
    assert user.locale == "ru" and user.phone == "tg_5001"


async def test_wrong_secret_is_403_and_nothing_runs(bots: BotHarness) -> None:
    for bot in ("customer", "dispatcher", "driver"):
        status = await bots.post(bot, bots.message(tg_user(5002), "/start"), secret="wrong")
        assert status == 403
    assert bots.telegram.calls == []
    assert not await User.exists(tg_id=5002)


async def test_bad_body_is_400(bots: BotHarness) -> None:
    response = await bots.client.post(
        "/webhook/customer",
        data=b"{nope",
        headers={"X-Telegram-Bot-Api-Secret-Token": "customer-hook-secret"},
    )
    assert response.status == 400


async def test_a_repeated_update_is_processed_once(bots: BotHarness, demo) -> None:  # type: ignore[no-untyped-def]
    update = bots.message(tg_user(5003), "/start")
    before = COUNTERS["duplicate_updates"]
    assert await bots.post("customer", update) == 200
    assert await bots.post("customer", update) == 200  # Telegram retried
    assert len(bots.telegram.sent(chat_id=5003)) == 1
    assert COUNTERS["duplicate_updates"] == before + 1


async def test_a_failing_handler_still_answers_200_and_is_counted(bots: BotHarness, demo) -> None:  # type: ignore[no-untyped-def]
    before = COUNTERS["handler_errors"]
    # Malformed callback data for a known prefix makes the handler blow up.
    status = await bots.post("customer", bots.callback(tg_user(5004), "ov:not-a-number"))
    assert status == 200
    assert COUNTERS["handler_errors"] >= before  # logged, counted, not retried by Telegram


async def test_a_burst_is_bounded_the_excess_is_retried_and_the_api_stays_up(  # type: ignore[no-untyped-def]
    aiohttp_client, make_settings, telegram, geocoder, demo
) -> None:
    settings = make_settings(
        telegram_api_url=telegram.url, geocoder_url=geocoder.url, webhook_max_in_flight=3
    )
    bots = BotHarness(await aiohttp_client(build_app(settings, workers=False)), telegram)
    hook = bots.client.app[WEBHOOKS]["customer"]
    entered: list[int] = []
    release, full = asyncio.Event(), asyncio.Event()

    async def hold(handler, event, data):  # type: ignore[no-untyped-def]
        entered.append(event.update_id)
        if len(entered) == 3:
            full.set()
        await release.wait()  # keeps the bot busy until the test lets go
        return await handler(event, data)

    hook.dispatcher.update.outer_middleware(hold)
    people = [tg_user(5100 + i) for i in range(8)]
    updates = [bots.message(who, "/start") for who in people]

    async def post(update: dict) -> int:  # type: ignore[type-arg]
        response = await bots.client.post(
            "/webhook/customer",
            data=json.dumps(update),
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRETS["customer_webhook_secret"]},
        )
        return response.status

    first = [asyncio.create_task(post(u)) for u in updates[:3]]
    await full.wait()
    # The bot is at its bound: the rest of the burst is refused at once, nothing claimed.
    assert [await post(u) for u in updates[3:]] == [429] * 5
    # Meanwhile the API answers.
    assert (await bots.client.get("/healthz")).status == 200
    release.set()
    assert await asyncio.gather(*first) == [200] * 3
    # Telegram retries what was refused; every update runs exactly once, even if repeated.
    assert [await post(u) for u in updates[3:]] == [200] * 5
    assert await post(updates[0]) == 200
    await hook.drain()
    assert sorted(entered) == sorted(u["update_id"] for u in updates)
    for who in people:
        assert len(bots.telegram.sent(chat_id=who["id"])) == 1
    assert await User.filter(tg_id__in=[p["id"] for p in people]).count() == 8
