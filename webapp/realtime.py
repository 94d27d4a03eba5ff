"""The websocket gateway: GET /ws, rooms, live events from every process, replay.

Frames are JSON text (see docs/events.md). A client authenticates with a JWT (Authorization
header, `?token=`, or a first `{"type":"auth","token":...}` frame) or with Mini App initData
(`{"type":"auth","init_data":...,"bot":...}` or `?init_data=&bot=`), or, for the public
tracking page, with a tracking link's token (`?tracking=`): that joins only `track:{order}`.
It joins every room its
identity allows and may narrow that with `{"type":"subscribe","rooms":[...]}`; asking for a
room it does not own is refused. An event is framed once and the same bytes are written to
every connection's socket, with no task or queue per connection (5,000 clients in a room get
an event within milliseconds). A client whose unsent bytes pile up past SEND_BUFFER is too
slow to keep up: it is dropped (close code 4008) rather than slowing the others.
"""

from __future__ import annotations

import asyncio
import json
import logging
import struct
import weakref
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from api.auth import bearer_token
from api.keys import CTX
from core import untrusted
from core.bus import BusMessage
from core.context import AppContext
from core.degrade import REDIS_DOWN, fell_back
from core.errors import DomainError, Unauthorized
from core.metrics import count
from core.observability import WEBSOCKETS
from core.outbox import RetryLater
from core.replay import event_number
from core.security import Principal, decode_access_token
from core.settings import BOT_NAMES
from models import OutboxMessage
from services import tracking
from services.auth.sessions import principal_for
from services.auth.telegram import user_for_telegram, validate_init_data
from services.rooms import allowed_rooms, route

log = logging.getLogger(__name__)
REDIS_RETRY = 3.0

REALTIME_CHANNEL = "realtime"
SEND_BUFFER = 1024 * 1024  # unsent bytes a client may fall behind by before it is dropped
RECENT_IDS = 1024
AUTH_TIMEOUT = 5.0
CLOSE_UNAUTHORIZED, CLOSE_TOO_SLOW = 4401, 4008


def frame(event_id: str, kind: str, ts: str, room: str, payload: dict[str, Any]) -> str:
    return json.dumps(
        {"v": 1, "id": event_id, "type": kind, "ts": ts, "room": room, "payload": payload},
        separators=(",", ":"),
        default=str,
    )


def text_frame(text: str) -> bytes:
    """One unmasked, uncompressed websocket text frame (RFC 6455 5.2), as a server sends it:
    built once per event, the same bytes go to every connection."""
    data = text.encode()
    size = len(data)
    if size < 126:
        return bytes((0x81, size)) + data
    if size < 1 << 16:
        return struct.pack("!BBH", 0x81, 126, size) + data
    return struct.pack("!BBQ", 0x81, 127, size) + data


class Connection:
    def __init__(
        self,
        ws: web.WebSocketResponse,
        principal: Principal | None,
        transport: asyncio.WriteTransport,
    ) -> None:
        self.ws = ws
        self.principal = principal
        self.transport = transport
        self.rooms: set[str] = set()
        self._recent: deque[int] = deque()
        self._recent_set: set[int] = set()
        self.replaying = True
        self.pending: list[tuple[int, bytes]] = []
        self.dropped = False

    def offer(self, number: int, data: bytes) -> bool:
        """Send an event frame once; False when the client is too slow to take it."""
        if self.replaying:
            self.pending.append((number, data))
            return True
        if number and number in self._recent_set:
            return True  # already sent (replayed, or reached through another room)
        if self.ws.closed or self.transport.is_closing():
            return True  # going away; its reader ends the connection
        if self.transport.get_write_buffer_size() > SEND_BUFFER:
            return False
        # Written straight to the socket, between aiohttp's own whole frames (pings, close):
        # one synchronous write, so frames never interleave.
        self.transport.write(data)
        if number:
            self._recent.append(number)
            self._recent_set.add(number)
            if len(self._recent) > RECENT_IDS:
                self._recent_set.discard(self._recent.popleft())
        return True

    def say(self, body: dict[str, Any]) -> bool:
        return self.offer(0, text_frame(json.dumps(body, separators=(",", ":"))))

    def end_replay(self, replayed: list[tuple[int, str]]) -> bool:
        self.replaying = False
        frames = {n: text_frame(text) for n, text in replayed}
        merged = sorted({**frames, **dict(self.pending)}.items())
        self.pending = []
        return all(self.offer(n, f) for n, f in merged)


