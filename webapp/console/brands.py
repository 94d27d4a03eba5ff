"""A store's brands (services.category_admin): the table, a new brand and a rename."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from api.schemas.catalog_edit import BrandIn
from core.errors import DomainError
from core.permissions import Permission as P
from models import Brand
from services import category_admin, listing
from webapp.console.base import (
    PREFIX,
    ctx_of,
    form_page,
    page,
    parse_form,
    path_int,
    redirect,
    schema_form,
    store_of,
)
from webapp.console.tables import Action, Column, Table, table_view

routes = web.RouteTableDef()
BRAND_FORM = schema_form(BrandIn)

BRANDS = Table(
    name="brands",
    title="Brands",
    source=lambda viewer: category_admin.brands_query(viewer.store_id),
    listing=listing.Listing(sortable=("name", "id"), default_sort="name", search_fields=("name",)),
    columns=(
        Column(
            "Name",
            lambda b, c: b.name,
            sort="name",
            link=lambda b, v: f"{PREFIX}/stores/{b.store_id}/brands/{b.id}",
        ),
        Column("Slug", lambda b, c: b.slug),
    ),
    empty="No brand yet. Add one with “New brand”, or import the catalog as CSV: its brand "
    "column creates them.",
    actions=(Action("New brand", lambda v: f"{PREFIX}/stores/{v.store_id}/brands/new"),),
)


@routes.get("/stores/{store_id}/brands")
@page(P.MANAGE_CATALOG)
async def brands_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, BRANDS)


def _form(
    request: web.Request, brand: Brand | None, values: Any, error: DomainError | None = None
) -> web.Response:
    return form_page(
        request,
        heading=f"Brand {brand.name}" if brand else "New brand",
        submit="Save brand" if brand else "Create brand",
        fields=BRAND_FORM,
        values=values,
        error=error,
    )


async def _brand(request: web.Request) -> Brand:
    return await category_admin.get_brand(store_of(request).id, path_int(request, "brand_id"))


async def _save(request: web.Request, brand: Brand | None) -> web.StreamResponse:
    store = store_of(request)
    try:
        body = await parse_form(request, BrandIn)
        await category_admin.save_brand(
            ctx_of(request).cache, store.id, brand.id if brand else None, body.name
        )
    except DomainError as exc:  # ValidationFailed, Conflict brand_taken
        return _form(request, brand, await request.post(), exc)
    raise redirect(f"{PREFIX}/stores/{store.id}/brands")


@routes.get("/stores/{store_id}/brands/new")
@page(P.MANAGE_CATALOG)
async def new_brand_page(request: web.Request) -> web.StreamResponse:
    return _form(request, None, {})


@routes.post("/stores/{store_id}/brands/new")
@page(P.MANAGE_CATALOG)
async def create_brand(request: web.Request) -> web.StreamResponse:
    return await _save(request, None)


@routes.get("/stores/{store_id}/brands/{brand_id}")
@page(P.MANAGE_CATALOG)
async def brand_page(request: web.Request) -> web.StreamResponse:
    brand = await _brand(request)
    return _form(request, brand, {"name": brand.name})


@routes.post("/stores/{store_id}/brands/{brand_id}")
@page(P.MANAGE_CATALOG)
async def rename_brand(request: web.Request) -> web.StreamResponse:
    return await _save(request, await _brand(request))
