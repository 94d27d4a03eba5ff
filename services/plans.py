"""Customer plans per store: standard and premium, each with its cashback, how much of an
order the wallet may pay, and (premium) free delivery over a threshold. A customer without a
membership row is on the store's standard plan; staff switch plans, and every switch is logged
with who made it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from core.db import fetch_all, insert_unless_exists, upsert
from core.errors import Forbidden, NotFound
from core.security import Principal
from models import CustomerPlan, PlanMembership, PlanSwitchLog, Store, User
from models.enums import Role

STANDARD = "standard"
PREMIUM = "premium"
PLAN_CODES = (STANDARD, PREMIUM)


@dataclass(frozen=True)
class PlanTerms:
    code: str
    cashback_bps: int
    wallet_limit_percent: int
    free_delivery_over_cents: int | None

    def delivery_fee(self, fee_cents: int, items_cents: int) -> int:
        """The fee the customer pays: nothing once the items reach the free-delivery line."""
        if self.free_delivery_over_cents is not None and items_cents >= (
            self.free_delivery_over_cents
        ):
            return 0
        return fee_cents

    def wallet_cap(self, due_cents: int) -> int:
        """The most of `due_cents` the wallet may pay (rounded down)."""
        return max(0, due_cents) * max(0, min(100, self.wallet_limit_percent)) // 100


def _terms(plan: CustomerPlan) -> PlanTerms:
    return PlanTerms(
        plan.code, plan.cashback_bps, plan.wallet_limit_percent, plan.free_delivery_over_cents
    )


def standard_defaults(store: Store) -> PlanTerms:
    """The standard plan before anybody set it up: the store's own cashback, no wallet cap."""
    return PlanTerms(STANDARD, store.cashback_bps, 100, None)


def check_marketing_staff(principal: Principal, store_id: int) -> None:
    """Raises Forbidden unless the principal is a manager of the store or an admin."""
    if principal.role not in (Role.ADMIN, Role.MANAGER) or not principal.can_access_store(store_id):
        raise Forbidden("only the store's managers and admins do this")


def _check_code(code: str) -> None:
    if code not in PLAN_CODES:
        raise NotFound("no such plan", fields={"code": f"one of {', '.join(PLAN_CODES)}"})


async def store_plans(store: Store) -> list[PlanTerms]:
    """Both plans of the store, standard first (defaults where not set up)."""
    rows = {p.code: p for p in await CustomerPlan.filter(store_id=store.id)}
    standard = _terms(rows[STANDARD]) if STANDARD in rows else standard_defaults(store)
    premium = _terms(rows[PREMIUM]) if PREMIUM in rows else PlanTerms(PREMIUM, 0, 100, None)
    return [standard, premium]


async def set_plan(store: Store, code: str, settings: dict[str, Any]) -> PlanTerms:
    """Create or change the store's plan `code` (cashback_bps, wallet_limit_percent,
    free_delivery_over_cents). Raises NotFound for an unknown code."""
    _check_code(code)
    row = CustomerPlan(
        store_id=store.id,
        code=code,
        name={"en": code.title()},
        cashback_bps=settings["cashback_bps"],
        wallet_limit_percent=settings["wallet_limit_percent"],
        free_delivery_over_cents=settings.get("free_delivery_over_cents"),
    )
    await upsert(
        row,
        on=("store_id", "code"),
        update=("cashback_bps", "wallet_limit_percent", "free_delivery_over_cents"),
    )
    return _terms(await CustomerPlan.get(store_id=store.id, code=code))


# The member's plan, else the store's standard one, in one statement (checkout asks on every
# order; the ORM's join cost more than the query).
_TERMS_SQL = """
SELECT p.code, p.cashback_bps, p.wallet_limit_percent, p.free_delivery_over_cents,
       CASE WHEN m.id IS NULL THEN 0 ELSE 1 END AS member
FROM customer_plans p
LEFT JOIN plan_memberships m ON m.plan_id = p.id AND m.user_id = $1 AND m.store_id = $2
WHERE m.id IS NOT NULL OR (p.store_id = $2 AND p.code = $3)
ORDER BY member DESC
LIMIT 1
"""


async def terms_for(user_id: int, store: Store) -> PlanTerms:
    """The terms the customer gets in the store today."""
    rows = await fetch_all(_TERMS_SQL, user_id, store.id, STANDARD)
    if not rows:
        return standard_defaults(store)
    row = rows[0]
    return PlanTerms(
        row["code"],
        int(row["cashback_bps"]),
        int(row["wallet_limit_percent"]),
        row["free_delivery_over_cents"],
    )


async def plan_code_of(user_id: int, store_id: int) -> str:
    member = (
        await PlanMembership.filter(user_id=user_id, store_id=store_id)
        .select_related("plan")
        .first()
    )
    return member.plan.code if member else STANDARD


async def _plan_row(store: Store, code: str) -> CustomerPlan:
    """The plan's row, made with the standard defaults when staff never set it up."""
    defaults = standard_defaults(store) if code == STANDARD else PlanTerms(code, 0, 100, None)
    await insert_unless_exists(
        CustomerPlan(
            store_id=store.id,
            code=code,
            name={"en": code.title()},
            cashback_bps=defaults.cashback_bps,
            wallet_limit_percent=defaults.wallet_limit_percent,
        )
    )
    return await CustomerPlan.get(store_id=store.id, code=code)


async def switch_plan(
    principal: Principal, store: Store, user_id: int, code: str
) -> PlanSwitchLog | None:
    """Put the customer on plan `code` in the store and log who did it (from → to), in one
    transaction holding the customer's row lock, so two switches at once log a true chain.
    Returns None when the customer is already on that plan. Raises Forbidden unless a manager of
    the store or an admin, NotFound for an unknown plan or customer."""
    check_marketing_staff(principal, store.id)
    _check_code(code)
    plan = await _plan_row(store, code)
    async with in_transaction():
        user = await User.filter(id=user_id, role=Role.CUSTOMER).select_for_update().first()
        if user is None:
            raise NotFound("no such customer", fields={"user_id": "unknown id"})
        current = await PlanMembership.filter(user_id=user_id, store_id=store.id).first()
        if current is not None and current.plan_id == plan.id:
            return None
        from_id = current.plan_id if current else None
        await upsert(
            PlanMembership(user_id=user_id, store_id=store.id, plan_id=plan.id),
            on=("user_id", "store_id"),
            update=("plan_id", "updated_at"),
        )
        return await PlanSwitchLog.create(
            store_id=store.id,
            user_id=user_id,
            from_plan_id=from_id,
            to_plan_id=plan.id,
            actor_id=principal.user_id,
        )


async def switch_history(store_id: int, user_id: int) -> list[PlanSwitchLog]:
    """The customer's plan switches in the store, newest first, with plans and actor."""
    return (
        await PlanSwitchLog.filter(store_id=store_id, user_id=user_id)
        .select_related("from_plan", "to_plan", "actor")
        .order_by("-id")
    )


async def recent_switches(store_id: int, limit: int = 50) -> list[PlanSwitchLog]:
    """The store's latest plan switches, newest first, with plans, customer and actor."""
    return (
        await PlanSwitchLog.filter(store_id=store_id)
        .select_related("from_plan", "to_plan", "actor", "user")
        .order_by("-id")
        .limit(limit)
    )
