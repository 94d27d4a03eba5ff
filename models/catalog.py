from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, store_fk, translations, updated_at
from models.enums import InventoryReason


class Category(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("categories")
    store_id: int
    parent: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="children", null=True, on_delete=fields.SET_NULL
    )
    parent_id: int | None
    slug = fields.CharField(max_length=64)
    name = translations()
    position = fields.IntField(default=0)
    is_active = fields.BooleanField(default=True)

    class Meta:
        table = "categories"
        unique_together = (("store", "slug"),)


class Brand(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("brands")
    store_id: int
    slug = fields.CharField(max_length=64)
    name = fields.CharField(max_length=200)

    class Meta:
        table = "brands"
        unique_together = (("store", "slug"),)


class Product(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("products")
    store_id: int
    category: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category",
        related_name="products",
        null=True,
        on_delete=fields.SET_NULL,
        db_index=True,
    )
    category_id: int | None
    brand: fields.ForeignKeyNullableRelation[Brand] = fields.ForeignKeyField(
        "models.Brand",
        related_name="products",
        null=True,
        on_delete=fields.SET_NULL,
        db_index=True,
    )
    brand_id: int | None
    slug = fields.CharField(max_length=128)
    name = translations()
    description = translations()
    # Lower-cased names and descriptions in every locale: what catalog search matches.
    search_text = fields.TextField(default="")
    image_url = fields.CharField(max_length=500, default="")
    # The uploaded picture's content key in the media store (services.media); "" when none.
    image_key = fields.CharField(max_length=64, default="")
    age_restricted = fields.BooleanField(default=False)
    max_per_order = fields.IntField(null=True)
    # Sold only against a prescription a pharmacist approved (shown as "Rx").
    prescription_required = fields.BooleanField(default=False)
    # Must stay cold: a driver with a cooler, a short delivery slot, "kept cold" at handover.
    cold_chain = fields.BooleanField(default=False)
    # At most `period_limit_quantity` units per customer in any `period_limit_days` days.
    period_limit_quantity = fields.IntField(null=True)
    period_limit_days = fields.IntField(null=True)
    # VAT in percent (21.00); None: the store's default rate.
    tax_rate = fields.DecimalField(max_digits=5, decimal_places=2, null=True)
    is_active = fields.BooleanField(default=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "products"
        unique_together = (("store", "slug"),)


class ProductVariant(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("variants")
    store_id: int
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="variants", db_index=True
    )
    product_id: int
    sku = fields.CharField(max_length=64)
    name = translations()
    price_cents = money()
    cost_cents = money()
    position = fields.IntField(default=0)
    is_active = fields.BooleanField(default=True)

    class Meta:
        table = "product_variants"
        unique_together = (("store", "sku"),)


class Inventory(Model):
    """Units of one variant on hand in one store. Deducted with a conditional update."""

    id = fields.IntField(primary_key=True)
    store = store_fk("inventory")
    store_id: int
    variant: fields.ForeignKeyRelation[ProductVariant] = fields.ForeignKeyField(
        "models.ProductVariant", related_name="inventory", db_index=True
    )
    variant_id: int
    quantity = fields.IntField(default=0)
    updated_at = updated_at()

    class Meta:
        table = "inventory"
        unique_together = (("store", "variant"),)


class InventoryLog(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("inventory_log")
    store_id: int
    variant: fields.ForeignKeyRelation[ProductVariant] = fields.ForeignKeyField(
        "models.ProductVariant", related_name="inventory_log", db_index=True
    )
    variant_id: int
    order: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Order",
        related_name="inventory_log",
        null=True,
        db_index=True,
        on_delete=fields.SET_NULL,
    )
    order_id: int | None
    actor: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="inventory_changes", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    delta = fields.IntField()
    resulting_quantity = fields.IntField()
    reason = fields.CharEnumField(InventoryReason, max_length=16)
    created_at = created_at()

    class Meta:
        table = "inventory_log"


class StockAlert(Model):
    """A customer asked to be told when an out-of-stock variant is back in a store; the
    restock that brings it back sets `notified_at` and sends the message, once."""

    id = fields.IntField(primary_key=True)
    store = store_fk("stock_alerts")
    store_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="stock_alerts", db_index=True
    )
    user_id: int
    variant: fields.ForeignKeyRelation[ProductVariant] = fields.ForeignKeyField(
        "models.ProductVariant", related_name="stock_alerts", db_index=True
    )
    variant_id: int
    created_at = created_at()
    notified_at = fields.DatetimeField(null=True)

    class Meta:
        table = "stock_alerts"
        unique_together = (("user", "variant", "store"),)


class Favorite(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("favorites")
    store_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="favorites", db_index=True
    )
    user_id: int
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="favorited_by"
    )
    product_id: int
    created_at = created_at()

    class Meta:
        table = "favorites"
        unique_together = (("user", "product"),)


class Review(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("reviews")
    store_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="reviews", db_index=True
    )
    user_id: int
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="reviews", db_index=True
    )
    product_id: int
    order: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Order", related_name="reviews", null=True, on_delete=fields.SET_NULL
    )
    order_id: int | None
    rating = fields.SmallIntField()
    text = fields.TextField(default="")
    created_at = created_at()

    class Meta:
        table = "reviews"
        unique_together = (("user", "product"),)


class ProductAuditLog(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("product_audit_log")
    store_id: int
    product: fields.ForeignKeyNullableRelation[Product] = fields.ForeignKeyField(
        "models.Product",
        related_name="audit_log",
        null=True,
        db_index=True,
        on_delete=fields.SET_NULL,
    )
    product_id: int | None
    actor: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="product_changes", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    action = fields.CharField(max_length=32)
    changes: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_at = created_at()

    class Meta:
        table = "product_audit_log"


class SearchLog(Model):
    """Every catalog search with its result count (zero-result searches included)."""

    id = fields.IntField(primary_key=True)
    store = store_fk("search_log")
    store_id: int
    user: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="searches", null=True, on_delete=fields.SET_NULL
    )
    user_id: int | None
    query = fields.CharField(max_length=200)
    locale = fields.CharField(max_length=8)
    result_count = fields.IntField()
    created_at = created_at()

    class Meta:
        table = "search_log"
