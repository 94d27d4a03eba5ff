"""Orders: the table with filters, the order page with its timeline (the status history) and
the staff actions, each one call to services.orders as the staff API makes it."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from api.keys import CTX, SETTINGS
from api.schemas.orders import AssignIn, IdCheckIn, PrescriptionReviewIn, RefundIn, StatusIn
from api.schemas.runs import RunIn
from core import untrusted
from core.errors import DomainError, NotFound, ValidationFailed
from core.permissions import Permission as P
from models import CryptoTransaction, Order, User
from models.enums import OrderEventKind, OrderStatus, PaymentMethod, PrescriptionState
from models.transitions import OPEN_STATUSES, can_transition
from services import (
    auto_dispatch,
    backoffice,
    crypto_payments,
    fleet,
    invoices,
    listing,
    orders,
    prescriptions,
    proof,
    refunds,
    runs,
)
from services.auth.browser import socket_token
from webapp.console.base import (
    PREFIX,
    form_errors,
    form_values,
    page,
    path_int,
    redirect,
    render,
    store_money,
    store_of,
    store_time,
    validate,
    viewer_of,
)
from webapp.console.tables import Column, Table, table_view

routes = web.RouteTableDef()
S = OrderStatus
ACTIONS = {
    "confirm": S.CONFIRMED,
    "ready": S.READY,  # also a second attempt for a returning order
    "cancel": S.CANCELLED,
    "returning": S.RETURNING,
    "returned": S.RETURNED,
}


def _positive_id(text: str) -> int:
    value = untrusted.parse_id(text, untrusted.MAX_ROW_ID)
    if value is None:
        raise ValueError(text)
    return value


ORDERS = Table(
    name="orders",
    title="Orders",
    source=lambda viewer: backoffice.store_orders_query(viewer.principal, viewer.store_id),
    listing=listing.Listing(
        sortable=("created_at", "total_cents", "number", "status"),
        default_sort="-created_at",
        search_fields=("number", "address_text"),
        filters=(
            listing.Filter(
                "status", "Status", "status", tuple((s.value, s.value) for s in S), parse=S
            ),
            listing.Filter(
                "payment",
                "Payment",
                "payment_method",
                tuple((p.value, p.value) for p in PaymentMethod),
                parse=PaymentMethod,
            ),
            listing.Filter("from", "From", "created_at__gte", kind="date"),
            listing.Filter("to", "Until", "created_at__lt", kind="date", day_end=True),
            listing.Filter("driver", "Driver id", "driver_id", parse=_positive_id, kind="text"),
            listing.Filter("zone", "Zone id", "zone_id", parse=_positive_id, kind="text"),
            listing.Filter(
                "customer", "Customer id", "customer_id", parse=_positive_id, kind="text"
            ),
        ),
    ),
    columns=(
        Column(
            "Number",
            lambda o, c: o.number,
            sort="number",
            link=lambda o, v: f"{PREFIX}/stores/{o.store_id}/orders/{o.id}",
        ),
        Column("Placed", lambda o, c: c.when(o.created_at), sort="created_at"),
        Column("Status", lambda o, c: o.status.value, sort="status"),
        Column("Payment", lambda o, c: o.payment_method.value),
        Column("Total", lambda o, c: c.money(o.total_cents), sort="total_cents"),
        Column("Address", lambda o, c: o.address_text),
    ),
    empty="No orders match. Orders appear here as customers place them in the shop or the bot.",
)


@routes.get("/stores/{store_id}/orders")
@page(P.VIEW_STORE_ORDERS)
async def orders_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, ORDERS)


async def _order_of_store(request: web.Request) -> Order:
    viewer, store = viewer_of(request), store_of(request)
    order = await orders.get_order_for(viewer.principal, path_int(request, "order_id"))
    if order.store_id != store.id:
        raise NotFound("no such order", fields={"order_id": "unknown id"})
    return order


DOCUMENT_NAMES = {
    "id_card": "ID card",
    "passport": "Passport",
    "driving_licence": "Driving licence",
    "residence_permit": "Residence permit",
}


async def _order_page(
    request: web.Request, order: Order, *, errors: dict[str, str] | None = None, status: int = 200
) -> web.Response:
    viewer = viewer_of(request)
    timeline = await orders.history(order)
    events = await orders.events(order)
    actor_ids = [h.actor_id for h in timeline if h.actor_id] + [e.actor_id for e in events]
    actors = {u.id: u.name for u in await User.filter(id__in=[a for a in actor_ids if a])}
    possible = {name: can_transition(order.status, target) for name, target in ACTIONS.items()}
    possible["assign"] = can_transition(order.status, S.ASSIGNED)
    possible["id_check"] = (
        order.requires_id_check and order.id_checked_at is None and order.status is S.PICKED_UP
    )
    deposit = await crypto_payments.invoice_for(order)
    deposit_txs = (
        await CryptoTransaction.filter(deposit_id=deposit.id).order_by("id") if deposit else []
    )
    drivers = []
    ready_others: list[Order] = []
    if possible["assign"] and viewer.can(P.MANAGE_ORDERS):
        drivers = await orders.list_store_drivers(
            viewer.principal, order.store_id, near_order_id=order.id
        )
        if order.status is S.READY:
            ready = await orders.list_store_orders(
                viewer.principal, order.store_id, statuses=[S.READY], limit=runs.MAX_STOPS
            )
            ready_others = [o for o in ready if o.id != order.id]
    return render(
        request,
        "console/orders/order.html",
        {
            "rx": await _prescription_panel(request, order),
            "order": order,
            "items": await orders.items(order),
            "timeline": timeline,
            "actors": actors,
            "possible": possible,
            "drivers": drivers,
            "ready_others": ready_others,
            "run": await runs.run_of(order),
            "customer": await User.get_or_none(id=order.customer_id),
            "refund": await refunds.refund_of(order),
            "deposit": deposit,
            "deposit_txs": deposit_txs,
            "coins": crypto_payments.coins,
            "events": events,
            "offer": await auto_dispatch.open_offer(order.id),
            "id_check": next(
                (e.data for e in reversed(events) if e.kind is OrderEventKind.ID_CHECKED), None
            ),
            "documents": DOCUMENT_NAMES,
            "proof_url": proof.photo_url(request.config_dict[SETTINGS], order),
            "proof_taken": any(e.kind is OrderEventKind.PROOF_PHOTO for e in events),
            "errors": errors or {},
        },
        status=status,
    )


async def _prescription_panel(request: web.Request, order: Order) -> dict[str, Any] | None:
    """What the order page shows of the prescription: its state to every viewer; the file
    or code and the review form to the store's pharmacists only."""
    if order.prescription_state is PrescriptionState.NONE:
        return None
    principal = viewer_of(request).principal
    reviewer = await prescriptions.is_pharmacist(principal, order.store_id)
    sent = None
    if reviewer:
        try:
            sent = await prescriptions.latest(request.config_dict[CTX], principal, order.id)
        except NotFound:
            sent = None
    return {"state": order.prescription_state.value, "reviewer": reviewer, "sent": sent}


