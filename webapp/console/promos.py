"""Promo codes of a store: the table with usage, create and edit (api/schemas/promos.PromoIn
rendered), pause/resume, and a code's usage report (who used it, which orders, the discount
total), through services.promos."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from api.schemas.promos import PromoIn
from core.errors import DomainError
from core.permissions import Permission as P
from models import PromoCode
from models.enums import PromoKind
from services import backoffice, listing, promos
from webapp.console.base import (
    PREFIX,
    form_page,
    page,
    parse_form,
    path_int,
    redirect,
    schema_form,
    store_money,
    store_of,
)
from webapp.console.tables import Action, Cell, Column, Table, active_toggle, table_view

routes = web.RouteTableDef()
PROMO_FORM = schema_form(
    PromoIn,
    labels={
        "value": "Value (percent, or cents when fixed)",
        "min_order_cents": "Minimum order (cents)",
        "starts_on": "Starts on (YYYY-MM-DD)",
        "expires_on": "Last day (YYYY-MM-DD)",
        "max_uses": "Uses in total",
        "max_uses_per_customer": "Uses per customer",
    },
)


def _value(promo: PromoCode, cell: Cell) -> str:
    return f"{promo.value}%" if promo.kind is PromoKind.PERCENT else cell.money(promo.value)


PROMOS = Table(
    name="promos",
    title="Promo codes",
    source=lambda viewer: backoffice.promos_query(viewer.store_id),
    listing=listing.Listing(
        sortable=("code", "created_at", "used_count"),
        default_sort="-created_at",
        search_fields=("code",),
        filters=(listing.active_filter("paused"),),
    ),
    columns=(
        Column(
            "Code",
            lambda p, c: p.code,
            sort="code",
            link=lambda p, v: f"{PREFIX}/stores/{p.store_id}/promos/{p.id}",
        ),
        Column("Discount", _value),
        Column("Minimum", lambda p, c: c.money(p.min_order_cents)),
        Column("Used", lambda p, c: f"{p.used_count} / {p.max_uses or '∞'}", sort="used_count"),
        Column("Per customer", lambda p, c: p.max_uses_per_customer or "∞"),
        Column("Starts", lambda p, c: c.when(p.starts_at)),
        Column("Expires", lambda p, c: c.when(p.expires_at)),
        Column("Active", lambda p, c: "yes" if p.is_active else "paused"),
    ),
    empty="No promo code in this store yet. Create one with “New promo code”.",
    actions=(Action("New promo code", lambda v: f"{PREFIX}/stores/{v.store_id}/promos/new"),),
    row_actions=(
        active_toggle(
            lambda r, v: f"{PREFIX}/stores/{v.store_id}/promos/{r.id}/active", "Pause", "Resume"
        ),
    ),
)


@routes.get("/stores/{store_id}/promos")
@page(P.MANAGE_PROMOS)
async def promos_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, PROMOS)


@routes.get("/stores/{store_id}/promos/new")
@page(P.MANAGE_PROMOS)
async def new_promo_page(request: web.Request) -> web.StreamResponse:
    return form_page(
        request,
        heading=f"New promo code at {store_of(request).name}",
        submit="Create promo code",
        fields=PROMO_FORM,
        values={"kind": "percent", "min_order_cents": 0},
    )


@routes.post("/stores/{store_id}/promos/new")
@page(P.MANAGE_PROMOS)
async def create_promo(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    try:
        body = await parse_form(request, PromoIn)
        await promos.create_promo(store, body.model_dump())
    except DomainError as exc:  # ValidationFailed, Conflict promo_taken
        return form_page(
            request,
            heading=f"New promo code at {store.name}",
            submit="Create promo code",
            fields=PROMO_FORM,
            values=await request.post(),
            error=exc,
        )
    raise redirect(f"{PREFIX}/stores/{store.id}/promos")


@routes.post("/stores/{store_id}/promos/{promo_id}/active")
@page(P.MANAGE_PROMOS)
async def set_promo_active(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    form = await request.post()
    await promos.set_promo_active(
        store.id, path_int(request, "promo_id"), form.get("active") == "yes"
    )
    raise redirect(f"{PREFIX}/stores/{store.id}/promos")


def _usage_table(promo: PromoCode) -> Table:
    """The uses of one promo code: a table of its own, so it pages and exports like the rest."""
    return Table(
        name=f"promo-{promo.code.lower()}-usage",
        title=f"Promo code {promo.code}: usage",
        source=lambda viewer: promos.redemptions_query(viewer.store_id, promo.id),
        listing=listing.Listing(
            sortable=("created_at", "discount_cents"),
            default_sort="-created_at",
            search_fields=("user__name", "order__number"),
            related=("user", "order"),
        ),
        columns=(
            Column(
                "Customer",
                lambda r, c: r.user.name,
                link=lambda r, v: f"{PREFIX}/stores/{r.store_id}/customers/{r.user_id}",
            ),
            Column(
                "Order",
                lambda r, c: r.order.number,
                link=lambda r, v: f"{PREFIX}/stores/{r.store_id}/orders/{r.order_id}",
            ),
            Column("Discount", lambda r, c: c.money(r.discount_cents), sort="discount_cents"),
            Column("Used at", lambda r, c: c.when(r.created_at), sort="created_at"),
        ),
        empty="Nobody has used this code yet. Customers type it at checkout.",
        actions=(Action("Edit", lambda v: f"{PREFIX}/stores/{v.store_id}/promos/{promo.id}/edit"),),
    )


@routes.get("/stores/{store_id}/promos/{promo_id}")
@page(P.MANAGE_PROMOS)
async def promo_usage(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    promo = await promos.get_promo(store.id, path_int(request, "promo_id"))
    usage = await promos.promo_usage(store.id, promo.id)
    money = store_money(store)
    summary = (
        ("Status", "active" if promo.is_active else "paused"),
        ("Uses", str(usage.uses)),
        ("Customers", str(usage.customers)),
        ("Discount given", money(usage.discount_cents)),
    )
    return await table_view(request, _usage_table(promo), summary=summary)


def _edit_form(
    request: web.Request, promo: PromoCode, values: Any, error: DomainError | None = None
) -> web.Response:
    return form_page(
        request,
        heading=f"Edit promo code {promo.code}",
        submit="Save promo code",
        fields=PROMO_FORM,
        values=values,
        error=error,
    )


@routes.get("/stores/{store_id}/promos/{promo_id}/edit")
@page(P.MANAGE_PROMOS)
async def edit_promo_page(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    promo = await promos.get_promo(store.id, path_int(request, "promo_id"))
    values = {k: "" if v is None else v for k, v in promos.promo_form_values(store, promo).items()}
    return _edit_form(request, promo, values)


@routes.post("/stores/{store_id}/promos/{promo_id}/edit")
@page(P.MANAGE_PROMOS)
async def edit_promo(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    promo = await promos.get_promo(store.id, path_int(request, "promo_id"))
    try:
        body = await parse_form(request, PromoIn)
        await promos.update_promo(store, promo.id, body.model_dump())
    except DomainError as exc:  # ValidationFailed, Conflict promo_taken
        return _edit_form(request, promo, await request.post(), exc)
    raise redirect(f"{PREFIX}/stores/{store.id}/promos/{promo.id}")
