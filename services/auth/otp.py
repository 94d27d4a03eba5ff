"""One-time codes by phone: 6 digits, stored as an HMAC, valid 5 minutes, at most 5
attempts, a resend cool-down, one active code per phone and purpose. Never logged."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.context import AppContext
from core.db import insert_unless_exists
from core.errors import RateLimited, Unauthorized, Unavailable
from core.otp_channels import DeliveryFailed
from models import OtpCode, OtpLog
from models.enums import OtpChannel, OtpEvent, OtpPurpose


def code_digest(secret_key: str, phone: str, purpose: OtpPurpose, code: str) -> str:
    # Keyed: six digits are easy to brute-force from a plain hash if the table ever leaks.
    message = f"{phone}|{purpose.value}|{code}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


async def _log(
    phone: str,
    purpose: OtpPurpose,
    event: OtpEvent,
    *,
    channel: OtpChannel | None = None,
    provider: str = "",
    detail: str = "",
) -> None:
    await OtpLog.create(
        phone=phone,
        purpose=purpose,
        event=event,
        channel=channel,
        provider=provider[:64],
        detail=detail[:200],
    )


async def send_code(ctx: AppContext, phone: str, purpose: OtpPurpose) -> tuple[OtpChannel, int]:
    """Make and deliver a new code (replacing any active one). Returns (channel, seconds until
    a resend is allowed). Raises RateLimited (code otp_cooldown, with the wait) during the
    cool-down, Unavailable when no channel delivered.

    Safe under concurrency: the phone's row is made with INSERT ... ON CONFLICT DO NOTHING and
    then claimed with one conditional UPDATE, so of two requests at once exactly one sends a
    code and the other is told to wait (never a unique-key failure)."""
    settings = ctx.settings
    now = utcnow()
    cooldown = timedelta(seconds=settings.otp_resend_cooldown)
    # A spent placeholder: claimable at once, never verifiable (verify wants consumed_at null).
    await insert_unless_exists(
        OtpCode(
            phone=phone,
            purpose=purpose,
            code_hash="",
            expires_at=now,
            attempts=0,
            sent_at=now - cooldown,
            consumed_at=now,
        )
    )
    code = f"{secrets.randbelow(10**6):06d}"
    digest = code_digest(settings.secret_key, phone, purpose, code)
    values: dict[str, Any] = {
        "code_hash": digest,
        "expires_at": now + timedelta(seconds=settings.otp_ttl),
        "attempts": 0,
        "sent_at": now,
        "consumed_at": None,
    }
    claimed = (
        await OtpCode.filter(phone=phone, purpose=purpose)
        .filter(Q(consumed_at__isnull=False) | Q(sent_at__lte=now - cooldown))
        .update(**values)
    )
    if not claimed:
        row = await OtpCode.get(phone=phone, purpose=purpose)
        # min(): the winner may have read the clock a moment after this request did.
        wait = min((row.sent_at + cooldown - now).total_seconds(), cooldown.total_seconds())
        raise RateLimited(wait, "wait before asking for another code", code="otp_cooldown")
    try:
        delivered = await ctx.otp.deliver(
            phone, f"Your pharmacy code: {code}. It expires in 5 minutes."
        )
    except DeliveryFailed as exc:
        # Give the claim back: nobody got this code, so the customer may ask again at once.
        await OtpCode.filter(phone=phone, purpose=purpose, code_hash=digest).update(
            consumed_at=utcnow()
        )
        await _log(phone, purpose, OtpEvent.DELIVERY_FAILED, detail=str(exc))
        raise Unavailable(
            "we could not send a code right now; try again", code="otp_delivery_failed"
        ) from None
    channel = OtpChannel(delivered.channel)
    await _log(phone, purpose, OtpEvent.SENT, channel=channel, provider=delivered.provider)
    return channel, settings.otp_resend_cooldown


async def verify_code(ctx: AppContext, phone: str, purpose: OtpPurpose, code: str) -> None:
    """Consume the code or raise Unauthorized: otp_invalid, otp_expired, otp_blocked (after the
    maximum number of attempts every further try is refused, right or wrong)."""
    settings = ctx.settings
    failure: tuple[str, str, OtpEvent] | None = None
    # The attempt is counted and logged in a transaction that commits even when it fails.
    async with in_transaction():
        row = (
            await OtpCode.filter(phone=phone, purpose=purpose, consumed_at__isnull=True)
            .select_for_update()
            .first()
        )
        if row is None:
            failure = ("otp_invalid", "ask for a code first", OtpEvent.FAILED)
        elif row.attempts >= settings.otp_max_attempts:
            failure = ("otp_blocked", "too many wrong codes; ask for a new one", OtpEvent.BLOCKED)
        else:
            await OtpCode.filter(id=row.id).update(attempts=row.attempts + 1)
            expected = code_digest(settings.secret_key, phone, purpose, code.strip())
            if row.expires_at <= utcnow():
                failure = (
                    "otp_expired",
                    "the code has expired; ask for a new one",
                    OtpEvent.FAILED,
                )
            elif not hmac.compare_digest(expected, row.code_hash):
                failure = ("otp_invalid", "wrong code", OtpEvent.FAILED)
            else:
                await OtpCode.filter(id=row.id).update(consumed_at=utcnow())
        if failure is None:
            await _log(phone, purpose, OtpEvent.VERIFIED)
        else:
            await _log(phone, purpose, failure[2], detail=failure[0])
    if failure is not None:
        raise Unauthorized(failure[1], code=failure[0])
