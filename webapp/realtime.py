"""The websocket gateway: GET /ws, rooms, fan-out from the bus `realtime` channel."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator

from aiohttp import WSMsgType, web

from api.auth import require_principal
from api.keys import CTX
from core.bus import BusMessage

log = logging.getLogger(__name__)

REALTIME_CHANNEL = "realtime"


class Hub:
    """Rooms of connected websockets in this process."""

    def __init__(self) -> None:
        self.rooms: dict[str, set[web.WebSocketResponse]] = defaultdict(set)

    def join(self, ws: web.WebSocketResponse, rooms: list[str]) -> None:
        for room in rooms:
            self.rooms[room].add(ws)

    def leave(self, ws: web.WebSocketResponse) -> None:
        for room in list(self.rooms):
            self.rooms[room].discard(ws)
            if not self.rooms[room]:
                del self.rooms[room]

    async def on_bus(self, channel: str, message: BusMessage) -> None:
        targets: set[web.WebSocketResponse] = set()
        for room in message.payload.get("rooms", []):
            targets |= self.rooms.get(room, set())
        text = message.to_wire()
        await asyncio.gather(*(ws.send_str(text) for ws in targets), return_exceptions=True)


HUB = web.AppKey("hub", Hub)
routes = web.RouteTableDef()


@routes.get("/ws")
async def websocket(request: web.Request) -> web.WebSocketResponse:
    principal = require_principal(request)
    ws = web.WebSocketResponse(heartbeat=25)
    await ws.prepare(request)
    hub = request.config_dict[HUB]
    rooms = [f"{principal.role}:{principal.user_id}"]
    hub.join(ws, rooms)
    try:
        async for msg in ws:
            if msg.type == WSMsgType.ERROR:
                break
    finally:
        hub.leave(ws)
    return ws


def setup_realtime(app: web.Application) -> None:
    hub = Hub()
    app[HUB] = hub
    app.router.add_routes(routes)

    async def subscribe(app: web.Application) -> AsyncIterator[None]:
        bus = app[CTX].bus
        bus.subscribe(REALTIME_CHANNEL, hub.on_bus)
        yield
        bus.unsubscribe(REALTIME_CHANNEL, hub.on_bus)

    app.cleanup_ctx.append(subscribe)
