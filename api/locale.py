"""The locale of a request: ?locale=, else Accept-Language, else the store's default."""

from __future__ import annotations

from aiohttp import web

from core.settings import LOCALES


def request_locale(request: web.Request, default: str) -> str:
    explicit = request.query.get("locale", "").strip().lower()
    if explicit in LOCALES:
        return explicit
    header = request.headers.get("Accept-Language", "")
    weighted: list[tuple[float, str]] = []
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        language = tag.strip().lower().split("-")[0]
        if language in LOCALES:
            weighted.append((quality, language))
    if weighted:
        return max(weighted, key=lambda item: item[0])[1]
    return default
