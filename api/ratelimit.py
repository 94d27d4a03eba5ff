"""Rate limits: a lenient global limit per client address on the API, stricter named limits
on chosen routes (`@limited("auth")`), and keyed limits inside handlers (per phone).
Limits come from settings ("count/seconds"); Redis-backed when REDIS_URL is set."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp import web

from api.auth import client_ip
from api.keys import CTX
from core.context import AppContext
from core.errors import RateLimited

H = TypeVar("H", bound=Callable[..., Any])


# Route handler -> the name of its own limit. A dict, not an attribute on the handler: a
# getattr that misses builds an AttributeError, on every API request.
_ROUTE_LIMITS: dict[Callable[..., Any], str] = {}


def limited(name: str) -> Callable[[H], H]:
    """Apply the `rate_limit_{name}` setting per client address to this route."""

    def mark(handler: H) -> H:
        _ROUTE_LIMITS[handler] = name
        return handler

    return mark


async def _hit(ctx: AppContext, name: str, key: str) -> None:
    count, window = ctx.settings.rate(name)
    decision = await ctx.limiter.hit(f"{name}:{key}", count, window)
    if not decision.allowed:
        raise RateLimited(decision.retry_after)


async def limit_key(request: web.Request, name: str, key: str) -> None:
    """Count one hit against `rate_limit_{name}` for `key` (e.g. a phone number)."""
    await _hit(request.config_dict[CTX], name, key.strip().lower()[:64])


class ApiLimits:
    """What every /api request counts: one hit against the lenient global limit per client
    address, and one against the route's own limit if it has one (`@limited`). The global
    setting is read once: this runs on every request."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._global = ctx.settings.rate("global")
        self._trust_proxy = ctx.settings.trust_proxy

    async def count(self, request: web.Request) -> None:
        ip = client_ip(request, trust_proxy=self._trust_proxy)
        count, window = self._global
        decision = await self._ctx.limiter.hit("global:" + ip, count, window)
        if not decision.allowed:
            raise RateLimited(decision.retry_after)
        name = _ROUTE_LIMITS.get(request.match_info.handler)
        if name:
            await _hit(self._ctx, name, ip)
