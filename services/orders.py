"""Orders after checkout: the state machine, driver assignment, handover, reads.

Every status change goes through `transition()`: it checks the transition table
(models/transitions.py) and the role rules below, moves the order with a compare-and-set on
`Order.version` (two concurrent moves: one wins, the other gets 409), writes the status
history with actor and role, and emits the events — all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from core.i18n import gettext_noop as N
from core.security import Principal
from models import (
    CashDrop,
    DispatchOffer,
    Driver,
    DriverShift,
    Order,
    OrderEvent,
    OrderItem,
    OrderStatusHistory,
    Store,
    User,
)
from models.enums import (
    DriverStatus,
    IdDocument,
    InventoryReason,
    OfferStatus,
    OrderEventKind,
    OrderStatus,
    PaymentMethod,
    PaymentState,
    PrescriptionState,
    RewardKind,
    Role,
    WalletTxKind,
)
from models.transitions import OPEN_STATUSES, can_transition
from services import (
    auto_dispatch,
    cart,
    cold_chain,
    inventory,
    loyalty,
    plans,
    promos,
    refunds,
    route_plan,
    wallets,
)
from services.delivery import haversine_km, release_slot
from services.events import EventKind, emit

S = OrderStatus
# An order in one of these prescription states cannot be confirmed.
PRESCRIPTION_OPEN = frozenset(
    {PrescriptionState.REQUIRED, PrescriptionState.SUBMITTED, PrescriptionState.REJECTED}
)
MANAGING = frozenset({Role.ADMIN, Role.MANAGER, Role.DISPATCHER})

# Who may move an order into each status (beyond the transition table).
#   "customer": the order's own customer; "driver": the assigned driver; roles: store staff.
WHO_MAY: dict[OrderStatus, frozenset[str]] = {
    S.CONFIRMED: frozenset(MANAGING),
    S.READY: frozenset(MANAGING),
    S.ASSIGNED: frozenset(MANAGING),
    S.PICKED_UP: frozenset({"driver", Role.ADMIN, Role.MANAGER}),
    S.DELIVERED: frozenset({"driver", Role.ADMIN, Role.MANAGER}),
    S.CANCELLED: frozenset({"customer", *MANAGING}),
    S.RETURNING: frozenset({"driver", *MANAGING}),
    S.RETURNED: frozenset(MANAGING),
}


@dataclass(frozen=True)
class Actor:
    """The principal as the order sees them: their relation to this order."""

    principal: Principal
    is_customer: bool
    is_driver: bool

    @property
    def role(self) -> Role:
        return Role(self.principal.role)


def order_payload(order: Order, **extra: Any) -> dict[str, Any]:
    return {
        "store_id": order.store_id,
        "order_id": order.id,
        "number": order.number,
        "customer_id": order.customer_id,
        "driver_id": order.driver_id,
        **extra,
    }


async def _driver_user_id(driver_id: int | None) -> int | None:
    if driver_id is None:
        return None
    driver = await Driver.get_or_none(id=driver_id)
    return driver.user_id if driver else None


async def relation(order: Order, principal: Principal) -> Actor:
    """How `principal` relates to `order`; raises NotFound when they may not see it (a
    stranger learns nothing, not even that the order exists)."""
    is_customer = order.customer_id == principal.user_id
    is_driver = False
    if principal.role == Role.DRIVER and order.driver_id is not None:
        is_driver = await _driver_user_id(order.driver_id) == principal.user_id
    store_staff = principal.is_staff and principal.can_access_store(order.store_id)
    if principal.role == Role.DRIVER:
        store_staff = False  # drivers see only their own deliveries
    if not (is_customer or is_driver or store_staff):
        raise NotFound("no such order", fields={"order_id": "unknown id"})
    return Actor(principal, is_customer, is_driver)


def _may(actor: Actor, target: OrderStatus, order: Order) -> bool:
    allowed = WHO_MAY[target]
    if actor.is_customer and "customer" in allowed:
        # Customers may only cancel while nobody has started on the order.
        return target is S.CANCELLED and order.status is S.PENDING
    if actor.is_driver and "driver" in allowed:
        return True
    return actor.principal.is_staff and actor.role in allowed and actor.role is not Role.DRIVER


async def get_order_for(principal: Principal, order_id: int) -> Order:
    order = await Order.get_or_none(id=order_id)
    if order is None:
        raise NotFound("no such order", fields={"order_id": "unknown id"})
    await relation(order, principal)
    return order


# The platform itself (an unpaid order's payment window closing): no person, every store.
SYSTEM = Principal(user_id=0, role=Role.ADMIN.value)


async def transition(
    order_id: int,
    target: OrderStatus,
    principal: Principal,
    *,
    reason: str = "",
    driver_id: int | None = None,
    cash_collected_cents: int | None = None,
    accepting_offer: bool = False,
) -> Order:
    """Move the order to `target` on behalf of `principal`.

    `accepting_offer`: the principal is the driver `driver_id` taking the order they were
    offered by auto-dispatch (services/auto_dispatch.accept, which has marked that offer
    accepted in this transaction); without such an offer it is Forbidden.

    Raises NotFound (not theirs to see), Forbidden (role may not), ValidationFailed
    `illegal_transition` (table says no; `extra` has from/to), `id_check_required`,
    `proof_photo_required`, `cash_amount_required`, `payment_pending`, and Conflict
    `order_changed` when another change won the race.
    """
    async with in_transaction():
        order = await Order.filter(id=order_id).select_for_update().first()
        if order is None:
            raise NotFound("no such order", fields={"order_id": "unknown id"})
        if accepting_offer:
            actor = await _offer_taker(order, principal, target, driver_id)
        else:
            actor = await relation(order, principal)
        current = order.status
        if not can_transition(current, target):
            raise ValidationFailed(
                f"an order cannot go from {current.value} to {target.value}",
                code="illegal_transition",
                fields={"status": f"not allowed from {current.value}"},
                extra={"from": current.value, "to": target.value},
            )
        if not accepting_offer and not _may(actor, target, order):
            raise Forbidden(f"you may not move this order to {target.value}")
        changes = await _preconditions(
            order, target, actor, driver_id, cash_collected_cents, reason
        )
        moved = await Order.filter(id=order.id, version=order.version, status=current).update(
            status=target, version=order.version + 1, updated_at=utcnow(), **changes
        )
        if not moved:
            raise Conflict("the order was changed by someone else", code="order_changed")
        await order.refresh_from_db()
        system = principal is SYSTEM
        await OrderStatusHistory.create(
            store_id=order.store_id,
            order=order,
            from_status=current,
            to_status=target,
            actor_id=None if system else principal.user_id,
            actor_role=None if system else actor.role,
            reason=reason[:300],
        )
        await _side_effects(order, current, target, principal)
        if order.run_id is not None and target in route_plan.STOP_OVER:
            await route_plan.stop_over(order)
        at = utcnow().isoformat()
        await emit(
            EventKind.ORDER_STATUS_CHANGED,
            order_payload(
                order,
                **{"from": current.value, "to": target.value},
                actor_id=None if system else principal.user_id,
                actor_role="system" if system else actor.role.value,
                reason=reason[:300],
                at=at,
            ),
        )
        if target is S.ASSIGNED:
            await emit(
                EventKind.ORDER_ASSIGNED,
                order_payload(
                    order,
                    driver_user_id=await _driver_user_id(order.driver_id),
                    actor_id=principal.user_id,
                    at=at,
                ),
            )
    return order


async def _offer_taker(
    order: Order, principal: Principal, target: OrderStatus, driver_id: int | None
) -> Actor:
    """The driver accepting an auto-dispatch offer acts on an order not yet theirs: only to
    take it, only as themselves, only with the offer accepted."""
    accepted = await DispatchOffer.exists(
        order_id=order.id, driver_id=driver_id or 0, status=OfferStatus.ACCEPTED
    )
    own = await Driver.exists(id=driver_id or 0, user_id=principal.user_id)
    if target is not S.ASSIGNED or principal.role != Role.DRIVER or not (accepted and own):
        raise Forbidden("you may not take this order")
    return Actor(principal, is_customer=False, is_driver=True)


async def _preconditions(
    order: Order,
    target: OrderStatus,
    actor: Actor,
    driver_id: int | None,
    cash_collected_cents: int | None,
    reason: str,
) -> dict[str, Any]:
    """Checks that depend on the move; returns the extra columns it sets."""
    if target is S.CONFIRMED and order.payment_state is PaymentState.AWAITING_PAYMENT:
        raise ValidationFailed("the order is not paid yet", code="payment_pending")
    if target is S.CONFIRMED and order.prescription_state in PRESCRIPTION_OPEN:
        raise ValidationFailed(
            "a pharmacist has not approved the prescription yet", code="prescription_pending"
        )
    if target is S.ASSIGNED:
        if driver_id is None:
            raise ValidationFailed("choose a driver", fields={"driver_id": "required"})
        driver = await Driver.get_or_none(id=driver_id, store_id=order.store_id, is_active=True)
        if driver is None:
            raise NotFound("no such driver in this store", fields={"driver_id": "unknown id"})
        if driver.status is DriverStatus.OFFLINE:
            raise ValidationFailed(
                "this driver is not on shift",
                code="driver_offline",
                fields={"driver_id": "not on shift"},
            )
        await cold_chain.check_driver(order, driver)
        return {"driver_id": driver.id}
    if target is S.DELIVERED:
        if order.cold_chain and order.kept_cold_at is None:
            raise ValidationFailed(
                "confirm the goods were kept cold before handing over", code="kept_cold_required"
            )
        if order.requires_id_check and order.id_checked_at is None:
            raise ValidationFailed(
                "check the customer's ID before handing over", code="id_check_required"
            )
        if (
            not order.proof_photo
            and await Store.filter(id=order.store_id, proof_photo_required=True).exists()
        ):
            # The store's rule (services/proof.py): no "Delivered" without the photo.
            raise ValidationFailed(
                "take a photo of the delivered order before handing over",
                code="proof_photo_required",
                fields={"file": "a proof-of-delivery photo is required"},
            )
        if order.payment_method is PaymentMethod.CASH and order.total_cents > 0:
            if cash_collected_cents is None:
                raise ValidationFailed(
                    "enter the cash collected",
                    code="cash_amount_required",
                    fields={"cash_collected_cents": "required for cash orders"},
                )
            if cash_collected_cents < order.total_cents:
                raise ValidationFailed(
                    "less cash than the order total",
                    code="cash_amount_short",
                    fields={"cash_collected_cents": f"at least {order.total_cents}"},
                )
            return {
                "cash_collected_cents": cash_collected_cents,
                "delivered_at": utcnow(),
                "payment_state": PaymentState.PAID,
            }
        paid = order.payment_state
        if paid is PaymentState.DUE_ON_DELIVERY:
            paid = PaymentState.PAID
        return {"delivered_at": utcnow(), "payment_state": paid}
    if target is S.RETURNING:
        if not reason.strip():
            raise ValidationFailed(
                "say why the order could not be delivered", fields={"reason": "required"}
            )
        return {"cancel_reason": reason[:300]}  # why it did not go through
    if target is S.READY and order.status is S.RETURNING:
        # A second attempt, by any driver, alone or in another run.
        return {"driver_id": None, "eta_minutes": None, "run_id": None, "run_position": None}
    if target in (S.CANCELLED, S.RETURNED):
        changes: dict[str, Any] = {"cancel_reason": reason[:300]}
        if target is S.RETURNED and not reason:
            del changes["cancel_reason"]  # the history has why it came back
        was_paid = order.payment_state is PaymentState.PAID
        # A returned order owes back only what was paid; a cancel after pickup is flagged too.
        if was_paid or (target is S.CANCELLED and order.status is S.PICKED_UP):
            changes["refund_due"] = True
            if was_paid:
                changes["payment_state"] = PaymentState.REFUND_DUE
        elif order.payment_state in (PaymentState.DUE_ON_DELIVERY, PaymentState.AWAITING_PAYMENT):
            changes["payment_state"] = PaymentState.VOID
        return changes
    return {}


async def _side_effects(
    order: Order, current: OrderStatus, target: OrderStatus, principal: Principal
) -> None:
    store_id = order.store_id
    if current is S.READY:
        await auto_dispatch.order_left_ready(order)
    if target is S.READY:
        await auto_dispatch.offer_next(order)
    if target in (S.CANCELLED, S.RETURNED):
        lines = [(i.variant_id, i.quantity) for i in await OrderItem.filter(order=order)]
        actor_id = None if principal is SYSTEM else principal.user_id
        stock_reason = InventoryReason.RETURN if target is S.RETURNED else InventoryReason.CANCEL
        await inventory.restore(
            store_id, lines, order_id=order.id, actor_id=actor_id, reason=stock_reason
        )
        if order.slot_id is not None and target is S.CANCELLED:
            await release_slot(order.slot_id)
        await promos.release(order)
        if order.payment_state is PaymentState.REFUND_DUE:
            await refunds.open_refund(order)
        if order.wallet_cents > 0:
            await wallets.credit(
                user_id=order.customer_id,
                store_id=store_id,
                amount_cents=order.wallet_cents,
                kind=WalletTxKind.REFUND,
                order=order,
            )
    elif target is S.DELIVERED:
        if order.cash_collected_cents is not None and order.driver_id is not None:
            shift = await DriverShift.filter(
                driver_id=order.driver_id, ended_at__isnull=True
            ).first()
            await CashDrop.create(
                store_id=store_id,
                driver_id=order.driver_id,
                shift=shift,
                order=order,
                amount_cents=order.cash_collected_cents,
                note="collected at handover",
            )
            if shift is not None:
                await DriverShift.filter(id=shift.id).update(
                    cash_collected_cents=shift.cash_collected_cents + order.cash_collected_cents
                )
        store = await Store.get(id=order.store_id)
        await _credit_cashback(order, store)
        await loyalty.reward_referrer(order, store)


def cashback_for(paid_cents: int, bps: int) -> int:
    """Cashback in whole cents for what the customer paid (basis points, rounded down)."""
    return max(0, paid_cents) * max(0, bps) // 10_000


async def _credit_cashback(order: Order, store: Store) -> None:
    """Cashback at the rate of the customer's plan in the store, on what they paid."""
    terms = await plans.terms_for(order.customer_id, store)
    amount = cashback_for(order.total_cents, terms.cashback_bps)
    if amount > 0:
        await wallets.credit_reward(
            user_id=order.customer_id,
            store_id=store.id,
            order=order,
            kind=RewardKind.CASHBACK,
            amount_cents=amount,
        )


