"""Customer orders: checkout, my orders, detail with timeline, cancel, reorder."""

from __future__ import annotations

from aiohttp import web

from api.auth import require_principal
from api.http import doc, dump, parse_body, path_id
from api.keys import CTX
from api.locale import request_locale
from api.schemas.orders import (
    CancelIn,
    DateOfBirthIn,
    HistoryOut,
    OrderDetailOut,
    OrderEventOut,
    OrderIn,
    OrderItemOut,
    OrderList,
    OrderOut,
    OrderPreviewOut,
    PaymentOut,
    PaymentTxOut,
    RefundOut,
)
from core import qr
from core.errors import NotFound, PreconditionRequired, ValidationFailed
from core.settings import Settings
from models import CryptoTransaction, Order
from services import checkout, crypto_payments, orders, profile, proof, refunds, tracking
from services.checkout import AddressInput, CheckoutRequest, Placed

routes = web.RouteTableDef()

MAX_KEY = 128


async def detail(
    order: Order, settings: Settings | None = None, *, placed: Placed | None = None
) -> OrderDetailOut:
    """The order as its reader sees it; with `settings`, the public tracking link and the
    signed link to the proof-of-delivery photo too (call only after checking the reader may
    see the order). `placed`: the order was just written, with these rows (nothing read)."""
    if placed is not None and placed.items is not None and placed.history is not None:
        # A new order: its lines and first status as written; no events or refund yet.
        items, history, events, refund = placed.items, placed.history, [], None
    else:
        items, history = await orders.items(order), await orders.history(order)
        events, refund = await orders.events(order), await refunds.refund_of(order)
    return OrderDetailOut(
        **OrderOut.of(order).model_dump(),
        tracking_url=tracking.tracking_url(settings, order) if settings else None,
        proof_photo_url=proof.photo_url(settings, order) if settings else None,
        proof_photo_at=order.proof_photo_at,
        items=[OrderItemOut.of(i) for i in items],
        history=[HistoryOut.of(h) for h in history],
        events=[OrderEventOut.of(e) for e in events],
        refund=RefundOut.of(refund) if refund else None,
    )


@routes.post("/api/v1/orders")
@doc(
    "Place an order (send an Idempotency-Key: a retry returns the same order)",
    tags=["orders"],
    body=OrderIn,
    response=OrderDetailOut,
    status=201,
    auth=True,
    errors={
        404: "not_found: no such store",
        409: "insufficient_stock (items list) or slot_full",
        422: "invalid input",
        428: "Idempotency-Key header missing",
    },
)
async def place(request: web.Request) -> web.Response:
    principal = require_principal(request)
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        # Without it a retried tap places a second order; every client of ours sends one.
        raise PreconditionRequired(
            "send an Idempotency-Key header (one per order attempt)",
            fields={"Idempotency-Key": "required"},
        )
    if len(key) > MAX_KEY:
        raise ValidationFailed(
            "Idempotency-Key is too long", fields={"Idempotency-Key": f"at most {MAX_KEY}"}
        )
    body = await parse_body(request, OrderIn)
    ctx = request.config_dict[CTX]
    placed = await checkout.place(
        ctx,
        user_id=principal.user_id,
        request=_checkout_request(body),
        idempotency_key=key,
        locale=request_locale(request, ctx.settings.default_locale),
    )
    return dump(
        await detail(placed.order, ctx.settings, placed=placed),
        status=201 if placed.created else 200,
    )


def _checkout_request(body: OrderIn) -> CheckoutRequest:
    return CheckoutRequest(
        store_id=body.store_id,
        items=[(i.variant_id, i.quantity) for i in body.items],
        address=AddressInput(
            body.address.text, body.address.lat, body.address.lng, body.address.details
        ),
        payment_method=body.payment_method,
        slot_id=body.slot_id,
        promo_code=body.promo_code,
        wallet_cents=body.wallet_cents,
        note=body.note,
        crypto_asset=body.crypto_asset,
    )


