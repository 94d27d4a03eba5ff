"""The customer–driver chat relay over HTTP, for the mini-apps and the storefront."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from api.auth import require_principal
from api.http import doc, dump, parse_body, path_id
from models import OrderEvent
from services import relay

routes = web.RouteTableDef()


class RelayIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=relay.MAX_TEXT)


class RelayMessageOut(BaseModel):
    id: int
    sender: str  # customer | driver
    text: str
    at: datetime

    @classmethod
    def of(cls, row: OrderEvent) -> RelayMessageOut:
        data = dict(row.data or {})
        return cls(id=row.id, sender=str(data["from"]), text=str(data["text"]), at=row.created_at)


class RelayList(BaseModel):
    items: list[RelayMessageOut]


@routes.get("/api/v1/orders/{order_id}/messages")
@doc(
    "The order's messages between the customer and the driver (also read by the store's staff)",
    tags=["orders"],
    response=RelayList,
    auth=True,
)
async def list_messages(request: web.Request) -> web.Response:
    principal = require_principal(request)
    rows = await relay.messages(path_id(request, "order_id"), principal)
    return dump(RelayList(items=[RelayMessageOut.of(r) for r in rows]))


@routes.post("/api/v1/orders/{order_id}/messages")
@doc(
    "Write to the driver (as the customer) or to the customer (as the driver), through their bot",
    tags=["orders"],
    body=RelayIn,
    response=RelayMessageOut,
    status=201,
    auth=True,
    errors={
        403: "relay_not_party: only the customer and the driver write",
        409: "relay_closed: no driver yet, or the delivery has ended",
    },
)
async def send_message(request: web.Request) -> web.Response:
    principal = require_principal(request)
    body = await parse_body(request, RelayIn)
    row = await relay.send(path_id(request, "order_id"), principal, body.text)
    return dump(RelayMessageOut.of(row), status=201)