async def assign_driver(
    order_id: int, driver_id: int, principal: Principal, *, reason: str = ""
) -> Order:
    """READY → ASSIGNED to `driver_id` (on shift, same store). A second assignment of the same
    order fails with illegal_transition or order_changed: never a double assignment."""
    return await transition(order_id, S.ASSIGNED, principal, driver_id=driver_id, reason=reason)


def check_id_document(store: Store, birth_year: int, today_year: int) -> None:
    """The year of birth on the document must be plausible and, counted by years alone, not
    below the store's legal age (the driver judges the exact date on the document). Raises
    ValidationFailed naming `birth_year`; `id_underage` means: refuse the handover."""
    if not 1900 <= birth_year <= today_year:
        raise ValidationFailed(
            "the year of birth is not plausible",
            code="birth_year_implausible",
            fields={"birth_year": f"a year between 1900 and {today_year}"},
        )
    if today_year - birth_year < store.legal_age:
        raise ValidationFailed(
            "the document shows the customer is under age",
            code="id_underage",
            fields={"birth_year": f"under {store.legal_age}"},
            extra={"legal_age": store.legal_age},
        )


async def _carrying(order_id: int, principal: Principal) -> tuple[Order, Actor]:
    """The order, locked, for the driver carrying it (or a manager): at handover only."""
    order = await Order.filter(id=order_id).select_for_update().first()
    if order is None:
        raise NotFound("no such order", fields={"order_id": "unknown id"})
    actor = await relation(order, principal)
    if not (actor.is_driver or actor.role in (Role.ADMIN, Role.MANAGER)):
        raise Forbidden("only the driver carrying the order checks the ID")
    if order.status is not S.PICKED_UP:
        raise ValidationFailed("check the ID at handover, after pick-up", code="not_picked_up")
    return order, actor


