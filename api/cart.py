"""Carts: the signed-in customer's server cart, and pricing of an anonymous client cart."""

from __future__ import annotations

from aiohttp import web

from api.auth import require_principal
from api.http import doc, dump, parse_body, path_id
from api.locale import request_locale
from api.schemas.orders import CartOut, CartPriceIn, CartSetIn
from services import cart
from services.stores import get_store

routes = web.RouteTableDef()


@routes.post("/api/v1/stores/{store_id}/cart/price")
@doc(
    "Price a client-held (anonymous) cart with current prices and stock",
    tags=["cart"],
    body=CartPriceIn,
    response=CartOut,
)
async def price(request: web.Request) -> web.Response:
    store = await get_store(path_id(request, "store_id"))
    body = await parse_body(request, CartPriceIn)
    locale = request_locale(request, store.default_locale)
    view = await cart.price_lines(
        store.id,
        [(i.variant_id, i.quantity) for i in body.items],
        locale=locale,
        fallback=store.default_locale,
    )
    return dump(CartOut.of(view))


@routes.get("/api/v1/stores/{store_id}/cart")
@doc("My cart in this store", tags=["cart"], response=CartOut, auth=True)
async def get_cart(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    locale = request_locale(request, store.default_locale)
    view = await cart.view_cart(
        principal.user_id, store.id, locale=locale, fallback=store.default_locale
    )
    return dump(CartOut.of(view))


@routes.put("/api/v1/stores/{store_id}/cart/items")
@doc(
    "Set a line's quantity (0 removes it)",
    tags=["cart"],
    body=CartSetIn,
    response=CartOut,
    auth=True,
)
async def set_item(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    body = await parse_body(request, CartSetIn)
    locale = request_locale(request, store.default_locale)
    view = await cart.set_quantity(
        principal.user_id,
        store.id,
        body.variant_id,
        body.quantity,
        locale=locale,
        fallback=store.default_locale,
    )
    return dump(CartOut.of(view))


@routes.post("/api/v1/stores/{store_id}/cart/merge")
@doc(
    "Merge a client-held cart into mine (at sign-in)",
    tags=["cart"],
    body=CartPriceIn,
    response=CartOut,
    auth=True,
)
async def merge(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    body = await parse_body(request, CartPriceIn)
    locale = request_locale(request, store.default_locale)
    view = await cart.merge_anonymous(
        principal.user_id,
        store.id,
        [(i.variant_id, i.quantity) for i in body.items],
        locale=locale,
        fallback=store.default_locale,
    )
    return dump(CartOut.of(view))


@routes.delete("/api/v1/stores/{store_id}/cart")
@doc("Empty my cart", tags=["cart"], response=CartOut, auth=True)
async def empty(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store = await get_store(path_id(request, "store_id"))
    await cart.clear(principal.user_id, store.id)
    return dump(CartOut.of(cart.CartView(store_id=store.id)))
