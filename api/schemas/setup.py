"""Bodies of the store set-up endpoints (the console's forms render the same schemas)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

Clock = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")]
OpeningHours = dict[
    Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    Annotated[list[Annotated[list[Clock], Field(min_length=2, max_length=2)]], Field(max_length=6)],
]


class StoreIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str = Field(min_length=2, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1, max_length=200)
    address: str = Field(min_length=1, max_length=500)
    lat: float = Field(ge=-90, le=90)
    lng: float = Field(ge=-180, le=180)
    timezone: str = Field(min_length=1, max_length=64)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    default_locale: Literal["en", "ru", "es"]
    phone: str = Field(default="", max_length=32)
    legal_age: int = Field(default=18, ge=0, le=99, strict=True)
    opening_hours: OpeningHours = Field(default_factory=dict)
    # VAT percent for invoice lines whose product has no tax rate (21, 10.5).
    default_tax_rate: Decimal = Field(
        default=Decimal(0), ge=0, le=100, max_digits=5, decimal_places=2, allow_inf_nan=False
    )
    # Pharmacy rules: how long an order may wait for an approved prescription before it is
    # cancelled, and the longest delivery slot for cold-chain goods.
    prescription_review_minutes: int = Field(default=24 * 60, ge=15, le=14 * 24 * 60, strict=True)
    cold_chain_max_slot_minutes: int = Field(default=120, ge=15, le=24 * 60, strict=True)
    # Auto-dispatch: READY orders are offered to the best driver on shift, who has this many
    # seconds to accept before the next one is asked.
    auto_dispatch: bool = False
    offer_timeout_seconds: int = Field(default=60, ge=15, le=30 * 60, strict=True)
    # "Delivered" only with a proof-of-delivery photo (off: the driver may skip it).
    proof_photo_required: bool = False

    def model_values(self) -> dict[str, Any]:
        values = self.model_dump()
        values["address_text"] = values.pop("address")
        return values


class ZoneIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    polygon: dict[str, Any]
    fee_cents: int = Field(ge=0, le=10**7, strict=True)
    min_order_cents: int = Field(ge=0, le=10**8, strict=True)
    eta_minutes: int | None = Field(default=None, ge=1, le=24 * 60, strict=True)


class SlotRuleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    weekday: int = Field(ge=0, le=6, strict=True)
    start: Clock
    end: Clock
    length_minutes: int = Field(ge=10, le=24 * 60, strict=True)
    capacity: int = Field(ge=0, le=10_000, strict=True)


class SlotRulesIn(RootModel[list[SlotRuleIn]]):
    root: list[SlotRuleIn] = Field(max_length=7 * 48)


class SlotRulesOut(BaseModel):
    rules: list[SlotRuleIn]
    slots_created: int


class ImportOut(BaseModel):
    created: int
    updated: int
    unchanged: int
    dry_run: bool
    errors: list[dict[str, Any]]


class EmployeeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254)
    name: str = Field(min_length=1, max_length=200)
    role: Literal["manager", "dispatcher", "driver"]
    password: str | None = Field(default=None, max_length=200)


class EmployeeOut(BaseModel):
    id: int
    email: str
    role: str
    store_id: int
    link_code: str
