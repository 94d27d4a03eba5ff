"""The rest of what customers expect, in Chromium: product pictures with srcset and lazy
loading (shop and SEO pages), saved addresses, the address map (without tiles) whose point
never silently replaces a typed address, flat/door details and a note that reach the order,
the wallet and referral page; and the catalog admin uploading a picture in the console."""

from __future__ import annotations

import asyncio
import io
import os
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient
from PIL import Image

from core.settings import Settings
from models import Order, Product, ProductVariant, User
from models.enums import Role
from services import media
from services.demo import SeedReport
from tests.fixtures.backend import SECRETS
from tests.fixtures.fakes import FakeGeocoder
from tests.fixtures.orders import stocked_variant
from tests.fixtures.people import make_person
from tests.test_auth_telegram import signed_init_data
from tests.test_console import PASSWORD, staff_user
from tests.test_e2e_browser import CHROMIUM, FLAGS, open_mini_app
from webapp.app import build_app

pytestmark = pytest.mark.browser

SAVED = "Carrer de Mallorca 200"  # the fake geocoder knows it (centre zone)


@pytest.fixture
async def shop_app(aiohttp_client, make_settings, geocoder: FakeGeocoder) -> TestClient:  # type: ignore[no-untyped-def]
    """The app with the fake geocoder and a tile server that refuses every connection."""
    settings = make_settings(
        geocoder_url=geocoder.url, map_tile_url="http://127.0.0.1:9/{z}/{x}/{y}.png"
    )
    return await aiohttp_client(build_app(settings, workers=False))  # type: ignore[no-any-return]


async def test_pictures_addresses_map_note_wallet_and_referral(
    shop_app: TestClient,
    settings: Settings,
    demo: SeedReport,
    artifacts_dir: Path,
) -> None:
    from playwright.async_api import async_playwright, expect

    buyer = await make_person(settings, Role.CUSTOMER, tg_id=66000, adult=True, locale="en")
    variant = await stocked_variant(demo.store_id)
    await ProductVariant.filter(id=variant.id).update(price_cents=1500)
    init_data = signed_init_data(SECRETS["customer_bot_token"], {"id": 66000, "first_name": "Al"})
    base = str(shop_app.make_url("")).rstrip("/")

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        shop = await open_mini_app(
            browser, f"{base}/app/shop?lang=en", init_data, artifacts_dir, "more"
        )
        # Pictures: every width in srcset, sizes, lazy; the browser picks one and draws it.
        picture = shop.locator("#products article.product img.picture").first
        await expect(picture).to_have_attribute("loading", "lazy")
        await expect(picture).to_have_attribute("sizes", "(min-width: 40rem) 12rem, 45vw")
        srcset = await picture.get_attribute("srcset") or ""
        assert [part.split()[-1] for part in srcset.split(", ")] == [f"{w}w" for w in media.WIDTHS]
        await shop.wait_for_function(
            "() => { const i = document.querySelector('#products img.picture');"
            " return i.complete && i.naturalWidth > 0 && i.currentSrc.includes('/media/'); }"
        )

        # Filters the API has: brand and a price range (typed in euros, sent in cents).
        # The page renders again for the chosen brand while the customer is already typing a
        # price (the brand's products are slow to come): what they typed stays in the field,
        # with the focus, in the page drawn for the brand.
        async def slow(route):  # type: ignore[no-untyped-def]
            await asyncio.sleep(1.0)
            await route.continue_()

        await shop.route("**/api/v1/stores/*/products?*brand=*", slow)
        await shop.locator("#brand").evaluate("e => { e.dataset.before = '1'; }")
        await shop.select_option("#brand", label="Medico")
        await shop.wait_for_url("**brand=*")
        await shop.locator("#price-max").type("5")
        await expect(shop.locator("#brand[data-before]")).to_have_count(0)
        await expect(shop.locator("#price-max")).to_have_value("5")
        await expect(shop.locator("#price-max")).to_be_focused()
        await shop.unroute("**/api/v1/stores/*/products?*brand=*")
        await shop.press("#price-max", "Tab")  # leaving the field applies the typed price
        await shop.wait_for_url("**price_max=500*")
        assert "brand=" in shop.url  # both filters hold
        await expect(shop.locator("#price-max")).to_have_value("5")
        # The list re-renders once the filtered page arrives: every price shown is then ≤ 5.
        await shop.wait_for_function(
            "() => { const p = [...document.querySelectorAll('#products .price')]"
            ".map((e) => parseFloat(e.textContent.replace(/[^0-9.]/g, '')));"
            " return p.length > 0 && p.every((x) => x <= 5); }"
        )

        # Saved addresses: add two, make the second the default, delete it again.
        await shop.click("#nav-addresses")
        await expect(shop.locator("#my-addresses")).to_contain_text("No saved addresses yet.")
        for text, details in ((SAVED, "3rd floor, door 2"), ("Gran Via 10", "")):
            await shop.fill("#new-address", text)
            await shop.fill("#new-details", details)
            await shop.get_by_role("button", name="Save address").click()
            await expect(shop.locator("#my-addresses")).to_contain_text(text)
        rows = shop.locator("#my-addresses li[data-address]")
        await expect(rows).to_have_count(2)
        await expect(rows.first.locator("[data-is-default]")).to_have_count(1)
        await rows.nth(1).locator("[data-default]").click()
        await expect(rows.first).to_contain_text("Gran Via 10")
        await expect(rows.first.locator("[data-is-default]")).to_have_count(1)
        await rows.first.locator("[data-delete]").click()
        await expect(rows).to_have_count(1)
        await expect(rows.first).to_contain_text(SAVED)
        await expect(rows.first.locator("[data-is-default]")).to_have_count(1)

        # Checkout starts from the default saved address, details included.
        await shop.evaluate(
            f"localStorage.setItem('cart:{demo.store_id}', "
            f"JSON.stringify([{{variant_id: {variant.id}, quantity: 1}}]))"
        )
        await shop.goto(f"{base}/app/shop?lang=en#/checkout")
        await expect(shop.locator("#saved-address")).to_be_visible()
        await expect(shop.locator("#address")).to_have_value(SAVED)
        await expect(shop.locator("#details")).to_have_value("3rd floor, door 2")
        await expect(shop.locator("#quote")).to_contain_text("We deliver there")

        # The map, with no tiles at all: a tap still picks a point, reverse geocoded; the
        # typed address stays, the street found is offered instead of swapped in.
        await shop.click("#pick-on-map")
        leaflet_map = shop.locator("#address-map.leaflet-container")
        await expect(leaflet_map).to_be_visible()
        box = await leaflet_map.bounding_box()
        assert box is not None
        await shop.mouse.click(box["x"] + box["width"] / 2 + 5, box["y"] + box["height"] / 2)
        await expect(shop.locator("#quote")).to_contain_text("The point on the map is at:")
        await expect(shop.locator("#address")).to_have_value(SAVED)
        await shop.fill("#note", "Ring twice, the bell is broken")
        await expect(shop.locator("#sum-total")).to_be_visible()
        await shop.shot("checkout-map")  # type: ignore[attr-defined]
        await shop.click("#place-order")
        await shop.wait_for_url("**#/order/*")

        # Wallet and referral: balance, code, link and its QR code.
        await shop.click("#nav-wallet")
        await expect(shop.locator("#wallet-balance")).to_contain_text("Balance:")
        await expect(shop.locator("#referral-code")).not_to_be_empty()
        user = await User.get(id=buyer.user.id)  # the code may be made on first look
        assert user.referral_code
        await expect(shop.locator("#referral-code")).to_have_text(user.referral_code)
        assert user.referral_code in await shop.input_value("#referral-link")
        await shop.wait_for_function(
            "() => { const q = document.querySelector('#referral-qr');"
            " return q && q.complete && q.naturalWidth > 0; }"
        )
        await shop.shot("wallet")  # type: ignore[attr-defined]

        # The server-rendered catalog page has the same responsive, lazy pictures.
        await shop.goto(f"{base}/en/")
        seo_picture = shop.locator("article.product img.picture").first
        await expect(seo_picture).to_have_attribute("loading", "lazy")
        assert "640w" in (await seo_picture.get_attribute("srcset") or "")
        assert shop.errors == []  # type: ignore[attr-defined]
        await browser.close()

    order = await Order.get(customer_id=buyer.user.id)
    assert order.address_text == SAVED and order.lat is not None
    assert order.address_details == "3rd floor, door 2"
    assert order.note == "Ring twice, the bell is broken"
    staff = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    shown = await (
        await shop_app.get(f"/api/v1/staff/orders/{order.id}", headers=staff.headers)
    ).json()
    assert shown["note"] == "Ring twice, the bell is broken"


