"""A short storefront session recorded by rrweb in headless Chromium (every input masked),
uploaded in chunks, and played back in the console with the vendored rrweb-player."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import ClientEvent, SessionRecording
from models.enums import Role
from services.demo import SeedReport
from tests.fixtures.people import make_person
from tests.test_console import PASSWORD, staff_user
from tests.test_e2e_browser import CHROMIUM, CHROMIUM_PRESENT, FLAGS
from webapp.app import build_app

pytestmark = pytest.mark.browser


@pytest.fixture
async def live_app(aiohttp_client, make_settings) -> TestClient:  # type: ignore[no-untyped-def]
    return await aiohttp_client(build_app(make_settings(), workers=False))  # type: ignore[no-any-return]


async def test_a_storefront_session_is_recorded_and_played_back(
    live_app: TestClient, settings: Settings, demo: SeedReport, artifacts_dir: Path
) -> None:
    from playwright.async_api import async_playwright, expect

    assert CHROMIUM_PRESENT, "Debian's chromium is required (.ci/run installs it)"
    shopper = await make_person(settings, Role.CUSTOMER, adult=True)
    admin = await staff_user(settings, Role.ADMIN)
    base = str(live_app.make_url("")).rstrip("/")
    saved = {"access": shopper.token, "refresh": "", "user": {"id": shopper.user.id}}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = await browser.new_context()
        await context.route("https://**/*", lambda route: route.abort())
        await context.add_init_script(
            f"localStorage.setItem('tokens:customer', {json.dumps(json.dumps(saved))});"
        )
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        uploads: list[int] = []
        page.on(
            "response",
            lambda r: uploads.append(r.status) if r.url.endswith("/events/replay") else None,
        )
        await page.goto(f"{base}/")
        await expect(page.locator("article.product").first).to_be_visible()
        # rrweb loads once the page knows the visitor is signed in (polled: the page's CSP
        # refuses the eval that wait_for_function needs).
        for _ in range(200):
            if await page.evaluate("!!(window.Analytics && window.Analytics.recordingId())"):
                break
            await asyncio.sleep(0.05)
        await page.locator("article.product button.add").first.click()
        await page.locator("input[type=search]").first.fill("private words")
        await page.evaluate("window.Analytics.sendChunk(); window.Analytics.flush()")
        recording = await page.evaluate("window.Analytics.recordingId()")
        for _ in range(100):
            if uploads:
                break
            await asyncio.sleep(0.05)
        assert uploads == [202], (recording, uploads, errors)
        chunk = await SessionRecording.get(session_id=recording, chunk_index=0)
        assert chunk.user_id == shopper.user.id
        # Made on the demo store's pages: that store's managers see it, others do not.
        assert chunk.store_id == demo.store_id
        assert any(e["type"] == 2 for e in chunk.events)  # rrweb's full snapshot
        # Every input is masked: what the shopper typed never leaves the browser.
        assert "private words" not in json.dumps(chunk.events)
        assert await ClientEvent.filter(user_id=shopper.user.id, name="page_view").exists()
        for _ in range(100):  # the batch was sent with keepalive: it may land a moment later
            if await ClientEvent.filter(name="cart_add", store_id=demo.store_id).exists():
                break
            await asyncio.sleep(0.05)
        added = await ClientEvent.get(name="cart_add", store_id=demo.store_id)
        assert added.user_id == shopper.user.id and added.props["quantity"] == 1

        console = await context.new_page()
        console.on("pageerror", lambda exc: errors.append(str(exc)))
        await console.goto(f"{base}/admin/reports/replays/{recording}")
        await console.fill("#email", admin.email or "")
        await console.fill("#password", PASSWORD)
        await console.click("button[type=submit]")
        await expect(console.locator("#replay[data-ready]")).to_be_attached()
        await expect(console.locator(".rr-player")).to_be_visible()
        await console.screenshot(path=str(artifacts_dir / "replay-player.png"), full_page=True)
        await browser.close()
    assert errors == []
