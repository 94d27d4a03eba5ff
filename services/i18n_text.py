"""Picking a translation out of a {"en": ..., "ru": ..., "es": ...} field."""

from __future__ import annotations

from typing import Any

LOCALES = ("en", "ru", "es")


def pick(translations: dict[str, Any] | None, locale: str, fallback: str = "en") -> str:
    """The text in `locale`, else the fallback locale's, else any non-empty one."""
    if not translations:
        return ""
    for key in (locale, fallback, "en"):
        value = translations.get(key)
        if value:
            return str(value)
    return next((str(v) for v in translations.values() if v), "")