async def record_id_check(
    order_id: int, principal: Principal, *, document_type: IdDocument, birth_year: int
) -> Order:
    """The driver saw an identity document at handover proving the customer is of age.

    Records an ID_CHECKED order event with the document type and year of birth (never the
    document's number) — an event, not a status row — marks the customer `age_verified`
    (the only way it is set) and emits ORDER_ID_CHECKED so the driver's card moves on.
    Raises not_picked_up, birth_year_implausible, id_underage (refuse the handover instead).
    """
    async with in_transaction():
        order, actor = await _carrying(order_id, principal)
        store = await Store.get(id=order.store_id)
        check_id_document(store, birth_year, utcnow().year)
        if order.id_checked_at is None:
            now = utcnow()
            await Order.filter(id=order.id).update(id_checked_at=now)
            await OrderEvent.create(
                store_id=order.store_id,
                order=order,
                kind=OrderEventKind.ID_CHECKED,
                actor_id=principal.user_id,
                actor_role=actor.role,
                data={"document_type": document_type.value, "birth_year": birth_year},
            )
            await User.filter(id=order.customer_id).update(age_verified=True)
            await emit(
                EventKind.ORDER_ID_CHECKED,
                order_payload(
                    order,
                    driver_user_id=await _driver_user_id(order.driver_id),
                    document_type=document_type.value,
                    actor_id=principal.user_id,
                    at=now.isoformat(),
                ),
            )
        await order.refresh_from_db()
    return order


