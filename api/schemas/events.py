"""Client analytics batches and rrweb replay chunks, as the pages send them."""

from __future__ import annotations

import json
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from services.client_events import (
    EVENT_TYPES,
    MAX_EVENTS_PER_BATCH,
    MAX_PROPS_CHARS,
    MAX_REPLAY_EVENTS,
    EventType,
)

CLIENT_ID = r"^[A-Za-z0-9_-]{8,64}$"

__all__ = ["EVENT_TYPES", "AcceptedOut", "EventIn", "EventsIn", "ReplayIn", "RrwebEvent"]


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: EventType
    at: AwareDatetime
    path: str | None = Field(default=None, max_length=500)
    props: dict[str, Any] = Field(default_factory=dict, max_length=30)

    @field_validator("props")
    @classmethod
    def _small(cls, value: dict[str, Any]) -> dict[str, Any]:
        if len(json.dumps(value, default=str)) > MAX_PROPS_CHARS:
            raise ValueError(f"at most {MAX_PROPS_CHARS} characters of JSON")
        return value


class EventsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: str = Field(pattern=CLIENT_ID)
    events: list[EventIn] = Field(min_length=1, max_length=MAX_EVENTS_PER_BATCH)


class AcceptedOut(BaseModel):
    accepted: int


class RrwebEvent(BaseModel):
    """One rrweb event: its type number, its time (ms since the epoch) and its data."""

    model_config = ConfigDict(extra="allow")

    type: int = Field(ge=0, le=100)
    timestamp: int = Field(ge=0, le=10**14)
    data: Any = None


class ReplayIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recording_id: str = Field(pattern=CLIENT_ID)
    chunk: int = Field(ge=0, le=10_000)
    client_id: str | None = Field(default=None, pattern=CLIENT_ID)
    # The store whose pages were recorded: scopes the recording to that store's managers.
    store_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    events: list[RrwebEvent] = Field(min_length=1, max_length=MAX_REPLAY_EVENTS)
