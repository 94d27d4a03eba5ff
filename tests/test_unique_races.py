"""Requests that race on a unique key (a double tap, two Mini App calls at once) give one row
and a clear answer, never a 500 `UNIQUE constraint failed`, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json

from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import Cart, CartItem, Favorite, Inventory, OtpCode, TimeSlot, User, Wallet
from models.enums import InventoryReason
from services import inventory, wallets
from services.demo import SeedReport, ensure_slots
from tests.fixtures.backend import SECRETS
from tests.fixtures.fakes import OtpProviders
from tests.fixtures.orders import stocked_variant
from tests.fixtures.people import Person
from tests.fixtures.telegram import BotHarness, tg_user
from tests.test_auth_telegram import ALICE, signed_init_data

PHONE = "+34600111222"
TAPS = 8


def delivered_codes(providers: OtpProviders) -> int:
    endpoints = [*providers.whatsapp, *providers.sms, providers.twilio]
    return sum(
        1
        for endpoint in endpoints
        for call in endpoint.calls
        if call["method"] == "POST" and not call["path"].endswith("/exists")
    )


async def test_a_double_tap_on_send_code_sends_one_code_and_tells_the_other_to_wait(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings(otp_resend_cooldown=60))

    async def tap():  # type: ignore[no-untyped-def]
        response = await client.post(
            "/api/v1/auth/otp/request", json={"phone": PHONE, "purpose": "login"}
        )
        return response.status, await response.json(), response.headers

    answers = await asyncio.gather(*(tap() for _ in range(TAPS)))
    statuses = sorted(status for status, _, _ in answers)
    assert statuses == [202] + [429] * (TAPS - 1), answers
    for status, body, headers in answers:
        if status == 429:
            assert body["error"]["code"] == "otp_cooldown"
            assert 50 < body["error"]["retry_after"] <= 60
            assert int(headers["Retry-After"]) == body["error"]["retry_after"]
    assert delivered_codes(otp_providers) == 1
    assert await OtpCode.filter(phone=PHONE).count() == 1
    verified = await client.post(
        "/api/v1/auth/otp/verify", json={"phone": PHONE, "code": otp_providers.last_code()}
    )
    assert verified.status == 200, await verified.text()


async def test_a_code_that_could_not_be_delivered_does_not_start_the_cool_down(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings(otp_resend_cooldown=60))
    for endpoint in [*otp_providers.whatsapp, *otp_providers.sms, otp_providers.twilio]:
        endpoint.status = 503
    failed = await client.post("/api/v1/auth/otp/request", json={"phone": PHONE})
    assert failed.status == 503
    for endpoint in [*otp_providers.whatsapp, *otp_providers.sms, otp_providers.twilio]:
        endpoint.status = 200
    again = await client.post("/api/v1/auth/otp/request", json={"phone": PHONE})
    assert again.status == 202, await again.text()


async def test_one_telegram_user_opening_the_mini_app_twice_at_once_is_one_account(
    client: TestClient,
) -> None:
    init_data = signed_init_data(SECRETS["customer_bot_token"], ALICE)

    async def sign_in() -> tuple[int, int]:
        response = await client.post(
            "/api/v1/auth/telegram", json={"init_data": init_data, "bot": "customer"}
        )
        body = await response.json()
        return response.status, body.get("user", {}).get("id", 0)

    answers = await asyncio.gather(*(sign_in() for _ in range(TAPS)))
    assert {status for status, _ in answers} == {200}, answers
    assert len({user_id for _, user_id in answers}) == 1
    assert await User.filter(tg_id=ALICE["id"]).count() == 1


async def test_adding_the_same_item_from_two_tabs_at_once_keeps_one_line(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    variant = await stocked_variant(demo.store_id)
    url = f"/api/v1/stores/{demo.store_id}/cart/items"

    async def put(quantity: int) -> int:
        response = await client.put(
            url, headers=customer.headers, json={"variant_id": variant.id, "quantity": quantity}
        )
        return response.status

    statuses = await asyncio.gather(*(put(1 + i % 2) for i in range(TAPS)))
    assert set(statuses) == {200}, statuses
    assert await Cart.filter(user_id=customer.user.id).count() == 1
    lines = await CartItem.filter(cart__user_id=customer.user.id)
    assert len(lines) == 1 and lines[0].quantity in (1, 2)


async def test_a_double_tap_on_the_heart_keeps_one_favorite(
    client: TestClient, demo: SeedReport, customer: Person
) -> None:
    variant = await stocked_variant(demo.store_id)
    url = f"/api/v1/stores/{demo.store_id}/favorites/{variant.product_id}"
    responses = await asyncio.gather(
        *(client.put(url, headers=customer.headers) for _ in range(TAPS))
    )
    assert {r.status for r in responses} == {200}
    assert await Favorite.filter(user_id=customer.user.id).count() == 1


async def test_wallets_and_stock_rows_made_at_once_are_made_once(
    demo: SeedReport, customer: Person, settings: Settings
) -> None:
    made = await asyncio.gather(
        *(wallets.wallet_of(customer.user.id, demo.store_id) for _ in range(TAPS))
    )
    assert len({wallet.id for wallet in made}) == 1
    assert await Wallet.filter(user_id=customer.user.id).count() == 1
    variant = await stocked_variant(demo.store_id)
    await Inventory.filter(variant_id=variant.id).delete()
    await asyncio.gather(
        *(
            inventory.restore(
                demo.store_id,
                [(variant.id, 2)],
                order_id=None,
                actor_id=None,
                reason=InventoryReason.CANCEL,
            )
            for _ in range(TAPS)
        )
    )
    assert (await Inventory.get(variant_id=variant.id)).quantity == 2 * TAPS


async def test_two_processes_seeding_slots_at_once_make_each_slot_once(
    demo: SeedReport,
) -> None:
    from models import Store

    store = await Store.get(id=demo.store_id)
    await TimeSlot.filter(store=store).delete()
    made = await asyncio.gather(ensure_slots(store), ensure_slots(store))
    assert await TimeSlot.filter(store=store).count() == 18
    assert sum(made) >= 18  # both saw them appear; neither failed


async def test_taps_on_add_in_the_bot_at_once_all_count_and_never_fail(
    bots: BotHarness, demo: SeedReport
) -> None:
    from bot.webhooks import WEBHOOKS
    from core.metrics import COUNTERS

    who = tg_user(7301)
    assert await bots.post("customer", bots.message(who, "/start")) == 200
    await bots.tap("customer", who, "🛍 Каталог")
    await bots.press("customer", who, "Витамины")
    await bots.press("customer", who, "Мультивитамины")
    call, button = bots.button("customer", who, "Добавить")
    errors = COUNTERS["handler_errors"]
    taps = [
        bots.client.post(
            "/webhook/customer",
            data=json.dumps(bots.callback(who, button["callback_data"], call.message_id or 1)),
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRETS["customer_webhook_secret"]},
        )
        for _ in range(TAPS)
    ]
    statuses = [r.status for r in await asyncio.gather(*taps)]
    await bots.client.app[WEBHOOKS]["customer"].drain()
    assert statuses == [200] * TAPS
    assert COUNTERS["handler_errors"] == errors
    lines = await CartItem.filter(cart__user__tg_id=who["id"])
    assert [line.quantity for line in lines] == [TAPS]  # every tap counted, one line
    toasts = [a for a in bots.answers("customer") if "Добавлено" in a]
    assert len(toasts) == TAPS
