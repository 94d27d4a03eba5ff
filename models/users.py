from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.base import created_at, updated_at
from models.enums import OtpChannel, OtpEvent, OtpPurpose, Role


class User(Model):
    id = fields.IntField(primary_key=True)
    role = fields.CharEnumField(Role, max_length=16, default=Role.CUSTOMER)
    tg_id = fields.BigIntField(null=True, unique=True)
    tg_username = fields.CharField(max_length=64, null=True)
    # A real number in E.164, or the placeholder "tg_{id}" for Telegram sign-ups.
    phone = fields.CharField(max_length=32, null=True, unique=True)
    phone_verified = fields.BooleanField(default=False)
    email = fields.CharField(max_length=254, null=True, unique=True)
    email_verified = fields.BooleanField(default=False)
    password_hash = fields.CharField(max_length=100, null=True)
    google_sub = fields.CharField(max_length=64, null=True, unique=True)
    name = fields.CharField(max_length=200, default="")
    locale = fields.CharField(max_length=8, default="en")
    # Self-declared: it only gates checkout of 18+ items; once given, only staff change it.
    date_of_birth = fields.DateField(null=True)
    # Set only by an ID check at handover (a document seen by the driver).
    age_verified = fields.BooleanField(default=False)
    # The user's own affiliate code, and who referred them.
    referral_code = fields.CharField(max_length=16, unique=True)
    referred_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="referrals", null=True, on_delete=fields.SET_NULL
    )
    referred_by_id: int | None
    plan: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.CustomerPlan", related_name="users", null=True, on_delete=fields.SET_NULL
    )
    plan_id: int | None
    is_active = fields.BooleanField(default=True)
    # News (campaigns) are not sent to a customer who said /stop_news.
    news_opt_out = fields.BooleanField(default=False)
    # When Telegram answered 403 (the customer blocked the bot); cleared when they write again.
    bot_blocked_at = fields.DatetimeField(null=True)
    # Set once, when this customer's first delivered order rewarded whoever referred them.
    referral_rewarded_at = fields.DatetimeField(null=True)
    last_login_at = fields.DatetimeField(null=True)
    created_at = created_at()
    updated_at = updated_at()

    class Meta:
        table = "users"


class ProfileChange(Model):
    """Audit of a staff member changing a customer's profile fact (e.g. the date of birth)."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="profile_changes", db_index=True
    )
    user_id: int
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="profile_changes_made", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    field = fields.CharField(max_length=32)
    old_value = fields.CharField(max_length=100, default="")
    new_value = fields.CharField(max_length=100, default="")
    reason = fields.CharField(max_length=300, default="")
    created_at = created_at()

    class Meta:
        table = "profile_changes"


class Address(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="addresses", db_index=True
    )
    user_id: int
    label = fields.CharField(max_length=64, default="")
    text = fields.CharField(max_length=500)
    details = fields.CharField(max_length=200, default="")
    lat = fields.FloatField(null=True)
    lng = fields.FloatField(null=True)
    # The one the checkout offers first; at most one per user (services.addresses keeps it so).
    is_default = fields.BooleanField(default=False)
    created_at = created_at()

    class Meta:
        table = "addresses"


class RefreshToken(Model):
    """A refresh token, stored hashed. Tokens of one sign-in share a family; presenting a
    revoked one revokes the family (reuse detection)."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="refresh_tokens", db_index=True
    )
    user_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    family_id = fields.UUIDField(db_index=True)
    parent: fields.ForeignKeyNullableRelation[RefreshToken] = fields.ForeignKeyField(
        "models.RefreshToken", related_name="children", null=True, on_delete=fields.SET_NULL
    )
    parent_id: int | None
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=32, null=True)
    ip = fields.CharField(max_length=64, default="")
    user_agent = fields.CharField(max_length=300, default="")
    created_at = created_at()

    class Meta:
        table = "refresh_tokens"


class PasswordResetToken(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reset_tokens", db_index=True
    )
    user_id: int
    token_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_at = created_at()

    class Meta:
        table = "password_reset_tokens"


class OtpCode(Model):
    """The one active code per phone and purpose, stored hashed."""

    id = fields.IntField(primary_key=True)
    phone = fields.CharField(max_length=32)
    purpose = fields.CharEnumField(OtpPurpose, max_length=16)
    code_hash = fields.CharField(max_length=64)
    expires_at = fields.DatetimeField()
    attempts = fields.SmallIntField(default=0)
    sent_at = fields.DatetimeField()
    consumed_at = fields.DatetimeField(null=True)
    created_at = created_at()

    class Meta:
        table = "otp_codes"
        unique_together = (("phone", "purpose"),)


class PendingRegistration(Model):
    """A sign-up waiting for its phone code. No account exists until the code confirms it, so
    registering can never change somebody's account; one per phone, a new one replaces it."""

    id = fields.IntField(primary_key=True)
    phone = fields.CharField(max_length=32, unique=True)
    email = fields.CharField(max_length=254)
    password_hash = fields.CharField(max_length=100)
    name = fields.CharField(max_length=200, default="")
    locale = fields.CharField(max_length=8, default="en")
    referral_code = fields.CharField(max_length=16, null=True)
    expires_at = fields.DatetimeField()
    created_at = created_at()

    class Meta:
        table = "pending_registrations"


class OtpLog(Model):
    id = fields.IntField(primary_key=True)
    phone = fields.CharField(max_length=32, db_index=True)
    purpose = fields.CharEnumField(OtpPurpose, max_length=16)
    event = fields.CharEnumField(OtpEvent, max_length=16)
    channel = fields.CharEnumField(OtpChannel, max_length=16, null=True)
    provider = fields.CharField(max_length=64, default="")
    detail = fields.CharField(max_length=200, default="")
    created_at = created_at()

    class Meta:
        table = "otp_log"


class LoginLog(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="logins", null=True, db_index=True, on_delete=fields.SET_NULL
    )
    user_id: int | None
    identifier = fields.CharField(max_length=254, default="")
    method = fields.CharField(max_length=32)
    success = fields.BooleanField()
    reason = fields.CharField(max_length=64, default="")
    ip = fields.CharField(max_length=64, default="")
    user_agent = fields.CharField(max_length=300, default="")
    created_at = created_at()

    class Meta:
        table = "login_log"
