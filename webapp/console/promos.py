"""Promo codes of a store: the table with usage, create (api/schemas/promos.PromoIn rendered)
and pause/resume, through services.promos."""

from __future__ import annotations

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
        Column("Code", lambda p, c: p.code, sort="code"),
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