# Why a handover can be refused; the English text is stored as the cancel reason and
# translated where it is shown.
REFUSALS: dict[str, str] = {
    "no_id": N("Handover refused: no valid ID"),
    "underage": N("Handover refused: the customer is under age"),
    "customer_absent": N("Handover refused: nobody at the address"),
    "customer_refused": N("Handover refused: the customer did not take the order"),
}


async def refuse_handover(order_id: int, principal: Principal, *, reason: str) -> Order:
    """The driver cannot hand the order over (no ID, under age, nobody there, refused): the
    order goes back to the pharmacy (RETURNING, through `transition()`) with a
    HANDOVER_REFUSED event saying why; the pharmacy then receives it back or sends it again.
    Raises not_picked_up, ValidationFailed on `reason`."""
    if reason not in REFUSALS:
        raise ValidationFailed(
            "unknown refusal reason", fields={"reason": "one of " + ", ".join(REFUSALS)}
        )
    async with in_transaction():
        order, actor = await _carrying(order_id, principal)
        await OrderEvent.create(
            store_id=order.store_id,
            order=order,
            kind=OrderEventKind.HANDOVER_REFUSED,
            actor_id=principal.user_id,
            actor_role=actor.role,
            data={"reason": reason},
        )
        return await transition(order.id, S.RETURNING, principal, reason=REFUSALS[reason])


