"""Typed application keys: the only way shared objects are reached from a request."""

from __future__ import annotations

from aiohttp import web

from api.catalog_responses import CatalogResponses
from core.context import AppContext
from core.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
CTX = web.AppKey("ctx", AppContext)
CATALOG_RESPONSES = web.AppKey("catalog_responses", CatalogResponses)
# The request id `api.edge` gave this request, echoed on its response.
REQUEST_ID = web.RequestKey("request_id", str)