class Hub:
    """This process's connections by room (and every open socket, to close at shutdown)."""

    def __init__(self) -> None:
        self.rooms: dict[str, set[Connection]] = defaultdict(set)
        self.sockets: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()

    async def close_all(self) -> None:
        """Tell every client this process is going away (they reconnect elsewhere and
        replay from their last event id)."""
        await asyncio.gather(
            *(
                ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown")
                for ws in list(self.sockets)
            ),
            return_exceptions=True,
        )

    def join(self, conn: Connection, rooms: set[str]) -> None:
        for room in rooms - conn.rooms:
            self.rooms[room].add(conn)
        for room in conn.rooms - rooms:
            self.rooms[room].discard(conn)
            if not self.rooms[room]:
                del self.rooms[room]
        conn.rooms = set(rooms)

    def leave(self, conn: Connection) -> None:
        self.join(conn, set())

    def deliver(self, event_id: str, kind: str, ts: str, payload: dict[str, Any]) -> int:
        """Offer one event to every connection in its rooms, once each. Returns how many."""
        number, reached = event_number(event_id), 0
        seen: set[int] = set()
        for room, room_payload in route(kind, payload).items():
            data = None
            for conn in list(self.rooms.get(room, ())):
                if id(conn) in seen:
                    continue
                seen.add(id(conn))
                data = data or text_frame(frame(event_id, kind, ts, room, room_payload))
                if conn.offer(number, data):
                    reached += 1
                else:
                    self.drop(conn)
        return reached

    async def on_bus(self, channel: str, message: BusMessage) -> None:
        try:
            self.deliver(message.id, message.type, message.ts.isoformat(), message.payload)
        except (KeyError, TypeError, ValueError, AttributeError):
            # Not one of ours (another deployment, a stray publisher): never crash on it.
            log.warning("realtime: ignored a malformed bus message of type %r", message.type)

    def drop(self, conn: Connection) -> None:
        if conn.dropped:
            return
        conn.dropped = True
        count("ws_slow_clients_dropped")
        self.leave(conn)
        task = asyncio.ensure_future(conn.ws.close(code=CLOSE_TOO_SLOW, message=b"too slow"))
        task.add_done_callback(lambda _: None)

    @property
    def connections(self) -> int:
        return len({id(c) for members in self.rooms.values() for c in members})


HUB = web.AppKey("hub", Hub)
routes = web.RouteTableDef()


async def publisher(ctx: AppContext, row: OutboxMessage) -> None:
    """The `realtime` outbox channel: keep the event for replay, then fan it out to every
    process through the bus."""
    event_id, ts = f"outbox-{row.id}", row.created_at.isoformat()
    try:
        for room, payload in route(row.kind, row.payload).items():
            await ctx.replay.append(room, event_id, frame(event_id, row.kind, ts, room, payload))
        await ctx.bus.publish(
            REALTIME_CHANNEL,
            BusMessage(id=event_id, type=row.kind, payload=row.payload, ts=row.created_at),
        )
    except REDIS_DOWN as exc:
        # Kept in the outbox, without using up its attempts, until Redis is back.
        fell_back("realtime", exc)
        raise RetryLater(REDIS_RETRY, "redis unavailable") from None


async def authenticate(ctx: AppContext, data: dict[str, Any]) -> Principal:
    """A JWT (`token`) or Mini App initData (`init_data` + `bot`)."""
    if data.get("token"):
        return decode_access_token(str(data["token"]), ctx.settings.secret_key)
    if data.get("init_data"):
        bot = data.get("bot", "customer")
        if bot not in BOT_NAMES:
            raise Unauthorized("unknown bot", code="init_data_invalid")
        web_app = validate_init_data(ctx, str(data["init_data"]), bot)
        tg = web_app.user
        user = await user_for_telegram(
            tg.id, username=tg.username, first_name=tg.first_name, language_code=tg.language_code
        )
        return await principal_for(user)
    raise Unauthorized("sign in first", code="not_authenticated")


async def _first_frame(ws: web.WebSocketResponse) -> dict[str, Any]:
    message = await asyncio.wait_for(ws.receive(), AUTH_TIMEOUT)
    if message.type != WSMsgType.TEXT:
        raise Unauthorized("expected an auth frame", code="not_authenticated")
    try:
        data = untrusted.loads(message.data, field="frame")
    except untrusted.UntrustedInput:
        data = None
    if not isinstance(data, dict) or data.get("type") != "auth":
        raise Unauthorized("expected an auth frame", code="not_authenticated")
    return data


