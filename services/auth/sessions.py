"""Sessions: a 15-minute access JWT plus a refresh token stored hashed.

Refresh tokens of one sign-in form a family. Each refresh revokes the presented token and
issues its child; presenting a revoked token again means it leaked, so the whole family is
revoked (reuse detection). A family lives as long as the role's session lifetime allows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.errors import Unauthorized
from core.security import Principal, hash_token, issue_access_token, new_opaque_token
from core.settings import Settings
from models import Employee, LoginLog, RefreshToken, User
from models.enums import Role

SESSION_LIFETIME = {
    Role.CUSTOMER: timedelta(days=30),
    Role.ADMIN: timedelta(days=7),
}
STAFF_LIFETIME = timedelta(days=14)


@dataclass(frozen=True)
class ClientInfo:
    ip: str = ""
    user_agent: str = ""


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    refresh_expires_at: datetime
    user: User
    principal: Principal


def session_lifetime(role: Role) -> timedelta:
    return SESSION_LIFETIME.get(role, STAFF_LIFETIME)


async def principal_for(user: User) -> Principal:
    """What the user may do. Customers are never employed (staff accounts are made by
    `employees.employ`), so only staff need their stores looked up."""
    if user.role is Role.CUSTOMER:
        return Principal(user.id, user.role.value)
    store_ids = await Employee.filter(user_id=user.id, is_active=True).values_list(
        "store_id", flat=True
    )
    return Principal(user.id, user.role.value, tuple(sorted(int(s) for s in store_ids)))  # type: ignore[call-overload]


async def record_login(
    *,
    user: User | None,
    identifier: str,
    method: str,
    success: bool,
    reason: str = "",
    client: ClientInfo,
) -> None:
    await LoginLog.create(
        user=user,
        identifier=identifier[:254],
        method=method,
        success=success,
        reason=reason,
        ip=client.ip[:64],
        user_agent=client.user_agent[:300],
    )


async def _issue(
    settings: Settings,
    user: User,
    *,
    family: uuid.UUID,
    parent: RefreshToken | None,
    expires_at: datetime,
    client: ClientInfo,
) -> TokenPair:
    principal = await principal_for(user)
    refresh = new_opaque_token()
    await RefreshToken.create(
        user=user,
        token_hash=hash_token(refresh),
        family_id=family,
        parent=parent,
        expires_at=expires_at,
        ip=client.ip[:64],
        user_agent=client.user_agent[:300],
    )
    return TokenPair(
        access_token=issue_access_token(principal, settings.secret_key, settings.access_token_ttl),
        refresh_token=refresh,
        expires_in=settings.access_token_ttl,
        refresh_expires_at=expires_at,
        user=user,
        principal=principal,
    )


async def start_session(
    settings: Settings, user: User, *, method: str, identifier: str, client: ClientInfo
) -> TokenPair:
    """Sign `user` in: a new token family; the login is logged."""
    if not user.is_active:
        await record_login(
            user=user,
            identifier=identifier,
            method=method,
            success=False,
            reason="inactive",
            client=client,
        )
        raise Unauthorized("this account is disabled", code="account_disabled")
    await User.filter(id=user.id).update(last_login_at=utcnow())
    await record_login(user=user, identifier=identifier, method=method, success=True, client=client)
    return await _issue(
        settings,
        user,
        family=uuid.uuid4(),
        parent=None,
        expires_at=utcnow() + session_lifetime(user.role),
        client=client,
    )


async def refresh_session(settings: Settings, refresh_token: str, client: ClientInfo) -> TokenPair:
    """Rotate: revoke the presented token, issue its child. Raises Unauthorized with
    refresh_invalid, refresh_expired or refresh_reused (the family is then revoked)."""
    reused: RefreshToken | None = None
    async with in_transaction():
        row = (
            await RefreshToken.filter(token_hash=hash_token(refresh_token))
            .select_for_update()
            .first()
        )
        if row is None:
            raise Unauthorized("unknown refresh token", code="refresh_invalid")
        now = utcnow()
        if row.revoked_at is not None:
            # Committed before refusing: the revocation must stick.
            await RefreshToken.filter(family_id=row.family_id, revoked_at__isnull=True).update(
                revoked_at=now, revoked_reason="reuse_detected"
            )
            reused = row
        elif row.expires_at <= now:
            raise Unauthorized("the session has expired; sign in again", code="refresh_expired")
        else:
            await RefreshToken.filter(id=row.id).update(revoked_at=now, revoked_reason="rotated")
            user = await User.get(id=row.user_id)
            if not user.is_active:
                raise Unauthorized("this account is disabled", code="account_disabled")
            return await _issue(
                settings,
                user,
                family=row.family_id,
                parent=row,
                expires_at=row.expires_at,
                client=client,
            )
    await record_login(
        user=await User.get_or_none(id=reused.user_id),
        identifier=str(reused.user_id),
        method="refresh",
        success=False,
        reason="refresh_reused",
        client=client,
    )
    raise Unauthorized("this refresh token was already used; sign in again", code="refresh_reused")


async def end_session(refresh_token: str) -> bool:
    """Log out: revoke the token's whole family. Returns False for an unknown token."""
    row = await RefreshToken.get_or_none(token_hash=hash_token(refresh_token))
    if row is None:
        return False
    await RefreshToken.filter(family_id=row.family_id, revoked_at__isnull=True).update(
        revoked_at=utcnow(), revoked_reason="logout"
    )
    return True


async def end_all_sessions(user_id: int, reason: str) -> None:
    await RefreshToken.filter(user_id=user_id, revoked_at__isnull=True).update(
        revoked_at=utcnow(), revoked_reason=reason
    )


async def current_user(principal: Principal) -> tuple[User, Principal]:
    """The signed-in user now, with their stores as they are now (not as the token says)."""
    user = await User.get_or_none(id=principal.user_id, is_active=True)
    if user is None:
        raise Unauthorized("this account no longer exists", code="account_disabled")
    return user, await principal_for(user)
