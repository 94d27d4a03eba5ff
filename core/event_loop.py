"""The event loop `serve` runs on: uvloop by default (libuv; the bot webhook path on
PostgreSQL + Redis answers about a quarter more updates a second with it), the standard
asyncio loop with EVENT_LOOP=asyncio."""

from __future__ import annotations

import asyncio

from core.settings import Settings


def new_event_loop(settings: Settings) -> asyncio.AbstractEventLoop:
    if settings.event_loop == "uvloop":
        import uvloop

        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def loop_name(loop: asyncio.AbstractEventLoop) -> str:
    return "uvloop" if type(loop).__module__.startswith("uvloop") else "asyncio"
