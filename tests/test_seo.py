"""Server-rendered public pages: what a search engine reads, the sitemap, robots.txt, and the
page cache with ETag / 304 that a catalog change refreshes at once."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

from aiohttp.test_utils import TestClient

from api.keys import SETTINGS
from models import Product, ProductVariant
from models.enums import Role
from services.demo import SeedReport
from tests.fixtures.people import make_person

BASE = "http://127.0.0.1:8080"  # PUBLIC_BASE_URL's default


def head_links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}"[^>]*href="([^"]+)"', html)


async def test_product_page_for_search_engines(client: TestClient, demo: SeedReport) -> None:
    product = await Product.filter(store_id=demo.store_id, is_active=True).order_by("id").first()
    assert product is not None
    variant = await ProductVariant.filter(product_id=product.id).order_by("position", "id").first()
    assert variant is not None
    response = await client.get(f"/es/product/{product.slug}")
    assert response.status == 200
    html = await response.text()
    assert '<html lang="es">' in html
    name = product.name["es"]
    assert f"<title>{name} · " in html and f"<h1>{name}</h1>" in html
    assert head_links(html, "canonical") == [f"{BASE}/es/product/{product.slug}"]
    alternates = re.findall(r'hreflang="([a-z-]+)" href="([^"]+)"', html)
    assert dict(alternates) == {
        "en": f"{BASE}/en/product/{product.slug}",
        "ru": f"{BASE}/ru/product/{product.slug}",
        "es": f"{BASE}/es/product/{product.slug}",
        "x-default": f"{BASE}/{demo_locale(html)}/product/{product.slug}",
    }
    assert '<meta property="og:type" content="product">' in html
    assert re.search(r'<meta name="description" content="[^"]{10,}">', html)
    ld = json.loads(re.findall(r'<script type="application/ld\+json">(.+?)</script>', html)[0])
    assert ld["@type"] == "Product" and ld["name"] == name
    offer = next(o for o in ld["offers"] if o["sku"] == variant.sku)
    assert offer["price"] == f"{variant.price_cents / 100:.2f}" and offer["priceCurrency"] == "EUR"
    assert offer["availability"].startswith("https://schema.org/")
    assert f'data-add-variant="{variant.id}"' in html  # the cart hydrates these
    missing = await client.get("/es/product/no-such-thing")
    assert missing.status == 404


def demo_locale(html: str) -> str:
    found = re.search(r'hreflang="x-default" href="[^"]+/(en|ru|es)/', html)
    assert found
    return found.group(1)


async def test_catalog_pages_paginate_and_link_each_other(
    client: TestClient, demo: SeedReport
) -> None:
    first = await client.get("/en/")
    html = await first.text()
    assert first.status == 200 and "<h1>" in html
    total = await Product.filter(store_id=demo.store_id, is_active=True).count()
    shown = len(re.findall(r'<article class="card product"', html))
    assert shown == min(total, 24)
    if total > 24:
        assert head_links(html, "next") == ["/en/?page=2"]
        second = await (await client.get("/en/?page=2")).text()
        assert head_links(second, "prev") == ["/en/"]
        assert head_links(second, "canonical") == [f"{BASE}/en/?page=2"]
        products_on_2 = set(re.findall(r'data-product="(\d+)"', second))
        assert products_on_2 and not products_on_2 & set(re.findall(r'data-product="(\d+)"', html))
    category = re.findall(r'href="(/en/category/[^"]+)"', html)[0]
    in_category = await client.get(category)
    assert in_category.status == 200
    assert 'aria-current="page"' in await in_category.text()
    assert (await client.get("/en/?page=999")).status == 404
    assert (await client.get("/en/category/nope")).status == 404
    redirected = await client.get("/ru", allow_redirects=False)
    assert redirected.status == 301 and redirected.headers["Location"] == "/ru/"


async def test_sitemap_and_robots(client: TestClient, demo: SeedReport) -> None:
    robots = await (await client.get("/robots.txt")).text()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots and "Disallow: /api/" in robots
    response = await client.get("/sitemap.xml")
    assert response.content_type == "application/xml"
    tree = ElementTree.fromstring(await response.read())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in tree.findall("s:url/s:loc", ns)]
    products = await Product.filter(store_id=demo.store_id, is_active=True).all()
    for product in products[:3]:
        for code in ("en", "ru", "es"):
            assert f"{BASE}/{code}/product/{product.slug}" in locs
    assert f"{BASE}/ru/" in locs


async def test_pages_are_cached_with_etags_and_refreshed_by_a_catalog_change(
    client: TestClient, demo: SeedReport
) -> None:
    product = await Product.filter(store_id=demo.store_id, is_active=True).order_by("id").first()
    assert product is not None
    url = f"/en/product/{product.slug}"
    first = await client.get(url)
    etag = first.headers["ETag"]
    again = await client.get(url, headers={"If-None-Match": etag})
    assert again.status == 304 and again.headers["ETag"] == etag
    # Changed in the database behind the cache's back: still the cached page...
    await Product.filter(id=product.id).update(name={"en": "Renamed Quietly"})
    assert "Renamed Quietly" not in await (await client.get(url)).text()
    # ... until the catalog changes through the admin API, which bumps the version.
    variant = await ProductVariant.filter(product_id=product.id).first()
    assert variant is not None
    admin = await make_person(client.app[SETTINGS], Role.ADMIN)
    changed = await client.put(
        f"/api/v1/admin/stores/{demo.store_id}/variants/{variant.id}/price",
        headers=admin.headers,
        json={"price_cents": variant.price_cents + 100},
    )
    assert changed.status == 200, await changed.text()
    fresh = await client.get(url, headers={"If-None-Match": etag})
    assert fresh.status == 200 and fresh.headers["ETag"] != etag
    assert "Renamed Quietly" in await fresh.text()
