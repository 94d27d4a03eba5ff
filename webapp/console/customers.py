"""Customers who ordered in a store: search and their orders (through the orders table)."""

from __future__ import annotations

from aiohttp import web

from core.permissions import Permission as P
from services import backoffice, listing
from webapp.console.base import PREFIX, page
from webapp.console.tables import Column, Table, table_view

routes = web.RouteTableDef()

CUSTOMERS = Table(
    name="customers",
    title="Customers",
    source=lambda viewer: backoffice.store_customers_query(viewer.principal, viewer.store_id),
    listing=listing.Listing(
        sortable=("name", "created_at"),
        default_sort="-created_at",
        search_fields=("name", "email", "phone"),
    ),
    columns=(
        Column("Name", lambda u, c: u.name),
        Column("Phone", lambda u, c: u.phone or ""),
        Column("E-mail", lambda u, c: u.email or ""),
        Column("Since", lambda u, c: c.when(u.created_at), sort="created_at"),
        Column("Active", lambda u, c: "yes" if u.is_active else "blocked"),
        Column(
            "Orders",
            lambda u, c: "orders",
            link=lambda u, v: f"{PREFIX}/stores/{v.store_id}/orders?customer={u.id}",
        ),
    ),
    empty="No customer has ordered in this store yet.",
)


@routes.get("/stores/{store_id}/customers")
@page(P.VIEW_STORE_ORDERS)
async def customers_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, CUSTOMERS)
