"""A store's vehicles and which driver drives which (the console's forms render these)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class VehicleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    transport: Literal["car", "bike", "foot"]
    plate: str = Field(default="", max_length=32)
    description: str = Field(default="", max_length=200)
    # A cooler: the only vehicles cold-chain orders may go in.
    has_cooler: bool = False


class DriverVehicleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    driver_id: int = Field(ge=1, le=2**31 - 1, strict=True)
    # None: the driver has no vehicle of the store (on foot, or their own).
    vehicle_id: int | None = Field(default=None, ge=1, le=2**31 - 1, strict=True)
