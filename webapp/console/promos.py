"""Promo codes of a store: the table with its usage (created by the JSON API for now)."""

from __future__ import annotations

from aiohttp import web

from core.permissions import Permission as P
from models import PromoCode
from models.enums import PromoKind
from services import backoffice, listing
from webapp.console.base import page
from webapp.console.tables import Cell, Column, Table, table_view

routes = web.RouteTableDef()


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
        filters=(
            listing.Filter(
                "active",
                "Status",
                "is_active",
                (("yes", "active"), ("no", "paused")),
                parse=lambda v: v == "yes",
            ),
        ),
    ),
    columns=(
        Column("Code", lambda p, c: p.code, sort="code"),
        Column("Discount", _value),
        Column("Minimum", lambda p, c: c.money(p.min_order_cents)),
        Column("Used", lambda p, c: f"{p.used_count} / {p.max_uses or '∞'}", sort="used_count"),
        Column("Starts", lambda p, c: c.when(p.starts_at)),
        Column("Expires", lambda p, c: c.when(p.expires_at)),
        Column("Active", lambda p, c: "yes" if p.is_active else "paused"),
    ),
    empty="No promo code in this store yet.",
)


@routes.get("/stores/{store_id}/promos")
@page(P.MANAGE_PROMOS)
async def promos_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, PROMOS)
