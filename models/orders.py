from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, store_fk, updated_at
from models.enums import (
    CheckoutStep,
    OrderEventKind,
    OrderStatus,
    PaymentMethod,
    PaymentState,
    PrescriptionState,
    Role,
)


class Order(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("orders")
    store_id: int
    customer: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="orders", on_delete=fields.RESTRICT, db_index=True
    )
    customer_id: int
    # Human order number, unique per store ("A-000042").
    number = fields.CharField(max_length=32)
    status = fields.CharEnumField(OrderStatus, max_length=16, default=OrderStatus.PENDING)
    # Bumped on every status change: the compare-and-set guard against lost updates.
    version = fields.IntField(default=0)
    payment_method = fields.CharEnumField(PaymentMethod, max_length=16)
    payment_state = fields.CharEnumField(PaymentState, max_length=20)
    currency = fields.CharField(max_length=3)
    subtotal_cents = money()
    delivery_fee_cents = money()
    discount_cents = money()
    wallet_cents = money()
    total_cents = money()
    cost_cents = money()
    # Address snapshot: the order keeps what was asked even if the address changes later.
    address_text = fields.CharField(max_length=500, default="")
    address_details = fields.CharField(max_length=200, default="")
    lat = fields.FloatField(null=True)
    lng = fields.FloatField(null=True)
    zone: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.DeliveryZone", related_name="orders", null=True, on_delete=fields.SET_NULL
    )
    zone_id: int | None
    slot: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.TimeSlot", related_name="orders", null=True, on_delete=fields.SET_NULL
    )
    slot_id: int | None
    promo: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.PromoCode", related_name="orders", null=True, on_delete=fields.SET_NULL
    )
    promo_id: int | None
    driver: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Driver",
        related_name="orders",
        null=True,
        on_delete=fields.SET_NULL,
        db_index=True,
    )
    driver_id: int | None
    requires_id_check = fields.BooleanField(default=False)
    prescription_state = fields.CharEnumField(
        PrescriptionState, max_length=16, default=PrescriptionState.NONE
    )
    cold_chain = fields.BooleanField(default=False)
    kept_cold_at = fields.DatetimeField(null=True)
    id_checked_at = fields.DatetimeField(null=True)
    # Proof of delivery: the content key of the photo taken at handover (services/proof.py,
    # stored privately, never under /media/) and when; both cleared after the retention period.
    proof_photo = fields.CharField(max_length=32, default="")
    proof_photo_at = fields.DatetimeField(null=True)
    cash_collected_cents = fields.IntField(null=True)
    refund_due = fields.BooleanField(default=False)
    eta_minutes = fields.IntField(null=True)
    # A stop of a delivery run (services/runs.py): which run, and its place on the route (1..).
    run: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.DeliveryRun", related_name="stops", null=True, on_delete=fields.SET_NULL
    )
    run_id: int | None
    run_position = fields.IntField(null=True)
    # An "as soon as possible" order placed while the store is closed: not before this moment
    # (the store's next opening, UTC). Null: as soon as possible now, or the slot's time.
    deliver_after = fields.DatetimeField(null=True)
    note = fields.CharField(max_length=500, default="")
    cancel_reason = fields.CharField(max_length=300, default="")
    idempotency_key = fields.CharField(max_length=128, null=True)
    request_hash = fields.CharField(max_length=64, default="")
    delivered_at = fields.DatetimeField(null=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "orders"
        unique_together = (("store", "number"), ("customer", "idempotency_key"))
        indexes = (("store", "status"), ("store", "created_at"))


class OrderItem(Model):
    """A line of an order with the price and cost as they were when it was placed."""

    id = fields.IntField(primary_key=True)
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="items", db_index=True
    )
    order_id: int
    variant: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.ProductVariant", related_name="order_items", on_delete=fields.RESTRICT
    )
    variant_id: int
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="order_items", on_delete=fields.RESTRICT
    )
    product_id: int
    name = fields.CharField(max_length=300)
    sku = fields.CharField(max_length=64)
    quantity = fields.IntField()
    price_cents = money()
    cost_cents = money()
    age_restricted = fields.BooleanField(default=False)
    prescription_required = fields.BooleanField(default=False)
    cold_chain = fields.BooleanField(default=False)

    class Meta:
        table = "order_items"


class OrderStatusHistory(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("order_history")
    store_id: int
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="history", db_index=True
    )
    order_id: int
    from_status = fields.CharEnumField(OrderStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(OrderStatus, max_length=16)
    actor: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="order_actions", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    actor_role = fields.CharEnumField(Role, max_length=16, null=True)
    reason = fields.CharField(max_length=300, default="")
    created_at = created_at()

    class Meta:
        table = "order_status_history"


class OrderEvent(Model):
    """Something that happened to an order without moving its status (the ID check at
    handover, a refused handover): the timeline shows it, the status history does not."""

    id = fields.IntField(primary_key=True)
    store = store_fk("order_events")
    store_id: int
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="events", db_index=True
    )
    order_id: int
    kind = fields.CharEnumField(OrderEventKind, max_length=24)
    actor: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="order_events", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    actor_role = fields.CharEnumField(Role, max_length=16, null=True)
    # id_checked: {"document_type", "birth_year"}; handover_refused: {"reason"}.
    data: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_at = created_at()

    class Meta:
        table = "order_events"


class CheckoutLog(Model):
    """One row per checkout step: the conversion funnel reads these."""

    id = fields.IntField(primary_key=True)
    store = store_fk("checkout_log")
    store_id: int
    user: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User",
        related_name="checkout_steps",
        null=True,
        db_index=True,
        on_delete=fields.SET_NULL,
    )
    user_id: int | None
    order: fields.ForeignKeyNullableRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="checkout_steps", null=True, on_delete=fields.SET_NULL
    )
    order_id: int | None
    step = fields.CharEnumField(CheckoutStep, max_length=20)
    success = fields.BooleanField(default=True)
    reason = fields.CharField(max_length=200, default="")
    data: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_at = created_at()

    class Meta:
        table = "checkout_log"
        indexes = (("store", "step", "created_at"),)


class Prescription(Model):
    """What a customer sent for an order's Rx lines: a file (encrypted on disk with the
    secret box) or an e-prescription code (sealed in the row). The newest row counts."""

    id = fields.IntField(primary_key=True)
    store = store_fk("prescriptions")
    store_id: int
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="prescriptions", db_index=True
    )
    order_id: int
    # Sealed e-prescription code ("" for a file).
    code_sealed = fields.TextField(default="")
    # The encrypted file's name under PRESCRIPTION_DIR ("" for a code, or once deleted).
    file_name = fields.CharField(max_length=100, default="")
    content_type = fields.CharField(max_length=32, default="")
    size_bytes = fields.IntField(default=0)
    file_deleted_at = fields.DatetimeField(null=True)
    created_at = created_at()

    class Meta:
        table = "prescriptions"
