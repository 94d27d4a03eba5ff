"""Plans, campaigns and banners as staff write them (the console's forms render these) and
as the API answers them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

URL_PATTERN = r"^https?://[^\s<>\"']+$"


def _utc(value: datetime | None) -> datetime | None:
    """A time without a zone is UTC (the console's text box sends none)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Basis points of what the customer paid (100 = 1%).
    cashback_bps: int = Field(ge=0, le=5000, strict=True)
    # The share of an order (percent of what is due) the wallet may pay.
    wallet_limit_percent: int = Field(default=100, ge=0, le=100, strict=True)
    # Free delivery when the items reach this; empty: delivery is never free.
    free_delivery_over_cents: int | None = Field(default=None, ge=0, le=10**8, strict=True)


class PlanOut(BaseModel):
    code: str
    cashback_bps: int
    wallet_limit_percent: int
    free_delivery_over_cents: int | None


class PlanList(BaseModel):
    items: list[PlanOut]


class PlanSwitchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan: Literal["standard", "premium"]


class PlanSwitchOut(BaseModel):
    user_id: int
    plan: str
    changed: bool


class CampaignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    photo_url: str | None = Field(default=None, max_length=500, pattern=URL_PATTERN)
    text: str = Field(min_length=1, max_length=4000)
    button_text: str | None = Field(default=None, max_length=64)
    button_kind: Literal["web_app", "url"] = "web_app"
    # Empty: the button opens the store's shop.
    button_url: str | None = Field(default=None, max_length=500, pattern=URL_PATTERN)
    segment: Literal["all", "recent", "never", "plan"]
    # For "recent": customers with an order in the last `days` days.
    days: int = Field(default=30, ge=1, le=3650, strict=True)
    # For "plan".
    plan: Literal["standard", "premium"] | None = None
    # Empty: now.
    send_at: datetime | None = None

    @field_validator("send_at")
    @classmethod
    def _send_at_utc(cls, value: datetime | None) -> datetime | None:
        return _utc(value)

    @field_validator("button_url")
    @classmethod
    def _web_app_https(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and info.data.get("button_kind") == "web_app" and not value.startswith("https://"):
            raise ValueError("a Mini App button needs an https:// address")
        return value

    @field_validator("text")
    @classmethod
    def _photo_caption(cls, value: str, info: ValidationInfo) -> str:
        # Telegram's captions are shorter than its messages.
        if info.data.get("photo_url") and len(value) > 1024:
            raise ValueError("at most 1024 characters with a photo")
        return value


class CampaignOut(BaseModel):
    id: int
    name: str
    status: str
    segment: str
    scheduled_at: datetime | None
    started_at: datetime | None
    recipients: int
    sent: int
    failed: int
    blocked: int
    skipped: int
    pending: int


class CampaignList(BaseModel):
    items: list[CampaignOut]


class BannerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(default="", max_length=200)
    image_url: str = Field(min_length=1, max_length=500, pattern=URL_PATTERN)
    link: str | None = Field(default=None, max_length=500, pattern=r"^(https?://|/)[^\s<>\"']*$")
    position: int = Field(default=0, ge=-1000, le=1000, strict=True)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    is_active: bool = True

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _dates_utc(cls, value: datetime | None) -> datetime | None:
        return _utc(value)


class BannerOut(BaseModel):
    id: int
    title: str
    image_url: str
    link: str
    position: int


class BannerList(BaseModel):
    items: list[BannerOut]


class StaffBannerOut(BannerOut):
    starts_at: datetime | None
    ends_at: datetime | None
    is_active: bool


class StaffBannerList(BaseModel):
    items: list[StaffBannerOut]