async def events(order: Order) -> list[OrderEvent]:
    return await OrderEvent.filter(order=order).order_by("created_at", "id")


async def history(order: Order) -> list[OrderStatusHistory]:
    return await OrderStatusHistory.filter(order=order).order_by("created_at", "id")


async def items(order: Order) -> list[OrderItem]:
    return await OrderItem.filter(order=order).order_by("id")


async def list_customer_orders(user_id: int, *, limit: int = 50, offset: int = 0) -> list[Order]:
    return (
        await Order.filter(customer_id=user_id)
        .order_by("-created_at", "-id")
        .offset(offset)
        .limit(limit)
    )


async def cancel_by_customer(order_id: int, principal: Principal, reason: str = "") -> Order:
    return await transition(
        order_id, S.CANCELLED, principal, reason=reason or "cancelled by the customer"
    )


async def reorder(order_id: int, principal: Principal) -> int:
    """Put the old order's items into the customer's cart; returns the store id."""
    order = await get_order_for(principal, order_id)
    if order.customer_id != principal.user_id:
        raise NotFound("no such order", fields={"order_id": "unknown id"})
    lines = [(i.variant_id, i.quantity) for i in await items(order)]
    await cart.replace(principal.user_id, order.store_id, lines)
    return order.store_id


def check_store_staff(principal: Principal, store_id: int) -> None:
    """Raises Forbidden unless the principal is staff of the store (drivers excluded)."""
    if (
        not principal.is_staff
        or principal.role == Role.DRIVER
        or not principal.can_access_store(store_id)
    ):
        raise Forbidden("you do not work for this store")


