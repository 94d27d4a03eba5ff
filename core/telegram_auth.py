"""Telegram Mini App initData, validated exactly as Telegram specifies.

- With the bot token: HMAC-SHA-256 over the data-check-string (every field but `hash`,
  sorted, "key=value" lines) with the key HMAC-SHA-256("WebAppData", bot_token), compared in
  constant time.
- Without it (third-party validation): the Ed25519 `signature` over "{bot_id}:WebAppData\\n"
  plus the data-check-string without `hash` and `signature`, against Telegram's public key.

Both also reject data older than `max_age` seconds (0 disables the age check).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from core.untrusted import parse_id, strip_controls

TELEGRAM_PUBLIC_KEY_HEX = "e7bf03a2fa4602af4580703d88dda5bb59f32ed8b02a56c187fe7d34caed242d"
MAX_INIT_DATA_BYTES = 8192


class InitDataError(Exception):
    """Why initData was refused: `reason` is a stable code (invalid, bad_hash, expired...)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class TelegramUser:
    id: int
    first_name: str = ""
    last_name: str = ""
    username: str | None = None
    language_code: str | None = None


@dataclass(frozen=True)
class WebAppData:
    user: TelegramUser
    auth_date: int
    fields: dict[str, str]


def _fields(init_data: str) -> dict[str, str]:
    if not init_data or len(init_data) > MAX_INIT_DATA_BYTES:
        raise InitDataError("invalid", "initData is empty or too long")
    try:
        pairs = parse_qsl(init_data, strict_parsing=True, keep_blank_values=True)
    except ValueError:
        raise InitDataError("invalid", "initData is not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InitDataError("invalid", "initData repeats a field")
    return fields


def data_check_string(fields: dict[str, str], *, exclude: tuple[str, ...]) -> str:
    return "\n".join(f"{k}={v}" for k, v in sorted(fields.items()) if k not in exclude)


# Telegram user ids have at most 52 significant bits.
MAX_TELEGRAM_ID = 2**52


def _text(raw: dict[str, Any], key: str, limit: int) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(key)
    return strip_controls(value)[:limit]


def _result(fields: dict[str, str], max_age: int, now: float | None) -> WebAppData:
    auth_date = parse_id(fields.get("auth_date", ""), 2**40)
    if auth_date is None:
        raise InitDataError("invalid", "initData has no valid auth_date")
    current = time.time() if now is None else now
    if max_age and current - auth_date > max_age:
        raise InitDataError("expired", "initData is too old")
    if auth_date > current + 60:
        raise InitDataError("invalid", "initData comes from the future")
    try:
        raw: dict[str, Any] = json.loads(fields["user"])
        tg_id = raw["id"]
        if type(tg_id) is not int or not 0 < tg_id <= MAX_TELEGRAM_ID:
            raise ValueError("id")
        user = TelegramUser(
            id=tg_id,
            first_name=_text(raw, "first_name", 200),
            last_name=_text(raw, "last_name", 200),
            username=_text(raw, "username", 64) or None,
            language_code=_text(raw, "language_code", 16) or None,
        )
    except (KeyError, ValueError, TypeError, RecursionError, AttributeError):
        raise InitDataError("invalid", "initData has no valid user") from None
    return WebAppData(user=user, auth_date=auth_date, fields=fields)


def validate_with_token(
    init_data: str, bot_token: str, *, max_age: int, now: float | None = None
) -> WebAppData:
    """Raises InitDataError(bad_hash | expired | invalid)."""
    fields = _fields(init_data)
    received = fields.get("hash", "")
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    expected = hmac.new(
        secret, data_check_string(fields, exclude=("hash",)).encode(), hashlib.sha256
    ).hexdigest()
    if not received or not hmac.compare_digest(expected, received):
        raise InitDataError("bad_hash", "initData hash does not match")
    return _result(fields, max_age, now)


def validate_with_signature(
    init_data: str,
    bot_id: int,
    *,
    max_age: int,
    public_key_hex: str = TELEGRAM_PUBLIC_KEY_HEX,
    now: float | None = None,
) -> WebAppData:
    """Third-party validation with the Ed25519 `signature`. Raises InitDataError."""
    fields = _fields(init_data)
    signature = fields.get("signature", "")
    if not signature:
        raise InitDataError("bad_signature", "initData has no signature")
    message = f"{bot_id}:WebAppData\n" + data_check_string(fields, exclude=("hash", "signature"))
    try:
        raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex)).verify(
            raw, message.encode()
        )
    except (InvalidSignature, ValueError):
        raise InitDataError("bad_signature", "initData signature does not verify") from None
    return _result(fields, max_age, now)
