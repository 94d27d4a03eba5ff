"""The webhook doors: secrets, bad bodies, duplicates, failures that still answer 200."""

from __future__ import annotations

from core.metrics import COUNTERS
from models import User
from tests.fixtures.telegram import BotHarness, tg_user


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
