"""Catalog responses kept as ready bytes in this process, with ETag/304.

A hit costs one dict lookup, one read of the store's catalog version (in-process memory
without Redis, and with it too when the cache is a `VersionedCache`) and a response made from
headers built with the bytes: no parsing, database read, JSON decoding, validation or
serialisation. An entry is served only while the catalog version it was built under is
current, so `services.catalog.invalidate` (which bumps it in the shared cache) retires it in
every process at once; entries also lapse after `TTL` seconds, so a store closed without a
catalog change stops being served within that time.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from aiohttp import hdrs, web
from multidict import CIMultiDict, CIMultiDictProxy

from core.cache import Cache
from services.catalog import catalog_version

TTL = 30.0
MAX_ENTRIES = 4096
CACHE_CONTROL = "public, max-age=30"
JSON_UTF8 = "application/json; charset=utf-8"

# (raw path with query, Accept-Language). The raw path is the request line as sent: two
# spellings of one URL are two entries, each built (and its query validated) by the handler.
Key = tuple[str, str]


class _Entry:
    __slots__ = (
        "body",
        "etag",
        "expires",
        "not_modified_headers",
        "ok_headers",
        "store_id",
        "version",
    )

    def __init__(self, store_id: int, version: int, expires: float, body: bytes) -> None:
        self.store_id = store_id
        self.version = version
        self.expires = expires
        self.body = body
        self.etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        common = {
            hdrs.ETAG: self.etag,
            hdrs.CACHE_CONTROL: CACHE_CONTROL,
            hdrs.VARY: "Accept-Language",
        }
        self.not_modified_headers = CIMultiDictProxy(CIMultiDict(common))
        self.ok_headers = CIMultiDictProxy(CIMultiDict({**common, hdrs.CONTENT_TYPE: JSON_UTF8}))

    def answer(self, request: web.Request) -> web.Response:
        if self.etag in request.headers.get(hdrs.IF_NONE_MATCH, ""):
            return web.Response(status=304, headers=self.not_modified_headers)
        return web.Response(body=self.body, headers=self.ok_headers)


def _key(request: web.Request) -> Key:
    return (request.raw_path, request.headers.get(hdrs.ACCEPT_LANGUAGE, ""))


class CatalogResponses:
    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._max = max_entries

    async def lookup(self, request: web.Request, cache: Cache) -> web.Response | None:
        """The response held for this request (200, or 304 when the client holds it) while
        its store's catalog has not changed; None when there is none. Only what `keep` built
        is held, so a hit is a request the handler has parsed and answered before."""
        entry = self._entries.get(_key(request))
        if entry is None or entry.expires < time.monotonic():
            return None
        if await catalog_version(cache, entry.store_id) != entry.version:
            return None
        return entry.answer(request)

    async def keep(
        self,
        request: web.Request,
        cache: Cache,
        store_id: int,
        build: Callable[[], Awaitable[web.Response]],
    ) -> web.Response:
        """The response `build` makes for this request, held for the next ones when it is a
        200 (304 when the client already holds the same bytes)."""
        # The version is read before building: a change committed meanwhile retires the entry.
        version = await catalog_version(cache, store_id)
        response = await build()
        if response.status != 200 or not isinstance(response.body, bytes):
            return response
        key = _key(request)
        entry = _Entry(store_id, version, time.monotonic() + TTL, response.body)
        self._entries.pop(key, None)
        self._entries[key] = entry
        if len(self._entries) > self._max:
            self._entries.popitem(last=False)
        return entry.answer(request)
