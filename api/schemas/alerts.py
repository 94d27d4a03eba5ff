"""Who gets a store's urgent Pushover alerts (the console's form renders this schema)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AlertKind = Literal["new_order", "delivered"]


class AlertRecipientIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    # Pushover user and group keys are 30 letters and digits.
    pushover_user_key: str = Field(pattern=r"^[A-Za-z0-9]{30}$")
    kinds: list[AlertKind] = Field(default_factory=list, max_length=2)
