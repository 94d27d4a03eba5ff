from __future__ import annotations

from aiohttp.test_utils import TestClient

from core.settings import Settings
from models import Brand, Category, Inventory, ProductAuditLog, SearchLog
from models.enums import Role
from services.demo import SeedReport
from tests.fixtures.data import make_store
from tests.fixtures.people import make_person


def url(store_id: int, tail: str = "products") -> str:
    return f"/api/v1/stores/{store_id}/{tail}"


async def test_locale_from_query_header_or_store_default(
    client: TestClient, demo: SeedReport
) -> None:
    for params, headers, expected in [
        ({"locale": "es"}, {"Accept-Language": "ru"}, "es"),
        ({}, {"Accept-Language": "fr-FR, ru;q=0.8, es;q=0.5"}, "ru"),
        ({}, {}, "en"),
    ]:
        body = await (await client.get(url(demo.store_id), params=params, headers=headers)).json()
        assert body["locale"] == expected
    es = await (
        await client.get(url(demo.store_id), params={"locale": "es", "q": "ibuprof"})
    ).json()
    assert es["items"][0]["name"] == "Ibuprofeno 200 mg"


async def test_search_is_case_insensitive_across_locales_and_logged(
    client: TestClient, demo: SeedReport
) -> None:
    for q in ("IBUPROFEN", "ибупрофен", "Ibuprofeno", "medico"):  # brand in the description too
        body = await (await client.get(url(demo.store_id), params={"q": q})).json()
        assert body["total"] >= 1, q
    nothing = await (await client.get(url(demo.store_id), params={"q": "unobtainium"})).json()
    assert nothing["total"] == 0 and nothing["items"] == []
    logged = {(row.query, row.result_count) for row in await SearchLog.all()}
    assert ("unobtainium", 0) in logged and len(logged) == 5


async def test_filters_sort_and_pages(client: TestClient, demo: SeedReport) -> None:
    vitamins = await Category.get(store_id=demo.store_id, slug="vitamins")
    body = await (await client.get(url(demo.store_id), params={"category": vitamins.id})).json()
    assert body["total"] == 7 and all(p["category_id"] == vitamins.id for p in body["items"])
    brand = await Brand.get(store_id=demo.store_id, slug="babysoft")
    body = await (await client.get(url(demo.store_id), params={"brand": brand.id})).json()
    assert body["total"] == 5 and {p["brand_id"] for p in body["items"]} == {brand.id}
    body = await (
        await client.get(
            url(demo.store_id), params={"price_min": 1000, "price_max": 1500, "per_page": 100}
        )
    ).json()
    for product in body["items"]:
        prices = [v["price_cents"] for v in product["variants"]]
        assert max(prices) >= 1000 and min(prices) <= 1500
    body = await (
        await client.get(url(demo.store_id), params={"in_stock": "true", "per_page": 100})
    ).json()
    assert all(any(v["stock"] > 0 for v in p["variants"]) for p in body["items"])
    cheap = await (
        await client.get(url(demo.store_id), params={"sort": "price_asc", "per_page": 100})
    ).json()
    lowest = [min(v["price_cents"] for v in p["variants"]) for p in cheap["items"]]
    assert lowest == sorted(lowest)
    page1 = await (await client.get(url(demo.store_id), params={"per_page": 20, "page": 1})).json()
    page3 = await (await client.get(url(demo.store_id), params={"per_page": 20, "page": 3})).json()
    assert (page1["total"], page1["pages"], len(page3["items"])) == (50, 3, 10)
    assert not {p["id"] for p in page1["items"]} & {p["id"] for p in page3["items"]}


async def test_category_tree_and_brands(client: TestClient, demo: SeedReport) -> None:
    parent = await Category.get(store_id=demo.store_id, slug="skin-care")
    child = await Category.create(
        store_id=demo.store_id, slug="sun", name={"en": "Sun"}, parent=parent
    )
    tree = await (await client.get(url(demo.store_id, "categories"))).json()
    skin = next(c for c in tree["items"] if c["id"] == parent.id)
    assert [c["id"] for c in skin["children"]] == [child.id]
    assert child.id not in [c["id"] for c in tree["items"]]
    brands = await (await client.get(url(demo.store_id, "brands"))).json()
    assert len(brands["items"]) == 6


