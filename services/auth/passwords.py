"""E-mail + password accounts: registration (with phone verification by OTP), login,
forgot/reset password with a single-use expiring token sent by e-mail."""

from __future__ import annotations

from datetime import timedelta

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.context import AppContext
from core.errors import Conflict, Unauthorized, Unavailable, ValidationFailed
from core.mailer import MailFailed
from core.passwords import MAX_PASSWORD_BYTES, hash_password, verify_password
from core.security import hash_token, new_opaque_token
from models import PasswordResetToken, User
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
) -> tuple[User, OtpChannel]:
    """Create the account (not usable until the phone is verified) and send the code."""
    email, phone = normalize_email(email), normalize_phone(phone)
    check_password_rules(password)
    existing = await User.get_or_none(email=email)
    if existing is not None and existing.phone_verified:
        raise Conflict(
            "an account with this e-mail exists; sign in",
            code="email_taken",
            fields={"email": "taken"},
        )
    holder = await User.get_or_none(phone=phone)
    if (
        holder is not None
        and (existing is None or holder.id != existing.id)
        and holder.phone_verified
    ):
        raise Conflict(
            "this phone belongs to another account", code="phone_taken", fields={"phone": "taken"}
        )
    password_hash = await hash_password(password, ctx.settings.bcrypt_rounds)
    async with in_transaction():
        if holder is not None and (existing is None or holder.id != existing.id):
            await User.filter(id=holder.id).update(phone=None)  # an unverified claim lapses
        if existing is None:
            user = await create_customer(
                key="email",
                referral=referral,
                email=email,
                phone=phone,
                name=name[:200],
                password_hash=password_hash,
                locale=pick_locale(locale, ctx.settings.default_locale),
            )
        else:  # an unfinished registration starts over
            await User.filter(id=existing.id).update(
                phone=phone, password_hash=password_hash, name=name[:200]
            )
            user = await User.get(id=existing.id)
    channel, _ = await otp.send_code(ctx, phone, OtpPurpose.REGISTER)
    return user, channel


async def complete_registration(
    ctx: AppContext, *, phone: str, code: str, client: ClientInfo
) -> TokenPair:
    phone = normalize_phone(phone)
    await otp.verify_code(ctx, phone, OtpPurpose.REGISTER, code)
    user = await User.get_or_none(phone=phone)
    if user is None:
        raise Unauthorized("no registration for this phone", code="otp_invalid")
    await User.filter(id=user.id).update(phone_verified=True)
    await user.refresh_from_db()
    return await start_session(
        ctx.settings, user, method="register", identifier=phone, client=client
    )


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
    if user.phone and not user.phone_verified and user.role.value == "customer":
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
        await User.filter(id=row.user_id).update(password_hash=password_hash)
        await end_all_sessions(row.user_id, "password_reset")
