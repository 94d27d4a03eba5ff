"""Typed application keys: the only way shared objects are reached from a request."""

from __future__ import annotations

from aiohttp import web

from core.context import AppContext
from core.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
CTX = web.AppKey("ctx", AppContext)
