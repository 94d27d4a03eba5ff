"""Signing in with a phone number and a code, and attaching a verified phone."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.context import AppContext
from core.errors import Conflict, NotFound
from models import User
from models.enums import OtpChannel, OtpPurpose
from services.auth import otp
from services.auth.sessions import ClientInfo, TokenPair, start_session
from services.auth.users import create_customer, normalize_phone, pick_locale


async def request_code(
    ctx: AppContext, phone: str, purpose: OtpPurpose
) -> tuple[str, OtpChannel, int]:
    """Send a code; returns (normalised phone, channel, seconds before a resend)."""
    phone = normalize_phone(phone)
    channel, cooldown = await otp.send_code(ctx, phone, purpose)
    return phone, channel, cooldown


async def login_with_code(
    ctx: AppContext,
    *,
    phone: str,
    code: str,
    client: ClientInfo,
    referral: str | None = None,
    locale: str | None = None,
) -> TokenPair:
    """Verify the code; the phone's account signs in, or a new customer is created."""
    phone = normalize_phone(phone)
    await otp.verify_code(ctx, phone, OtpPurpose.LOGIN, code)
    async with in_transaction():
        user = await User.get_or_none(phone=phone)
        if user is not None and not user.phone_verified:
            # Whoever wrote this number on that account never proved it: the code's holder
            # does not inherit their account (its password, e-mail); the claim lapses.
            await User.filter(id=user.id).update(phone=None)
            user = None
        if user is None:
            user = await create_customer(
                key="phone",
                referral=referral,
                phone=phone,
                phone_verified=True,
                locale=pick_locale(locale, ctx.settings.default_locale),
            )
    return await start_session(ctx.settings, user, method="otp", identifier=phone, client=client)


async def _claim_verified_phone(user_id: int, phone: str) -> User:
    """Give `phone`, already verified, to the user. An unverified claim by someone else lapses;
    a verified owner keeps it (Conflict phone_taken)."""
    async with in_transaction():
        user = await User.get_or_none(id=user_id)
        if user is None:
            raise NotFound("no such user")
        holder = await User.get_or_none(phone=phone)
        if holder is not None and holder.id != user.id:
            if holder.phone_verified:
                raise Conflict(
                    "this phone belongs to another account",
                    code="phone_taken",
                    fields={"phone": "taken"},
                )
            await User.filter(id=holder.id).update(phone=None)
        try:
            await User.filter(id=user.id).update(phone=phone, phone_verified=True)
        except IntegrityError:  # claimed by someone else between the look-up and now
            raise Conflict(
                "this phone belongs to another account",
                code="phone_taken",
                fields={"phone": "taken"},
            ) from None
        await user.refresh_from_db()
    return user


async def attach_phone(ctx: AppContext, *, user_id: int, phone: str, code: str) -> User:
    """Replace the user's phone (e.g. the tg_{id} placeholder) with one verified by a code."""
    phone = normalize_phone(phone)
    await otp.verify_code(ctx, phone, OtpPurpose.ATTACH_PHONE, code)
    return await _claim_verified_phone(user_id, phone)


async def attach_telegram_contact(*, user_id: int, phone: str) -> User:
    """The user shared their own contact in Telegram: Telegram has verified that number."""
    return await _claim_verified_phone(
        user_id, normalize_phone(phone if phone.startswith("+") else f"+{phone}")
    )
