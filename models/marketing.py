from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, money, store_fk, translations, updated_at
from models.enums import CampaignStatus, PromoKind, RewardKind, RewardStatus


class PromoCode(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("promo_codes")
    store_id: int
    code = fields.CharField(max_length=32)
    kind = fields.CharEnumField(PromoKind, max_length=16)
    # Percent (1-100) for PERCENT, cents for FIXED.
    value = fields.IntField()
    min_order_cents = money()
    starts_at = fields.DatetimeField(null=True)
    expires_at = fields.DatetimeField(null=True)
    max_uses = fields.IntField(null=True)
    max_uses_per_customer = fields.IntField(null=True)
    used_count = fields.IntField(default=0)
    is_active = fields.BooleanField(default=True)
    created_at = created_at()

    class Meta:
        table = "promo_codes"
        unique_together = (("store", "code"),)


class PromoRedemption(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("promo_redemptions")
    store_id: int
    promo: fields.ForeignKeyRelation[PromoCode] = fields.ForeignKeyField(
        "models.PromoCode", related_name="redemptions", db_index=True
    )
    promo_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="promo_redemptions", db_index=True
    )
    user_id: int
    order: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Order", related_name="promo_redemptions", db_index=True
    )
    order_id: int
    discount_cents = money()
    created_at = created_at()

    class Meta:
        table = "promo_redemptions"
        indexes = (("promo", "user"),)


class Banner(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("banners")
    store_id: int
    title = translations()
    image_url = fields.CharField(max_length=500, default="")
    link = fields.CharField(max_length=500, default="")
    position = fields.IntField(default=0)
    starts_at = fields.DatetimeField(null=True)
    ends_at = fields.DatetimeField(null=True)
    is_active = fields.BooleanField(default=True)
    created_at = created_at()

    class Meta:
        table = "banners"


class Campaign(Model):
    """A broadcast to a store's customers through the customer bot."""

    id = fields.IntField(primary_key=True)
    store = store_fk("campaigns")
    store_id: int
    name = fields.CharField(max_length=200)
    message = translations()
    # {"segment": "all" | "recent" | "never" | "plan", "days": N, "plan": "premium"}
    audience: fields.JSONField[Any] = fields.JSONField(default=dict)
    status = fields.CharEnumField(CampaignStatus, max_length=16, default=CampaignStatus.DRAFT)
    scheduled_at = fields.DatetimeField(null=True)
    sent_at = fields.DatetimeField(null=True)
    stats: fields.JSONField[Any] = fields.JSONField(default=dict)
    photo_url = fields.CharField(max_length=500, default="")
    button_text = fields.CharField(max_length=64, default="")
    button_url = fields.CharField(max_length=500, default="")
    # "web_app" opens the shop as a Mini App; "url" opens a link.
    button_kind = fields.CharField(max_length=8, default="web_app")
    created_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="campaigns_made", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    # Counters moved by single UPDATE ... SET n = n + 1 statements while the campaign sends.
    recipients_count = fields.IntField(default=0)
    sent_count = fields.IntField(default=0)
    failed_count = fields.IntField(default=0)
    blocked_count = fields.IntField(default=0)
    skipped_count = fields.IntField(default=0)
    created_at = created_at()

    class Meta:
        table = "campaigns"


class CustomerPlan(Model):
    """A loyalty tier: cashback and delivery-fee discount for its members."""

    id = fields.IntField(primary_key=True)
    store = store_fk("plans")
    store_id: int
    code = fields.CharField(max_length=32)
    name = translations()
    cashback_bps = fields.IntField(default=0)
    delivery_discount_percent = fields.SmallIntField(default=0)
    monthly_price_cents = money()
    # How much of an order (percent of what is due) the wallet may pay.
    wallet_limit_percent = fields.SmallIntField(default=100)
    # Delivery is free when the items (after discounts) reach this; None: never free.
    free_delivery_over_cents = fields.IntField(null=True)
    is_active = fields.BooleanField(default=True)
    created_at = created_at()

    class Meta:
        table = "customer_plans"
        unique_together = (("store", "code"),)


class PlanMembership(Model):
    """The plan a customer is on in one store (no row: the store's standard plan)."""

    id = fields.IntField(primary_key=True)
    store = store_fk("plan_members")
    store_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="plan_memberships", db_index=True
    )
    user_id: int
    plan: fields.ForeignKeyRelation[CustomerPlan] = fields.ForeignKeyField(
        "models.CustomerPlan", related_name="members", on_delete=fields.CASCADE
    )
    plan_id: int
    updated_at = updated_at()

    class Meta:
        table = "plan_memberships"
        unique_together = (("user", "store"),)


class PlanSwitchLog(Model):
    id = fields.IntField(primary_key=True)
    store = store_fk("plan_switches")
    store_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="plan_switches", db_index=True
    )
    user_id: int
    from_plan: fields.ForeignKeyNullableRelation[CustomerPlan] = fields.ForeignKeyField(
        "models.CustomerPlan", related_name="switched_from", null=True, on_delete=fields.SET_NULL
    )
    from_plan_id: int | None
    to_plan: fields.ForeignKeyNullableRelation[CustomerPlan] = fields.ForeignKeyField(
        "models.CustomerPlan", related_name="switched_to", null=True, on_delete=fields.SET_NULL
    )
    to_plan_id: int | None
    actor: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.User", related_name="plan_changes_made", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    created_at = created_at()

    class Meta:
        table = "plan_switch_log"


class Reward(Model):
    """Cashback, referral and bonus credits; credited to the wallet when earned."""

    id = fields.IntField(primary_key=True)
    store = store_fk("rewards")
    store_id: int
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="rewards", db_index=True
    )
    user_id: int
    order: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Order", related_name="rewards", null=True, on_delete=fields.SET_NULL
    )
    order_id: int | None
    kind = fields.CharEnumField(RewardKind, max_length=16)
    status = fields.CharEnumField(RewardStatus, max_length=16, default=RewardStatus.PENDING)
    amount_cents = money()
    created_at = created_at()

    class Meta:
        table = "rewards"
