"""The catalog: categories, brands, products with variants and stock, search.

Reads are cached per store; any change to a product, a price or stock bumps the store's
catalog version (`invalidate`), which retires every cached page of that store at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
import weakref
from dataclasses import dataclass
from typing import Any, Literal

from core.cache import Cache
from core.errors import NotFound
from models import Brand, Category, Inventory, Product, ProductVariant, SearchLog
from services import media
from services.i18n_text import pick

log = logging.getLogger(__name__)

CATALOG_TTL = 300.0
Sort = Literal["relevance", "name", "price_asc", "price_desc", "newest"]


@dataclass(frozen=True)
class ProductQuery:
    q: str = ""
    category_id: int | None = None
    brand_id: int | None = None
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool = False
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = 20


def _version_key(store_id: int) -> str:
    return f"catalog-version:{store_id}"


async def catalog_version(cache: Cache, store_id: int) -> int:
    """The store's catalog version: from this process's memory when `cache` is a
    `VersionedCache` (every process hears of a new one over the bus)."""
    return await cache.version(_version_key(store_id))


async def invalidate(cache: Cache, store_id: int) -> None:
    """Retire every cached catalog read of the store (call after the change committed)."""
    await cache.incr(_version_key(store_id))


STOCK_REFRESH_SECONDS = 0.5


class _StockRefresh:
    """Orders move stock many times a second in a busy store. The cached pages show stock,
    so a sale retires them, but at most once per `interval` per store: the first sale after a
    quiet spell bumps the catalog version at once, and every sale of the following `interval`
    seconds is covered by one bump when it ends. Bumping on every sale cost each order two
    Redis commands (a sixth of its CPU) and made every catalog read of a busy store a miss.
    Stock shown may lag by `interval`; checkout never trusts it (it checks stock in its
    transaction). A bump still due when the process stops is lost: the pages then lapse with
    their TTL."""

    def __init__(self, cache: Cache, interval: float) -> None:
        self._cache = cache
        self._interval = interval
        self._last: dict[int, float] = {}
        self._due: dict[int, asyncio.Task[None]] = {}

    async def sold(self, store_id: int) -> None:
        if store_id in self._due:
            return  # the bump already due covers this sale
        now = time.monotonic()
        last = self._last.get(store_id)
        if last is None or now - last >= self._interval:
            self._last[store_id] = now
            await invalidate(self._cache, store_id)
            return
        delay = last + self._interval - now
        self._due[store_id] = asyncio.create_task(self._later(store_id, delay))

    async def _later(self, store_id: int, delay: float) -> None:
        await asyncio.sleep(delay)
        # Off the list before the bump: a sale committed while it is under way is covered by
        # a bump of its own, never by one that may have reached Redis before that sale.
        del self._due[store_id]
        self._last[store_id] = time.monotonic()
        try:
            await invalidate(self._cache, store_id)
        except Exception:  # the pages lapse with their TTL
            log.warning("catalog: could not refresh store %s after sales", store_id, exc_info=True)


_REFRESH: weakref.WeakKeyDictionary[Cache, _StockRefresh] = weakref.WeakKeyDictionary()


async def stock_sold(cache: Cache, store_id: int) -> None:
    """Call after an order's stock change committed: the store's cached pages are retired at
    once, or within STOCK_REFRESH_SECONDS when a sale retired them moments ago."""
    refresh = _REFRESH.get(cache)
    if refresh is None:
        refresh = _REFRESH[cache] = _StockRefresh(cache, STOCK_REFRESH_SECONDS)
    await refresh.sold(store_id)


async def _cached(cache: Cache, store_id: int, name: str, params: Any, build: Any) -> Any:
    version = await catalog_version(cache, store_id)
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    key = f"catalog:{store_id}:v{version}:{name}:{digest[:24]}"
    hit = await cache.get(key)
    if hit is not None:
        return hit
    value = await build()
    await cache.set(key, value, CATALOG_TTL)
    return value


async def stock_by_variant(store_id: int, variant_ids: list[int]) -> dict[int, int]:
    rows = await Inventory.filter(store_id=store_id, variant_id__in=variant_ids).values_list(
        "variant_id", "quantity"
    )
    return {int(v): int(q) for v, q in rows}


def _variant_dict(
    variant: ProductVariant, stock: int, locale: str, fallback: str
) -> dict[str, Any]:
    return {
        "id": variant.id,
        "sku": variant.sku,
        "name": pick(variant.name, locale, fallback),
        "price_cents": variant.price_cents,
        "stock": max(stock, 0),
    }


def _product_dict(
    product: Product, variants: list[dict[str, Any]], locale: str, fallback: str
) -> dict[str, Any]:
    images = media.image_urls(product.image_key)
    return {
        "id": product.id,
        "slug": product.slug,
        "name": pick(product.name, locale, fallback),
        "description": pick(product.description, locale, fallback),
        "category_id": product.category_id,
        "brand_id": product.brand_id,
        # An uploaded picture wins over a linked one; `images` feeds a page's srcset.
        "image_url": images[-1]["url"] if images else product.image_url,
        "images": images,
        "age_restricted": product.age_restricted,
        "max_per_order": product.max_per_order,
        "prescription_required": product.prescription_required,
        "cold_chain": product.cold_chain,
        "period_limit_quantity": product.period_limit_quantity,
        "period_limit_days": product.period_limit_days,
        "variants": variants,
    }


async def _products_with_variants(
    store_id: int, products: list[Product], locale: str, fallback: str
) -> list[dict[str, Any]]:
    ids = [p.id for p in products]
    variants = await ProductVariant.filter(
        store_id=store_id, product_id__in=ids, is_active=True
    ).order_by("position", "id")
    stock = await stock_by_variant(store_id, [v.id for v in variants])
    by_product: dict[int, list[dict[str, Any]]] = {}
    for variant in variants:
        by_product.setdefault(variant.product_id, []).append(
            _variant_dict(variant, stock.get(variant.id, 0), locale, fallback)
        )
    return [_product_dict(p, by_product.get(p.id, []), locale, fallback) for p in products]


def _matches(product: dict[str, Any], query: ProductQuery) -> bool:
    variants = product["variants"]
    if not variants:
        return False
    prices = [v["price_cents"] for v in variants]
    if query.price_min is not None and max(prices) < query.price_min:
        return False
    if query.price_max is not None and min(prices) > query.price_max:
        return False
    return not (query.in_stock and not any(v["stock"] > 0 for v in variants))


def _sort(items: list[dict[str, Any]], query: ProductQuery) -> list[dict[str, Any]]:
    def cheapest(p: dict[str, Any]) -> int:
        return min(v["price_cents"] for v in p["variants"])

    if query.sort == "name":
        return sorted(items, key=lambda p: (p["name"].casefold(), p["id"]))
    if query.sort == "price_asc":
        return sorted(items, key=lambda p: (cheapest(p), p["id"]))
    if query.sort == "price_desc":
        return sorted(items, key=lambda p: (-cheapest(p), p["id"]))
    if query.sort == "newest":
        return sorted(items, key=lambda p: -p["id"])
    if query.q:
        # Relevance: a match in the name first, then the rest.
        needle = query.q.casefold()
        return sorted(items, key=lambda p: (needle not in p["name"].casefold(), p["id"]))
    return items


async def search_products(
    cache: Cache,
    store_id: int,
    query: ProductQuery,
    *,
    locale: str,
    fallback: str,
    user_id: int | None = None,
) -> dict[str, Any]:
    """A page of products matching `query`: {"items", "page", "per_page", "total", "pages"}.

    A search (non-empty q) is recorded in the search log with its result count, zero too.
    """

    async def build() -> dict[str, Any]:
        rows = Product.filter(store_id=store_id, is_active=True)
        if query.q:
            rows = rows.filter(search_text__contains=query.q.casefold())
        if query.category_id is not None:
            rows = rows.filter(category_id__in=await category_subtree(store_id, query.category_id))
        if query.brand_id is not None:
            rows = rows.filter(brand_id=query.brand_id)
        products = await rows.order_by("id")
        items = await _products_with_variants(store_id, products, locale, fallback)
        items = _sort([p for p in items if _matches(p, query)], query)
        start = (query.page - 1) * query.per_page
        total = len(items)
        return {
            "items": items[start : start + query.per_page],
            "page": query.page,
            "per_page": query.per_page,
            "total": total,
            "pages": (total + query.per_page - 1) // query.per_page,
        }

    params = {"query": query.__dict__, "locale": locale, "fallback": fallback}
    result: dict[str, Any] = await _cached(cache, store_id, "products", params, build)
    if query.q:
        await SearchLog.create(
            store_id=store_id,
            user_id=user_id,
            query=query.q[:200],
            locale=locale,
            result_count=result["total"],
        )
    return result


async def get_product(
    cache: Cache, store_id: int, product_id: int, *, locale: str, fallback: str
) -> dict[str, Any]:
    """One active product of the store with its variants; raises NotFound."""

    async def build() -> dict[str, Any] | None:
        product = await Product.get_or_none(id=product_id, store_id=store_id, is_active=True)
        if product is None:
            return None
        return (await _products_with_variants(store_id, [product], locale, fallback))[0]

    params = {"id": product_id, "locale": locale, "fallback": fallback}
    found = await _cached(cache, store_id, "product", params, build)
    if found is None:
        raise NotFound("no such product", fields={"product_id": "unknown id"})
    return dict(found)


async def category_subtree(store_id: int, category_id: int) -> list[int]:
    """The category and all its descendants (a filter by a parent includes its children)."""
    rows = await Category.filter(store_id=store_id, is_active=True).values_list("id", "parent_id")
    children: dict[int | None, list[int]] = {}
    for cid, parent in rows:
        children.setdefault(parent, []).append(cid)
    found, stack = [], [category_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.append(current)
        stack.extend(children.get(current, []))
    return found


async def list_categories(store_id: int, *, locale: str, fallback: str) -> list[dict[str, Any]]:
    """The category tree: [{"id", "slug", "name", "children": [...]}] in display order."""
    rows = await Category.filter(store_id=store_id, is_active=True).order_by("position", "id")
    nodes: dict[int, dict[str, Any]] = {
        c.id: {"id": c.id, "slug": c.slug, "name": pick(c.name, locale, fallback), "children": []}
        for c in rows
    }
    roots: list[dict[str, Any]] = []
    for category in rows:
        parent_id = category.parent_id
        parent = nodes.get(parent_id) if parent_id else None
        siblings: list[dict[str, Any]] = parent["children"] if parent else roots
        siblings.append(nodes[category.id])
    return roots


async def list_brands(store_id: int) -> list[Brand]:
    return await Brand.filter(store_id=store_id).order_by("name")


async def product_id_by_slug(store_id: int, slug: str) -> int:
    """The active product with this slug in the store (the public pages' address); NotFound."""
    found = await Product.get_or_none(store_id=store_id, slug=slug[:128], is_active=True)
    if found is None:
        raise NotFound("no such product", fields={"slug": "unknown product"})
    return found.id


async def public_index(store_id: int) -> dict[str, list[tuple[str, Any]]]:
    """What the sitemap lists: {"products": [(slug, updated_at)], "categories": [(slug, None)]}."""
    products = await Product.filter(store_id=store_id, is_active=True).order_by("id")
    categories = await Category.filter(store_id=store_id, is_active=True).order_by("position", "id")
    return {
        "products": [(p.slug, p.updated_at) for p in products],
        "categories": [(c.slug, None) for c in categories],
    }
