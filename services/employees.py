"""Employing people in a store: a new staff account (or another store for an existing staff
member), with a Telegram link code so they can open the staff bot."""

from __future__ import annotations

import secrets

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import changes
from core.context import AppContext
from core.errors import Conflict, Forbidden, NotFound
from core.passwords import hash_password
from core.security import Principal
from models import Employee, User
from models.enums import Role
from services import staff_links
from services.auth.passwords import check_password_rules
from services.auth.sessions import end_all_sessions
from services.auth.users import normalize_email

STAFF_ROLES = (Role.MANAGER, Role.DISPATCHER, Role.DRIVER)


async def employ(
    ctx: AppContext,
    principal: Principal,
    *,
    store_id: int,
    email: str,
    name: str,
    role: Role,
    password: str | None = None,
) -> tuple[User, str]:
    """Add a staff member to the store and make their Telegram link code. A manager may add
    dispatchers and drivers, an admin anyone. Raises Forbidden, Conflict email_taken (the
    address belongs to a customer or to someone of another role)."""
    if role not in STAFF_ROLES:
        raise Forbidden("employees are managers, dispatchers or drivers")
    if role is Role.MANAGER and principal.role != Role.ADMIN.value:
        raise Forbidden("only an admin can appoint a manager")
    email = normalize_email(email)
    if password is not None:
        check_password_rules(password)
    password_hash = await hash_password(password, ctx.settings.bcrypt_rounds) if password else None
    async with in_transaction():
        user = await User.get_or_none(email=email)
        if user is None:
            try:
                user = await User.create(
                    role=role,
                    email=email,
                    name=name[:200],
                    password_hash=password_hash,
                    referral_code=secrets.token_hex(4).upper(),
                )
            except IntegrityError:
                raise Conflict("this e-mail was just taken", code="email_taken") from None
        elif user.role is not role:
            # Never turn somebody's existing account (a customer's) into staff by its address.
            raise Conflict(
                "this e-mail belongs to an account of another kind",
                code="email_taken",
                fields={"email": "taken"},
            )
        await Employee.bulk_create(
            [Employee(user_id=user.id, store_id=store_id, role=role)],
            on_conflict=["user_id", "store_id"],
            update_fields=["role", "is_active"],
        )
    changes.changed("user")  # a linked member's bots see the new store at once
    code = await staff_links.create_link_code(principal, user.id)
    return user, code


async def create_or_reset_admin(email: str, password: str, *, bcrypt_rounds: int) -> bool:
    """The operator's door (`pharmacy create-admin`): make `email` an admin with this
    password, or reset an existing admin's password (signing them out). True when created."""
    email = normalize_email(email)
    check_password_rules(password)
    password_hash = await hash_password(password, bcrypt_rounds)
    async with in_transaction():
        user = await User.filter(email=email).select_for_update().first()
        if user is None:
            await User.create(
                role=Role.ADMIN,
                email=email,
                email_verified=True,
                name="Admin",
                password_hash=password_hash,
                referral_code=secrets.token_hex(4).upper(),
            )
            return True
        await User.filter(id=user.id).update(
            role=Role.ADMIN, password_hash=password_hash, is_active=True, email_verified=True
        )
        await end_all_sessions(user.id, "password_reset")
    changes.changed("user")
    return False


async def set_employment_active(
    principal: Principal, *, store_id: int, employee_id: int, active: bool
) -> Employee:
    """Deactivate (or reactivate) someone's work in the store. A manager may do this for
    dispatchers and drivers, an admin for anyone. Deactivating signs the person out
    everywhere, so no token keeps the store. Raises NotFound, Forbidden."""
    employment = await Employee.get_or_none(id=employee_id, store_id=store_id)
    if employment is None:
        raise NotFound("no such employee", fields={"employee_id": "unknown id"})
    if employment.role is Role.MANAGER and principal.role != Role.ADMIN.value:
        raise Forbidden("only an admin can change a manager's employment")
    if employment.user_id == principal.user_id:
        raise Forbidden("you cannot change your own employment")
    async with in_transaction():
        await Employee.filter(id=employment.id).update(is_active=active)
        if not active:
            await end_all_sessions(employment.user_id, "employment_ended")
    changes.changed("user")  # the staff bots drop (or regain) the store at once
    employment.is_active = active
    return employment
