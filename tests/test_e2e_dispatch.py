"""The dispatch board in Chromium: live events patch the board and the open order without
touching what the dispatcher is doing (chosen driver, typed reason, scroll), and actions
cannot be sent twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import Inventory, Order, ProductVariant
from models.enums import OrderStatus, Role
from services.demo import SeedReport
from tests.fixtures.backend import SECRETS
from tests.fixtures.orders import stocked_variant
from tests.fixtures.people import Person, make_driver, make_person
from tests.test_auth_telegram import signed_init_data
from tests.test_e2e_browser import CHROMIUM, FLAGS, live_app, open_mini_app  # noqa: F401

pytestmark = pytest.mark.browser
INSIDE = {"lat": 41.3925, "lng": 2.16}


async def plenty(store_id: int) -> int:
    """A variant above the zone minimum with stock for every order of the test."""
    variant = await stocked_variant(store_id)
    await ProductVariant.filter(id=variant.id).update(price_cents=1500)
    await Inventory.filter(variant_id=variant.id).update(quantity=500)
    return variant.id


async def new_order(client: TestClient, customer: Person, store_id: int, key: str) -> dict:
    response = await client.post(
        "/api/v1/orders",
        headers={**customer.headers, "Idempotency-Key": key},
        json={
            "store_id": store_id,
            "items": [{"variant_id": await plenty(store_id), "quantity": 1}],
            "address": INSIDE,
            "payment_method": "card",
        },
    )
    assert response.status == 201, await response.text()
    return await response.json()  # type: ignore[no-any-return]


async def test_live_events_keep_the_dispatchers_choice_and_typing(
    live_app: TestClient,  # noqa: F811
    settings: Settings,
    demo: SeedReport,
    artifacts_dir: Path,
) -> None:
    from playwright.async_api import async_playwright, expect

    dispatcher = await make_person(
        settings, Role.DISPATCHER, store_ids=(demo.store_id,), tg_id=62001, locale="en"
    )
    customer = await make_person(settings, Role.CUSTOMER, adult=True)
    await make_driver(settings, demo.store_id)
    _, second = await make_driver(settings, demo.store_id)
    ready = await new_order(live_app, customer, demo.store_id, "k-ready")
    for status in ("confirmed", "ready"):
        moved = await live_app.post(
            f"/api/v1/staff/orders/{ready['id']}/status",
            headers=dispatcher.headers,
            json={"status": status},
        )
        assert moved.status == 200, await moved.text()
    for i in range(6):  # enough cards that the page scrolls on a phone
        await new_order(live_app, customer, demo.store_id, f"k-filler-{i}")
    init_data = signed_init_data(SECRETS["dispatcher_bot_token"], {"id": 62001, "first_name": "D"})
    base = str(live_app.make_url("")).rstrip("/")

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        board = await open_mini_app(
            browser, f"{base}/app/dispatch?lang=en", init_data, artifacts_dir, "board-live"
        )
        await board.set_viewport_size({"width": 390, "height": 844})
        card = board.locator(f'[data-order="{ready["number"]}"]')
        await expect(card).to_be_visible(timeout=10000)
        await card.click()
        detail = board.locator(f'[data-detail="{ready["number"]}"]')
        await expect(detail).to_have_attribute("data-status", "ready")
        # On a phone the opened order is scrolled into view.
        box = await detail.bounding_box()
        assert box is not None and -5 <= box["y"] <= 844, box
        pick = board.locator("select[name=driver]")
        await expect(pick.locator("option")).to_have_count(3)  # "Choose a driver" + 2
        assert await pick.input_value() == ""  # nobody is chosen for the dispatcher
        assert await board.locator("[data-action=assign]").is_disabled()
        await pick.select_option(str(second.id))  # not the first in the list
        await board.fill("input[name=reason]", "customer called")
        await board.evaluate(
            "document.querySelector('select[name=driver]').dataset.mark = 'kept';"
            "document.querySelector('input[name=reason]').focus();"
        )
        scrolled = await board.evaluate("window.scrollY")

        # A new order arrives live: its card appears, nothing else is redrawn.
        fresh = await new_order(live_app, customer, demo.store_id, "k-live")
        await expect(board.locator(f'[data-order="{fresh["number"]}"]')).to_be_visible(
            timeout=10000
        )
        # ... and another dispatcher confirms an order: it moves column, live.
        other = await Order.filter(status=OrderStatus.PENDING).order_by("id").first()
        assert other is not None
        await live_app.post(
            f"/api/v1/staff/orders/{other.id}/status",
            headers=dispatcher.headers,
            json={"status": "confirmed"},
        )
        await expect(
            board.locator(f'[data-column=confirmed] [data-order="{other.number}"]')
        ).to_be_visible(timeout=10000)
        assert await pick.input_value() == str(second.id)
        mark = "document.querySelector('select[name=driver]').dataset.mark"
        assert await board.evaluate(mark) == "kept"  # the very same element
        assert await board.input_value("input[name=reason]") == "customer called"
        assert await board.evaluate("document.activeElement.name") == "reason"
        assert abs(await board.evaluate("window.scrollY") - scrolled) < 2
        await board.shot("after-live-events")  # type: ignore[attr-defined]

        # A double tap assigns once, to the chosen driver.
        assign = board.locator("[data-action=assign]")
        await assign.dblclick()
        await expect(detail).to_have_attribute("data-status", "assigned", timeout=10000)
        assert board.errors == []  # type: ignore[attr-defined]
        await browser.close()

    order = await Order.get(id=ready["id"])
    assert order.status is OrderStatus.ASSIGNED and order.driver_id == second.id
    assignments = await order.history.filter(to_status=OrderStatus.ASSIGNED).count()
    assert assignments == 1
