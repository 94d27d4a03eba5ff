"""Public pages for people and search engines: the catalog, its categories and products,
server-rendered under /en, /ru and /es with titles, descriptions, canonical URLs, hreflang
alternates, Open Graph tags and Product JSON-LD; /sitemap.xml and /robots.txt.

Rendered pages are cached like incremental static regeneration: served from the cache,
rendered again at most every PAGE_TTL seconds, and at once when the store's catalog version
changes (any product, price or stock change bumps it). Every answer carries an ETag; a
matching If-None-Match gets 304. The pages hydrate with a small script for the cart."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any
from xml.sax.saxutils import escape

import aiohttp_jinja2
from aiohttp import web

from api.keys import CTX, SETTINGS
from core.errors import NotFound
from core.i18n import money, translator
from models import Store
from services import catalog, stores
from webapp.pages import LANGUAGES, script_texts

routes = web.RouteTableDef()
LOCALE = "{locale:(?:en|ru|es)}"
CODES = tuple(code for code, _ in LANGUAGES)
PAGE_TTL = 60.0
PER_PAGE = 24
Rendered = tuple[str, str]  # (body, content type)


async def _store() -> Store:
    active = await stores.list_stores()
    if not active:
        raise NotFound("no store yet")
    return active[0]


def _base(request: web.Request) -> str:
    return request.config_dict[SETTINGS].public_base_url.rstrip("/")


async def _regenerated(
    request: web.Request, store: Store, key: str, build: Callable[[], Awaitable[Rendered]]
) -> web.StreamResponse:
    """Serve the page from the cache (keyed by the catalog version), building it when the
    cached copy is missing or older than PAGE_TTL; answer 304 to a matching If-None-Match."""
    cache = request.config_dict[CTX].cache
    version = await catalog.catalog_version(cache, store.id)
    cache_key = f"page:{store.id}:v{version}:{key}"
    hit = await cache.get(cache_key)
    if hit is None:
        body, content_type = await build()
        etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
        hit = {"body": body, "type": content_type, "etag": etag}
        await cache.set(cache_key, hit, PAGE_TTL)
    headers = {"ETag": hit["etag"], "Cache-Control": "public, no-cache"}
    if hit["etag"] in request.headers.get("If-None-Match", ""):
        return web.Response(status=304, headers=headers)
    return web.Response(text=hit["body"], content_type=hit["type"], headers=headers)


def _alternates(base: str, path_of: Callable[[str], str]) -> list[dict[str, str]]:
    return [{"code": code, "name": name, "href": base + path_of(code)} for code, name in LANGUAGES]


def _context(
    request: web.Request, store: Store, locale: str, path_of: Callable[[str], str], **page: Any
) -> dict[str, Any]:
    base = _base(request)
    t = translator(locale)
    return {
        "locale": locale,
        "_": t,
        "store": store,
        "languages": LANGUAGES,
        "lang_links": _alternates(base, path_of),
        "canonical": base + path_of(locale),
        "x_default": base + path_of(store.default_locale),
        "telegram": False,
        "shop_url": f"/?lang={locale}",
        "home_url": f"/{locale}/",
        "config": {
            "locale": locale,
            "bot": "customer",
            "store": {
                "id": store.id,
                "name": store.name,
                "currency": store.currency,
                "timezone": store.timezone,
            },
            "strings": {text: t(text) for text in script_texts("seo")},
            "base_url": base,
        },
        "money": lambda cents: money(cents, store.currency, locale),
        **page,
    }


def _page_number(request: web.Request) -> int:
    raw = request.query.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) <= 10_000 else 1


async def _listing(request: web.Request, *, category_slug: str | None = None) -> web.StreamResponse:
    store = await _store()
    locale = request.match_info["locale"]
    page = _page_number(request)
    key = f"{locale}:list:{category_slug or ''}:{page}"

    async def build() -> Rendered:
        cache = request.config_dict[CTX].cache
        tree = await catalog.list_categories(store.id, locale=locale, fallback=store.default_locale)
        flat = [node for root in tree for node in [root, *root["children"]]]
        category = None
        if category_slug is not None:
            category = next((c for c in flat if c["slug"] == category_slug), None)
            if category is None:
                raise NotFound("no such category")
        found = await catalog.search_products(
            cache,
            store.id,
            catalog.ProductQuery(
                category_id=category["id"] if category else None, page=page, per_page=PER_PAGE
            ),
            locale=locale,
            fallback=store.default_locale,
        )
        if page > 1 and page > found["pages"]:
            raise NotFound("no such page")
        t = translator(locale)

        def path_of(code: str) -> str:
            path = f"/{code}/category/{category_slug}" if category_slug else f"/{code}/"
            return path + (f"?page={page}" if page > 1 else "")

        title = category["name"] if category else t("Medicines and health products")
        heading = f"{title} · {store.name}"
        if page > 1:
            heading += " · " + t("page {page}", page=page)
        description = t(
            "{count} products with home delivery from {store}.",
            count=found["total"],
            store=store.name,
        )
        here = f"/{locale}/category/{category_slug}" if category_slug else f"/{locale}/"
        context = _context(
            request,
            store,
            locale,
            path_of,
            title=heading,
            heading=title,
            description=description,
            og_type="website",
            categories=flat,
            current=category_slug,
            products=found["items"],
            page=page,
            pages=found["pages"],
            prev_url=(here + (f"?page={page - 1}" if page > 2 else "")) if page > 1 else None,
            next_url=f"{here}?page={page + 1}" if page < found["pages"] else None,
        )
        return aiohttp_jinja2.render_string("seo_list.html", request, context), "text/html"

    return await _regenerated(request, store, key, build)


@routes.get(f"/{LOCALE}")
async def locale_root(request: web.Request) -> web.StreamResponse:
    raise web.HTTPMovedPermanently(f"/{request.match_info['locale']}/")


@routes.get(f"/{LOCALE}/", name="seo_catalog")
async def catalog_page(request: web.Request) -> web.StreamResponse:
    return await _listing(request)


@routes.get(f"/{LOCALE}/category/{{slug}}", name="seo_category")
async def category_page(request: web.Request) -> web.StreamResponse:
    return await _listing(request, category_slug=request.match_info["slug"][:128])


def absolute_image(product: dict[str, Any], base: str) -> str:
    """The product's picture as an absolute URL (crawlers and link previews need one)."""
    image = str(product.get("image_url") or "")
    return base + image if image.startswith("/") else image