@routes.post("/api/v1/orders/preview")
@doc(
    "What an order would cost now (subtotal, delivery fee, discount, wallet, total and how "
    "much more reaches the zone's minimum), without placing it",
    tags=["orders"],
    body=OrderIn,
    response=OrderPreviewOut,
    auth=True,
    errors={
        404: "not_found: no such store",
        422: "zone_unavailable, address_not_found, promo_*, insufficient_funds",
    },
)
async def preview(request: web.Request) -> web.Response:
    principal = require_principal(request)
    body = await parse_body(request, OrderIn)
    ctx = request.config_dict[CTX]
    shown = await checkout.preview(
        ctx,
        user_id=principal.user_id,
        request=_checkout_request(body),
        locale=request_locale(request, ctx.settings.default_locale),
        strict=False,
    )
    return dump(
        OrderPreviewOut(
            currency=shown.currency,
            **shown.totals.__dict__,
            wallet_balance_cents=shown.wallet_balance_cents,
            min_order_cents=shown.min_order_cents,
            missing_for_minimum_cents=shown.missing_for_minimum_cents,
            zone_name=shown.zone_name,
            eta_minutes=shown.eta_minutes,
            address_text=shown.address_text,
            lat=shown.lat,
            lng=shown.lng,
        )
    )


@routes.get("/api/v1/orders")
@doc("My orders, newest first", tags=["orders"], response=OrderList, auth=True)
async def mine(request: web.Request) -> web.Response:
    principal = require_principal(request)
    rows = await orders.list_customer_orders(principal.user_id)
    return dump(OrderList(items=[OrderOut.of(o) for o in rows]))


@routes.get("/api/v1/orders/{order_id}")
@doc(
    "An order with its items and status timeline (`history`)",
    tags=["orders"],
    response=OrderDetailOut,
    auth=True,
)
async def get_order(request: web.Request) -> web.Response:
    principal = require_principal(request)
    order = await orders.get_order_for(principal, path_id(request, "order_id"))
    return dump(await detail(order, request.config_dict[CTX].settings))


@routes.get("/api/v1/orders/{order_id}/payment")
@doc(
    "The order's crypto invoice: address, amount, status and the payments seen",
    tags=["orders"],
    response=PaymentOut,
    auth=True,
)
async def payment(request: web.Request) -> web.Response:
    principal = require_principal(request)
    order = await orders.get_order_for(principal, path_id(request, "order_id"))
    deposit = await crypto_payments.invoice_for(order)
    if deposit is None:
        raise NotFound("this order has no crypto invoice", fields={"order_id": "no invoice"})
    seen = await CryptoTransaction.filter(deposit_id=deposit.id).order_by("id")
    uri = crypto_payments.payment_uri(deposit, request.config_dict[CTX].settings)
    counted = [t for t in seen if not t.late]
    return dump(
        PaymentOut(
            asset=deposit.asset,
            address=deposit.address,
            amount=crypto_payments.coins(int(deposit.amount_expected), deposit.asset),
            amount_cents=deposit.amount_cents,
            currency=deposit.currency,
            rate=str(deposit.rate),
            expires_at=deposit.expires_at,
            status=deposit.status.value,
            confirmations=min((t.confirmations for t in counted), default=0),
            required_confirmations=deposit.required_confirmations,
            uri=uri,
            qr_svg=qr.svg_data_uri(uri),
            transactions=[
                PaymentTxOut(
                    txid=t.txid,
                    amount=crypto_payments.coins(int(t.amount), deposit.asset),
                    confirmations=t.confirmations,
                    late=t.late,
                )
                for t in seen
            ],
        )
    )


@routes.post("/api/v1/orders/{order_id}/cancel")
@doc(
    "Cancel my order while it is pending",
    tags=["orders"],
    body=CancelIn,
    response=OrderDetailOut,
    auth=True,
    errors={422: "illegal_transition"},
)
async def cancel(request: web.Request) -> web.Response:
    principal = require_principal(request)
    order_id = path_id(request, "order_id")
    body = await parse_body(request, CancelIn) if request.can_read_body else CancelIn()
    order = await orders.cancel_by_customer(order_id, principal, body.reason)
    return dump(await detail(order))


@routes.post("/api/v1/orders/{order_id}/reorder")
@doc("Put an old order's items into my cart", tags=["orders"], auth=True)
async def reorder(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store_id = await orders.reorder(path_id(request, "order_id"), principal)
    return web.json_response({"store_id": store_id, "cart": f"/api/v1/stores/{store_id}/cart"})


@routes.put("/api/v1/me/date-of-birth")
@doc(
    "Declare my date of birth once (it gates age-restricted items; the ID is checked at "
    "handover; afterwards only staff change it: 403 date_of_birth_locked)",
    tags=["orders"],
    body=DateOfBirthIn,
    auth=True,
)
async def date_of_birth(request: web.Request) -> web.Response:
    principal = require_principal(request)
    body = await parse_body(request, DateOfBirthIn)
    user = await profile.declare_date_of_birth(principal.user_id, body.date_of_birth)
    return web.json_response(
        {
            "date_of_birth": user.date_of_birth.isoformat() if user.date_of_birth else None,
            "age_verified": user.age_verified,
        }
    )
