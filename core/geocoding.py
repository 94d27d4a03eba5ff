"""A Nominatim-compatible geocoding client (GEOCODER_URL), with results cached."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp

from core.cache import Cache
from core.errors import Unavailable, ValidationFailed

log = logging.getLogger(__name__)

USER_AGENT = "pharmacy-delivery/1.0 (+https://github.com/)"


@dataclass(frozen=True)
class GeocodedPoint:
    lat: float
    lng: float
    display_name: str


class Geocoder:
    def __init__(self, base_url: str, cache: Cache, ttl: float, timeout: float = 5.0) -> None:
        self._base_url = base_url.rstrip("/")
        self._cache = cache
        self._ttl = ttl
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def geocode(self, address: str, *, language: str = "en") -> GeocodedPoint:
        """The best match for `address`; ValidationFailed(address_not_found) when there is none,
        Unavailable when the geocoder cannot be reached."""
        query = " ".join(address.split())
        key = "geo:" + hashlib.sha256(f"{language}|{query.lower()}".encode()).hexdigest()
        cached = await self._cache.get(key)
        if cached is not None:
            return GeocodedPoint(**cached)
        params = {"q": query, "format": "jsonv2", "limit": "1", "accept-language": language}
        try:
            async with (
                aiohttp.ClientSession(timeout=self._timeout) as session,
                session.get(
                    f"{self._base_url}/search", params=params, headers={"User-Agent": USER_AGENT}
                ) as response,
            ):
                if response.status != 200:
                    raise Unavailable("the geocoder answered an error", code="geocoder_unavailable")
                results = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("geocoder unreachable: %r", exc)
            raise Unavailable("the geocoder is unavailable", code="geocoder_unavailable") from None
        if not isinstance(results, list) or not results:
            raise ValidationFailed(
                "no place matches this address",
                code="address_not_found",
                fields={"address.text": "not found"},
            )
        best = results[0]
        try:
            point = GeocodedPoint(
                lat=float(best["lat"]),
                lng=float(best["lon"]),
                display_name=best.get("display_name", ""),
            )
        except (KeyError, TypeError, ValueError):
            raise Unavailable(
                "the geocoder answered nonsense", code="geocoder_unavailable"
            ) from None
        await self._cache.set(key, point.__dict__, self._ttl)
        return point

    async def reverse(self, lat: float, lng: float, *, language: str = "en") -> str | None:
        """A short address for a point ("Carrer de Mallorca 200, Barcelona"), or None when
        the geocoder knows none or cannot be reached (the caller falls back to coordinates).
        Cached per point rounded to about 10 m."""
        key = f"georev:{language}:{lat:.4f},{lng:.4f}"
        cached = await self._cache.get(key)
        if cached is not None:
            return str(cached) or None
        params = {
            "lat": f"{lat:.6f}",
            "lon": f"{lng:.6f}",
            "format": "jsonv2",
            "zoom": "18",
            "accept-language": language,
        }
        try:
            async with (
                aiohttp.ClientSession(timeout=self._timeout) as session,
                session.get(
                    f"{self._base_url}/reverse", params=params, headers={"User-Agent": USER_AGENT}
                ) as response,
            ):
                if response.status != 200:
                    return None
                found = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("reverse geocoder unreachable: %r", exc)
            return None
        text = short_address(found) if isinstance(found, dict) else ""
        await self._cache.set(key, text, self._ttl)
        return text or None


def short_address(found: dict[str, Any]) -> str:
    """Street and number, then the town, from a Nominatim answer; else its display name."""
    parts = found.get("address") or {}
    street = " ".join(
        p for p in (parts.get("road") or parts.get("pedestrian"), parts.get("house_number")) if p
    )
    town = parts.get("city") or parts.get("town") or parts.get("village") or ""
    if street:
        return ", ".join(p for p in (street, town) if p)
    return str(found.get("display_name") or "")[:300]
