"""Server-rendered pages (aiohttp-jinja2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

from services import stores

HERE = Path(__file__).resolve().parent
routes = web.RouteTableDef()


@routes.get("/", name="index")
@aiohttp_jinja2.template("index.html")
async def index(request: web.Request) -> dict[str, Any]:
    return {"stores": await stores.list_stores()}


def setup_pages(app: web.Application) -> None:
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
    )
    app.router.add_routes(routes)
    app.router.add_static("/static", HERE / "static", name="static")
