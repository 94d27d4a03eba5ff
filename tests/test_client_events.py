"""POST /api/v1/events and /events/replay: validation naming the event and field, limits,
the anonymous client joined to the user, replay rules, and retention."""

from __future__ import annotations

from datetime import timedelta

from aiohttp.test_utils import TestClient

from core.clock import utcnow
from core.settings import Settings
from models import ClientEvent, SessionRecording
from services.client_events import purge_old_analytics
from services.demo import SeedReport
from tests.fixtures.people import Person, make_person

CLIENT = "client-abc-123"


def event(kind: str = "page_view", **extra: object) -> dict[str, object]:
    return {"type": kind, "at": utcnow().isoformat(), "path": "/s/demo", **extra}


def chunk(recording: str, index: int, *stamps: int) -> dict[str, object]:
    return {
        "recording_id": recording,
        "chunk": index,
        "events": [{"type": 3, "timestamp": s, "data": {"source": 1}} for s in stamps],
    }


async def test_batches_are_validated_per_event_and_field(client: TestClient) -> None:
    ok = await client.post(
        "/api/v1/events",
        json={"client_id": CLIENT, "events": [event(), event("search", props={"q": "ibu"})]},
    )
    assert ok.status == 202
    assert await ok.json() == {"accepted": 2}
    bad = await client.post(
        "/api/v1/events",
        json={"client_id": CLIENT, "events": [event(), event(), event("teleport")]},
    )
    assert bad.status == 422
    assert "events.2.type" in (await bad.json())["error"]["fields"]
    naive = await client.post(
        "/api/v1/events", json={"client_id": CLIENT, "events": [event(at="2026-11-25T10:00:00")]}
    )
    assert "events.0.at" in (await naive.json())["error"]["fields"]
    many = await client.post("/api/v1/events", json={"client_id": CLIENT, "events": [event()] * 51})
    assert many.status == 422 and "events" in (await many.json())["error"]["fields"]
    assert await ClientEvent.all().count() == 2
    search = await ClientEvent.get(name="search")
    assert search.props == {"q": "ibu"} and search.url == "/s/demo" and search.user_id is None


async def test_anonymous_events_join_the_user_at_sign_in(
    client: TestClient, customer: Person
) -> None:
    for _ in range(2):
        await client.post("/api/v1/events", json={"client_id": CLIENT, "events": [event()]})
    other = await client.post(
        "/api/v1/events", json={"client_id": "someone-else", "events": [event()]}
    )
    assert other.status == 202
    signed = await client.post(
        "/api/v1/events",
        headers=customer.headers,
        json={"client_id": CLIENT, "events": [event("cart_add")]},
    )
    assert signed.status == 202
    mine = await ClientEvent.filter(user_id=customer.user.id).count()
    assert mine == 3
    assert await ClientEvent.filter(user_id=None).values_list("session_id", flat=True) == [
        "someone-else"
    ]


async def test_ten_batches_a_minute_per_client(client: TestClient) -> None:
    body = {"client_id": CLIENT, "events": [event()]}
    statuses = [(await client.post("/api/v1/events", json=body)).status for _ in range(11)]
    assert statuses == [202] * 10 + [429]
    fresh = await client.post("/api/v1/events", json={**body, "client_id": "another-client"})
    assert fresh.status == 202


async def test_replay_is_for_signed_in_users_capped_and_limited(
    client: TestClient, settings: Settings, customer: Person
) -> None:
    start = 1_790_000_000_000
    anonymous = await client.post("/api/v1/events/replay", json=chunk("rec-00001", 0, start))
    assert anonymous.status == 401
    first = await client.post(
        "/api/v1/events/replay", headers=customer.headers, json=chunk("rec-00001", 0, start)
    )
    assert first.status == 202
    too_long = chunk("rec-00001", 1, start + 60_000, start + 16 * 60_000)
    late = await client.post("/api/v1/events/replay", headers=customer.headers, json=too_long)
    assert late.status == 422
    assert "events.1.timestamp" in (await late.json())["error"]["fields"]
    intruder = await make_person(settings)
    stolen = await client.post(
        "/api/v1/events/replay", headers=intruder.headers, json=chunk("rec-00001", 1, start)
    )
    assert stolen.status == 403
    huge = chunk("rec-00002", 0, start)
    huge["events"][0]["data"] = {"text": "x" * (600 * 1024)}  # type: ignore[index]
    big = await client.post("/api/v1/events/replay", headers=intruder.headers, json=huge)
    assert big.status == 413
    # Four chunks so far for the customer... the limit is six a minute per user.
    statuses = [
        (
            await client.post(
                "/api/v1/events/replay",
                headers=customer.headers,
                json=chunk("rec-00001", i, start + i),
            )
        ).status
        for i in range(1, 7)
    ]
    assert statuses == [202] * 4 + [429, 429]
    assert await SessionRecording.filter(session_id="rec-00001").count() == 5


async def test_retention_deletes_exactly_the_old_rows(settings: Settings) -> None:
    now = utcnow()
    ages = {"fresh": 1, "edge": 89, "old": 91, "older": 400}
    for name, days in ages.items():
        row = await ClientEvent.create(session_id="c" * 8, name="page_view", url=name)
        await ClientEvent.filter(id=row.id).update(created_at=now - timedelta(days=days))
    for index, days in enumerate((1, 29, 31)):
        row = await SessionRecording.create(session_id="r" * 8, chunk_index=index, events=[])
        await SessionRecording.filter(id=row.id).update(created_at=now - timedelta(days=days))
    deleted = await purge_old_analytics(
        event_days=settings.client_event_retention_days,
        recording_days=settings.session_recording_retention_days,
    )
    assert deleted == (2, 1)
    assert sorted(await ClientEvent.all().values_list("url", flat=True)) == ["edge", "fresh"]
    assert sorted(await SessionRecording.all().values_list("chunk_index", flat=True)) == [0, 1]


async def test_events_and_recordings_keep_only_a_real_store(
    client: TestClient, customer: Person, demo: SeedReport
) -> None:
    """A page names its store; an id that names no store is dropped, never refused with a
    foreign-key error (and never a 500)."""
    batch = [
        event(props={"store_id": demo.store_id}),
        event(props={"store_id": 2**31 - 1}),
        event(props={"store_id": "1"}),
    ]
    sent = await client.post("/api/v1/events", json={"client_id": CLIENT, "events": batch})
    assert sent.status == 202 and await sent.json() == {"accepted": 3}
    stores = await ClientEvent.all().order_by("id").values_list("store_id", flat=True)
    assert stores == [demo.store_id, None, None]
    start = 1_700_000_000_000
    for recording, store in (("rec-store-1", demo.store_id), ("rec-store-2", 2**31 - 1)):
        body = {**chunk(recording, 0, start), "store_id": store}
        up = await client.post("/api/v1/events/replay", headers=customer.headers, json=body)
        assert up.status == 202
    kept = await SessionRecording.get(session_id="rec-store-1")
    unknown = await SessionRecording.get(session_id="rec-store-2")
    assert (kept.store_id, unknown.store_id) == (demo.store_id, None)
    bad = {**chunk("rec-store-3", 0, start), "store_id": 0}
    refused = await client.post("/api/v1/events/replay", headers=customer.headers, json=bad)
    assert refused.status == 422 and "store_id" in (await refused.json())["error"]["fields"]
