from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, store_fk, translations, updated_at
from models.enums import Role


class Store(Model):
    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=200)
    description = translations()
    phone = fields.CharField(max_length=32, default="")
    address_text = fields.CharField(max_length=500, default="")
    lat = fields.FloatField(null=True)
    lng = fields.FloatField(null=True)
    timezone = fields.CharField(max_length=64, default="UTC")
    default_locale = fields.CharField(max_length=8, default="en")
    currency = fields.CharField(max_length=3, default="USD")
    legal_age = fields.SmallIntField(default=18)
    # {"mon": [["09:00", "21:00"]], ...} in the store's zone.
    # An interval whose end is not after its start runs past midnight (["20:00", "02:00"]).
    opening_hours: fields.JSONField[Any] = fields.JSONField(default=dict)
    # Whole days closed in the store's zone, ["2026-12-25", ...], whatever the weekday says.
    closed_dates: fields.JSONField[Any] = fields.JSONField(default=list)
    # Cashback on delivered orders in basis points (100 = 1%).
    cashback_bps = fields.IntField(default=0)
    # What a referrer earns when someone they invited has a first order delivered.
    referral_reward_cents = fields.IntField(default=0)
    # VAT percent for invoice lines whose product has no tax rate of its own.
    default_tax_rate = fields.DecimalField(max_digits=5, decimal_places=2, default=0)
    order_seq = fields.IntField(default=0)
    # An order waiting this long for an approved prescription is cancelled (stock back).
    prescription_review_minutes = fields.IntField(default=24 * 60)
    # The longest delivery slot allowed for an order with cold-chain goods.
    cold_chain_max_slot_minutes = fields.IntField(default=120)
    # Auto-dispatch: a READY order is offered to the best driver on shift, who has
    # `offer_timeout_seconds` to accept before the next one is asked (services/auto_dispatch).
    auto_dispatch = fields.BooleanField(default=False)
    offer_timeout_seconds = fields.IntField(default=60)
    # "Delivered" only with a proof-of-delivery photo (every door). Off: the driver bot still
    # asks for one at handover, with a Skip button.
    proof_photo_required = fields.BooleanField(default=False)
    is_active = fields.BooleanField(default=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "stores"


class Employee(Model):
    """A staff member's role in one store (a person may work for several stores)."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="employments", db_index=True
    )
    user_id: int
    store = store_fk("employees")
    store_id: int
    role = fields.CharEnumField(Role, max_length=16)
    # Holds REVIEW_PRESCRIPTIONS in this store (granted, not implied by the role).
    is_pharmacist = fields.BooleanField(default=False)
    is_active = fields.BooleanField(default=True)
    created_at = created_at()

    class Meta:
        table = "employees"
        unique_together = (("user", "store"),)


class StaffInvitation(Model):
    """A one-time sign-in link for an employed person: only the token's hash is kept; using
    it sets `used_at` (once, whoever clicks first), and it expires."""

    id = fields.IntField(primary_key=True)
    store = store_fk("staff_invitations")
    store_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="staff_invitations", db_index=True
    )
    user_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="invitations_sent", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    created_at = created_at()

    class Meta:
        table = "staff_invitations"


class AlertRecipient(Model):
    """Who gets Pushover alerts for a store, and for which alert kinds."""

    id = fields.IntField(primary_key=True)
    store = store_fk("alert_recipients")
    store_id: int
    name = fields.CharField(max_length=100)
    # Stored encrypted with the secret box.
    pushover_user_key = fields.CharField(max_length=512)
    kinds: fields.JSONField[Any] = fields.JSONField(default=list)
    is_active = fields.BooleanField(default=True)
    created_at = created_at()

    class Meta:
        table = "alert_recipients"


class DeliveryZone(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("zones")
    store_id: int
    name = fields.CharField(max_length=100)
    # A GeoJSON Polygon: {"type": "Polygon", "coordinates": [[[lng, lat], ...]]}.
    polygon: fields.JSONField[Any] = fields.JSONField()
    fee_cents = money()
    min_order_cents = money()
    # Minutes from dispatch to the door in this zone; None: estimated from the distance.
    eta_minutes = fields.IntField(null=True)
    priority = fields.IntField(default=0)
    is_active = fields.BooleanField(default=True)
    created_at = created_at()

    class Meta:
        table = "delivery_zones"


class TimeSlot(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("slots")
    store_id: int
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    capacity = fields.IntField()
    reserved = fields.IntField(default=0)
    is_active = fields.BooleanField(default=True)

    class Meta:
        table = "time_slots"
        unique_together = (("store", "starts_at"),)
        indexes = (("store", "starts_at", "is_active"),)


class SlotRule(Model):
    """A weekly rule the slot generator turns into time slots: on `weekday` (0 = Monday),
    from `start` to `end` store time, slots of `length_minutes` with `capacity` places."""

    id = fields.IntField(primary_key=True)
    store = store_fk("slot_rules")
    store_id: int
    weekday = fields.SmallIntField()
    start = fields.CharField(max_length=5)
    end = fields.CharField(max_length=5)
    length_minutes = fields.IntField()
    capacity = fields.IntField()
    created_at = created_at()

    class Meta:
        table = "slot_rules"
