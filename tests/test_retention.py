"""Customer plans (cashback, wallet limit, free delivery, logged switches), campaigns through
the customer bot under Telegram's limits, and the store's banners, through the public doors."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiohttp.test_utils import TestClient

from api.keys import CTX
from core.clock import utcnow
from core.settings import Settings
from models import (
    Campaign,
    OutboxMessage,
    PlanSwitchLog,
    Reward,
    Store,
    User,
    Wallet,
)
from models.enums import CampaignStatus, OutboxStatus, PaymentMethod, RewardKind, Role, WalletTxKind
from services import campaigns, checkout, wallets
from services.checkout import CheckoutRequest
from services.demo import SeedReport
from tests.fixtures.orders import INSIDE, place, stocked_variant
from tests.fixtures.people import Person, make_person
from tests.fixtures.telegram import BotHarness, tg_user
from tests.test_loyalty import deliver


async def test_premium_customers_get_their_cashback_wallet_share_and_free_delivery(
    client: TestClient, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:
    store_id = demo.store_id
    manager = await make_person(settings, Role.MANAGER, store_ids=(store_id,))
    base = f"/api/v1/admin/stores/{store_id}"
    for code, body in (
        ("standard", {"cashback_bps": 100, "wallet_limit_percent": 0}),
        (
            "premium",
            {"cashback_bps": 1000, "wallet_limit_percent": 50, "free_delivery_over_cents": 1000},
        ),
    ):
        response = await client.put(f"{base}/plans/{code}", headers=manager.headers, json=body)
        assert response.status == 200, await response.text()
    bad = await client.put(
        f"{base}/plans/premium", headers=manager.headers, json={"cashback_bps": -1}
    )
    assert bad.status == 422 and "cashback_bps" in (await bad.json())["error"]["fields"]
    refused = await client.put(
        f"{base}/plans/gold", headers=manager.headers, json={"cashback_bps": 1}
    )
    assert refused.status == 404

    buyer = await make_person(settings, Role.CUSTOMER, adult=True)
    ctx = client.app[CTX]
    await wallets.credit(
        user_id=buyer.user.id, store_id=store_id, amount_cents=100_000, kind=WalletTxKind.ADJUSTMENT
    )
    variant = await stocked_variant(store_id, at_least=4)
    quantity = max(1, -(-1500 // variant.price_cents))  # items worth at least 15.00
    request = CheckoutRequest(
        store_id=store_id,
        items=[(variant.id, quantity)],
        address=INSIDE,
        payment_method=PaymentMethod.CARD,
        wallet_cents=100_000,
    )
    standard = await checkout.preview(ctx, user_id=buyer.user.id, request=request)
    assert standard.totals.delivery_fee_cents > 0
    assert standard.totals.wallet_cents == 0  # the standard plan lets no wallet pay here

    # Dispatchers may not switch plans; the manager may, and the switch is logged once.
    path = f"{base}/customers/{buyer.user.id}/plan"
    denied = await client.put(path, headers=dispatcher.headers, json={"plan": "premium"})
    assert denied.status == 403
    for changed in (True, False):
        switched = await client.put(path, headers=manager.headers, json={"plan": "premium"})
        assert switched.status == 200
        assert (await switched.json())["changed"] is changed
    log = await PlanSwitchLog.filter(user_id=buyer.user.id).select_related("to_plan")
    assert [(entry.actor_id, entry.from_plan_id, entry.to_plan.code) for entry in log] == [
        (manager.user.id, None, "premium")
    ]

    premium = await checkout.preview(ctx, user_id=buyer.user.id, request=request)
    due = premium.totals.subtotal_cents - premium.totals.discount_cents
    assert premium.totals.delivery_fee_cents == 0
    assert premium.totals.wallet_cents == due // 2
    assert premium.totals.total_cents == due - due // 2

    order = await place(ctx, buyer.user.id, store_id, payment=PaymentMethod.CARD)
    await deliver(client, settings, store_id, order, dispatcher)
    await order.refresh_from_db()
    cashback = await Reward.get(order_id=order.id, kind=RewardKind.CASHBACK)
    assert cashback.amount_cents == order.total_cents * 1000 // 10_000


async def test_a_campaign_reaches_its_segment_under_telegrams_limits(
    bots: BotHarness, demo: SeedReport
) -> None:
    """A few hundred recipients against a Bot API that answers 429 past 30/s or 1/s a chat:
    no 429, customers who opted out or blocked the bot are skipped, a 403 marks the customer
    blocked, and the counts add up."""
    settings, store_id = bots.settings, demo.store_id
    fake = bots.telegram
    fake.enforce_limits = True
    await User.bulk_create(
        [
            User(
                role=Role.CUSTOMER,
                tg_id=880_000 + i,
                name=f"Reader {i}",
                referral_code=f"CAMP{i:05d}",
                news_opt_out=i < 5,
                bot_blocked_at=utcnow() if 5 <= i < 8 else None,
            )
            for i in range(200)
        ]
    )
    readers = await User.filter(tg_id__gte=880_000).order_by("tg_id")
    assert len(readers) == 200
    await Wallet.bulk_create([Wallet(user_id=u.id, store_id=store_id) for u in readers])
    fake.blocked_chats = {880_100 + i for i in range(4)}
    stranger = await User.create(
        role=Role.CUSTOMER, tg_id=870_001, name="Not a customer here", referral_code="CAMPX0001"
    )

    manager = await make_person(settings, Role.MANAGER, store_ids=(store_id,))
    base = f"/api/v1/admin/stores/{store_id}/campaigns"
    bad = await bots.client.post(
        base, headers=manager.headers, json={"name": "x", "text": "hi", "segment": "everyone"}
    )
    assert bad.status == 422 and "segment" in (await bad.json())["error"]["fields"]
    created = await bots.client.post(
        base,
        headers=manager.headers,
        json={
            "name": "Winter",
            "text": "Vitamin D is back",
            "photo_url": "https://img.example/vitamin-d.png",
            "segment": "all",
            "button_text": "Shop",
        },
    )
    assert created.status == 201, await created.text()
    campaign_id = (await created.json())["id"]
    later = await bots.client.post(
        base,
        headers=manager.headers,
        json={
            "name": "Later",
            "text": "Not yet",
            "segment": "all",
            "send_at": (utcnow() + timedelta(days=1)).isoformat(),
        },
    )
    assert later.status == 201

    # Two runners at once (a lease handed over mid-tick): the campaign starts once.
    started = await asyncio.gather(
        campaigns.start_due(per_second=settings.campaign_per_second),
        campaigns.start_due(per_second=settings.campaign_per_second),
    )
    assert sorted(started) == [0, 1]
    assert await OutboxMessage.filter(channel="campaign").count() == 192
    # Telegram's own flood control once, then a bad gateway: both wait and go through.
    fake.fail_next(1, 429, retry_after=1)
    fake.fail_next(1, 502)
    while await OutboxMessage.filter(channel="campaign", status=OutboxStatus.PENDING).exists():
        if not await bots.ctx.outbox.deliver_due():
            await asyncio.sleep(0.05)

    assert fake.flood_429s == 0
    assert [c.method for c in fake.calls if "!" in c.method] == [
        "sendPhoto!429",
        "sendPhoto!502",
        *["sendPhoto!403"] * 4,
    ]
    sends = fake.sent("sendPhoto", token=settings.customer_bot_token)
    assert sends[0].text == "Vitamin D is back"
    chats = [c.chat_id for c in sends]
    assert len(chats) == len(set(chats)) == 200 - 5 - 3 - 4
    assert stranger.tg_id not in chats and 880_000 not in chats and 880_006 not in chats
    button = sends[0].buttons()[0]
    # A Mini App button needs https; the tests' base URL is http, so it is a link.
    link = button.get("web_app", {}).get("url") or button["url"]
    assert button["text"] == "Shop" and f"/app/shop?store={store_id}" in link
    stats = await bots.client.get(f"{base}/{campaign_id}", headers=manager.headers)
    body = await stats.json()
    assert (body["status"], body["recipients"], body["sent"], body["blocked"]) == (
        "sent",
        192,
        188,
        4,
    )
    assert (body["skipped"], body["failed"], body["pending"]) == (8, 0, 0)
    assert (
        await User.filter(tg_id__in=list(fake.blocked_chats), bot_blocked_at__isnull=False).count()
        == 4
    )
    scheduled = await Campaign.get(name="Later")
    assert scheduled.status == CampaignStatus.SCHEDULED


async def test_segments_pick_recent_never_and_plan_customers(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    store_id = demo.store_id
    ctx = client.app[CTX]
    buyer = await make_person(settings, Role.CUSTOMER, adult=True, tg_id=860_001)
    browser = await make_person(settings, Role.CUSTOMER, tg_id=860_002)
    await wallets.wallet_of(browser.user.id, store_id)
    await place(ctx, buyer.user.id, store_id)
    manager = await make_person(settings, Role.MANAGER, store_ids=(store_id,))
    response = await client.put(
        f"/api/v1/admin/stores/{store_id}/customers/{browser.user.id}/plan",
        headers=manager.headers,
        json={"plan": "premium"},
    )
    assert response.status == 200
    ids = {buyer.user.id, browser.user.id}
    assert ids <= await campaigns.segment_user_ids(store_id, {"segment": "all"})
    recent = await campaigns.segment_user_ids(store_id, {"segment": "recent", "days": 7})
    never = await campaigns.segment_user_ids(store_id, {"segment": "never"})
    premium = await campaigns.segment_user_ids(store_id, {"segment": "plan", "plan": "premium"})
    standard = await campaigns.segment_user_ids(store_id, {"segment": "plan", "plan": "standard"})
    assert buyer.user.id in recent and browser.user.id not in recent
    assert browser.user.id in never and buyer.user.id not in never
    assert premium & ids == {browser.user.id} and standard & ids == {buyer.user.id}


async def test_stop_news_and_start_news_in_the_customer_bot(bots: BotHarness) -> None:
    user = tg_user(850_001, language="en", first_name="Ana")
    assert await bots.post("customer", bots.message(user, "/stop_news")) == 200
    await bots.deliver()
    found = await User.get(tg_id=850_001)
    assert found.news_opt_out
    assert "/start_news" in bots.last("customer", user).text
    assert await bots.post("customer", bots.message(user, "/start_news")) == 200
    await found.refresh_from_db()
    assert not found.news_opt_out
    # A customer who blocked the bot and comes back with /start can be reached again.
    await campaigns.mark_blocked(found.id)
    assert await bots.post("customer", bots.message(user, "/start")) == 200
    await found.refresh_from_db()
    assert found.bot_blocked_at is None


async def test_banners_show_in_order_within_their_dates_and_only_managers_edit_them(
    client: TestClient, settings: Settings, demo: SeedReport, dispatcher: Person
) -> None:
    store_id = demo.store_id
    manager = await make_person(settings, Role.MANAGER, store_ids=(store_id,))
    other_store = await Store.create(slug="other-banners", name="Other")
    outsider = await make_person(settings, Role.MANAGER, store_ids=(other_store.id,))
    base = f"/api/v1/admin/stores/{store_id}/banners"
    now = utcnow()
    made = {}
    for title, position, starts, ends in (
        ("second", 2, None, None),
        ("first", 1, now - timedelta(days=1), now + timedelta(days=1)),
        ("future", 0, now + timedelta(days=1), None),
        ("past", 0, None, now - timedelta(minutes=1)),
    ):
        body = {"title": title, "image_url": f"https://img.example/{title}.png", "link": "/"}
        body["position"] = position
        if starts:
            body["starts_at"] = starts.isoformat()
        if ends:
            body["ends_at"] = ends.isoformat()
        response = await client.post(base, headers=manager.headers, json=body)
        assert response.status == 201, await response.text()
        made[title] = (await response.json())["id"]
    public = f"/api/v1/stores/{store_id}/banners"
    shown = await (await client.get(public)).json()
    assert [b["title"] for b in shown["items"]] == ["first", "second"]
    # A change is seen at once (the cached list is dropped).
    moved = await client.put(
        f"{base}/{made['second']}",
        headers=manager.headers,
        json={"title": "second", "image_url": "https://img.example/2.png", "position": 0},
    )
    assert moved.status == 200
    shown = await (await client.get(public)).json()
    assert [b["title"] for b in shown["items"]] == ["second", "first"]
    bad = await client.post(
        base, headers=manager.headers, json={"image_url": "javascript:alert(1)"}
    )
    assert bad.status == 422 and "image_url" in (await bad.json())["error"]["fields"]
    assert (await client.get(base, headers=dispatcher.headers)).status == 403
    assert (await client.get(base, headers=outsider.headers)).status == 403
    gone = await client.delete(f"{base}/{made['first']}", headers=outsider.headers)
    assert gone.status == 403
    gone = await client.delete(f"{base}/{made['first']}", headers=manager.headers)
    assert gone.status == 204
    shown = await (await client.get(public)).json()
    assert [b["title"] for b in shown["items"]] == ["second"]


async def test_opting_out_after_queueing_and_cancelling_mid_send_skip_the_rest(
    bots: BotHarness, demo: SeedReport
) -> None:
    settings, store_id = bots.settings, demo.store_id
    readers = [await make_person(settings, Role.CUSTOMER, tg_id=840_000 + i) for i in range(3)]
    for reader in readers:
        await wallets.wallet_of(reader.user.id, store_id)
    manager = await make_person(settings, Role.MANAGER, store_ids=(store_id,))
    base = f"/api/v1/admin/stores/{store_id}/campaigns"
    body = {"name": "One", "text": "Hello", "segment": "all"}

    async def run_campaign(before_sending: Callable[[int], Awaitable[None]]) -> dict[str, Any]:
        created = await bots.client.post(base, headers=manager.headers, json=body)
        campaign_id = (await created.json())["id"]
        await campaigns.start_due(per_second=settings.campaign_per_second)
        await before_sending(campaign_id)
        while await OutboxMessage.filter(channel="campaign", status=OutboxStatus.PENDING).exists():
            if not await bots.ctx.outbox.deliver_due():
                await asyncio.sleep(0.05)
        return dict(
            await (await bots.client.get(f"{base}/{campaign_id}", headers=manager.headers)).json()
        )

    async def opt_out(_: int) -> None:
        await campaigns.set_news(readers[0].user.id, wanted=False)

    first = await run_campaign(opt_out)
    assert (first["status"], first["sent"], first["skipped"]) == ("sent", 2, 1)

    async def cancel(campaign_id: int) -> None:
        response = await bots.client.post(f"{base}/{campaign_id}/cancel", headers=manager.headers)
        assert response.status == 200

    sends_before = len(bots.telegram.sent(token=settings.customer_bot_token))
    second = await run_campaign(cancel)
    # The opted-out reader is left out at the start, the other two when their turn comes.
    assert (second["status"], second["recipients"], second["sent"], second["skipped"]) == (
        "cancelled",
        2,
        0,
        3,
    )
    assert len(bots.telegram.sent(token=settings.customer_bot_token)) == sends_before
    again = await bots.client.post(f"{base}/{second['id']}/cancel", headers=manager.headers)
    assert again.status == 409
