"""Back-in-stock alerts: asked for from the bot or the storefront, sent once on restock."""

from __future__ import annotations

import asyncio

from aiohttp.test_utils import TestClient

from models import Inventory, OutboxMessage, Product, ProductVariant, StockAlert, User
from models.enums import Role
from services.demo import SeedReport
from tests.fixtures.people import Person, make_person
from tests.fixtures.telegram import BotHarness, tg_user

OLGA = tg_user(9301)


async def _sold_out(store_id: int) -> ProductVariant:
    variant = await ProductVariant.filter(store_id=store_id).order_by("id").first()
    assert variant is not None
    await Inventory.filter(store_id=store_id, variant_id=variant.id).update(quantity=0)
    return variant


async def test_a_customer_waits_from_the_bot_and_hears_once_when_it_is_back(
    bots: BotHarness, demo: SeedReport
) -> None:
    store_id = demo.store_id
    await bots.post("customer", bots.message(OLGA, "/start"))
    await bots.tap("customer", OLGA, "🛍 Каталог")
    await bots.press("customer", OLGA, "Витамины")
    await bots.press("customer", OLGA, "Мультивитамины")
    product = next(
        p for p in await Product.filter(store_id=store_id) if p.name["ru"] == "Мультивитамины"
    )
    variant = await ProductVariant.filter(product_id=product.id).order_by("id").first()
    assert variant is not None
    manager = await make_person(bots.settings, Role.MANAGER, store_ids=(store_id,))
    url = f"/api/v1/admin/stores/{store_id}/variants/{variant.id}/stock"
    held = await Inventory.get(store_id=store_id, variant_id=variant.id)
    sold = await bots.client.post(url, json={"quantity": -held.quantity}, headers=manager.headers)
    assert sold.status == 200 and (await sold.json())["stock"] == 0
    # The card shown before the sell-out still offers Add; the fresh one offers the alert.
    await bots.press("customer", OLGA, "Мультивитамины")
    assert "нет в наличии" in bots.last("customer", OLGA).text
    await bots.press("customer", OLGA, f"🔔 Сообщить, когда {variant.name['ru']} появится")
    assert "Мы сообщим" in bots.answers("customer")[-1]
    user = await User.get(tg_id=OLGA["id"])
    assert await StockAlert.filter(user_id=user.id, notified_at__isnull=True).count() == 1

    replies = await asyncio.gather(
        *(bots.client.post(url, json={"quantity": 5}, headers=manager.headers) for _ in range(2))
    )
    assert [r.status for r in replies] == [200, 200]
    await bots.deliver()
    told = [c for c in bots.screen("customer", OLGA) if "снова в наличии" in c.text]
    assert len(told) == 1 and variant.name["ru"] in told[0].text
    assert await OutboxMessage.filter(kind="BACK_IN_STOCK").count() == 1
    await bots.press("customer", OLGA, "Открыть товар")  # the message's button opens the card
    assert "Мультивитамины" in bots.last("customer", OLGA).text


async def test_stock_alert_api_refuses_what_is_in_stock_and_keeps_one_alert(
    client: TestClient,
    demo: SeedReport,
    customer: Person,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    store_id = demo.store_id
    in_stock = await ProductVariant.filter(store_id=store_id).order_by("-id").first()
    assert in_stock is not None
    url = f"/api/v1/stores/{store_id}/variants/{{}}/stock-alert"
    refused = await client.put(url.format(in_stock.id), headers=customer.headers)
    assert refused.status == 409 and (await refused.json())["error"]["code"] == "in_stock"
    assert (await client.put(url.format(in_stock.id))).status == 401

    gone = await _sold_out(store_id)
    replies = await asyncio.gather(
        *(client.put(url.format(gone.id), headers=customer.headers) for _ in range(3))
    )
    assert {r.status for r in replies} == {200}
    assert (await replies[0].json())["variant_ids"] == [gone.id]
    assert await StockAlert.filter(user_id=customer.user.id).count() == 1
    other_store_variant = url.replace(f"/stores/{store_id}/", "/stores/999999/")
    assert (
        await client.put(other_store_variant.format(gone.id), headers=customer.headers)
    ).status == 404

    # A web customer (no Telegram) is marked told too: the storefront shows the stock.
    manager = await make_person(settings, Role.MANAGER, store_ids=(store_id,))
    restock = f"/api/v1/admin/stores/{store_id}/variants/{gone.id}/stock"
    assert (await client.post(restock, json={"quantity": 2}, headers=manager.headers)).status == 200
    mine = await client.get(f"/api/v1/stores/{store_id}/stock-alerts", headers=customer.headers)
    assert (await mine.json())["variant_ids"] == []
    assert await OutboxMessage.filter(kind="BACK_IN_STOCK").count() == 1
    # Asking again after it sold out once more re-arms the one alert.
    await Inventory.filter(store_id=store_id, variant_id=gone.id).update(quantity=0)
    assert (await client.put(url.format(gone.id), headers=customer.headers)).status == 200
    assert await StockAlert.filter(user_id=customer.user.id).count() == 1
    removed = await client.delete(url.format(gone.id), headers=customer.headers)
    assert (await removed.json())["variant_ids"] == []
