"""The admin console: the fourth door, server-rendered under /admin. Each area is a module
(home, stores, catalog, staff, orders, promos, customers); every view goes through
`base.page`, every table through `tables.table_view`."""

from __future__ import annotations

from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from webapp.console import (
    alerts,
    brands,
    catalog,
    categories,
    closing,
    customers,
    drivers,
    fleet,
    home,
    invitations,
    marketing,
    orders,
    promos,
    reports,
    staff,
    stores,
    zones,
)
from webapp.console.base import PREFIX, console_errors

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
AREAS = (
    home,
    invitations,
    stores,
    zones,
    closing,
    catalog,
    categories,
    brands,
    staff,
    drivers,
    fleet,
    orders,
    promos,
    marketing,
    customers,
    alerts,
    reports,
)


def build_console() -> web.Application:
    console = web.Application(middlewares=[console_errors])
    aiohttp_jinja2.setup(
        console,
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
    )
    for area in AREAS:
        console.router.add_routes(area.routes)
    return console


async def _to_home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther(PREFIX + "/")


def setup_console(app: web.Application) -> None:
    app.router.add_get(PREFIX, _to_home)
    app.add_subapp(PREFIX, build_console())
