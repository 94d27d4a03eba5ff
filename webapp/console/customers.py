"""Customers who ordered in a store: search, one customer's orders and wallet, manual wallet
adjustments with a reason (admins), block/unblock (admins), through services.customers."""

from __future__ import annotations

from aiohttp import web

from api.schemas.customers import WalletAdjustmentIn
from core.errors import DomainError
from core.permissions import Permission as P
from services import backoffice, customers, listing
from webapp.console.base import (
    PREFIX,
    form_errors,
    page,
    parse_form,
    path_int,
    redirect,
    render,
    viewer_of,
)
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
        Column(
            "Name",
            lambda u, c: u.name or f"#{u.id}",
            link=lambda u, v: f"{PREFIX}/stores/{v.store_id}/customers/{u.id}",
        ),
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


async def _customer_page(
    request: web.Request,
    *,
    errors: dict[str, str] | None = None,
    notice: str = "",
    status: int = 200,
) -> web.Response:
    viewer = viewer_of(request)
    file = await customers.customer_of_store(
        viewer.principal, viewer.store_id, path_int(request, "customer_id")
    )
    context = {"file": file, "errors": errors or {}, "notice": notice}
    return render(request, "console/customers/customer.html", context, status=status)


@routes.get("/stores/{store_id}/customers/{customer_id}")
@page(P.VIEW_STORE_ORDERS)
async def customer_page(request: web.Request) -> web.StreamResponse:
    return await _customer_page(request)


@routes.post("/stores/{store_id}/customers/{customer_id}/wallet")
@page(P.MANAGE_BILLING)
async def adjust_wallet(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    try:
        body = await parse_form(request, WalletAdjustmentIn)
        await customers.adjust_wallet(
            viewer.principal,
            viewer.store_id,
            path_int(request, "customer_id"),
            amount_cents=body.amount_cents,
            reason=body.reason,
        )
    except DomainError as exc:
        return await _customer_page(request, errors=form_errors(exc), status=exc.status)
    return await _customer_page(request, notice="The wallet was adjusted.")


@routes.post("/stores/{store_id}/customers/{customer_id}/block")
@page(P.MANAGE_SETTINGS)
async def block(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    form = await request.post()
    customer_id = path_int(request, "customer_id")
    await customers.set_blocked(
        viewer.principal, viewer.store_id, customer_id, form.get("blocked") == "yes"
    )
    raise redirect(f"{PREFIX}/stores/{viewer.store_id}/customers/{customer_id}")
