"""E-mail + password accounts: registration (with phone verification by OTP), login,
forgot/reset password with a single-use expiring token sent by e-mail."""

from __future__ import annotations

from datetime import timedelta

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.context import AppContext
from core.errors import Conflict, Unauthorized, Unavailable, ValidationFailed
from core.mailer import MAIL_CHANNEL, MailFailed, mail
from core.outbox import enqueue
from core.passwords import MAX_PASSWORD_BYTES, hash_password, verify_password
from core.security import hash_token, new_opaque_token
from models import PasswordResetToken, PendingRegistration, User
from models.enums import OtpChannel, OtpPurpose
from services.auth import otp
from services.auth.sessions import (
    ClientInfo,
    TokenPair,
    end_all_sessions,
    record_login,
    start_session,
)
from services.auth.users import create_customer, normalize_email, normalize_phone, pick_locale

MIN_PASSWORD = 8
REGISTER_ATTEMPT_MAIL_EVERY = 3600.0  # at most one warning mail an hour per address
# Verifying against this keeps "no such user" as slow as "wrong password".
_DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Gk1J0Wc8d0pR7m1mT0Q9lZ6uQJ6vVe"


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationFailed(
            f"at least {MIN_PASSWORD} characters",
            code="weak_password",
            fields={"password": f"at least {MIN_PASSWORD} characters"},
        )
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise ValidationFailed(
            "too long",
            code="weak_password",
            fields={"password": f"at most {MAX_PASSWORD_BYTES} bytes"},
        )


async def register(
    ctx: AppContext,
    *,
    email: str,
    password: str,
    phone: str,
    name: str = "",
    locale: str | None = None,
    referral: str | None = None,
) -> OtpChannel:
    """Keep the sign-up as a pending registration and send a code to the phone. No account is
    created or changed here: the code confirms it (complete_registration). The answer is the
    same whether or not the e-mail has an account; its owner is told by mail instead."""
    email, phone = normalize_email(email), normalize_phone(phone)
    check_password_rules(password)
    password_hash = await hash_password(password, ctx.settings.bcrypt_rounds)
    values = {
        "email": email,
        "password_hash": password_hash,
        "name": name[:200],
        "locale": pick_locale(locale, ctx.settings.default_locale),
        "referral_code": (referral or None) and referral[:16],
        "expires_at": utcnow() + timedelta(seconds=ctx.settings.otp_ttl),
    }
    async with in_transaction():
        # One pending sign-up per phone, the newest wins: an upsert, safe for two at once.
        await PendingRegistration.bulk_create(
            [PendingRegistration(phone=phone, **values)],
            on_conflict=["phone"],
            update_fields=list(values),
        )
        if await User.exists(email=email) and await ctx.cache.add(
            f"register-attempt:{email}", 1, REGISTER_ATTEMPT_MAIL_EVERY
        ):
            await enqueue(
                MAIL_CHANNEL,
                "registration_attempt",
                mail(
                    email,
                    "Someone tried to register with your address",
                    "Someone tried to create a pharmacy account with this e-mail address, "
                    "which already has one. Nothing was changed.\n\nIf it was you, sign in or "
                    "reset your password. If not, you can ignore this message.",
                ),
            )
    channel, _ = await otp.send_code(ctx, phone, OtpPurpose.REGISTER)
    ctx.outbox.wake()
    return channel


