"""Catalog responses kept as ready bytes in this process, with ETag/304.

A hit costs one read of the store's catalog version (in-process memory without Redis, one
GET with it) and no database read, JSON decoding, validation or serialisation. Entries are
keyed by the catalog version, so `services.catalog.invalidate` (which bumps it in the shared
cache) retires them in every process at once; they also lapse after `TTL` seconds, so a store
closed without a catalog change stops being served within that time.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from aiohttp import web

from core.cache import Cache
from services.catalog import catalog_version

TTL = 30.0
MAX_ENTRIES = 4096


class CatalogResponses:
    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[tuple[object, ...], tuple[float, str, bytes]] = OrderedDict()
        self._max = max_entries

    async def serve(
        self,
        request: web.Request,
        cache: Cache,
        store_id: int,
        build: Callable[[], Awaitable[web.Response]],
    ) -> web.Response:
        """The response `build` makes for this request, from memory when the store's
        catalog has not changed since; 304 when the client already holds it."""
        version = await catalog_version(cache, store_id)
        key = (
            store_id,
            version,
            request.path_qs,
            request.headers.get("Accept-Language", ""),
        )
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is None or entry[0] < now:
            response = await build()
            if response.status != 200 or not isinstance(response.body, bytes):
                return response
            body = response.body
            etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
            entry = (now + TTL, etag, body)
            self._entries[key] = entry
            if len(self._entries) > self._max:
                self._entries.popitem(last=False)
        _, etag, body = entry
        headers = {
            "ETag": etag,
            "Cache-Control": "public, max-age=30",
            "Vary": "Accept-Language",
        }
        if etag in request.headers.get("If-None-Match", ""):
            return web.Response(status=304, headers=headers)
        return web.Response(
            body=body, content_type="application/json", charset="utf-8", headers=headers
        )
