"""The three Mini Apps in headless Chromium (Debian's, driven by Playwright), end to end:
a customer orders in the sales Mini App, the dispatcher sees the order appear live and
assigns a driver, the driver delivers, and the customer's page turns to Delivered.
Screenshots land in test-artifacts/."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import Driver, Order
from models.enums import DriverStatus, OrderStatus, Role
from services.demo import SeedReport
from tests.fixtures.backend import SECRETS
from tests.fixtures.people import make_person
from tests.test_auth_telegram import signed_init_data
from webapp.app import build_app

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_PRESENT = Path(CHROMIUM).exists()
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
INSIDE_ZONE = {"latitude": 41.3925, "longitude": 2.1600}

THEME = {"bg_color": "#ffffff", "text_color": "#1b1b1f", "button_color": "#1a73e8"}


def telegram_launch(url: str, init_data: str, theme: dict[str, str] | None = None) -> str:
    """The URL as Telegram opens a Mini App: launch parameters in the fragment, read by the
    (vendored) telegram-web-app.js the page loads from this server."""
    return (
        url
        + "#"
        + urlencode(
            {
                "tgWebAppData": init_data,
                "tgWebAppVersion": "8.0",
                "tgWebAppPlatform": "tdesktop",
                "tgWebAppThemeParams": json.dumps(theme or THEME),
            }
        )
    )


async def refuse_telegram_org(context, asked: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Pages must never need telegram.org: any request there is recorded and dropped."""

    async def drop(route) -> None:  # type: ignore[no-untyped-def]
        asked.append(route.request.url)
        await route.abort()

    await context.route("**/*telegram.org/**", drop)


@pytest.fixture
async def live_app(aiohttp_client, make_settings) -> TestClient:  # type: ignore[no-untyped-def]
    """The whole app with its outbox worker running, as `pharmacy serve` runs it."""
    return await aiohttp_client(build_app(make_settings(), workers=True))  # type: ignore[no-any-return]


async def open_mini_app(browser, url: str, init_data: str, artifacts: Path, name: str):  # type: ignore[no-untyped-def]
    context = await browser.new_context(
        geolocation=INSIDE_ZONE,
        permissions=["geolocation"],
        locale="ru-RU",
        viewport={"width": 430, "height": 900},
    )
    telegram_org: list[str] = []
    await refuse_telegram_org(context, telegram_org)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.goto(telegram_launch(url, init_data))
    assert await page.evaluate("Boolean(window.Telegram && Telegram.WebApp.initData)")
    page.errors = errors  # type: ignore[attr-defined]
    page.telegram_org = telegram_org  # type: ignore[attr-defined]
    page.shot = lambda step: page.screenshot(
        path=str(artifacts / f"e2e-{name}-{step}.png"), full_page=True
    )  # type: ignore[attr-defined]
    return page


async def test_order_through_the_three_mini_apps(
    live_app: TestClient, settings: Settings, demo: SeedReport, artifacts_dir: Path
) -> None:
    from playwright.async_api import async_playwright, expect

    assert CHROMIUM_PRESENT, "Debian's chromium is required (.ci/run installs it)"
    await make_person(
        settings, Role.DISPATCHER, store_ids=(demo.store_id,), tg_id=61001, locale="ru"
    )
    rider = await make_person(
        settings, Role.DRIVER, store_ids=(demo.store_id,), tg_id=61002, locale="ru", name="Дан"
    )
    await Driver.create(store_id=demo.store_id, user=rider.user, status=DriverStatus.OFFLINE)
    customer_data = signed_init_data(
        SECRETS["customer_bot_token"], {"id": 61000, "first_name": "Ира", "language_code": "ru"}
    )
    dispatcher_data = signed_init_data(
        SECRETS["dispatcher_bot_token"], {"id": 61001, "first_name": "Дина"}
    )
    driver_data = signed_init_data(SECRETS["driver_bot_token"], {"id": 61002, "first_name": "Дан"})
    base = str(live_app.make_url("")).rstrip("/")

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        board = await open_mini_app(
            browser, f"{base}/app/dispatch?lang=ru", dispatcher_data, artifacts_dir, "dispatch"
        )
        await expect(board.locator("[data-column=pending]")).to_be_visible(timeout=10000)
        driver = await open_mini_app(
            browser, f"{base}/app/driver?lang=ru", driver_data, artifacts_dir, "driver"
        )
        await driver.click("#shift")
        await expect(driver.locator("#shift")).to_have_text("⏹ Закончить смену")

        shop = await open_mini_app(
            browser, f"{base}/app/shop?lang=ru", customer_data, artifacts_dir, "shop"
        )
        await shop.fill("input[type=search]", "ибупрофен")
        await shop.press("input[type=search]", "Enter")
        first = shop.locator("article.product").first
        await expect(first).to_contain_text("Ибупрофен")
        await first.locator("button.add").click()
        await shop.shot("catalog")  # type: ignore[attr-defined]
        await shop.click("a.cart-link")
        plus = shop.get_by_role("button", name="+").first
        for _ in range(3):  # above the zone's minimum order
            await plus.click()
            await expect(shop.locator(".lines .line").first).to_be_visible()
        await shop.click("#to-checkout")
        await shop.click("#use-location")
        await expect(shop.locator(".quote.ok")).to_contain_text("Доставляем туда")
        await shop.select_option("select[name=payment]", "cash")
        await shop.shot("checkout")  # type: ignore[attr-defined]
        await shop.click("#place-order")
        await expect(shop.locator("#order-status")).to_have_text("Новый", timeout=10000)
        order = await Order.get()
        assert order.payment_method.value == "cash" and order.status is OrderStatus.PENDING

        # The dispatcher's board shows it without a reload; confirm, ready, assign.
        card = board.locator(f'[data-order="{order.number}"]')
        await expect(card).to_be_visible(timeout=10000)
        await board.shot("new-order")  # type: ignore[attr-defined]
        await card.click()
        await board.click("[data-action=confirmed]")
        await expect(board.locator(f'[data-detail="{order.number}"]')).to_have_attribute(
            "data-status", "confirmed"
        )
        await board.click("[data-action=ready]")
        await expect(board.locator("select[name=driver]")).to_contain_text("Дан")
        await board.select_option("select[name=driver]", index=1)  # the dispatcher chooses
        await board.click("[data-action=assign]")
        await expect(board.locator(f'[data-detail="{order.number}"]')).to_have_attribute(
            "data-status", "assigned"
        )

        # The driver's list fills in live; pick up and deliver against cash.
        delivery = driver.locator(f'[data-order="{order.number}"]')
        await expect(delivery).to_be_visible(timeout=10000)
        await delivery.locator("[data-action=picked_up]").click()
        await expect(delivery).to_have_attribute("data-status", "picked_up")
        total = (await Order.get(id=order.id)).total_cents
        await delivery.locator("input[name=cash]").fill(f"{total / 100:.2f}")
        # The proof photo from the phone's camera goes up before "Delivered".
        from tests.test_proof_of_delivery import photo

        await delivery.locator("input[name=proof]").set_input_files(
            files=[{"name": "door.jpg", "mimeType": "image/jpeg", "buffer": photo()}]
        )
        await driver.shot("handover")  # type: ignore[attr-defined]
        await delivery.locator("[data-action=delivered]").click()
        await expect(driver.get_by_text("Сейчас доставок нет.")).to_be_visible(timeout=10000)

        # The customer's page turned to Delivered by itself, with the photo from the door.
        await expect(shop.locator("#order-status")).to_have_text("Доставлен", timeout=10000)
        door = shop.locator("#proof-photo img")
        await expect(door).to_be_visible(timeout=10000)
        await expect(door).to_have_js_property("naturalWidth", 640)  # the picture loaded
        await shop.shot("delivered")  # type: ignore[attr-defined]
        for page in (shop, board, driver):
            assert page.errors == [], page.errors  # type: ignore[attr-defined]
            assert page.telegram_org == []  # type: ignore[attr-defined]
        await browser.close()

    order = await Order.get(id=order.id)
    assert order.status is OrderStatus.DELIVERED and order.cash_collected_cents == total
    assert order.proof_photo and order.proof_photo_at is not None
    assert [h.to_status.value for h in await order.history.all().order_by("id")] == [
        "pending",
        "confirmed",
        "ready",
        "assigned",
        "picked_up",
        "delivered",
    ]
    assert (artifacts_dir / "e2e-shop-delivered.png").exists()


