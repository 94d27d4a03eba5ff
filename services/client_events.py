"""Client analytics: the events pages and mini-apps send, rrweb session recordings, and their
retention. Anonymous events carry the browser's client id; once that browser sends events
signed in, its earlier anonymous events are joined to the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.db import insert_unless_exists
from core.errors import Forbidden, ValidationFailed
from models import ClientEvent, SessionRecording, Store

MAX_EVENTS_PER_BATCH = 50
MAX_PROPS_CHARS = 2000
MAX_REPLAY_EVENTS = 2000
MAX_REPLAY_BYTES = 512 * 1024
MAX_RECORDING = timedelta(minutes=15)
# Chunks reach the server a little after the recording's last moment (batching, retries).
UPLOAD_GRACE = timedelta(minutes=2)


class EventType(StrEnum):
    PAGE_VIEW = "page_view"
    PRODUCT_VIEW = "product_view"
    CART_ADD = "cart_add"
    CART_REMOVE = "cart_remove"
    CART_UPDATE_QTY = "cart_update_qty"
    FAVORITE_ADD = "favorite_add"
    FAVORITE_REMOVE = "favorite_remove"
    SEARCH = "search"
    SEARCH_NO_RESULTS = "search_no_results"
    CHECKOUT_START = "checkout_start"
    PLACE_ORDER = "place_order"
    SUCCESS = "success"
    ERROR = "error"
    ZONE_UNAVAILABLE = "zone_unavailable"
    API_ERROR = "api_error"
    JS_ERROR = "js_error"


EVENT_TYPES = tuple(t.value for t in EventType)


@dataclass(frozen=True)
class NewEvent:
    type: str
    at: datetime
    path: str
    props: dict[str, Any]


def _store_id(value: Any) -> int | None:
    return value if isinstance(value, int) and 0 < value < 2**31 else None


async def _existing(store_ids: set[int]) -> set[int]:
    """The ids that name a store: a page may send anything, and a row must not point at
    a store that does not exist (a foreign key would refuse the whole batch)."""
    if not store_ids:
        return set()
    return {store.id for store in await Store.filter(id__in=list(store_ids)).only("id")}


async def record_events(*, client_id: str, user_id: int | None, events: list[NewEvent]) -> int:
    """Store a validated batch; returns how many were accepted. With a user, the client id's
    earlier anonymous events become theirs (one UPDATE, idempotent)."""
    claimed = {_store_id(e.props.get("store_id")) for e in events} - {None}
    stores = await _existing({s for s in claimed if s is not None})
    rows = [
        ClientEvent(
            session_id=client_id,
            user_id=user_id,
            store_id=s if (s := _store_id(e.props.get("store_id"))) in stores else None,
            name=e.type,
            url=e.path[:500],
            props=e.props,
            occurred_at=e.at,
        )
        for e in events
    ]
    async with in_transaction():
        if user_id is not None:
            await ClientEvent.filter(session_id=client_id, user_id=None).update(user_id=user_id)
        await ClientEvent.bulk_create(rows)
    return len(rows)


async def store_replay_chunk(
    *,
    user_id: int,
    recording_id: str,
    chunk: int,
    events: list[dict[str, Any]],
    store_id: int | None = None,
) -> None:
    """Keep one rrweb chunk of the user's recording (a chunk sent twice is kept once), with
    the store whose pages were recorded (an unknown store is dropped), so a store's managers
    see their store's recordings only.

    Raises Forbidden when the recording belongs to someone else, ValidationFailed when the
    recording would last more than 15 minutes."""
    first = await SessionRecording.filter(session_id=recording_id).order_by("chunk_index").first()
    stamps = [int(e["timestamp"]) for e in events]
    if first is not None:
        if first.user_id != user_id:
            raise Forbidden("this recording is not yours", fields={"recording_id": "not yours"})
        if utcnow() - first.created_at > MAX_RECORDING + UPLOAD_GRACE:
            raise ValidationFailed(
                "a recording lasts at most 15 minutes; start a new one",
                fields={"recording_id": "older than 15 minutes"},
            )
        start = min(stamps[0], int(first.events[0]["timestamp"])) if first.events else stamps[0]
    else:
        start = min(stamps)
    for index, stamp in enumerate(stamps):
        if stamp - start > MAX_RECORDING.total_seconds() * 1000:
            raise ValidationFailed(
                "a recording lasts at most 15 minutes; start a new one",
                fields={f"events.{index}.timestamp": "more than 15 minutes after the start"},
            )
    known = await _existing({store_id} if store_id is not None else set())
    await insert_unless_exists(
        SessionRecording(
            session_id=recording_id,
            chunk_index=chunk,
            user_id=user_id,
            store_id=store_id if store_id in known else None,
            events=events,
        )
    )


async def recording_events(recording_id: str) -> list[dict[str, Any]]:
    """The whole recording's rrweb events in order, for the player."""
    chunks = await SessionRecording.filter(session_id=recording_id).order_by("chunk_index")
    events: list[dict[str, Any]] = []
    for chunk in chunks:
        events.extend(chunk.events)
    return sorted(events, key=lambda e: int(e.get("timestamp", 0)))


async def purge_old_analytics(*, event_days: int, recording_days: int) -> tuple[int, int]:
    """Delete client events older than `event_days` and recordings older than
    `recording_days`; returns (events, recording chunks) deleted."""
    now = utcnow()
    events = await ClientEvent.filter(created_at__lt=now - timedelta(days=event_days)).delete()
    chunks = await SessionRecording.filter(
        created_at__lt=now - timedelta(days=recording_days)
    ).delete()
    return events, chunks
