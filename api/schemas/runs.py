"""Delivery runs at the edge: what a dispatcher sends and what the run looks like."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.orders import RowId
from models.enums import OrderStatus
from services.runs import MAX_STOPS, MIN_STOPS, RunView


class RunIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    driver_id: RowId
    # The store's READY orders, each once; the route orders them, not this list.
    order_ids: list[RowId] = Field(min_length=MIN_STOPS, max_length=MAX_STOPS)


class RunStopOut(BaseModel):
    position: int
    order_id: int
    number: str
    status: OrderStatus
    address_text: str
    address_details: str
    lat: float | None
    lng: float | None
    # Minutes until the driver reaches the stop; null for an address without coordinates.
    eta_minutes: int | None


class RunOut(BaseModel):
    id: int
    store_id: int
    driver_id: int
    driver_name: str
    created_by_id: int | None
    created_at: datetime
    finished_at: datetime | None
    stops: list[RunStopOut]

    @classmethod
    def of(cls, view: RunView) -> RunOut:
        run = view.run
        return cls(
            id=run.id,
            store_id=run.store_id,
            driver_id=run.driver_id,
            driver_name=view.driver_name,
            created_by_id=run.created_by_id,
            created_at=run.created_at,
            finished_at=run.finished_at,
            stops=[
                RunStopOut(
                    position=o.run_position or 0,
                    order_id=o.id,
                    number=o.number,
                    status=o.status,
                    address_text=o.address_text,
                    address_details=o.address_details,
                    lat=o.lat,
                    lng=o.lng,
                    eta_minutes=o.eta_minutes,
                )
                for o in view.stops
            ],
        )