@routes.get("/stores/{store_id}/orders/{order_id}/prescription/file")
@page(P.VIEW_STORE_ORDERS)
async def prescription_file(request: web.Request) -> web.StreamResponse:
    """The decrypted file, for the store's pharmacists (the service answers 404 to others)."""
    order = await _order_of_store(request)
    data, content_type = await prescriptions.read_file(
        request.config_dict[CTX], viewer_of(request).principal, order.id
    )
    return web.Response(
        body=data,
        content_type=content_type,
        headers={"Cache-Control": "private, no-store", "Content-Disposition": "inline"},
    )


@routes.post("/stores/{store_id}/orders/{order_id}/prescription")
@page(P.VIEW_STORE_ORDERS)
async def prescription_review(request: web.Request) -> web.StreamResponse:
    """approved | rejected (with the note the customer reads), as the staff API takes it."""
    order = await _order_of_store(request)
    form = await request.post()
    try:
        body: Any = validate(PrescriptionReviewIn, form_values(PrescriptionReviewIn, form))
        await prescriptions.review(
            request.config_dict[CTX],
            viewer_of(request).principal,
            order.id,
            decision=body.decision,
            note=body.note,
        )
    except DomainError as exc:
        await order.refresh_from_db()
        return await _order_page(
            request,
            order,
            errors={"prescription": exc.message, **form_errors(exc)},
            status=exc.status,
        )
    raise redirect(f"{PREFIX}/stores/{order.store_id}/orders/{order.id}")