async def complete_registration(
    ctx: AppContext, *, phone: str, code: str, client: ClientInfo
) -> TokenPair:
    """The phone's code confirms its pending registration: the account is created now.
    Raises Unauthorized (a bad code, or nothing pending) or Conflict (email_taken,
    phone_taken) when someone else holds the address or the verified phone."""
    phone = normalize_phone(phone)
    await otp.verify_code(ctx, phone, OtpPurpose.REGISTER, code)
    async with in_transaction():
        pending = (
            await PendingRegistration.filter(phone=phone, expires_at__gt=utcnow())
            .select_for_update()
            .first()
        )
        if pending is None:
            raise Unauthorized("no registration for this phone", code="otp_invalid")
        await PendingRegistration.filter(id=pending.id).delete()
        if await User.exists(email=pending.email):
            raise Conflict(
                "an account with this e-mail exists; sign in or reset your password",
                code="email_taken",
                fields={"email": "taken"},
            )
        holder = await User.get_or_none(phone=phone)
        if holder is not None:
            if holder.phone_verified:
                raise Conflict(
                    "this phone belongs to another account",
                    code="phone_taken",
                    fields={"phone": "taken"},
                )
            await User.filter(id=holder.id).update(phone=None)  # an unproven claim lapses
        user = await create_customer(
            key="phone",
            referral=pending.referral_code,
            email=pending.email,
            phone=phone,
            phone_verified=True,
            name=pending.name,
            password_hash=pending.password_hash,
            locale=pending.locale,
        )
    return await start_session(
        ctx.settings, user, method="register", identifier=phone, client=client
    )


async def purge_expired_registrations() -> int:
    """Forget sign-ups whose code was never confirmed (a periodic job)."""
    return await PendingRegistration.filter(expires_at__lte=utcnow()).delete()


async def login(ctx: AppContext, *, email: str, password: str, client: ClientInfo) -> TokenPair:
    """Raises Unauthorized(invalid_credentials | phone_not_verified); every try is logged."""
    identifier = (email or "").strip().lower()
    user = await User.get_or_none(email=identifier)

    async def refuse(reason: str, code: str, message: str) -> Unauthorized:
        await record_login(
            user=user,
            identifier=identifier,
            method="password",
            success=False,
            reason=reason,
            client=client,
        )
        return Unauthorized(message, code=code)

    if user is None or not user.password_hash:
        await verify_password(password, _DUMMY_HASH)
        raise await refuse("unknown_user", "invalid_credentials", "wrong e-mail or password")
    if not await verify_password(password, user.password_hash):
        raise await refuse("bad_password", "invalid_credentials", "wrong e-mail or password")
    if user.phone and not user.phone_verified:
        raise await refuse("phone_not_verified", "phone_not_verified", "verify your phone first")
    return await start_session(
        ctx.settings, user, method="password", identifier=identifier, client=client
    )


async def forgot_password(ctx: AppContext, *, email: str) -> None:
    """Mail a reset link if the account exists. Says nothing either way (no enumeration)."""
    try:
        address = normalize_email(email)
    except ValidationFailed:
        return
    user = await User.get_or_none(email=address, is_active=True)
    if user is None:
        return
    token = new_opaque_token()
    await PasswordResetToken.create(
        user=user,
        token_hash=hash_token(token),
        expires_at=utcnow() + timedelta(seconds=ctx.settings.password_reset_ttl),
    )
    link = f"{ctx.settings.public_base_url.rstrip('/')}/reset-password#token={token}"
    try:
        await ctx.mailer.send(
            address,
            "Reset your password",
            f"Someone asked to reset the password of your pharmacy account.\n\n{link}\n\n"
            "The link works once, for one hour. If it was not you, ignore this message.",
        )
    except MailFailed:
        raise Unavailable(
            "we could not send the e-mail; try again later", code="mail_failed"
        ) from None


async def reset_password(ctx: AppContext, *, token: str, password: str) -> None:
    """Use a reset token once: set the password and sign the user out everywhere."""
    check_password_rules(password)
    async with in_transaction():
        row = (
            await PasswordResetToken.filter(token_hash=hash_token(token))
            .select_for_update()
            .first()
        )
        if row is None or row.used_at is not None or row.expires_at <= utcnow():
            raise Unauthorized("this reset link is invalid or used up", code="reset_token_invalid")
        await PasswordResetToken.filter(id=row.id).update(used_at=utcnow())
        password_hash = await hash_password(password, ctx.settings.bcrypt_rounds)
        # The link reached the mailbox: that proves the address.
        await User.filter(id=row.user_id).update(password_hash=password_hash, email_verified=True)
        await end_all_sessions(row.user_id, "password_reset")
