"""In Chromium: the customer sends the prescription from the order page of the mini-app."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from api.keys import CTX
from core.settings import Settings
from models import Order, Prescription
from models.enums import Role
from services.demo import SeedReport
from tests.fixtures.backend import SECRETS
from tests.fixtures.people import make_person
from tests.test_auth_telegram import signed_init_data
from tests.test_e2e_browser import CHROMIUM, FLAGS, live_app, open_mini_app  # noqa: F401
from tests.test_pharmacy import PNG, flagged_variant, place_with

pytestmark = pytest.mark.browser


async def test_customer_sends_the_prescription_from_the_order_page(
    live_app: TestClient,  # noqa: F811
    settings: Settings,
    demo: SeedReport,
    artifacts_dir: Path,
    tmp_path: Path,
) -> None:
    from playwright.async_api import async_playwright, expect

    ctx = live_app.app[CTX]
    ctx.settings.prescriptions_dir = str(tmp_path / "rx")
    buyer = await make_person(settings, Role.CUSTOMER, tg_id=66000, adult=True, locale="en")
    variant = await flagged_variant(demo.store_id, prescription_required=True)
    order = await place_with(ctx, buyer, demo.store_id, variant, 1)
    init_data = signed_init_data(SECRETS["customer_bot_token"], {"id": 66000, "first_name": "R"})
    base = str(live_app.make_url("")).rstrip("/")

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        shop = await open_mini_app(
            browser, f"{base}/app/shop?lang=en", init_data, artifacts_dir, "rx"
        )
        await shop.click("#nav-orders")
        await shop.click(f'a[href="#/order/{order.id}"]')
        panel = shop.locator("#prescription")
        await expect(panel).to_have_attribute("data-rx", "required")
        await shop.set_input_files(
            "#rx-file", files=[{"name": "scan.png", "mimeType": "image/png", "buffer": PNG}]
        )
        await shop.click("#rx-send")
        await expect(panel).to_have_attribute("data-rx", "submitted")
        await shop.shot("prescription-sent")  # type: ignore[attr-defined]
        assert shop.errors == []  # type: ignore[attr-defined]
        await browser.close()
    assert (await Order.get(id=order.id)).prescription_state.value == "submitted"
    assert (await Prescription.get(order_id=order.id)).content_type == "image/png"
