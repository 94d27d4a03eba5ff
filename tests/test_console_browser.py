"""The admin console in headless Chromium (Debian's, driven by Playwright): an admin signs
in, creates a store, draws its zone (clicks on the map fill the GeoJSON field; the zone is
then given as GeoJSON text), imports the catalog as CSV (an error by line first) and employs
a dispatcher, whose link code is shown; then a customer's order in that store arrives on the
live board and is confirmed from its page. Screenshots land in test-artifacts/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from api.keys import CTX
from core.settings import Settings
from models import DeliveryZone, Employee, ProductVariant, Store, User
from models.enums import Role
from tests.fixtures.orders import place
from tests.fixtures.people import make_person
from tests.test_console import CSV_BAD, CSV_GOOD, PASSWORD, SQUARE, staff_user
from tests.test_e2e_browser import CHROMIUM, CHROMIUM_PRESENT, FLAGS
from webapp.app import build_app

pytestmark = pytest.mark.browser


@pytest.fixture
async def live_app(aiohttp_client, make_settings) -> TestClient:  # type: ignore[no-untyped-def]
    return await aiohttp_client(build_app(make_settings(), workers=True))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
    ids=["laptop", "phone"],
)
async def test_admin_sets_a_pharmacy_up_in_the_browser(
    live_app: TestClient,
    settings: Settings,
    artifacts_dir: Path,
    tmp_path: Path,
    viewport: dict[str, int],
) -> None:
    from playwright.async_api import async_playwright, expect

    assert CHROMIUM_PRESENT, "Debian's chromium is required (.ci/run installs it)"
    admin = await staff_user(settings, Role.ADMIN)
    base = str(live_app.make_url("")).rstrip("/")
    good, bad = tmp_path / "catalog.csv", tmp_path / "broken.csv"
    good.write_text(CSV_GOOD)
    bad.write_text(CSV_BAD)
    name = "laptop" if viewport["width"] > 700 else "phone"

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = await browser.new_context(viewport=viewport)  # type: ignore[arg-type]
        # No map tiles in the test: the page must work without them.
        await context.route("https://**/*", lambda route: route.abort())
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        async def shot(step: str) -> None:
            await page.screenshot(
                path=str(artifacts_dir / f"console-{name}-{step}.png"), full_page=True
            )

        await page.goto(f"{base}/admin/stores/new")
        await expect(page).to_have_url(f"{base}/admin/login?next=/admin/stores/new")
        await page.fill("#email", admin.email or "")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await expect(page.locator("h1")).to_have_text("New store")

        values = {
            "slug": f"gracia-{name}",
            "name": "Farmacia Gràcia",
            "address": "Gran de Gràcia 100",
            "lat": "41.4",
            "lng": "2.155",
            "timezone": "Europe/Madrid",
            "currency": "EUR",
        }
        for field, value in values.items():
            await page.fill(f"#f-{field}", value)
        await page.fill("#f-lat", "north")
        await page.click("form.form button[type=submit]")
        await expect(page.locator('[data-field="lat"]')).to_be_visible()
        await page.fill("#f-lat", "41.4")
        await page.select_option("#f-default_locale", "es")
        await page.click("form.form button[type=submit]")
        await expect(page.locator(".notice")).to_contain_text("The store was created")
        store = await Store.get(slug=f"gracia-{name}")
        await shot("store")

        # The zone: corners clicked on the map land in the GeoJSON field; then typed as text.
        await page.goto(f"{base}/admin/stores/{store.id}/zones")
        await expect(page.locator("#zone-map.leaflet-container")).to_be_visible()
        box = await page.locator("#zone-map").bounding_box()
        assert box
        for dx, dy in ((0.3, 0.3), (0.7, 0.3), (0.7, 0.7), (0.3, 0.7)):
            await page.mouse.click(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
        drawn = json.loads(await page.input_value("#f-polygon"))
        assert drawn["type"] == "Polygon" and len(drawn["coordinates"][0]) == 5
        assert drawn["coordinates"][0][0] == drawn["coordinates"][0][-1]
        await page.fill("#f-name", "Centre")
        await page.fill("#f-fee_cents", "299")
        await page.fill("#f-min_order_cents", "1000")
        await page.fill("#f-polygon", SQUARE)
        await page.click("form.form button[type=submit]")
        await expect(page.locator(".notice")).to_contain_text("The zone was added")
        await expect(page.locator("[data-table=zones]")).to_contain_text("2,99")
        await shot("zones")
        zone = await DeliveryZone.get(store_id=store.id)
        assert zone.polygon == json.loads(SQUARE)

        # The catalog: a broken file is refused by line, the good one imported.
        await page.goto(f"{base}/admin/stores/{store.id}/products/import")
        await page.set_input_files("#f-file", str(bad))
        await page.click("form.form button[type=submit]")
        await expect(page.locator("[data-table=import-errors]")).to_contain_text("price")
        await expect(
            page.locator("[data-table=import-errors] td[data-label=Line]").first
        ).to_have_text("3")
        await shot("import-errors")
        assert not await ProductVariant.filter(store_id=store.id).exists()
        await page.set_input_files("#f-file", str(good))
        await page.click("form.form button[type=submit]")
        await expect(page.locator(".notice")).to_contain_text("2 created")
        await page.goto(f"{base}/admin/stores/{store.id}/products")
        await expect(page.locator("[data-table=products]")).to_contain_text("IBU-400")

        # A dispatcher, with the Telegram link code to hand over.
        await page.goto(f"{base}/admin/stores/{store.id}/staff/new")
        await page.fill("#f-email", f"dina-{name}@pharm.test")
        await page.fill("#f-name", "Dina")
        await page.select_option("#f-role", "dispatcher")
        await page.click("form.form button[type=submit]")
        code = page.locator("[data-link-code]")
        await expect(code).to_contain_text("/start link-")
        await shot("employed")
        await page.goto(f"{base}/admin/stores/{store.id}/staff")
        await expect(page.locator("[data-table=staff]")).to_contain_text(f"dina-{name}@pharm.test")

        # The board: an order placed by a customer in the new store arrives without a reload.
        await page.goto(f"{base}/admin/stores/{store.id}/board")
        await expect(page.locator("#live")).to_have_attribute("data-state", "live")
        buyer = await make_person(settings, Role.CUSTOMER, adult=True)
        order = await place(live_app.app[CTX], buyer.user.id, store.id)
        card = page.locator(f'[data-column=pending] [data-order="{order.id}"]')
        await expect(card).to_contain_text(order.number, timeout=10000)
        await expect(card).to_contain_text(re.compile(r"\d,\d\d\s€"))  # the store's locale (es)
        await shot("board")
        await card.click()
        await page.click("form.inline button.primary >> text=Confirm")
        await expect(page.locator("h1 .tag")).to_have_text("confirmed")
        assert errors == [], errors
        await browser.close()

    user = await User.get(email=f"dina-{name}@pharm.test")
    assert user.role is Role.DISPATCHER
    assert await Employee.filter(user_id=user.id, store_id=store.id).exists()
