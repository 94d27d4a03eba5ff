from __future__ import annotations

from aiohttp import web

from api.http import doc, dump, path_id
from api.schemas.stores import StoreDetailOut, StoreList, StoreOut, ZoneOut
from services import stores

routes = web.RouteTableDef()


@routes.get("/api/v1/stores")
@doc("List the stores", tags=["stores"], response=StoreList)
async def list_stores(request: web.Request) -> web.Response:
    return dump(StoreList(items=[StoreOut.of(s) for s in await stores.list_stores()]))


@routes.get("/api/v1/stores/{store_id}")
@doc("A store with its delivery zones (GeoJSON polygons)", tags=["stores"], response=StoreDetailOut)
async def get_store(request: web.Request) -> web.Response:
    store = await stores.get_store(path_id(request, "store_id"))
    zones = [ZoneOut.of(z) for z in await stores.active_zones(store.id)]
    return dump(StoreDetailOut(**StoreOut.of(store).model_dump(), zones=zones))
