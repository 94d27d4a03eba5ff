"""The public tracking link's data: no sign-in, the signed token is the key."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web
from pydantic import BaseModel

from api.http import doc, dump
from api.keys import CTX
from services import tracking

routes = web.RouteTableDef()


class PositionOut(BaseModel):
    lat: float
    lng: float
    at: datetime | None


class TrackingOut(BaseModel):
    order_id: int
    number: str
    status: str
    eta_minutes: int | None
    store_name: str
    store: PositionOut | None
    driver: PositionOut | None

    @classmethod
    def of(cls, view: tracking.TrackingView) -> TrackingOut:
        def position(p: tracking.Position | None) -> PositionOut | None:
            return PositionOut(lat=p.lat, lng=p.lng, at=p.at) if p else None

        return cls(
            order_id=view.order_id,
            number=view.number,
            status=view.status,
            eta_minutes=view.eta_minutes,
            store_name=view.store_name,
            store=position(view.store),
            driver=position(view.driver),
        )


@routes.get("/api/v1/track/{token}")
@doc(
    "Where the driver is (the public tracking link sent when an order is on its way)",
    tags=["orders"],
    response=TrackingOut,
    errors={404: "tracking_link_invalid", 410: "tracking_ended: delivered or cancelled"},
)
async def track(request: web.Request) -> web.Response:
    view = await tracking.tracking_view(
        request.config_dict[CTX].settings, request.match_info["token"]
    )
    response = dump(TrackingOut.of(view))
    response.headers["Cache-Control"] = "no-store"
    return response
