"""The Mini Apps' pages (aiohttp-jinja2): the shop (also the web storefront at /), dispatch
and driver. Texts come from the same babel catalogs as the bots, server-side for the page
and as a small table for its script."""

from __future__ import annotations

import mimetypes
import re
from functools import cache
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

from api.keys import SETTINGS
from api.locale import request_locale
from bot.common.texts import STATUS, status_name
from core.clock import utcnow
from core.errors import Gone, NotFound
from core.i18n import translator
from services import media, stores, tracking

HERE = Path(__file__).resolve().parent
routes = web.RouteTableDef()
LANGUAGES = (("en", "EN"), ("ru", "RU"), ("es", "ES"))
MARKED = re.compile(r"""\b_\(\s*(['"])(.+?)\1""")
PAGE_SCRIPTS = {
    "shop": ("app.js", "shop.js"),
    "dispatch": ("app.js", "staff.js", "dispatch.js"),
    "driver": ("app.js", "staff.js", "driver.js"),
    "seo": ("app.js", "hydrate.js"),
    "track": ("track.js",),
}


@cache
def script_texts(page: str) -> tuple[str, ...]:
    found: set[str] = set()
    for name in PAGE_SCRIPTS[page]:
        found |= {m.group(2) for m in MARKED.finditer((HERE / "static" / "js" / name).read_text())}
    return tuple(sorted(found))


def page_locale(request: web.Request, default: str) -> str:
    chosen = request.query.get("lang", "")
    return chosen if chosen in dict(LANGUAGES) else request_locale(request, default)


async def _context(request: web.Request, page: str, bot: str) -> dict[str, Any]:
    store_id = request.query.get("store", "")
    if store_id.isdigit():
        store = await stores.get_store(int(store_id))
    else:
        active = await stores.list_stores()
        if not active:
            raise NotFound("no store yet: run `pharmacy seed`")
        store = active[0]
    locale = page_locale(request, store.default_locale)
    t = translator(locale)
    extra = "".join(f"&{k}={v}" for k, v in request.query.items() if k == "store")
    return {
        "locale": locale,
        "_": t,
        "store": store,
        "languages": LANGUAGES,
        "extra_query": extra,
        "telegram": True,
        "config": {
            "locale": locale,
            "bot": bot,
            "store": {
                "id": store.id,
                "name": store.name,
                "currency": store.currency,
                "timezone": store.timezone,
                "lat": store.lat,
                "lng": store.lng,
            },
            "strings": {text: t(text) for text in script_texts(page)},
            "base_url": request.config_dict[SETTINGS].public_base_url,
            "map_tile_url": request.config_dict[SETTINGS].map_tile_url,
        },
    }


def _render(
    template: str, request: web.Request, context: dict[str, Any], *, cache: int = 0
) -> web.Response:
    response = aiohttp_jinja2.render_template(template, request, context)
    # Pages are the same for everyone in a language; data comes from the API.
    response.headers["Cache-Control"] = f"public, max-age={cache}" if cache else "no-cache"
    response.headers["Vary"] = "Accept-Language"
    return response


@routes.get("/", name="index")
@routes.get("/app/shop", name="shop")
@routes.get("/reset-password", name="reset_password")  # the link in the reset e-mail
async def shop(request: web.Request) -> web.Response:
    return _render("shop.html", request, await _context(request, "shop", "customer"), cache=60)


@routes.get("/app/dispatch", name="dispatch")
async def dispatch(request: web.Request) -> web.Response:
    return _render("dispatch.html", request, await _context(request, "dispatch", "dispatcher"))


@routes.get("/app/driver", name="driver")
async def driver(request: web.Request) -> web.Response:
    return _render("driver.html", request, await _context(request, "driver", "driver"))


@routes.get("/track/{token}", name="track")
async def track(request: web.Request) -> web.Response:
    """The public tracking page (the link in the "On the way" message): 404 for a link that
    is not ours, 410 once the delivery has ended."""
    settings = request.config_dict[SETTINGS]
    locale = page_locale(request, settings.default_locale)
    t = translator(locale)
    context: dict[str, Any] = {
        "locale": locale,
        "_": t,
        "languages": LANGUAGES,
        "extra_query": "",
        "telegram": False,
    }
    try:
        view = await tracking.tracking_view(settings, request.match_info["token"])
    except Gone:
        context |= {"ended": True, "config": {}}
        response = aiohttp_jinja2.render_template("track.html", request, context, status=410)
        response.headers["Cache-Control"] = "no-store"
        return response

    def position(p: tracking.Position | None) -> dict[str, float] | None:
        return {"lat": p.lat, "lng": p.lng} if p else None

    seen = view.driver.at if view.driver else None
    context |= {
        "view": view,
        "ended": False,
        "status_text": status_name(view.status, t),
        "seen_minutes": int((utcnow() - seen).total_seconds() // 60) if seen else 0,
        "config": {
            "locale": locale,
            "strings": {text: t(text) for text in script_texts("track")},
            "tracking": {
                "token": request.match_info["token"],
                "order_id": view.order_id,
                "store_name": view.store_name,
                "store": position(view.store),
                "driver": position(view.driver),
                "tiles": settings.map_tile_url,
                "statuses": {status.value: t(text) for status, text in STATUS.items()},
            },
        },
    }
    response = aiohttp_jinja2.render_template("track.html", request, context)
    response.headers["Cache-Control"] = "no-store"
    return response


# Media file names are content hashes: a URL always means the same bytes.
IMMUTABLE = "public, max-age=31536000, immutable"


@routes.get("/media/{shard}/{name}", name="media")
async def media_file(request: web.Request) -> web.StreamResponse:
    path = media.resolve(
        request.config_dict[SETTINGS].media_path(),
        request.match_info["shard"],
        request.match_info["name"],
    )
    if path is None:
        raise web.HTTPNotFound()
    return web.FileResponse(path, headers={"Cache-Control": IMMUTABLE})


def setup_pages(app: web.Application) -> None:
    mimetypes.add_type("application/manifest+json", ".webmanifest")
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
    )
    app.router.add_routes(routes)
    app.router.add_static("/static", HERE / "static", name="static")
