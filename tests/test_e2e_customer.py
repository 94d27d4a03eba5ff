"""What customers expect, in Chromium: the whole catalog reachable ("Show more"), sorting and
the in-stock filter, favorites, reviews, and "My orders" with a live status and reorder."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import Banner, Product
from models.enums import Role
from services.demo import SeedReport
from tests.fixtures.backend import SECRETS
from tests.fixtures.people import make_person
from tests.test_auth_telegram import signed_init_data
from tests.test_e2e_browser import CHROMIUM, FLAGS, live_app, open_mini_app  # noqa: F401
from tests.test_e2e_dispatch import new_order

pytestmark = pytest.mark.browser


async def test_catalog_favorites_reviews_and_my_orders(
    live_app: TestClient,  # noqa: F811
    settings: Settings,
    demo: SeedReport,
    artifacts_dir: Path,
) -> None:
    from playwright.async_api import async_playwright, expect

    buyer = await make_person(settings, Role.CUSTOMER, tg_id=65000, adult=True, locale="en")
    staff = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    placed = await new_order(live_app, buyer, demo.store_id, "k-mine")
    total = await Product.filter(store_id=demo.store_id, is_active=True).count()
    assert total > 24  # the demo store has more than one page
    init_data = signed_init_data(SECRETS["customer_bot_token"], {"id": 65000, "first_name": "B"})
    base = str(live_app.make_url("")).rstrip("/")

    for position, title in ((2, "Later"), (1, "First")):
        await Banner.create(
            store_id=demo.store_id,
            title={"en": title},
            image_url=f"{base}/static/favicon.svg",
            link="#/?category=",
            position=position,
        )

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        shop = await open_mini_app(
            browser, f"{base}/app/shop?lang=en", init_data, artifacts_dir, "customer"
        )
        # The home screen opens with the store's banners, in their order.
        banners = shop.locator("#banners .banner img")
        await expect(banners).to_have_count(2)
        assert await banners.evaluate_all("(imgs) => imgs.map((i) => i.alt)") == ["First", "Later"]
        cards = shop.locator("#products article.product")
        await expect(cards).to_have_count(24)
        await expect(shop.locator("#shown-count")).to_have_text(f"Showing 24 of {total}")
        pages = -(-total // 24)
        for shown in range(2, pages + 1):  # each "Show more" adds the next page
            await shop.click("#load-more")
            await expect(cards).to_have_count(min(total, 24 * shown))
        await expect(shop.locator("#load-more")).to_be_hidden()
        await expect(shop.locator("#shown-count")).to_have_text(f"Showing {total} of {total}")

        await shop.select_option("#sort", "price_asc")
        numbers: list[float] = []
        for _ in range(50):  # the page re-renders once the sorted page has arrived
            prices = await shop.locator("#products .price").all_inner_texts()
            numbers = [float("".join(c for c in p if c.isdigit() or c == ".")) for p in prices]
            if numbers == sorted(numbers):
                break
            await shop.wait_for_timeout(100)
        assert numbers == sorted(numbers) and len(numbers) == 24, numbers
        await shop.check("#in-stock")
        await expect(shop.locator("#in-stock")).to_be_checked()
        assert "in_stock=true" in shop.url and "sort=price_asc" in shop.url

        # Favorites: the heart, then the list.
        await cards.first.locator("a").click()
        heart = shop.locator("#favorite")
        await heart.click()
        await expect(heart).to_have_attribute("aria-pressed", "true")
        name = await shop.locator("article.card h2").inner_text()
        # A review by someone who never received it: a human answer in the form.
        await shop.fill("#review-text", "Great")
        await shop.get_by_role("button", name="Send review").click()
        await expect(shop.locator("#review-form .form-message")).to_have_text(
            "Only customers who received this product can review it."
        )
        await shop.click("#nav-favorites")
        await expect(shop.locator("#favorites article.product")).to_have_count(1)
        await expect(shop.locator("#favorites")).to_contain_text(name)

        # My orders: the status changes live; reorder fills the cart.
        await shop.click("#nav-orders")
        row = shop.locator(f'[data-order-row="{placed["id"]}"]')
        await expect(row).to_have_attribute("data-status", "pending")
        await live_app.post(
            f"/api/v1/staff/orders/{placed['id']}/status",
            headers=staff.headers,
            json={"status": "confirmed"},
        )
        await expect(row).to_have_attribute("data-status", "confirmed", timeout=10000)
        await row.locator("[data-reorder]").click()
        await expect(shop.locator(".lines .line")).to_have_count(len(placed["items"]))
        await shop.shot("reordered")  # type: ignore[attr-defined]
        assert shop.errors == []  # type: ignore[attr-defined]
        await browser.close()


async def test_password_sign_in_and_a_forgotten_password(
    live_app: TestClient,  # noqa: F811
    settings: Settings,
    demo: SeedReport,
    artifacts_dir: Path,
    capfd,  # type: ignore[no-untyped-def]
) -> None:
    import re

    from playwright.async_api import async_playwright, expect

    from core.passwords import hash_password

    await make_person(
        settings,
        Role.CUSTOMER,
        email="ana@test.example",
        password_hash=await hash_password("old-password-1", 4),
    )
    base = str(live_app.make_url("")).rstrip("/")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = await (await browser.new_context(locale="en-US")).new_page()
        await page.goto(f"{base}/?lang=en")
        await page.locator("article.product button.add").first.click()
        await page.goto(f"{base}/?lang=en#/checkout")
        await page.get_by_text("Sign in with e-mail and password").click()
        form = page.locator("#password-sign-in")
        await form.locator("input[name=email]").fill("ana@test.example")
        await form.locator("input[name=password]").fill("wrong-password")
        await form.get_by_role("button", name="Sign in").click()
        await expect(form.locator(".form-message")).to_have_text(
            "The e-mail or the password is not right."
        )
        await form.get_by_role("button", name="Forgot password?").click()
        await expect(form.locator(".form-message")).to_contain_text("we sent it a link")
        link = re.search(r"(/reset-password#token=[\w-]+)", capfd.readouterr().err)
        assert link, "the reset link was mailed (printed in development)"
        await page.goto(base + link.group(1))
        await page.fill("#new-password", "new-password-2")
        await page.get_by_role("button", name="Set the new password").click()
        await expect(page.locator("#reset")).to_contain_text("Your password is changed")
        await page.goto(f"{base}/?lang=en#/checkout")
        await page.get_by_text("Sign in with e-mail and password").click()
        await form.locator("input[name=email]").fill("ana@test.example")
        await form.locator("input[name=password]").fill("new-password-2")
        await form.get_by_role("button", name="Sign in").click()
        await expect(page.locator("#place-order")).to_be_visible()
        await browser.close()