async def list_store_orders(
    principal: Principal,
    store_id: int,
    *,
    statuses: list[OrderStatus] | None = None,
    q: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[Order]:
    """A store's orders for its staff, newest first; `q` matches the number or the address."""
    check_store_staff(principal, store_id)
    rows = Order.filter(store_id=store_id, status__in=list(statuses or OPEN_STATUSES))
    if q:
        rows = rows.filter(Q(number__icontains=q) | Q(address_text__icontains=q))
    return await rows.order_by("-created_at", "-id").offset(offset).limit(limit)


async def driver_orders(principal: Principal) -> list[Order]:
    """The signed-in driver's open deliveries: the stops of each run in route order, then
    the single deliveries, oldest first."""
    driver = await Driver.get_or_none(user_id=principal.user_id, is_active=True)
    if driver is None:
        raise Forbidden("you are not a driver")
    rows = await Order.filter(driver_id=driver.id, status__in=[S.ASSIGNED, S.PICKED_UP])
    # A run's stops together, in route order; then single deliveries, oldest first.
    return sorted(
        rows,
        key=lambda o: (o.run_id is None, o.run_id or 0, o.run_position or 0, o.created_at, o.id),
    )


@dataclass(frozen=True)
class DriverLoad:
    driver: Driver
    name: str
    active_orders: int
    distance_km: float | None


async def list_store_drivers(
    principal: Principal,
    store_id: int,
    *,
    on_shift_only: bool = False,
    near_order_id: int | None = None,
) -> list[DriverLoad]:
    """The store's active drivers with how many deliveries each carries now and, given an
    order, how far each one's last location is from its address; nearest first."""
    check_store_staff(principal, store_id)
    near = None
    if near_order_id is not None:
        order = await get_order_for(principal, near_order_id)
        if order.lat is not None and order.lng is not None:
            near = (order.lat, order.lng)
    rows = Driver.filter(store_id=store_id, is_active=True)
    if on_shift_only:
        rows = rows.exclude(status=DriverStatus.OFFLINE)
    result = []
    for driver in await rows.prefetch_related("user").order_by("id"):
        load = await Order.filter(driver_id=driver.id, status__in=[S.ASSIGNED, S.PICKED_UP]).count()
        distance = None
        if near is not None and driver.last_lat is not None and driver.last_lng is not None:
            distance = round(haversine_km(near[0], near[1], driver.last_lat, driver.last_lng), 2)
        result.append(DriverLoad(driver, driver.user.name, load, distance))
    if near is not None:
        result.sort(key=lambda d: (d.distance_km is None, d.distance_km or 0, d.active_orders))
    return result