@routes.get("/stores/{store_id}/orders/{order_id}")
@page(P.VIEW_STORE_ORDERS)
async def order_page(request: web.Request) -> web.StreamResponse:
    return await _order_page(request, await _order_of_store(request))


@routes.post("/stores/{store_id}/orders/{order_id}/action")
@page(P.MANAGE_ORDERS)
async def order_action(request: web.Request) -> web.StreamResponse:
    """confirm | ready | cancel (with a reason) | assign (a driver) | id_check | refund."""
    order = await _order_of_store(request)
    principal = viewer_of(request).principal
    form = await request.post()
    action = str(form.get("action", ""))
    try:
        if action == "id_check":  # the service allows managers and admins, not dispatchers
            check: Any = validate(IdCheckIn, form_values(IdCheckIn, form))
            await orders.record_id_check(
                order.id,
                principal,
                document_type=check.document_type,
                birth_year=check.birth_year,
            )
        elif action == "assign":
            body: Any = validate(AssignIn, form_values(AssignIn, form))
            await orders.assign_driver(order.id, body.driver_id, principal)
        elif action == "run":
            run: Any = validate(RunIn, {**form_values(AssignIn, form), "order_ids": _ids(form)})
            await runs.assign_run(
                store_id=order.store_id,
                driver_id=run.driver_id,
                order_ids=run.order_ids,
                principal=principal,
                settings=request.config_dict[CTX].settings,
            )
        elif action == "refund":
            refund: Any = validate(RefundIn, form_values(RefundIn, form))
            await refunds.settle_refund(
                principal, order, to=refund.to, txid=refund.txid, note=refund.note
            )
        elif action in ACTIONS:
            values = {**form_values(StatusIn, form), "status": ACTIONS[action].value}
            body = validate(StatusIn, values)
            await orders.transition(order.id, body.status, principal, reason=body.reason)
        else:
            return await _order_page(
                request, order, errors={"action": "unknown action"}, status=422
            )
    except DomainError as exc:
        await order.refresh_from_db()
        return await _order_page(
            request, order, errors={"order": exc.message, **form_errors(exc)}, status=exc.status
        )
    raise redirect(f"{PREFIX}/stores/{order.store_id}/orders/{order.id}")


def _ids(form: Any) -> list[int]:
    """The ticked order ids of the run form (this order's own id comes as a hidden field)."""
    raw = [str(v).strip() for v in form.getall("order_ids", [])]
    if not all(v.isascii() and v.isdigit() and len(v) <= 10 for v in raw):
        raise ValidationFailed("not an order id", fields={"order_ids": "order ids only"})
    return [int(v) for v in raw]


@routes.get("/stores/{store_id}/orders/{order_id}/invoice.pdf")
@page(P.VIEW_STORE_ORDERS)
async def invoice(request: web.Request) -> web.StreamResponse:
    order = await _order_of_store(request)
    return web.Response(
        body=await invoices.invoice_pdf(order),
        content_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="invoice-{order.number}.pdf"',
            "Cache-Control": "no-store",
        },
    )


@routes.get("/stores/{store_id}/board")
@page(P.VIEW_STORE_ORDERS)
async def board(request: web.Request) -> web.StreamResponse:
    """Open orders in columns by status; the page follows the store's events over /ws."""
    viewer = viewer_of(request)
    rows = await orders.list_store_orders(viewer.principal, viewer.store_id, limit=200)
    columns = [(status.value, [o for o in rows if o.status is status]) for status in OPEN_STATUSES]
    token = socket_token(request.config_dict[SETTINGS], viewer.principal)
    return render(request, "console/orders/board.html", {"columns": columns, "ws_token": token})


@routes.get("/deliveries")
@page(P.DELIVER_ORDERS)
async def my_deliveries(request: web.Request) -> web.StreamResponse:
    """A driver's own open deliveries (the driver Mini App does the rest)."""
    try:
        rows = await orders.driver_orders(viewer_of(request).principal)
    except DomainError:
        rows = []
    own = await fleet.own_cash(viewer_of(request).principal.user_id)
    context = {
        "deliveries": rows,
        "own": own,
        "own_money": store_money(own.store if own else None),
        "own_when": store_time(own.store if own else None),
    }
    return render(request, "console/orders/deliveries.html", context)
