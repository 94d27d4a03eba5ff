"""The signed-in customer's saved addresses (their own only)."""

from __future__ import annotations

from aiohttp import web

from api.auth import require_principal
from api.http import doc, dump, parse_body, path_id
from api.schemas.addresses import SavedAddressIn, SavedAddressList, SavedAddressOut
from services import addresses

routes = web.RouteTableDef()


async def _listing(user_id: int) -> web.Response:
    found = await addresses.list_addresses(user_id)
    return dump(SavedAddressList(items=[SavedAddressOut.of(a) for a in found]))


@routes.get("/api/v1/me/addresses")
@doc("My saved addresses, the default first", tags=["me"], response=SavedAddressList, auth=True)
async def list_addresses(request: web.Request) -> web.Response:
    return await _listing(require_principal(request).user_id)


@routes.post("/api/v1/me/addresses")
@doc(
    "Save an address (the first becomes the default)",
    tags=["me"],
    body=SavedAddressIn,
    response=SavedAddressOut,
    status=201,
    auth=True,
    errors={422: "validation_error / too_many_addresses: the fields named"},
)
async def add_address(request: web.Request) -> web.Response:
    principal = require_principal(request)
    body = await parse_body(request, SavedAddressIn)
    address = await addresses.add_address(
        principal.user_id,
        text=body.text.strip(),
        details=body.details.strip(),
        label=body.label.strip(),
        lat=body.lat,
        lng=body.lng,
        make_default=body.make_default,
    )
    return dump(SavedAddressOut.of(address), status=201)


@routes.put("/api/v1/me/addresses/{address_id}/default")
@doc(
    "Make one of my addresses the default; answers the list",
    tags=["me"],
    response=SavedAddressList,
    auth=True,
)
async def make_default(request: web.Request) -> web.Response:
    principal = require_principal(request)
    await addresses.make_default(principal.user_id, path_id(request, "address_id"))
    return await _listing(principal.user_id)


@routes.delete("/api/v1/me/addresses/{address_id}")
@doc(
    "Forget one of my addresses; answers the list",
    tags=["me"],
    response=SavedAddressList,
    auth=True,
)
async def delete_address(request: web.Request) -> web.Response:
    principal = require_principal(request)
    await addresses.delete_address(principal.user_id, path_id(request, "address_id"))
    return await _listing(principal.user_id)
