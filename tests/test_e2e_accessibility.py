"""Accessibility and speed in Chromium: axe-core (vendored in tests/vendor) finds no serious
or critical violation on the public pages, the shop, checkout and the dispatch board, in the
light and the dark theme; tap targets are at least 44x44 px; the public pages hydrate for the
cart; first contentful paint is measured and printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import Product
from models.enums import Role
from services.demo import SeedReport
from tests.fixtures.backend import SECRETS
from tests.fixtures.people import make_driver, make_person
from tests.test_auth_telegram import signed_init_data
from tests.test_e2e_browser import CHROMIUM, FLAGS, live_app, telegram_launch  # noqa: F401

pytestmark = pytest.mark.browser
AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
SERIOUS = ("serious", "critical")
# Telegram's own themes, as its clients send them in themeParams.
THEMES = {
    "light": {
        "bg_color": "#ffffff",
        "secondary_bg_color": "#f1f1f1",
        "text_color": "#000000",
        "hint_color": "#707579",
        "link_color": "#2481cc",
        "button_color": "#2481cc",
        "button_text_color": "#ffffff",
    },
    "dark": {
        "bg_color": "#212121",
        "secondary_bg_color": "#181818",
        "text_color": "#ffffff",
        "hint_color": "#aaaaaa",
        "link_color": "#8774e1",
        "button_color": "#8774e1",
        "button_text_color": "#ffffff",
    },
}


async def axe_violations(page: Any, label: str) -> list[str]:
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.add_script_tag(content=AXE)
    result = await page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))"
        ".slice(0, 3)}))"
    )
    return [
        f"{label}: {v['id']} ({v['impact']}) at {v['nodes']}"
        for v in result
        if v["impact"] in SERIOUS
    ]


TARGETS = (
    "button, a.button, .chips a, .langs a, select, .pager a,"
    " input:not([type=hidden]):not([type=checkbox])"
)
MEASURE = """(selector) => [...document.querySelectorAll(selector)]
  .filter(n => n.offsetParent !== null)
  .map(n => [n, n.getBoundingClientRect()])
  .filter(([n, r]) => r.width < 44 || r.height < 44)
  .map(([n, r]) => n.tagName.toLowerCase() + (n.name ? '[name=' + n.name + ']' : '') + ' "'
    + (n.textContent || '').trim().slice(0, 20) + '" '
    + Math.round(r.width) + 'x' + Math.round(r.height))"""


async def small_targets(page: Any) -> list[str]:
    """Buttons, links and form controls smaller than 44x44 CSS px (inline text links and
    the checkbox, whose label is the 44 px target, aside)."""
    return list(await page.evaluate(MEASURE, TARGETS))


async def test_pages_are_accessible_in_both_themes_and_fast(
    live_app: TestClient,  # noqa: F811
    settings: Settings,
    demo: SeedReport,
    artifacts_dir: Path,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    from playwright.async_api import async_playwright, expect

    await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,), tg_id=64001)
    await make_driver(settings, demo.store_id)
    product = await Product.filter(store_id=demo.store_id, is_active=True).order_by("id").first()
    assert product is not None
    base = str(live_app.make_url("")).rstrip("/")
    found: list[str] = []
    small: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        for scheme in ("light", "dark"):
            context = await browser.new_context(
                color_scheme=scheme,
                viewport={"width": 390, "height": 844},
                locale="en-US",
                bypass_csp=True,  # to inject axe; the pages' own CSP is tested elsewhere
            )
            page = await context.new_page()

            # The public catalog: fast, hydrated for the cart.
            await page.goto(f"{base}/en/")
            fcp = await page.evaluate(
                """() => new Promise((done) => {
                  new PerformanceObserver((list) => {
                    const hit = list.getEntriesByName('first-contentful-paint')[0];
                    if (hit) done(hit.startTime);
                  }).observe({ type: 'paint', buffered: true });
                  setTimeout(() => done(-1), 5000);
                })"""
            )
            with capsys.disabled():
                browser_state = "a cold browser" if scheme == "light" else "a warm browser"
                print(f"\nfirst contentful paint of /en/ ({scheme}, {browser_state}): {fcp:.0f} ms")
            found += await axe_violations(page, f"/en/ {scheme}")
            small += await small_targets(page)
            await page.locator("[data-add-variant]").first.click()
            await expect(page.locator("#cart-count")).to_have_text("1")
            await page.goto(f"{base}/en/product/{product.slug}")
            found += await axe_violations(page, f"product {scheme}")

            # The shop, its cart and the sign-in form of a plain browser.
            await page.goto(f"{base}/?lang=en")
            await expect(page.locator("article.product").first).to_be_visible()
            found += await axe_violations(page, f"shop {scheme}")
            small += await small_targets(page)
            await page.goto(f"{base}/?lang=en#/cart")
            await expect(page.locator("#to-checkout")).to_be_visible()
            found += await axe_violations(page, f"cart {scheme}")
            small += await small_targets(page)
            await page.goto(f"{base}/?lang=en#/checkout")
            await expect(page.locator("#sign-in")).to_be_visible()
            await page.get_by_role("button", name="Send code").click()  # an error shown too
            await expect(page.locator("#sign-in .form-message")).to_be_visible()
            found += await axe_violations(page, f"sign-in {scheme}")
            small += await small_targets(page)
            await page.screenshot(path=str(artifacts_dir / f"a11y-sign-in-{scheme}.png"))
            await context.close()

            # Checkout and the dispatch board, inside Telegram.
            context = await browser.new_context(
                color_scheme=scheme,
                viewport={"width": 390, "height": 844},
                geolocation={"latitude": 41.3925, "longitude": 2.16},
                permissions=["geolocation"],
                bypass_csp=True,
            )
            shopper = signed_init_data(
                SECRETS["customer_bot_token"], {"id": 64000 + (scheme == "dark"), "first_name": "A"}
            )
            page = await context.new_page()
            await page.goto(telegram_launch(f"{base}/app/shop?lang=en", shopper, THEMES[scheme]))
            await page.locator("article.product button.add").first.click()
            await page.goto(f"{base}/app/shop?lang=en#/checkout")
            await page.click("#use-location")
            await expect(page.locator("#sum-total")).to_be_visible()
            found += await axe_violations(page, f"checkout {scheme}")
            small += await small_targets(page)
            await page.screenshot(path=str(artifacts_dir / f"a11y-checkout-{scheme}.png"))
            await page.goto(f"{base}/app/shop?lang=en#/product/{product.id}")
            await expect(page.locator("#review-form")).to_be_visible()
            found += await axe_violations(page, f"shop product {scheme}")
            small += await small_targets(page)
            await page.goto(f"{base}/app/shop?lang=en#/orders")
            await expect(page.get_by_role("heading", name="My orders")).to_be_visible()
            found += await axe_violations(page, f"my orders {scheme}")
            await page.goto(f"{base}/app/shop?lang=en#/addresses")
            await expect(page.locator("#address-form")).to_be_visible()
            found += await axe_violations(page, f"addresses {scheme}")
            small += await small_targets(page)
            await page.goto(f"{base}/app/shop?lang=en#/wallet")
            await expect(page.locator("#referral-code")).not_to_be_empty()
            found += await axe_violations(page, f"wallet {scheme}")
            small += await small_targets(page)
            board = await context.new_page()
            staff = signed_init_data(
                SECRETS["dispatcher_bot_token"], {"id": 64001, "first_name": "D"}
            )
            await board.goto(telegram_launch(f"{base}/app/dispatch?lang=en", staff, THEMES[scheme]))
            await expect(board.locator("[data-column=pending]")).to_be_visible()
            found += await axe_violations(board, f"dispatch {scheme}")
            small += await small_targets(board)
            await context.close()
        await browser.close()
    assert found == [], "\n".join(found)
    assert sorted(set(small)) == [], "\n".join(sorted(set(small)))
