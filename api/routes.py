"""Every REST route of the one app, registered in one place."""

from __future__ import annotations

from aiohttp import web

from api import (
    addresses,
    admin,
    auth_routes,
    cart,
    catalog,
    delivery,
    events,
    health,
    marketing,
    metrics,
    money,
    openapi,
    orders,
    prescriptions,
    relay,
    runs,
    staff,
    store_setup,
    stores,
    tracking,
)
from api.catalog_responses import CatalogResponses
from api.keys import CATALOG_RESPONSES


def setup_api(app: web.Application) -> None:
    app[CATALOG_RESPONSES] = CatalogResponses()
    modules = (
        health,
        metrics,
        money,
        auth_routes,
        catalog,  # before stores: its two hot routes are the first tried under /api/v1/stores
        stores,
        cart,
        delivery,
        orders,
        addresses,
        prescriptions,
        events,
        staff,
        runs,
        admin,
        marketing,
        store_setup,
        relay,
        tracking,
        openapi,
    )
    for module in modules:
        app.router.add_routes(module.routes)