async def test_catalog_is_cached_and_refreshed_on_change(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    body = await (await client.get(url(demo.store_id), params={"q": "ibuprofen"})).json()
    product = body["items"][0]
    variant = product["variants"][0]
    # A write behind the service's back is not seen: the page is served from the cache.
    await Inventory.filter(variant_id=variant["id"]).update(quantity=777)
    again = await (await client.get(url(demo.store_id), params={"q": "ibuprofen"})).json()
    assert again["items"][0]["variants"][0]["stock"] == variant["stock"]
    # A change through the service retires the cached pages at once.
    response = await client.put(
        f"/api/v1/admin/stores/{demo.store_id}/variants/{variant['id']}/price",
        headers=manager.headers,
        json={"price_cents": 999},
    )
    assert response.status == 200
    fresh = await (await client.get(url(demo.store_id), params={"q": "ibuprofen"})).json()
    assert fresh["items"][0]["variants"][0]["price_cents"] == 999
    assert fresh["items"][0]["variants"][0]["stock"] == 777
    response = await client.post(
        f"/api/v1/admin/stores/{demo.store_id}/variants/{variant['id']}/stock",
        headers=manager.headers,
        json={"quantity": 3},
    )
    assert (await response.json())["stock"] == 780
    response = await client.patch(
        f"/api/v1/admin/stores/{demo.store_id}/products/{product['id']}",
        headers=manager.headers,
        json={"name": {"en": "Ibuprofen Forte"}},
    )
    assert response.status == 200
    renamed = await (await client.get(url(demo.store_id), params={"q": "forte"})).json()
    assert [p["id"] for p in renamed["items"]] == [product["id"]]
    actions = [row.action for row in await ProductAuditLog.all().order_by("id")]
    assert actions == ["price", "update"]


async def test_catalog_changes_need_a_manager_of_that_store(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    other = await make_store("elsewhere")
    outsider = await make_person(settings, Role.MANAGER, store_ids=(other.id,))
    dispatcher = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    target = f"/api/v1/admin/stores/{demo.store_id}/variants/1/price"
    assert (
        await client.put(target, headers=outsider.headers, json={"price_cents": 1})
    ).status == 403
    assert (
        await client.put(target, headers=dispatcher.headers, json={"price_cents": 1})
    ).status == 403


async def test_unknown_store_and_product_are_404(client: TestClient, demo: SeedReport) -> None:
    assert (await client.get(url(999))).status == 404
    response = await client.get(url(demo.store_id, "products/99999"))
    assert response.status == 404
    assert (await response.json())["error"]["fields"] == {"product_id": "unknown id"}


async def test_catalog_pages_come_from_memory_with_an_etag_until_the_catalog_changes(
    client: TestClient, settings: Settings, demo: SeedReport
) -> None:
    manager = await make_person(settings, Role.MANAGER, store_ids=(demo.store_id,))
    first = await client.get(url(demo.store_id), params={"page": "1"})
    etag = first.headers["ETag"]
    product = (await first.json())["items"][0]
    variant = product["variants"][0]
    detail_url = f"{url(demo.store_id)}/{product['id']}"
    detail = await client.get(detail_url)
    assert detail.status == 200 and detail.headers["ETag"]
    # A client holding the page gets 304; a write behind the service's back is not seen.
    await Inventory.filter(variant_id=variant["id"]).update(quantity=555)
    again = await client.get(
        url(demo.store_id), params={"page": "1"}, headers={"If-None-Match": etag}
    )
    assert again.status == 304 and again.headers["ETag"] == etag
    same = await client.get(url(demo.store_id), params={"page": "1"})
    assert await same.read() == await first.read()
    # A change through the service retires the bytes: new body, new ETag, 200 to the old one.
    response = await client.put(
        f"/api/v1/admin/stores/{demo.store_id}/variants/{variant['id']}/price",
        headers=manager.headers,
        json={"price_cents": 1234},
    )
    assert response.status == 200
    fresh = await client.get(
        url(demo.store_id), params={"page": "1"}, headers={"If-None-Match": etag}
    )
    assert fresh.status == 200 and fresh.headers["ETag"] != etag
    changed = next(p for p in (await fresh.json())["items"] if p["id"] == product["id"])
    assert changed["variants"][0]["price_cents"] == 1234
    assert changed["variants"][0]["stock"] == 555
    detail = await (await client.get(detail_url)).json()
    assert detail["variants"][0]["price_cents"] == 1234
    # Another language is another entry; a wrong store is still 404, never a cached page.
    ru = await client.get(
        url(demo.store_id), params={"page": "1"}, headers={"Accept-Language": "ru"}
    )
    assert (await ru.json())["locale"] == "ru"
    assert (await client.get(url(999_999), params={"page": "1"})).status == 404


async def test_sales_refresh_the_catalog_at_once_then_at_most_every_interval() -> None:
    """The first sale bumps the store's catalog version at once; the sales of the next
    interval share one bump when it ends; another store is not held back by this one."""
    import asyncio

    from core.cache import MemoryCache
    from services import catalog

    cache = MemoryCache()
    interval = catalog.STOCK_REFRESH_SECONDS
    await catalog.stock_sold(cache, 1)
    assert await catalog.catalog_version(cache, 1) == 1
    await catalog.stock_sold(cache, 1)
    await catalog.stock_sold(cache, 1)
    await catalog.stock_sold(cache, 2)
    assert await catalog.catalog_version(cache, 1) == 1  # due when the interval ends
    assert await catalog.catalog_version(cache, 2) == 1
    await asyncio.sleep(interval + 0.2)
    assert await catalog.catalog_version(cache, 1) == 2  # one bump for both sales
    await asyncio.sleep(interval + 0.1)
    await catalog.stock_sold(cache, 1)  # after a quiet spell: at once again
    assert await catalog.catalog_version(cache, 1) == 3
