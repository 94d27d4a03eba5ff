from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, store_fk
from models.enums import OfferStatus


class DispatchOffer(Model):
    """Auto-dispatch offering a READY order to one driver, who accepts or declines it.

    An order has at most one open offer: `open_order_id` holds the order's id while the offer
    is OFFERED and is cleared when it closes; its unique constraint (NULLs never collide)
    refuses a second open offer even from another process.
    """

    id = fields.IntField(primary_key=True)
    store = store_fk("dispatch_offers")
    store_id: int
    order: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Order", related_name="dispatch_offers", db_index=True
    )
    order_id: int
    driver: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Driver", related_name="dispatch_offers", db_index=True
    )
    driver_id: int
    status = fields.CharEnumField(OfferStatus, max_length=16, default=OfferStatus.OFFERED)
    open_order_id = fields.IntField(null=True, unique=True)
    offered_at = fields.DatetimeField()
    expires_at = fields.DatetimeField(db_index=True)
    answered_at = fields.DatetimeField(null=True)
    created_at = created_at()

    class Meta:
        table = "dispatch_offers"
