"""Linking a staff member's Telegram account: a manager makes a one-time code, the person
opens the staff bot with /start link-CODE."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import changes
from core.clock import utcnow
from core.errors import Conflict, Forbidden, NotFound, Unauthorized
from core.permissions import Permission, has_permission
from core.security import Principal, hash_token
from models import Driver, Employee, StaffLinkCode, User
from models.enums import Role

CODE_TTL = timedelta(hours=24)


async def create_link_code(principal: Principal, user_id: int) -> str:
    """A code for staff member `user_id` of one of the principal's stores."""
    if not has_permission(principal.role, Permission.MANAGE_STAFF):
        raise Forbidden("your role does not manage staff")
    employments = await Employee.filter(user_id=user_id, is_active=True).values_list(
        "store_id", flat=True
    )
    if not any(principal.can_access_store(int(s)) for s in employments):  # type: ignore[call-overload]
        raise NotFound("no such staff member in your stores", fields={"user_id": "unknown id"})
    target = await User.get_or_none(id=user_id)
    if target is None or (target.role.value == "admin" and principal.role != "admin"):
        # A code signs its redeemer in as the target: nobody may make one above their rank.
        raise Forbidden("only an admin can link an admin's Telegram account")
    code = secrets.token_urlsafe(9).replace("-", "x").replace("_", "y")
    await StaffLinkCode.create(
        user_id=user_id,
        code_hash=hash_token(code),
        expires_at=utcnow() + CODE_TTL,
        created_by_id=principal.user_id,
    )
    return code


async def redeem_link_code(code: str, tg_id: int, username: str | None = None) -> User:
    """Attach the Telegram account to the staff user the code was made for (once)."""
    async with in_transaction():
        row = await StaffLinkCode.filter(code_hash=hash_token(code)).select_for_update().first()
        if row is None or row.used_at is not None or row.expires_at <= utcnow():
            raise Unauthorized("this link code is invalid or used up", code="link_code_invalid")
        holder = await User.get_or_none(tg_id=tg_id)
        if holder is not None and holder.id != row.user_id:
            if holder.role.value != "customer" or await Employee.exists(user_id=holder.id):
                raise Conflict(
                    "this Telegram account belongs to another staff member", code="telegram_taken"
                )
            await User.filter(id=holder.id).update(tg_id=None)  # it was only a shopper's account
        try:
            await User.filter(id=row.user_id).update(tg_id=tg_id, tg_username=username)
        except IntegrityError:  # the account appeared (a Mini App sign-in) since the look-up
            raise Conflict(
                "this Telegram account belongs to another user; try the link again",
                code="telegram_taken",
            ) from None
        await StaffLinkCode.filter(id=row.id).update(used_at=utcnow())
    changes.changed("user")  # the Telegram account now means this staff member
    return await User.get(id=row.user_id)


async def staff_user_for_telegram(tg_id: int) -> User | None:
    """The active staff member behind a Telegram account, or None."""
    user = await User.get_or_none(tg_id=tg_id, is_active=True)
    if user is None or user.role.value == "customer":
        return None
    return user


@dataclass(frozen=True)
class StaffMember:
    user_id: int
    name: str
    role: Role
    telegram_linked: bool
    driver_id: int | None


async def list_store_staff(principal: Principal, store_id: int) -> list[StaffMember]:
    """The store's active staff with their ids (for link codes) and whether each linked
    Telegram; raises Forbidden (role) or NotFound (not one of the principal's stores)."""
    if not has_permission(principal.role, Permission.MANAGE_STAFF):
        raise Forbidden("your role does not manage staff")
    if not principal.can_access_store(store_id):
        raise NotFound("no such store in your stores", fields={"store_id": "unknown id"})
    rows = await Employee.filter(store_id=store_id, is_active=True).prefetch_related("user")
    drivers = dict(
        await Driver.filter(store_id=store_id, is_active=True).values_list("user_id", "id")
    )
    return sorted(
        (
            StaffMember(
                user_id=row.user_id,
                name=row.user.name,
                role=row.role,
                telegram_linked=row.user.tg_id is not None,
                driver_id=drivers.get(row.user_id),
            )
            for row in rows
            if row.user.is_active
        ),
        key=lambda m: (m.role.value, m.name, m.user_id),
    )
