from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.base import created_at


class ClientEvent(Model):
    """A product-analytics event sent by a page or mini-app."""

    id = fields.BigIntField(primary_key=True)
    store: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Store", related_name="client_events", null=True, db_index=True
    )
    store_id: int | None
    user: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="client_events", null=True, on_delete=fields.SET_NULL
    )
    user_id: int | None
    session_id = fields.CharField(max_length=64, db_index=True)
    name = fields.CharField(max_length=64)
    props: fields.JSONField[Any] = fields.JSONField(default=dict)
    url = fields.CharField(max_length=500, default="")
    # When the client says it happened (`at`); created_at is when the server got it.
    occurred_at = fields.DatetimeField(null=True)
    created_at = created_at()

    class Meta:
        table = "client_events"


class SessionRecording(Model):
    """One chunk of an rrweb session recording."""

    id = fields.BigIntField(primary_key=True)
    store: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Store", related_name="recordings", null=True, db_index=True
    )
    store_id: int | None
    user: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="recordings", null=True, on_delete=fields.SET_NULL
    )
    user_id: int | None
    session_id = fields.CharField(max_length=64, db_index=True)
    chunk_index = fields.IntField()
    events: fields.JSONField[Any] = fields.JSONField(default=list)
    created_at = created_at()

    class Meta:
        table = "session_recordings"
        unique_together = (("session_id", "chunk_index"),)
