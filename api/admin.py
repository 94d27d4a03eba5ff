"""The admin API under /api/v1/admin."""

from __future__ import annotations

from aiohttp import web

from api.auth import require_principal
from api.http import doc, dump
from api.schemas.stores import StoreList, StoreOut
from models.enums import Role
from services import stores

routes = web.RouteTableDef()


@routes.get("/api/v1/admin/stores")
@doc("Every store (admins)", tags=["admin"], response=StoreList, auth=True)
async def admin_stores(request: web.Request) -> web.Response:
    require_principal(request, Role.ADMIN)
    return dump(StoreList(items=[StoreOut.of(s) for s in await stores.list_stores()]))
