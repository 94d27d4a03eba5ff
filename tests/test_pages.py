"""The Mini App pages: localised, light, framed only by Telegram, served with cache headers."""

from __future__ import annotations

import json
import re

from aiohttp.test_utils import TestClient

from services.demo import SeedReport

PAGES = ("/", "/app/shop", "/app/dispatch", "/app/driver")


async def test_pages_are_localised_from_the_catalogs(client: TestClient, demo: SeedReport) -> None:
    ru = await (await client.get("/app/dispatch", headers={"Accept-Language": "ru"})).text()
    assert "<title>Диспетчерская</title>" in ru and 'lang="ru"' in ru
    es = await (await client.get("/app/driver?lang=es")).text()
    assert "<title>Entregas</title>" in es
    config = json.loads(
        re.search(r'<script type="application/json" id="config">(.*?)</script>', es, re.S).group(1)
    )
    assert config["bot"] == "driver" and config["locale"] == "es"
    assert config["strings"]["No deliveries right now."] == "Ahora no hay entregas."


async def test_each_page_stays_under_100_kb_of_script_and_style(
    client: TestClient, demo: SeedReport
) -> None:
    for path in PAGES:
        html = await (await client.get(path)).text()
        assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
        assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
        weight = 0
        for asset in assets:
            response = await client.get(asset)
            assert response.status == 200, asset
            weight += len(await response.read())
        assert weight < 100 * 1024, (path, weight)


async def test_mini_app_pages_may_be_framed_by_telegram_only(
    client: TestClient, demo: SeedReport
) -> None:
    for path in PAGES:
        response = await client.get(path)
        assert response.status == 200
        policy = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'self' https://web.telegram.org" in policy
        assert "X-Frame-Options" not in response.headers
        assert "script-src 'self';" in policy  # telegram-web-app.js is vendored


async def test_the_shop_page_and_catalog_reads_can_be_cached(
    client: TestClient, demo: SeedReport
) -> None:
    page = await client.get("/")
    assert page.headers["Cache-Control"] == "public, max-age=60"
    staff = await client.get("/app/dispatch")
    assert staff.headers["Cache-Control"] == "no-cache"
    products = await client.get(f"/api/v1/stores/{demo.store_id}/products")
    assert products.headers["Cache-Control"] == "public, max-age=30"
    assert products.headers["Vary"] == "Accept-Language"


async def test_a_store_that_does_not_exist_is_a_404_page(
    client: TestClient, demo: SeedReport
) -> None:
    response = await client.get("/app/shop?store=999")
    assert response.status == 404
