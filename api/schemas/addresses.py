from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models import Address


class SavedAddressIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=500, pattern=r"\S")
    details: str = Field(default="", max_length=200)
    label: str = Field(default="", max_length=64)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lng: float | None = Field(default=None, ge=-180, le=180)
    make_default: bool = False

    @model_validator(mode="after")
    def _both_or_neither(self) -> SavedAddressIn:
        if (self.lat is None) != (self.lng is None):
            raise ValueError("give both lat and lng, or neither")
        return self


class SavedAddressOut(BaseModel):
    id: int
    label: str
    text: str
    details: str
    lat: float | None
    lng: float | None
    is_default: bool

    @classmethod
    def of(cls, address: Address) -> SavedAddressOut:
        return cls(
            id=address.id,
            label=address.label,
            text=address.text,
            details=address.details,
            lat=address.lat,
            lng=address.lng,
            is_default=address.is_default,
        )


class SavedAddressList(BaseModel):
    items: list[SavedAddressOut]
