"""Every REST route of the one app, registered in one place."""

from __future__ import annotations

from aiohttp import web

from api import admin, cart, catalog, delivery, health, openapi, orders, staff, stores


def setup_api(app: web.Application) -> None:
    for module in (health, stores, catalog, cart, delivery, orders, staff, admin, openapi):
        app.router.add_routes(module.routes)
