"""Staff invitations: a one-time sign-in link to the console for someone employed in a store,
besides the Telegram link code. Only the token's hash is stored; the link works once (the
first of two concurrent clicks wins, by one conditional UPDATE) and expires."""

from __future__ import annotations

from datetime import timedelta

from core.clock import utcnow
from core.errors import Forbidden, NotFound, Unauthorized
from core.permissions import Permission, has_permission
from core.security import Principal, hash_token, new_opaque_token
from core.settings import Settings
from models import Employee, StaffInvitation, User
from models.enums import Role
from services.auth.browser import CONSOLE_ROLES
from services.auth.sessions import ClientInfo, start_session

MAX_TOKEN_LENGTH = 100


def _invalid() -> Unauthorized:
    # The same words as a used Telegram link code: ask the manager for a new one.
    return Unauthorized("this invitation is invalid, used or expired", code="link_code_invalid")


async def create_invitation(
    principal: Principal,
    *,
    store_id: int,
    ttl_seconds: int,
    employee_id: int | None = None,
    user_id: int | None = None,
) -> str:
    """A new sign-in link token for the store's active employee (by `employee_id`, or by the
    person's `user_id`); earlier links of theirs keep working until used or expired. Raises
    Forbidden (the principal does not manage staff, or the person is an admin and the
    principal is not), NotFound."""
    if not has_permission(principal.role, Permission.MANAGE_STAFF):
        raise Forbidden("your role does not manage staff")
    if not principal.can_access_store(store_id):
        raise NotFound("no such store", fields={"store_id": "unknown id"})
    which = {"id": employee_id} if employee_id is not None else {"user_id": user_id}
    employee = await Employee.get_or_none(**which, store_id=store_id, is_active=True)
    if employee is None:
        raise NotFound("no such staff member", fields={"employee_id": "unknown id"})
    target = await User.get(id=employee.user_id)
    if target.role == Role.ADMIN and principal.role != Role.ADMIN:
        # A link signs its holder in as the target: nobody may make one above their rank.
        raise Forbidden("only an admin can invite an admin")
    token = new_opaque_token(32)
    await StaffInvitation.create(
        store_id=store_id,
        user_id=target.id,
        token_hash=hash_token(token),
        expires_at=utcnow() + timedelta(seconds=ttl_seconds),
        created_by_id=principal.user_id,
    )
    return token


async def check_invitation(token: str) -> User:
    """The person a still usable link is for (nothing is used up); raises Unauthorized."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise _invalid()
    row = await StaffInvitation.get_or_none(
        token_hash=hash_token(token), used_at__isnull=True, expires_at__gt=utcnow()
    )
    if row is None:
        raise _invalid()
    return await _staff_member(row)


async def use_invitation(token: str) -> User:
    """Use the link up and return the person to sign in. Exactly one caller wins even when
    two clicks race: the row is marked used by one UPDATE that only an unused, unexpired row
    matches. Raises Unauthorized (unknown, used, expired, or the person left the store)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise _invalid()
    now = utcnow()
    digest = hash_token(token)
    taken = await StaffInvitation.filter(
        token_hash=digest, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if taken != 1:
        raise _invalid()
    return await _staff_member(await StaffInvitation.get(token_hash=digest))


async def _staff_member(row: StaffInvitation) -> User:
    employed = await Employee.exists(user_id=row.user_id, store_id=row.store_id, is_active=True)
    user = await User.get_or_none(id=row.user_id, is_active=True)
    if user is None or not employed:
        raise _invalid()
    return user


async def sign_in_with_invitation(settings: Settings, token: str, client: ClientInfo) -> str:
    """Use the link and open a console session for its person; returns the session token for
    the cookie. Raises Unauthorized (see use_invitation; a disabled account)."""
    user = await use_invitation(token)
    if user.role not in CONSOLE_ROLES:
        raise _invalid()
    pair = await start_session(
        settings, user, method="invitation", identifier=user.email or str(user.id), client=client
    )
    return pair.refresh_token
