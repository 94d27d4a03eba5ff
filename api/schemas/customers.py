"""Back-office changes to a customer (the console's forms render these schemas)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class WalletAdjustmentIn(BaseModel):
    """The console's manual wallet adjustment (signed cents, a reason)."""

    model_config = ConfigDict(extra="forbid")

    amount_cents: int = Field(ge=-(10**7), le=10**7, strict=True)
    reason: str = Field(min_length=1, max_length=100)
