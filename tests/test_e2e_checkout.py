"""Checkout in Chromium: every amount before the button, priced by the server as the address,
promo and wallet change; how much more reaches the minimum; human, translated errors in one
message area; a double tap places one order; sign-in errors say what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import DeliveryZone, Order, ProductVariant, Wallet
from models.enums import Role
from services.demo import SeedReport
from tests.fixtures.backend import SECRETS
from tests.fixtures.orders import stocked_variant
from tests.fixtures.people import make_person
from tests.test_auth_telegram import signed_init_data
from tests.test_e2e_browser import CHROMIUM, FLAGS, live_app, open_mini_app  # noqa: F401

pytestmark = pytest.mark.browser


def euros(cents: int) -> str:
    """The amount as Intl formats it for es-ES, without the currency sign."""
    return f"{cents / 100:.2f}".replace(".", ",")


async def test_checkout_shows_every_amount_and_what_reaches_the_minimum(
    live_app: TestClient,  # noqa: F811
    settings: Settings,
    demo: SeedReport,
    artifacts_dir: Path,
) -> None:
    from playwright.async_api import async_playwright, expect

    buyer = await make_person(settings, Role.CUSTOMER, tg_id=63000, adult=True, locale="es")
    await Wallet.create(user_id=buyer.user.id, store_id=demo.store_id, balance_cents=150)
    variant = await stocked_variant(demo.store_id)
    await ProductVariant.filter(id=variant.id).update(price_cents=400)
    zone = await DeliveryZone.filter(store_id=demo.store_id).order_by("id").first()
    assert zone is not None
    await DeliveryZone.filter(store_id=demo.store_id).update(min_order_cents=1000, fee_cents=299)
    init_data = signed_init_data(
        SECRETS["customer_bot_token"], {"id": 63000, "first_name": "Eva", "language_code": "es"}
    )
    base = str(live_app.make_url("")).rstrip("/")

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        shop = await open_mini_app(
            browser, f"{base}/app/shop?lang=es", init_data, artifacts_dir, "checkout-sum"
        )
        await shop.evaluate(
            f"localStorage.setItem('cart:{demo.store_id}', "
            f"JSON.stringify([{{variant_id: {variant.id}, quantity: 2}}]))"
        )
        await shop.goto(f"{base}/app/shop?lang=es#/checkout")
        summary = shop.locator("#summary")
        await expect(summary).to_contain_text("Introduce tu dirección")
        await expect(shop.locator("#sum-subtotal")).to_contain_text(euros(800))

        # A shared location fills the address field visibly, then everything is priced.
        await shop.click("#use-location")
        await expect(shop.locator("#quote")).to_contain_text("Usamos tu ubicación")
        assert await shop.input_value("#address") != ""
        await expect(shop.locator("#sum-fee")).to_contain_text(euros(299))
        await expect(shop.locator("#sum-total")).to_contain_text(euros(800 + 299))
        await expect(shop.locator("#sum-minimum")).to_contain_text(euros(200))  # 1000 - 800
        assert await shop.locator("#place-order").is_disabled()

        # A wrong promo code: one human, translated message, the field marked.
        await shop.fill("#promo", "NOPE")
        await shop.press("#promo", "Tab")
        message = shop.locator("#checkout .form-message")
        await expect(message).to_have_text("Este código promocional no existe.")
        await expect(shop.locator("#promo")).to_have_attribute("aria-invalid", "true")
        await expect(shop.locator(".form-message:visible")).to_have_count(1)

        # The cart grows past the minimum: the summary follows.
        await shop.evaluate(
            f"localStorage.setItem('cart:{demo.store_id}', "
            f"JSON.stringify([{{variant_id: {variant.id}, quantity: 3}}]))"
        )
        await shop.goto(f"{base}/app/shop?lang=es#/cart")
        await shop.click("#to-checkout")
        await shop.click("#use-location")
        await expect(shop.locator("#sum-total")).to_contain_text(euros(1200 + 299))
        await expect(shop.locator("#sum-minimum")).to_have_count(0)
        await shop.fill("#promo", "WELCOME10")
        await shop.press("#promo", "Tab")
        await expect(shop.locator("#sum-discount")).to_contain_text(euros(120))
        await expect(shop.locator("#sum-total")).to_contain_text(euros(1200 + 299 - 120))
        await shop.check("#wallet")
        await expect(shop.locator("#sum-wallet")).to_contain_text(euros(150))
        expected = 1200 + 299 - 120 - 150
        await expect(shop.locator("#sum-total")).to_contain_text(euros(expected))
        await shop.shot("summary")  # type: ignore[attr-defined]
        shown = await shop.locator("#checkout").inner_text()
        assert "null" not in shown and "undefined" not in shown, shown

        # A double tap places one order, charged what the summary said.
        await shop.locator("#place-order").dblclick()
        await expect(shop.locator("#order-status")).to_be_visible(timeout=10000)
        assert shop.errors == []  # type: ignore[attr-defined]
        await browser.close()

    orders = await Order.filter(customer_id=buyer.user.id)
    assert len(orders) == 1
    assert orders[0].total_cents == expected and orders[0].wallet_cents == 150


async def test_sign_in_errors_are_human_and_a_double_tap_sends_one_code(
    live_app: TestClient,  # noqa: F811
    demo: SeedReport,
    artifacts_dir: Path,
    capfd,  # type: ignore[no-untyped-def]
) -> None:
    from playwright.async_api import async_playwright, expect

    base = str(live_app.make_url("")).rstrip("/")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = await browser.new_context(locale="en-GB")
        page = await context.new_page()
        await page.goto(f"{base}/?lang=en")
        await page.locator("article.product button.add").first.click()
        await page.goto(f"{base}/?lang=en#/checkout")
        form = page.locator("#sign-in")
        await expect(page.locator("input[name=code]")).to_be_hidden()  # until a code is sent
        await page.fill("input[name=phone]", "12")
        await page.get_by_role("button", name="Send code").click()
        message = form.locator(".form-message")
        await expect(message).to_have_text(
            "Enter the phone number with its country code, like +34 600 111 222."
        )
        await expect(page.locator("input[name=phone]")).to_have_attribute("aria-invalid", "true")
        await page.fill("input[name=phone]", "+34600123457")
        await page.get_by_role("button", name="Send code").dblclick()
        await expect(page.locator("input[name=code]")).to_be_visible()
        printed = capfd.readouterr().err
        assert printed.count("Your pharmacy code: ") == 1, printed
        await page.fill("input[name=code]", "000000")
        await page.get_by_role("button", name="Sign in").click()
        await expect(message).to_have_text("That code is not right. Check it and try again.")
        await expect(form.locator(".form-message")).to_have_count(1)
        await page.screenshot(path=str(artifacts_dir / "e2e-sign-in-error.png"), full_page=True)
        await browser.close()