@routes.get("/ws")
async def websocket(request: web.Request) -> web.WebSocketResponse:
    ctx = request.config_dict[CTX]
    hub = request.config_dict[HUB]
    ws = web.WebSocketResponse(heartbeat=25, max_msg_size=64 * 1024, compress=False)
    await ws.prepare(request)
    hub.sockets.add(ws)
    WEBSOCKETS.inc()
    try:
        return await _serve(request, ctx, hub, ws)
    finally:
        WEBSOCKETS.dec()


async def _serve(
    request: web.Request, ctx: AppContext, hub: Hub, ws: web.WebSocketResponse
) -> web.WebSocketResponse:
    query = dict(request.query)
    hello: dict[str, Any] = {
        "token": bearer_token(request) or query.get("token"),
        "init_data": query.get("init_data"),
        "bot": query.get("bot", "customer"),
        "tracking": query.get("tracking"),
    }
    principal: Principal | None = None
    try:
        if not hello["token"] and not hello["init_data"] and not hello["tracking"]:
            hello = await _first_frame(ws)
        if hello.get("tracking"):
            view = await tracking.tracking_view(ctx.settings, str(hello["tracking"]))
            allowed = {view.room}
        else:
            principal = await authenticate(ctx, hello)
            allowed = await allowed_rooms(principal)
    except (DomainError, TimeoutError, ValueError) as exc:
        reason = exc.code if isinstance(exc, DomainError) else "not_authenticated"
        await ws.send_str(json.dumps({"type": "error", "code": reason}))
        await ws.close(code=CLOSE_UNAUTHORIZED, message=reason.encode())
        return ws
    transport = request.transport
    if transport is None:  # the client left during the handshake
        return ws
    conn = Connection(ws, principal, transport)
    hub.join(conn, allowed)
    try:
        conn.replaying = True
        last = str(hello.get("last_event_id") or query.get("last_event_id") or "")
        replayed: list[tuple[int, str]] = []
        if last:
            for room in allowed:
                replayed += await ctx.replay.since(room, last)
        conn.say(
            {
                "type": "welcome",
                "user_id": principal.user_id if principal else None,
                "role": principal.role if principal else "tracking",
                "rooms": sorted(allowed),
                "replayed": len({n for n, _ in replayed}),
            }
        )
        if not conn.end_replay(replayed):
            hub.drop(conn)
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            _client_frame(hub, conn, allowed, message.data)
    finally:
        hub.leave(conn)
    return ws


def _client_frame(hub: Hub, conn: Connection, allowed: set[str], raw: str) -> None:
    try:
        data = untrusted.loads(raw, field="frame")
        kind = data.get("type") if isinstance(data, dict) else None
    except untrusted.UntrustedInput:
        kind = None
    if kind == "ping":
        conn.say({"type": "pong"})
    elif kind == "subscribe":
        wanted = data.get("rooms")
        if not isinstance(wanted, list) or not all(isinstance(r, str) for r in wanted):
            conn.say({"type": "error", "code": "invalid_frame", "field": "rooms"})
            return
        foreign = sorted(set(wanted) - allowed)
        if foreign:
            conn.say({"type": "error", "code": "forbidden_room", "rooms": foreign})
            return
        hub.join(conn, set(wanted))
        conn.say({"type": "subscribed", "rooms": sorted(conn.rooms)})
    elif kind != "auth":
        conn.say({"type": "error", "code": "invalid_frame"})


def setup_realtime(app: web.Application) -> None:
    hub = Hub()
    app[HUB] = hub
    app.router.add_routes(routes)

    async def subscribe(app: web.Application) -> AsyncIterator[None]:
        ctx = app[CTX]

        async def publish(row: OutboxMessage) -> None:
            await publisher(ctx, row)

        ctx.outbox.register(REALTIME_CHANNEL, publish)
        ctx.bus.subscribe(REALTIME_CHANNEL, hub.on_bus)
        yield
        ctx.bus.unsubscribe(REALTIME_CHANNEL, hub.on_bus)

    app.cleanup_ctx.append(subscribe)

    async def going_away(app: web.Application) -> None:
        await app[HUB].close_all()

    app.on_shutdown.append(going_away)
