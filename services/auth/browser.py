"""Browser sessions for the admin console: the console keeps the refresh token of an ordinary
API session (services.auth.sessions) in an HttpOnly cookie. It is never rotated by the
console, so logging out, a password reset or a disabled account ends it like any session."""

from __future__ import annotations

import hashlib
import hmac

from core.clock import utcnow
from core.context import AppContext
from core.errors import Forbidden
from core.security import Principal, hash_token, issue_access_token
from core.settings import Settings
from models import RefreshToken, User
from models.enums import Role
from services.auth import passwords
from services.auth.sessions import ClientInfo, end_session, principal_for

CONSOLE_ROLES = frozenset({Role.ADMIN, Role.MANAGER, Role.DISPATCHER, Role.DRIVER})


async def console_login(ctx: AppContext, *, email: str, password: str, client: ClientInfo) -> str:
    """Sign a staff member in with e-mail and password; returns the session token for the
    cookie. Raises Unauthorized (wrong e-mail or password) or Forbidden (not staff: the
    session that was just opened is ended again)."""
    pair = await passwords.login(ctx, email=email, password=password, client=client)
    if pair.user.role not in CONSOLE_ROLES:
        await end_session(pair.refresh_token)
        raise Forbidden("the console is for staff; customers use the shop", code="not_staff")
    return pair.refresh_token


async def session_principal(token: str) -> tuple[User, Principal] | None:
    """The user behind a live console session token (not revoked, not expired, account
    active) with their stores as they are now; None otherwise."""
    if not token or len(token) > 200:
        return None
    row = await RefreshToken.get_or_none(token_hash=hash_token(token))
    if row is None or row.revoked_at is not None or row.expires_at <= utcnow():
        return None
    user = await User.get_or_none(id=row.user_id, is_active=True)
    if user is None:
        return None
    return user, await principal_for(user)


async def console_logout(token: str) -> None:
    """End the session (its whole token family)."""
    if token and len(token) <= 200:
        await end_session(token)


def csrf_token(settings: Settings, session_token: str) -> str:
    """The form token bound to this browser's session (or pre-session) cookie."""
    key = hashlib.sha256(("csrf|" + settings.secret_key).encode()).digest()
    return hmac.new(key, session_token.encode(), hashlib.sha256).hexdigest()


def csrf_matches(settings: Settings, session_token: str, presented: str) -> bool:
    return bool(session_token) and hmac.compare_digest(
        csrf_token(settings, session_token), presented
    )


def socket_token(settings: Settings, principal: Principal) -> str:
    """A short-lived access token for the console page's websocket (the live order board):
    the same token the API issues, for this principal as they are now."""
    return issue_access_token(principal, settings.secret_key, settings.access_token_ttl)