async def test_the_storefront_in_a_plain_browser_signs_in_by_phone(
    live_app: TestClient,
    demo: SeedReport,
    artifacts_dir: Path,
    capfd,  # type: ignore[no-untyped-def]
) -> None:
    from playwright.async_api import async_playwright, expect

    base = str(live_app.make_url("")).rstrip("/")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = await browser.new_context(locale="es-ES")
        telegram_org: list[str] = []
        await refuse_telegram_org(context, telegram_org)
        page = await context.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        started = time.monotonic()
        await page.goto(f"{base}/")
        await expect(page.locator("article.product").first).to_be_visible()
        # A plain browser needs nothing from Telegram: not telegram.org, not our copy.
        assert time.monotonic() - started < 5
        assert telegram_org == [] and not any("telegram-web-app" in url for url in fetched)
        assert await page.evaluate("window.Telegram === undefined")
        assert await page.get_attribute("html", "lang") == "es"
        await page.locator("article.product button.add").first.click()
        await page.goto(f"{base}/#/checkout")
        await expect(page.get_by_role("heading", name="Inicia sesión para pedir")).to_be_visible()
        await page.fill("input[name=phone]", "+34600123456")
        await page.get_by_role("button", name="Enviar código").click()
        await expect(page.locator("input[name=code]")).to_be_visible()
        printed = capfd.readouterr().err
        code = printed.split("Your pharmacy code: ")[1][:6]
        await page.fill("input[name=code]", code)
        await page.get_by_role("button", name="Entrar").click()
        await expect(page.locator("#place-order")).to_be_visible()
        await page.screenshot(path=str(artifacts_dir / "e2e-web-checkout.png"), full_page=True)
        await browser.close()


async def test_a_slow_page_never_draws_over_the_page_the_customer_moved_to(
    live_app: TestClient, demo: SeedReport
) -> None:
    """The customer opens a product whose details are slow to come, then the cart before they
    arrive: the cart stays on screen when the product finally answers."""
    import asyncio

    from playwright.async_api import async_playwright, expect

    base = str(live_app.make_url("")).rstrip("/")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = await (await browser.new_context(locale="en-GB")).new_page()
        await page.goto(f"{base}/")
        await expect(page.locator("article.product").first).to_be_visible()
        answered: list[str] = []

        async def slow(route):  # type: ignore[no-untyped-def]
            await asyncio.sleep(1.0)
            await route.continue_()
            answered.append(route.request.url)

        await page.route("**/api/v1/stores/*/products/*", slow)
        await page.locator("article.product a").first.click()
        await page.locator("a.cart-link").click()
        await expect(page.get_by_text("Your cart is empty.")).to_be_visible()
        for _ in range(50):  # the product's details have come back to the page
            if answered:
                break
            await asyncio.sleep(0.1)
        assert answered, "the slow product request never finished"
        await page.wait_for_timeout(300)
        await expect(page.get_by_text("Your cart is empty.")).to_be_visible()
        assert await page.locator("#view article.card").count() == 0
        await browser.close()
