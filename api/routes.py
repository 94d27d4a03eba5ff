"""Every REST route of the one app, registered in one place."""

from __future__ import annotations

from aiohttp import web

from api import (
    admin,
    auth_routes,
    cart,
    catalog,
    delivery,
    health,
    money,
    openapi,
    orders,
    relay,
    staff,
    store_setup,
    stores,
    tracking,
)


def setup_api(app: web.Application) -> None:
    modules = (
        health,
        money,
        auth_routes,
        stores,
        catalog,
        cart,
        delivery,
        orders,
        staff,
        admin,
        store_setup,
        relay,
        tracking,
        openapi,
    )
    for module in modules:
        app.router.add_routes(module.routes)
