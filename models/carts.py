from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.base import store_fk, updated_at


class Cart(Model):
    """A customer's server-side cart in one store. Prices are never stored: always current."""

    id = fields.IntField(primary_key=True)
    store = store_fk("carts")
    store_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="carts", db_index=True
    )
    user_id: int
    updated_at = updated_at()

    class Meta:
        table = "carts"
        unique_together = (("user", "store"),)


class CartItem(Model):
    id = fields.IntField(primary_key=True)
    cart: fields.ForeignKeyRelation[Cart] = fields.ForeignKeyField(
        "models.Cart", related_name="items", db_index=True
    )
    cart_id: int
    variant: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.ProductVariant", related_name="cart_items"
    )
    variant_id: int
    quantity = fields.IntField()

    class Meta:
        table = "cart_items"
        unique_together = (("cart", "variant"),)