async def test_catalog_admin_uploads_a_picture_in_the_console(
    shop_app: TestClient, settings: Settings, demo: SeedReport, tmp_path: Path
) -> None:
    from playwright.async_api import async_playwright, expect

    manager = await staff_user(settings, Role.MANAGER, store_ids=(demo.store_id,))
    variant = await ProductVariant.filter(store_id=demo.store_id).order_by("id").first()
    assert variant is not None
    await Product.filter(id=variant.product_id).update(image_key="")
    photo, not_photo = tmp_path / "photo.png", tmp_path / "photo.jpg"
    out = io.BytesIO()
    # Noise does not compress: a phone-photo-sized file, over the 1 MiB a console form may
    # send, so the page scales it down before uploading.
    Image.frombytes("RGB", (1200, 1200), os.urandom(1200 * 1200 * 3)).save(out, "PNG")
    assert out.tell() > 1024 * 1024
    photo.write_bytes(out.getvalue())
    not_photo.write_text("this is a text file named like a photo")
    base = str(shop_app.make_url("")).rstrip("/")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = await browser.new_page()
        await page.goto(f"{base}/admin/stores/{demo.store_id}/products/{variant.id}")
        await page.fill("#email", manager.email or "")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await expect(page.get_by_text("No picture yet.")).to_be_visible()
        await page.set_input_files("#f-file", str(not_photo))
        await page.get_by_role("button", name="Upload picture").click()
        await expect(page.locator("[role=alert], .problems")).to_contain_text("not a JPEG")
        await page.set_input_files("#f-file", str(photo))
        await page.get_by_role("button", name="Upload picture").click()
        await expect(page.get_by_text("The picture was saved.")).to_be_visible()
        await page.wait_for_function(
            "() => { const i = document.querySelector('img[data-picture]');"
            " return i && i.complete && i.naturalWidth > 0; }"
        )
        await browser.close()
    product = await Product.get(id=variant.product_id)
    assert media.is_key(product.image_key)
