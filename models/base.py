"""Shared field helpers for the Tortoise models."""

from __future__ import annotations

from typing import Any

from tortoise import fields


def created_at() -> fields.DatetimeField:
    return fields.DatetimeField(auto_now_add=True, db_index=True)


def updated_at() -> fields.DatetimeField:
    return fields.DatetimeField(auto_now=True)


def store_fk(related_name: str) -> Any:
    """The tenant key every store-owned table carries (indexed: every query filters on it)."""
    return fields.ForeignKeyField(
        "models.Store", related_name=related_name, on_delete=fields.CASCADE, db_index=True
    )


def money(default: int = 0) -> fields.IntField:
    """An amount in integer cents of the store's currency."""
    return fields.IntField(default=default)


def translations() -> fields.JSONField[Any]:
    """{"en": ..., "ru": ..., "es": ...}; services pick the locale with a fallback."""
    return fields.JSONField(default=dict)
