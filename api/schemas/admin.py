from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.schemas.catalog import ImageOut


class Translations(BaseModel):
    model_config = ConfigDict(extra="forbid")

    en: str | None = Field(default=None, max_length=300)
    ru: str | None = Field(default=None, max_length=300)
    es: str | None = Field(default=None, max_length=300)


class ProductPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Translations | None = None
    description: Translations | None = None
    is_active: bool | None = None
    age_restricted: bool | None = None
    max_per_order: int | None = Field(default=None, ge=1, le=999)
    image_url: str | None = Field(default=None, max_length=500)
    prescription_required: bool | None = None
    cold_chain: bool | None = None
    # At most `period_limit_quantity` per customer in any `period_limit_days` days; send
    # both (or both null to lift the rule).
    period_limit_quantity: int | None = Field(default=None, ge=1, le=999)
    period_limit_days: int | None = Field(default=None, ge=1, le=365)

    @model_validator(mode="after")
    def _period_limit_pairs(self) -> ProductPatch:
        pair = {"period_limit_quantity", "period_limit_days"}
        sent = pair & self.model_fields_set
        if sent and (
            sent != pair or (self.period_limit_quantity is None) != (self.period_limit_days is None)
        ):
            raise ValueError("send period_limit_quantity and period_limit_days together")
        return self


class PriceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    price_cents: int = Field(ge=0, le=10**8, strict=True)


class RestockIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quantity: int = Field(ge=-100_000, le=100_000, strict=True)


class ProductImageOut(BaseModel):
    product_id: int
    images: list[ImageOut]


class StockOut(BaseModel):
    variant_id: int
    stock: int


class StaffOut(BaseModel):
    user_id: int
    name: str
    role: str
    telegram_linked: bool
    driver_id: int | None


class StaffList(BaseModel):
    items: list[StaffOut]
