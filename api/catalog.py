"""Storefront catalog: categories, brands, products, search, favorites, reviews."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from api.auth import optional_principal, require_principal
from api.http import doc, dump, parse_body, parse_query, path_id
from api.keys import CATALOG_RESPONSES, CTX
from api.locale import request_locale
from api.schemas.catalog import (
    BrandList,
    BrandOut,
    CategoryTree,
    FavoriteList,
    ProductOut,
    ProductPage,
    ProductsQuery,
    ReviewIn,
    ReviewList,
    ReviewOut,
    StockAlertList,
)
from models import Review
from services import catalog, engagement, stock_alerts
from services.catalog import ProductQuery
from services.stores import get_store

# The product list and the product page come first: the router tries the routes under
# /api/v1/stores in the order they were added, and these two are most of the traffic.
routes = web.RouteTableDef()


@routes.get("/api/v1/stores/{store_id}/products")
@doc(
    "Products with variants, price and stock; filters, sort, pages and search",
    tags=["catalog"],
    query=ProductsQuery,
    response=ProductPage,
    errors={304: "not modified: If-None-Match holds the current ETag"},
)
async def products(request: web.Request) -> web.Response:
    app = request.app  # no sub-applications: cheaper than config_dict on the hottest route
    responses, cache = app[CATALOG_RESPONSES], app[CTX].cache
    # Only pages kept below are held, each under the exact query string it parsed: a hit
    # needs no parsing, and a search (never kept) always misses.
    held = await responses.lookup(request, cache)
    if held is not None:
        return held
    query = parse_query(request, ProductsQuery)
    if query.q.strip():  # a search is logged every time: never answered from memory
        return await _products(request, query)
    return await responses.keep(
        request, cache, path_id(request, "store_id"), lambda: _products(request, query)
    )


async def _products(request: web.Request, query: ProductsQuery) -> web.Response:
    store = await get_store(path_id(request, "store_id"))
    locale = request_locale(request, store.default_locale)
    principal = optional_principal(request)
    page = await catalog.search_products(
        request.config_dict[CTX].cache,
        store.id,
        ProductQuery(
            q=query.q.strip(),
            category_id=query.category,
            brand_id=query.brand,
            price_min=query.price_min,
            price_max=query.price_max,
            in_stock=query.in_stock,
            sort=query.sort,
            page=query.page,
            per_page=query.per_page,
        ),
        locale=locale,
        fallback=store.default_locale,
        user_id=principal.user_id if principal else None,
    )
    return cacheable(dump(ProductPage.model_validate({**page, "locale": locale})))


@routes.get("/api/v1/stores/{store_id}/products/{product_id}")
@doc(
    "One product with its variants",
    tags=["catalog"],
    response=ProductOut,
    errors={304: "not modified: If-None-Match holds the current ETag"},
)
async def product(request: web.Request) -> web.Response:
    async def build() -> web.Response:
        store = await get_store(path_id(request, "store_id"))
        locale = request_locale(request, store.default_locale)
        found = await catalog.get_product(
            request.config_dict[CTX].cache,
            store.id,
            path_id(request, "product_id"),
            locale=locale,
            fallback=store.default_locale,
        )
        return cacheable(dump(ProductOut.model_validate(found)))

    return await _from_memory(request, build)


@routes.get("/api/v1/stores/{store_id}/categories")
@doc(
    "The category tree, localised",
    tags=["catalog"],
    response=CategoryTree,
    errors={304: "not modified: If-None-Match holds the current ETag"},
)
async def categories(request: web.Request) -> web.Response:
    async def build() -> web.Response:
        store = await get_store(path_id(request, "store_id"))
        locale = request_locale(request, store.default_locale)
        tree = await catalog.list_categories(store.id, locale=locale, fallback=store.default_locale)
        return cacheable(dump(CategoryTree.model_validate({"items": tree, "locale": locale})))

    return await _from_memory(request, build)


@routes.get("/api/v1/stores/{store_id}/brands")
@doc("The store's brands", tags=["catalog"], response=BrandList)
async def brands(request: web.Request) -> web.Response:
    store = await get_store(path_id(request, "store_id"))
    items = [
        BrandOut(id=b.id, slug=b.slug, name=b.name) for b in await catalog.list_brands(store.id)
    ]
    return dump(BrandList(items=items))


async def _from_memory(
    request: web.Request, build: Callable[[], Awaitable[web.Response]]
) -> web.Response:
    app = request.app
    responses, cache = app[CATALOG_RESPONSES], app[CTX].cache
    held = await responses.lookup(request, cache)
    if held is not None:
        return held
    return await responses.keep(request, cache, path_id(request, "store_id"), build)


@routes.get("/api/v1/stores/{store_id}/favorites")
@doc("My favorite products", tags=["catalog"], response=FavoriteList, auth=True)
async def favorites(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    return dump(
        FavoriteList(product_ids=await engagement.favorite_ids(principal.user_id, store.id))
    )


@routes.put("/api/v1/stores/{store_id}/favorites/{product_id}")
@doc("Add a product to my favorites", tags=["catalog"], response=FavoriteList, auth=True)
async def add_favorite(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    await engagement.add_favorite(principal.user_id, store.id, path_id(request, "product_id"))
    return dump(
        FavoriteList(product_ids=await engagement.favorite_ids(principal.user_id, store.id))
    )


@routes.delete("/api/v1/stores/{store_id}/favorites/{product_id}")
@doc("Remove a product from my favorites", tags=["catalog"], response=FavoriteList, auth=True)
async def remove_favorite(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    await engagement.remove_favorite(principal.user_id, store.id, path_id(request, "product_id"))
    return dump(
        FavoriteList(product_ids=await engagement.favorite_ids(principal.user_id, store.id))
    )


async def _waiting(user_id: int, store_id: int) -> web.Response:
    return dump(
        StockAlertList(variant_ids=await stock_alerts.waiting_variant_ids(user_id, store_id))
    )


@routes.get("/api/v1/stores/{store_id}/stock-alerts")
@doc(
    "The out-of-stock variants I am waiting for",
    tags=["catalog"],
    response=StockAlertList,
    auth=True,
)
async def my_stock_alerts(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    return await _waiting(principal.user_id, store.id)


@routes.put("/api/v1/stores/{store_id}/variants/{variant_id}/stock-alert")
@doc(
    "Tell me when this out-of-stock variant is back (once)",
    tags=["catalog"],
    response=StockAlertList,
    auth=True,
    errors={409: "in_stock: it can be ordered now"},
)
async def add_stock_alert(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    await stock_alerts.subscribe(principal.user_id, store.id, path_id(request, "variant_id"))
    return await _waiting(principal.user_id, store.id)


@routes.delete("/api/v1/stores/{store_id}/variants/{variant_id}/stock-alert")
@doc("Stop waiting for this variant", tags=["catalog"], response=StockAlertList, auth=True)
async def remove_stock_alert(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    await stock_alerts.unsubscribe(principal.user_id, store.id, path_id(request, "variant_id"))
    return await _waiting(principal.user_id, store.id)


def cacheable(response: web.Response) -> web.Response:
    """Catalog reads are the same for everyone in a language: let browsers and proxies keep
    them briefly (the server-side cache is refreshed on every change)."""
    response.headers["Cache-Control"] = "public, max-age=30"
    response.headers["Vary"] = "Accept-Language"
    return response


def _review(review: Review) -> ReviewOut:
    return ReviewOut(
        id=review.id,
        product_id=review.product_id,
        rating=review.rating,
        text=review.text,
        created_at=review.created_at.isoformat(),
    )


@routes.get("/api/v1/stores/{store_id}/products/{product_id}/reviews")
@doc("Reviews of a product", tags=["catalog"], response=ReviewList)
async def reviews(request: web.Request) -> web.Response:
    store = await get_store(path_id(request, "store_id"))
    rows = await engagement.reviews_of(store.id, path_id(request, "product_id"))
    average = round(sum(r.rating for r in rows) / len(rows), 2) if rows else None
    return dump(ReviewList(items=[_review(r) for r in rows], average=average))


@routes.post("/api/v1/stores/{store_id}/products/{product_id}/reviews")
@doc(
    "Review a product I received (1–5 stars)",
    tags=["catalog"],
    body=ReviewIn,
    response=ReviewOut,
    status=201,
    auth=True,
    errors={403: "not a buyer", 409: "already reviewed"},
)
async def add_review(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    product_id = path_id(request, "product_id")
    body = await parse_body(request, ReviewIn)
    review = await engagement.add_review(
        principal.user_id, store.id, product_id, body.rating, body.text
    )
    return dump(_review(review), status=201)
