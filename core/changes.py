"""Process-local caches of rarely changing rows, emptied at once when such a row changes.

A service that changes what a cache holds (a user's role, blocking, locale, Telegram link,
employment ...; a store's settings, hours or state) calls `changed(kind)` once its write is
committed; every cache of that kind registered in this process is emptied on the spot, so
the very next update reads the row again. The caches belong to a running app (the bots'
identity and store caches); the registry holds them weakly, so an app that is gone leaves
nothing behind.

With a bus connected (`connect`, done by build_context), the change is also announced to the
other processes, which empty their caches of that kind when they hear it. Pub/sub is at most
once, so entries also lapse after their own short TTL: that bounds how long another process
may serve the old row if an announcement is lost.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from typing import Literal, Protocol

from core.bus import Bus, BusMessage

log = logging.getLogger(__name__)

CHANNEL = "changes"

Kind = Literal["user", "store"]


class Clearable(Protocol):
    def clear(self) -> None: ...


_caches: dict[str, weakref.WeakSet[Clearable]] = {}
_buses: weakref.WeakSet[Bus] = weakref.WeakSet()
_sending: set[asyncio.Task[None]] = set()


def register(kind: Kind, cache: Clearable) -> None:
    """Empty `cache` whenever a row of `kind` changes in this process."""
    _caches.setdefault(kind, weakref.WeakSet()).add(cache)


def _clear(kind: str) -> None:
    for cache in list(_caches.get(kind, ())):
        cache.clear()


def changed(kind: Kind) -> None:
    """A row of `kind` changed (call after the change committed): empty this process's caches
    of that kind now, and tell the other processes."""
    _clear(kind)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    for bus in list(_buses):
        task = loop.create_task(_announce(bus, kind))
        _sending.add(task)
        task.add_done_callback(_sending.discard)


async def _announce(bus: Bus, kind: str) -> None:
    try:
        await bus.publish(CHANNEL, BusMessage(type="changed", payload={"kind": kind}))
    except Exception:  # the other processes' entries lapse by their TTL
        log.warning("changes: could not announce a %s change", kind, exc_info=True)


async def _heard(channel: str, message: BusMessage) -> None:
    kind = message.payload.get("kind")
    if kind in ("user", "store"):
        _clear(kind)


def connect(bus: Bus) -> None:
    """Announce this process's changes on `bus` and hear the other processes' there."""
    _buses.add(bus)
    bus.subscribe(CHANNEL, _heard)
