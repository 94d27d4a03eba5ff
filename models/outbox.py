from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.base import created_at
from models.enums import OutboxStatus


class OutboxMessage(Model):
    """A message that must reach someone, written in the same transaction as the change
    that caused it and delivered by core.outbox with retries."""

    id = fields.BigIntField(primary_key=True)
    # Where it goes: a handler registered for this channel ("notifications:customer", ...).
    channel = fields.CharField(max_length=64)
    kind = fields.CharField(max_length=64)
    payload: fields.JSONField[Any] = fields.JSONField()
    # Messages with the same key are delivered strictly one after another, in the order
    # written, even across failures (a Telegram chat: "customer:12345").
    order_key = fields.CharField(max_length=64, null=True)
    status = fields.CharEnumField(OutboxStatus, max_length=16, default=OutboxStatus.PENDING)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    # A delivering worker owns the row until then (crash-safe claim).
    locked_until = fields.DatetimeField(null=True)
    last_error = fields.CharField(max_length=500, default="")
    delivered_at = fields.DatetimeField(null=True)
    # The X-Request-ID of the request (or bot update) that wrote it, for tracing.
    request_id = fields.CharField(max_length=64, default="")
    created_at = created_at()

    class Meta:
        table = "outbox"
        indexes = (("status", "next_attempt_at"), ("order_key", "status"))
