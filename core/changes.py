"""Process-local caches of rarely changing rows, emptied at once when such a row changes.

A service that changes what a cache holds (a user's role, blocking, locale, Telegram link,
employment ...; a store's settings, hours or state) calls `changed(kind)` once its write is
committed; every cache of that kind registered in this process is emptied on the spot, so
the very next update reads the row again. The caches belong to a running app (the bots'
identity and store caches); the registry holds them weakly, so an app that is gone leaves
nothing behind. Entries also lapse after their own short TTL, which bounds how long another
process may serve the old row.
"""

from __future__ import annotations

import weakref
from typing import Literal, Protocol

Kind = Literal["user", "store"]


class Clearable(Protocol):
    def clear(self) -> None: ...


_caches: dict[str, weakref.WeakSet[Clearable]] = {}


def register(kind: Kind, cache: Clearable) -> None:
    """Empty `cache` whenever a row of `kind` changes in this process."""
    _caches.setdefault(kind, weakref.WeakSet()).add(cache)


def changed(kind: Kind) -> None:
    """A row of `kind` changed (call after the change committed)."""
    for cache in list(_caches.get(kind, ())):
        cache.clear()
