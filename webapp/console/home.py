"""Signing in and out, the home page per role, and the store switcher."""

from __future__ import annotations

from aiohttp import web

from api.auth import client_info, client_ip
from api.ratelimit import limit_key
from core import untrusted
from core.errors import DomainError, RateLimited, ValidationFailed
from core.permissions import Permission
from services import backoffice, orders
from services.auth.browser import console_login, console_logout
from webapp.console.base import (
    PRE_COOKIE,
    PREFIX,
    SESSION_COOKIE,
    check_csrf,
    ctx_of,
    page,
    redirect,
    render,
    set_cookie,
    viewer_of,
)

routes = web.RouteTableDef()


def _safe_next(target: str) -> str:
    # Only back into the console, never to another site ("//evil", "/admin\\@evil").
    if target.startswith(PREFIX + "/") and "//" not in target and "\\" not in target:
        return target
    return PREFIX + "/"


@routes.get("/login")
async def login_page(request: web.Request) -> web.StreamResponse:
    return render(
        request,
        "console/login.html",
        {"next": _safe_next(request.query.get("next", ""))},
        pre_session=True,
    )


@routes.post("/login")
async def login(request: web.Request) -> web.StreamResponse:
    await check_csrf(request, PRE_COOKIE)
    form = await request.post()
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    target = _safe_next(str(form.get("next", "")))
    try:
        # The same per-address limit as the API's sign-in.
        await limit_key(request, "auth", client_ip(request))
        for name, value in (("email", email), ("password", password)):
            try:
                untrusted.check_text(value, name)
            except untrusted.UntrustedInput as exc:
                raise ValidationFailed(exc.message, fields={name: exc.message}) from None
        token = await console_login(
            ctx_of(request),
            email=email[:254],
            password=password[:1000],
            client=client_info(request),
        )
    except DomainError as exc:
        context = {"next": target, "error": exc.message, "values": {"email": email[:254]}}
        response = render(
            request, "console/login.html", context, status=exc.status, pre_session=True
        )
        if isinstance(exc, RateLimited):
            response.headers["Retry-After"] = str(max(1, round(exc.retry_after + 0.499)))
        return response
    response = redirect(target)
    set_cookie(request, response, SESSION_COOKIE, token)
    response.del_cookie(PRE_COOKIE, path=PREFIX)
    raise response


@routes.post("/logout")
@page()
async def logout(request: web.Request) -> web.StreamResponse:
    await console_logout(request.cookies.get(SESSION_COOKIE, ""))
    response = redirect(PREFIX + "/login")
    response.del_cookie(SESSION_COOKIE, path=PREFIX)
    raise response


@routes.get("/")
@page()
async def home(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    deliveries = []
    if viewer.can(Permission.DELIVER_ORDERS):
        try:
            deliveries = await orders.driver_orders(viewer.principal)
        except DomainError:  # a driver account without a driver record yet
            deliveries = []
    return render(request, "console/home.html", {"deliveries": deliveries})


@routes.get("/switch")
@page()
async def switch_store(request: web.Request) -> web.StreamResponse:
    """The store switcher: only the viewer's stores (another id is simply not found)."""
    raw = request.query.get("store", "")
    store_id = untrusted.parse_id(raw, untrusted.MAX_ROW_ID)
    if store_id is None:
        raise ValidationFailed("choose a store", fields={"store": "one of your stores"})
    store = await backoffice.store_for(viewer_of(request).principal, store_id)
    raise redirect(f"{PREFIX}/stores/{store.id}")
