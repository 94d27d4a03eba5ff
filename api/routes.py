"""Every REST route of the one app, registered in one place."""

from __future__ import annotations

from aiohttp import web

from api import (
    admin,
    auth_routes,
    cart,
    catalog,
    delivery,
    events,
    health,
    metrics,
    money,
    openapi,
    orders,
    staff,
    store_setup,
    stores,
)


def setup_api(app: web.Application) -> None:
    modules = (
        health,
        metrics,
        money,
        auth_routes,
        stores,
        catalog,
        cart,
        delivery,
        orders,
        events,
        staff,
        admin,
        store_setup,
        openapi,
    )
    for module in modules:
        app.router.add_routes(module.routes)