def product_ld(product: dict[str, Any], store: Store, url: str, base: str = "") -> dict[str, Any]:
    """schema.org Product with one Offer per variant: price and availability."""
    offers = [
        {
            "@type": "Offer",
            "sku": v["sku"],
            "name": v["name"],
            "price": f"{v['price_cents'] / 100:.2f}",
            "priceCurrency": store.currency,
            "availability": "https://schema.org/" + ("InStock" if v["stock"] > 0 else "OutOfStock"),
            "url": url,
        }
        for v in product["variants"]
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product["name"],
        "description": product["description"],
        "sku": product["variants"][0]["sku"] if product["variants"] else str(product["id"]),
        "url": url,
        "offers": offers,
    }
    if product["image_url"]:
        data["image"] = absolute_image(product, base)
    return data


@routes.get(f"/{LOCALE}/product/{{slug}}", name="seo_product")
async def product_page(request: web.Request) -> web.StreamResponse:
    store = await _store()
    locale = request.match_info["locale"]
    slug = request.match_info["slug"][:128]

    async def build() -> Rendered:
        cache = request.config_dict[CTX].cache
        product_id = await catalog.product_id_by_slug(store.id, slug)
        product = await catalog.get_product(
            cache, store.id, product_id, locale=locale, fallback=store.default_locale
        )
        t = translator(locale)

        def path_of(code: str) -> str:
            return f"/{code}/product/{slug}"

        prices = [v["price_cents"] for v in product["variants"]] or [0]
        description = (product["description"] or product["name"])[:155]
        context = _context(
            request,
            store,
            locale,
            path_of,
            title=f"{product['name']} · {store.name}",
            heading=product["name"],
            description=description,
            og_type="product",
            product=product,
            from_price=min(prices),
            in_stock=any(v["stock"] > 0 for v in product["variants"]),
            jsonld=json.dumps(
                product_ld(product, store, _base(request) + path_of(locale), _base(request)),
                ensure_ascii=False,
            ).replace("</", "<\\/"),
            shop_product_url=f"/?lang={locale}#/product/{product['id']}",
            og_image=absolute_image(product, _base(request)),
            t=t,
        )
        return aiohttp_jinja2.render_string("seo_product.html", request, context), "text/html"

    return await _regenerated(request, store, f"{locale}:product:{slug}", build)


@routes.get("/sitemap.xml")
async def sitemap(request: web.Request) -> web.StreamResponse:
    store = await _store()
    base = _base(request)

    async def build() -> Rendered:
        index = await catalog.public_index(store.id)
        paths: list[tuple[str, Any]] = [("/", None)]
        paths += [(f"/category/{slug}", None) for slug, _ in index["categories"]]
        paths += [(f"/product/{slug}", changed) for slug, changed in index["products"]]
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
        ]
        for path, changed in paths:
            alternates = "".join(
                f'<xhtml:link rel="alternate" hreflang="{code}" '
                f'href="{escape(f"{base}/{code}{path}")}"/>'
                for code in CODES
            )
            lastmod = f"<lastmod>{changed.date().isoformat()}</lastmod>" if changed else ""
            for code in CODES:
                loc = escape(f"{base}/{code}{path}")
                lines.append(f"<url><loc>{loc}</loc>{lastmod}{alternates}</url>")
        lines.append("</urlset>")
        return "\n".join(lines), "application/xml"

    return await _regenerated(request, store, "sitemap", build)


@routes.get("/robots.txt")
async def robots(request: web.Request) -> web.Response:
    text = "\n".join(
        [
            "User-agent: *",
            "Allow: /",
            "Disallow: /api/",
            "Disallow: /app/dispatch",
            "Disallow: /app/driver",
            "Disallow: /admin",
            "Disallow: /webhook/",
            f"Sitemap: {_base(request)}/sitemap.xml",
            "",
        ]
    )
    return web.Response(text=text, headers={"Cache-Control": "public, max-age=3600"})


def setup_seo(app: web.Application) -> None:
    app.router.add_routes(routes)
