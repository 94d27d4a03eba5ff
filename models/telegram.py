from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, store_fk


class BotMessage(Model):
    """A message a bot sent about an order, kept so every copy can be edited when the order
    changes (each dispatcher's chat shows the same, current state)."""

    id = fields.IntField(primary_key=True)
    store = store_fk("bot_messages")
    store_id: int
    order: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Order", related_name="bot_messages", db_index=True
    )
    order_id: int
    bot = fields.CharField(max_length=16)
    chat_id = fields.BigIntField()
    message_id = fields.BigIntField()
    purpose = fields.CharField(max_length=32)
    created_at = created_at()

    class Meta:
        table = "bot_messages"
        unique_together = (("bot", "chat_id", "message_id"),)


class StaffLinkCode(Model):
    """A one-time code that links a staff member's Telegram account: /start link-CODE."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="link_codes", db_index=True
    )
    user_id: int
    code_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="link_codes_created", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = created_at()

    class Meta:
        table = "staff_link_codes"
