"""Security primitives: access tokens (JWT, HS256) and token hashing.

The auth service (services/auth) decides who gets a token; this module only signs and checks.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

import jwt

from core.clock import utcnow
from core.errors import Unauthorized
from core.untrusted import MAX_ROW_ID, parse_id

ALGORITHM = "HS256"
ISSUER = "pharmacy-delivery"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the signed-in user as the access token describes them."""

    user_id: int
    role: str
    store_ids: tuple[int, ...] = ()

    @property
    def is_staff(self) -> bool:
        return self.role != "customer"

    def can_access_store(self, store_id: int) -> bool:
        """Admins run the platform; every other staff role works only in its own stores."""
        return self.role == "admin" or (self.is_staff and store_id in self.store_ids)


def issue_access_token(principal: Principal, secret: str, ttl_seconds: int) -> str:
    now = utcnow()
    claims = {
        "sub": str(principal.user_id),
        "role": principal.role,
        "stores": list(principal.store_ids),
        "iss": ISSUER,
        "iat": now,
        "exp": now + timedelta(seconds=ttl_seconds),
        "typ": "access",
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


# Tokens that decoded, with their expiry: a client sends the same token with every request
# for its lifetime (15 minutes), and checking the signature and parsing the claims again each
# time costs more than the rest of a cached read. The expiry is checked on every use, as
# jwt.decode checks it; only a token that passed every check is kept.
_DECODED: dict[tuple[str, str], tuple[float, Principal]] = {}
_DECODED_MAX = 10_000


def decode_access_token(token: str, secret: str) -> Principal:
    """Raises Unauthorized (code token_expired / invalid_token)."""
    known = _DECODED.get((token, secret))
    if known is not None and time.time() < known[0]:
        return known[1]
    principal, expires = _decode(token, secret)
    if len(_DECODED) >= _DECODED_MAX:
        _DECODED.clear()
    _DECODED[(token, secret)] = (expires, principal)
    return principal


def _decode(token: str, secret: str) -> tuple[Principal, float]:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["exp", "sub", "iss"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthorized("the access token has expired", code="token_expired") from None
    except jwt.PyJWTError:
        raise Unauthorized("the access token is invalid", code="invalid_token") from None
    if claims.get("typ") != "access":
        raise Unauthorized("not an access token", code="invalid_token")
    user_id = parse_id(str(claims.get("sub", "")), MAX_ROW_ID)
    stores = claims.get("stores", [])
    if (
        user_id is None
        or not isinstance(claims.get("role"), str)
        or not isinstance(stores, list)
        or not all(type(s) is int and 0 < s <= MAX_ROW_ID for s in stores)
    ):
        raise Unauthorized("the access token is invalid", code="invalid_token")
    principal = Principal(user_id=user_id, role=claims["role"], store_ids=tuple(stores))
    return principal, float(claims["exp"])


def new_opaque_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def hash_token(token: str) -> str:
    """SHA-256 of a high-entropy token (refresh and reset tokens are stored only hashed)."""
    return hashlib.sha256(token.encode()).hexdigest()
