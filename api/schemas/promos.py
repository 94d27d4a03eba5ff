"""A store's promo code as an admin writes it (the console's form renders this schema)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class PromoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=2, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")
    kind: Literal["percent", "fixed"]
    # Percent (1-100) for "percent", cents for "fixed".
    value: int = Field(ge=1, le=10**7, strict=True)
    min_order_cents: int = Field(default=0, ge=0, le=10**8, strict=True)
    starts_on: date | None = None
    expires_on: date | None = None
    max_uses: int | None = Field(default=None, ge=1, le=10**7, strict=True)
    max_uses_per_customer: int | None = Field(default=None, ge=1, le=1000, strict=True)
