"""Client analytics: POST /api/v1/events (batches, anonymous allowed) and
POST /api/v1/events/replay (rrweb chunks, signed-in users only)."""

from __future__ import annotations

from aiohttp import web

from api.auth import optional_principal, require_principal
from api.http import doc, dump, parse_body
from api.ratelimit import limit_key
from api.schemas.events import AcceptedOut, EventsIn, ReplayIn
from core.errors import PayloadTooLarge
from services import client_events
from services.client_events import MAX_REPLAY_BYTES, NewEvent

routes = web.RouteTableDef()

# A DOM snapshot nests as deep as the page does.
REPLAY_MAX_DEPTH = 256


@routes.post("/api/v1/events")
@doc(
    "Record a batch of at most 50 analytics events (anonymous allowed: the client id); "
    "10 batches a minute per client",
    tags=["events"],
    body=EventsIn,
    response=AcceptedOut,
    status=202,
    errors={401: "invalid_token / token_expired: a bearer token was sent and is not valid"},
)
async def post_events(request: web.Request) -> web.Response:
    principal = optional_principal(request)
    body = await parse_body(request, EventsIn)
    await limit_key(request, "events", body.client_id)
    accepted = await client_events.record_events(
        client_id=body.client_id,
        user_id=principal.user_id if principal else None,
        events=[NewEvent(e.type.value, e.at, e.path or "", e.props) for e in body.events],
    )
    return dump(AcceptedOut(accepted=accepted), status=202)


@routes.post("/api/v1/events/replay")
@doc(
    "Upload one rrweb chunk of the signed-in user's session recording (≤ 512 KiB, a "
    "recording at most 15 minutes); 6 chunks a minute",
    tags=["events"],
    body=ReplayIn,
    response=AcceptedOut,
    status=202,
    auth=True,
    errors={
        403: "forbidden: the recording belongs to someone else",
        413: "payload_too_large: a chunk is at most 512 KiB",
        422: "validation_error: a field, or a recording longer than 15 minutes",
    },
)
async def post_replay(request: web.Request) -> web.Response:
    principal = require_principal(request)
    if (request.content_length or 0) > MAX_REPLAY_BYTES:
        raise PayloadTooLarge("a replay chunk is at most 512 KiB", fields={"body": "too large"})
    await limit_key(request, "replay", str(principal.user_id))
    body = await parse_body(request, ReplayIn, max_depth=REPLAY_MAX_DEPTH)
    events = [e.model_dump() for e in body.events]
    await client_events.store_replay_chunk(
        user_id=principal.user_id,
        recording_id=body.recording_id,
        chunk=body.chunk,
        events=events,
        store_id=body.store_id,
    )
    return dump(AcceptedOut(accepted=len(events)), status=202)
