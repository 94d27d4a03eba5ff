"""Prescriptions: the customer sends a file or an e-prescription code for an order with
prescription-only items, a pharmacist of the store approves or rejects it, and the order can
be confirmed only once it is approved.

Files are sealed with the secret box before they touch the disk and are readable only by the
order's customer and the store's pharmacists (everyone else: 404, as if there were none).
`run_due_jobs` (one runner in the cluster) cancels orders left unapproved past the store's
limit and deletes files past the retention period.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.context import AppContext
from core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from core.permissions import Permission, has_permission, may_be_granted
from core.security import Principal
from models import Employee, Order, OrderEvent, OrderItem, Prescription, Store
from models.enums import OrderEventKind, OrderStatus, PaymentState, PrescriptionState, Role
from services import orders
from services.events import EventKind, emit

log = logging.getLogger("pharmacy.prescriptions")

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_CODE_LENGTH = 64
PS = PrescriptionState
# The customer may send (again) in these states.
OPEN_FOR_UPLOAD = frozenset({PS.REQUIRED, PS.SUBMITTED, PS.REJECTED})

# Magic bytes → the content type we store and serve. The name and the declared type of an
# upload are never trusted.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)


def sniff(data: bytes) -> str | None:
    """The content type the bytes really are (JPEG, PNG, PDF), or None."""
    for magic, content_type in _MAGIC:
        if data.startswith(magic):
            return content_type
    return None


async def is_pharmacist(principal: Principal, store_id: int) -> bool:
    """Admins hold every right; a manager or dispatcher reviews only where the store granted
    them REVIEW_PRESCRIPTIONS (an active employment marked is_pharmacist)."""
    if has_permission(principal.role, Permission.REVIEW_PRESCRIPTIONS):
        return True
    if not may_be_granted(principal.role, Permission.REVIEW_PRESCRIPTIONS):
        return False
    if not principal.can_access_store(store_id):
        return False
    return await Employee.filter(
        user_id=principal.user_id, store_id=store_id, is_active=True, is_pharmacist=True
    ).exists()


async def set_pharmacist(
    principal: Principal, *, store_id: int, user_id: int, granted: bool
) -> Employee:
    """Grant or withdraw REVIEW_PRESCRIPTIONS for an employee of the store (managers and
    dispatchers may hold it). Only a store manager or an admin may. Raises NotFound,
    Forbidden, ValidationFailed `role_cannot_review`."""
    if not (
        has_permission(principal.role, Permission.MANAGE_STAFF)
        and principal.can_access_store(store_id)
    ):
        raise Forbidden("you may not change this store's staff")
    employment = await Employee.get_or_none(user_id=user_id, store_id=store_id)
    if employment is None:
        raise NotFound("no such employee", fields={"user_id": "unknown id"})
    if granted and not may_be_granted(employment.role.value, Permission.REVIEW_PRESCRIPTIONS):
        raise ValidationFailed(
            "only managers and dispatchers can be pharmacists",
            code="role_cannot_review",
            fields={"user_id": "not a manager or dispatcher"},
        )
    await Employee.filter(id=employment.id).update(is_pharmacist=granted)
    employment.is_pharmacist = granted
    return employment


async def _customers_open_order(order_id: int, principal: Principal) -> Order:
    """The caller's own pending order that needs a prescription, row-locked. Call inside a
    transaction."""
    order = await Order.filter(id=order_id).select_for_update().first()
    if order is None or order.customer_id != principal.user_id:
        raise NotFound("no such order", fields={"order_id": "unknown id"})
    if order.status is not OrderStatus.PENDING or order.prescription_state not in OPEN_FOR_UPLOAD:
        raise Conflict(
            "this order does not wait for a prescription",
            code="prescription_not_expected",
            extra={"prescription_state": order.prescription_state.value},
        )
    return order


async def _submitted(order: Order, principal: Principal, prescription: Prescription) -> None:
    await Order.filter(id=order.id).update(prescription_state=PS.SUBMITTED, updated_at=utcnow())
    await OrderEvent.create(
        store_id=order.store_id,
        order_id=order.id,
        kind=OrderEventKind.PRESCRIPTION_SUBMITTED,
        actor_id=principal.user_id,
        actor_role=Role.CUSTOMER,
        data={
            "prescription_id": prescription.id,
            "kind": "file" if prescription.file_name else "code",
        },
    )
    await emit(
        EventKind.PRESCRIPTION_SUBMITTED,
        orders.order_payload(
            order,
            prescription_id=prescription.id,
            actor_id=principal.user_id,
            at=utcnow().isoformat(),
        ),
    )


def _directory(ctx: AppContext) -> Path:
    path = Path(ctx.settings.prescriptions_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


async def submit_file(ctx: AppContext, principal: Principal, order_id: int, data: bytes) -> Order:
    """Store an uploaded prescription (JPEG, PNG or PDF by its bytes, at most 10 MB),
    sealed, and mark the order `submitted`. Raises NotFound (not the caller's order),
    Conflict `prescription_not_expected`, ValidationFailed `prescription_file_type` /
    `prescription_too_large`."""
    if len(data) > MAX_FILE_BYTES:
        raise ValidationFailed(
            "the file is larger than 10 MB",
            code="prescription_too_large",
            fields={"file": "at most 10 MB"},
        )
    content_type = sniff(data)
    if content_type is None:
        raise ValidationFailed(
            "send a JPEG, PNG or PDF file",
            code="prescription_file_type",
            fields={"file": "not a JPEG, PNG or PDF"},
        )
    name = f"{secrets.token_hex(16)}.bin"
    path = _directory(ctx) / name
    path.write_bytes(ctx.secret_box.seal_bytes(data))
    try:
        async with in_transaction():
            order = await _customers_open_order(order_id, principal)
            prescription = await Prescription.create(
                store_id=order.store_id,
                order_id=order.id,
                file_name=name,
                content_type=content_type,
                size_bytes=len(data),
            )
            await _submitted(order, principal, prescription)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    ctx.outbox.wake()
    await order.refresh_from_db()
    return order


async def submit_code(ctx: AppContext, principal: Principal, order_id: int, code: str) -> Order:
    """Record an e-prescription code (sealed) and mark the order `submitted`. Raises as
    submit_file, and ValidationFailed for an empty or overlong code."""
    code = code.strip()
    if not code or len(code) > MAX_CODE_LENGTH:
        raise ValidationFailed(
            "write the e-prescription code", fields={"code": f"1 to {MAX_CODE_LENGTH} characters"}
        )
    async with in_transaction():
        order = await _customers_open_order(order_id, principal)
        prescription = await Prescription.create(
            store_id=order.store_id, order_id=order.id, code_sealed=ctx.secret_box.seal(code)
        )
        await _submitted(order, principal, prescription)
    ctx.outbox.wake()
    await order.refresh_from_db()
    return order


@dataclass(frozen=True)
class PrescriptionView:
    id: int
    kind: str  # "file" or "code"
    content_type: str
    size_bytes: int
    code: str
    file_available: bool
    created_at: str


async def _visible_order(principal: Principal, order_id: int) -> Order:
    """The order, when the caller is its customer or a pharmacist of its store; NotFound
    for anyone else (a dispatcher without the right learns nothing)."""
    order = await Order.get_or_none(id=order_id)
    if order is None or not (
        order.customer_id == principal.user_id or await is_pharmacist(principal, order.store_id)
    ):
        raise NotFound("no such prescription", fields={"order_id": "unknown id"})
    return order


async def latest(ctx: AppContext, principal: Principal, order_id: int) -> PrescriptionView:
    """The newest prescription sent for the order (the code opened). Raises NotFound."""
    order = await _visible_order(principal, order_id)
    row = await Prescription.filter(order_id=order.id).order_by("-id").first()
    if row is None:
        raise NotFound("no prescription was sent", fields={"order_id": "no prescription"})
    return PrescriptionView(
        id=row.id,
        kind="file" if row.content_type else "code",
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        code=ctx.secret_box.open(row.code_sealed) if row.code_sealed else "",
        file_available=bool(row.file_name),
        created_at=row.created_at.isoformat(),
    )


async def read_file(ctx: AppContext, principal: Principal, order_id: int) -> tuple[bytes, str]:
    """The newest prescription file of the order, decrypted, with its content type. Raises
    NotFound (not theirs, none, or deleted after the retention period)."""
    order = await _visible_order(principal, order_id)
    row = await Prescription.filter(order_id=order.id).exclude(file_name="").order_by("-id").first()
    if row is None:
        raise NotFound("no prescription file", fields={"order_id": "no file"})
    try:
        sealed = (Path(ctx.settings.prescriptions_dir) / row.file_name).read_bytes()
    except FileNotFoundError:
        raise NotFound("no prescription file", fields={"order_id": "no file"}) from None
    return ctx.secret_box.open_bytes(sealed), row.content_type


async def review(
    ctx: AppContext, principal: Principal, order_id: int, *, decision: str, note: str = ""
) -> Order:
    """A pharmacist approves or rejects the submitted prescription; the decision, the
    reviewer and the time go on the order's timeline, and the customer is told (outbox).
    Raises NotFound, Forbidden (not a pharmacist of the store), ValidationFailed
    `prescription_note_required`, Conflict `prescription_not_submitted`."""
    if decision not in (PS.APPROVED.value, PS.REJECTED.value):
        raise ValidationFailed("approve or reject", fields={"decision": "approved or rejected"})
    note = note.strip()[:300]
    if decision == PS.REJECTED.value and not note:
        raise ValidationFailed(
            "say why the prescription is rejected",
            code="prescription_note_required",
            fields={"note": "required to reject"},
        )
    async with in_transaction():
        order = await Order.filter(id=order_id).select_for_update().first()
        if order is None:
            raise NotFound("no such order", fields={"order_id": "unknown id"})
        await orders.relation(order, principal)  # strangers: NotFound
        if not await is_pharmacist(principal, order.store_id):
            raise Forbidden("only a pharmacist of the store reviews prescriptions")
        if order.prescription_state is not PS.SUBMITTED or order.status is not OrderStatus.PENDING:
            raise Conflict(
                "there is no prescription waiting for review",
                code="prescription_not_submitted",
                extra={"prescription_state": order.prescription_state.value},
            )
        state = PS(decision)
        await Order.filter(id=order.id).update(prescription_state=state, updated_at=utcnow())
        await OrderEvent.create(
            store_id=order.store_id,
            order_id=order.id,
            kind=(
                OrderEventKind.PRESCRIPTION_APPROVED
                if state is PS.APPROVED
                else OrderEventKind.PRESCRIPTION_REJECTED
            ),
            actor_id=principal.user_id,
            actor_role=Role(principal.role),
            data={"decision": decision, "note": note},
        )
        await emit(
            EventKind.PRESCRIPTION_REVIEWED,
            orders.order_payload(
                order,
                decision=decision,
                note=note,
                actor_id=principal.user_id,
                at=utcnow().isoformat(),
            ),
        )
    ctx.outbox.wake()
    await order.refresh_from_db()
    return order


async def remove_rx_lines(ctx: AppContext, principal: Principal, order_id: int) -> Order:
    """After a rejection (or instead of sending one) the customer drops the prescription-only
    lines, with their stock given back and the totals lowered; the order then needs no
    prescription. Raises NotFound, Conflict `prescription_only_items` (nothing else left, or
    a discount / wallet / crypto invoice priced the whole basket: cancel instead)."""
    from services import inventory  # the order's stock moves only through inventory

    async with in_transaction():
        order = await _customers_open_order(order_id, principal)
        rx = await OrderItem.filter(order_id=order.id, prescription_required=True)
        others = await OrderItem.filter(order_id=order.id, prescription_required=False).count()
        if not others:
            raise Conflict(
                "every item needs the prescription: cancel the order instead",
                code="prescription_only_items",
            )
        if (
            order.discount_cents
            or order.wallet_cents
            or order.payment_state is PaymentState.AWAITING_PAYMENT
        ):
            # A discount, a wallet payment or a crypto invoice was made for the whole basket.
            raise Conflict(
                "this order cannot be changed: cancel it and order again without those items",
                code="prescription_only_items",
            )
        removed = sum(i.price_cents * i.quantity for i in rx)
        await inventory.restore(
            order.store_id,
            [(i.variant_id, i.quantity) for i in rx],
            order_id=order.id,
            actor_id=principal.user_id,
        )
        await OrderItem.filter(id__in=[i.id for i in rx]).delete()
        left = OrderItem.filter(order_id=order.id)
        await Order.filter(id=order.id).update(
            prescription_state=PS.NONE,
            # The dropped lines may have been the only cold or 18+ ones.
            cold_chain=await left.filter(cold_chain=True).exists(),
            requires_id_check=await left.filter(age_restricted=True).exists(),
            subtotal_cents=order.subtotal_cents - removed,
            total_cents=order.total_cents - removed,
            cost_cents=order.cost_cents - sum(i.cost_cents * i.quantity for i in rx),
            updated_at=utcnow(),
        )
    await order.refresh_from_db()
    return order


async def cancel_overdue() -> int:
    """Cancel pending orders whose prescription was not approved within their store's limit
    (stock, slot, promo and wallet come back through the one cancel transition)."""
    done = 0
    for store in await Store.all().only("id", "prescription_review_minutes"):
        cutoff = utcnow() - timedelta(minutes=store.prescription_review_minutes)
        overdue = await Order.filter(
            store_id=store.id,
            status=OrderStatus.PENDING,
            prescription_state__in=[PS.REQUIRED, PS.SUBMITTED, PS.REJECTED],
            created_at__lt=cutoff,
        ).only("id")
        for row in overdue:
            try:
                await orders.transition(
                    row.id,
                    OrderStatus.CANCELLED,
                    orders.SYSTEM,
                    reason="the prescription was not approved in time",
                )
                done += 1
            except Exception:
                log.exception("prescriptions: could not cancel order %s", row.id)
    return done


async def purge_old_files(ctx: AppContext) -> int:
    """Delete prescription files older than the retention period (the row stays, without
    its file, so the timeline still says one was sent). Returns how many."""
    cutoff = utcnow() - timedelta(days=ctx.settings.prescription_retention_days)
    rows = await Prescription.filter(created_at__lt=cutoff).exclude(file_name="")
    directory = Path(ctx.settings.prescriptions_dir)
    for row in rows:
        (directory / row.file_name).unlink(missing_ok=True)
        await Prescription.filter(id=row.id).update(file_name="", file_deleted_at=utcnow())
    # Codes are kept as short as files.
    await Prescription.filter(created_at__lt=cutoff).exclude(code_sealed="").update(code_sealed="")
    return len(rows)


async def run_due_jobs(ctx: AppContext) -> None:
    """The periodic prescription job (one runner in the cluster)."""
    await cancel_overdue()
    await purge_old_files(ctx)
