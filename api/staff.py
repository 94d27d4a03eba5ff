"""Staff doors for dispatch and delivery: store order board, transitions, assignment,
drivers; and the driver's own deliveries. Tenancy is enforced in the services."""

from __future__ import annotations

from aiohttp import web

from api.auth import require_principal
from api.http import doc, dump, parse_body, parse_query, path_id, read_upload
from api.keys import CTX, SETTINGS
from api.orders import detail
from api.schemas.orders import (
    AssignIn,
    DateOfBirthCorrectionIn,
    DriverList,
    DriverOfferList,
    DriverOfferOut,
    DriverOut,
    DriversQuery,
    DriverStateOut,
    IdCheckIn,
    LocationIn,
    OfferAnswerOut,
    OfferOut,
    OrderDetailOut,
    OrderList,
    OrderOut,
    RefundIn,
    RefuseHandoverIn,
    ShiftIn,
    StaffOrdersQuery,
    StatusIn,
)
from models.enums import Role
from services import auto_dispatch, drivers, orders, profile, proof, refunds

routes = web.RouteTableDef()
STAFF = (Role.ADMIN, Role.MANAGER, Role.DISPATCHER)


@routes.get("/api/v1/staff/stores/{store_id}/orders")
@doc(
    "A store's orders by status, with search by number or address",
    tags=["staff"],
    query=StaffOrdersQuery,
    response=OrderList,
    auth=True,
)
async def store_orders(request: web.Request) -> web.Response:
    principal = require_principal(request, *STAFF)
    query = parse_query(request, StaffOrdersQuery)
    rows = await orders.list_store_orders(
        principal,
        path_id(request, "store_id"),
        statuses=query.statuses(),
        q=query.q.strip(),
        limit=query.per_page,
        offset=(query.page - 1) * query.per_page,
    )
    return dump(OrderList(items=[OrderOut.of(o) for o in rows]))


@routes.get("/api/v1/staff/orders/{order_id}")
@doc(
    "An order of my store with items and timeline",
    tags=["staff"],
    response=OrderDetailOut,
    auth=True,
)
async def staff_order(request: web.Request) -> web.Response:
    principal = require_principal(request, *STAFF, Role.DRIVER)
    order = await orders.get_order_for(principal, path_id(request, "order_id"))
    out = await detail(order)
    # The handover photo, for the staff who may see the order (not the customer's tracking).
    out.proof_photo_url = proof.photo_url(request.config_dict[SETTINGS], order)
    if principal.role != Role.DRIVER:
        out.offer = await _open_offer(order.id)
    return dump(out)


async def _open_offer(order_id: int) -> OfferOut | None:
    found = await auto_dispatch.open_offer(order_id)
    if found is None:
        return None
    offer = found.offer
    return OfferOut(
        id=offer.id,
        order_id=offer.order_id,
        driver_id=offer.driver_id,
        driver_name=found.driver_name,
        status=offer.status.value,
        offered_at=offer.offered_at,
        expires_at=offer.expires_at,
    )


@routes.get("/api/v1/driver/offers")
@doc(
    "Orders auto-dispatch offers me now, to accept or decline before they expire (drivers)",
    tags=["staff"],
    response=DriverOfferList,
    auth=True,
)
async def my_offers(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER)
    rows = await auto_dispatch.driver_offers(principal)
    return dump(
        DriverOfferList(
            items=[
                DriverOfferOut(
                    id=offer.id,
                    order_id=order.id,
                    number=order.number,
                    address_text=order.address_text,
                    cold_chain=order.cold_chain,
                    requires_id_check=order.requires_id_check,
                    total_cents=order.total_cents,
                    currency=order.currency,
                    expires_at=offer.expires_at,
                )
                for offer, order in rows
            ]
        )
    )


@routes.post("/api/v1/staff/offers/{offer_id}/accept")
@doc(
    "Take the order I was offered: it is assigned to me (drivers)",
    tags=["staff"],
    response=OrderDetailOut,
    auth=True,
    errors={404: "not my offer", 409: "offer_closed", 422: "driver_offline"},
)
async def accept_offer(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER)
    order = await auto_dispatch.accept(path_id(request, "offer_id"), principal)
    return dump(await detail(order))


@routes.post("/api/v1/staff/offers/{offer_id}/decline")
@doc(
    "Pass on the order I was offered: the next driver is asked (drivers)",
    tags=["staff"],
    response=OfferAnswerOut,
    auth=True,
    errors={404: "not my offer", 409: "offer_closed"},
)
async def decline_offer(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER)
    offer = await auto_dispatch.decline(path_id(request, "offer_id"), principal)
    return dump(OfferAnswerOut(id=offer.id, order_id=offer.order_id, status=offer.status.value))


@routes.post("/api/v1/staff/orders/{order_id}/status")
@doc(
    "Move an order to a new status (checked against the transition table)",
    tags=["staff"],
    body=StatusIn,
    response=OrderDetailOut,
    auth=True,
    errors={
        409: "order_changed",
        422: "illegal_transition, id_check_required, cash_amount_required",
    },
)
async def change_status(request: web.Request) -> web.Response:
    principal = require_principal(request, *STAFF, Role.DRIVER)
    order_id = path_id(request, "order_id")
    body = await parse_body(request, StatusIn)
    order = await orders.transition(
        order_id,
        body.status,
        principal,
        reason=body.reason,
        cash_collected_cents=body.cash_collected_cents,
    )
    return dump(await detail(order))


@routes.post("/api/v1/staff/orders/{order_id}/refund")
@doc(
    "Settle a cancelled paid order's refund: to the customer's wallet, or back to the payer "
    "(txid required for crypto)",
    tags=["staff"],
    body=RefundIn,
    response=OrderDetailOut,
    auth=True,
    errors={
        403: "forbidden",
        404: "no such order, or no refund due",
        409: "refund_settled",
        422: "txid missing for a crypto refund to the payer",
    },
)
async def settle_refund(request: web.Request) -> web.Response:
    principal = require_principal(request, *STAFF)
    order = await orders.get_order_for(principal, path_id(request, "order_id"))
    body = await parse_body(request, RefundIn)
    await refunds.settle_refund(principal, order, to=body.to, txid=body.txid, note=body.note)
    return dump(await detail(await orders.get_order_for(principal, order.id)))


@routes.post("/api/v1/staff/orders/{order_id}/assign")
@doc(
    "Assign a driver on shift to a ready order",
    tags=["staff"],
    body=AssignIn,
    response=OrderDetailOut,
    auth=True,
    errors={409: "order_changed", 422: "illegal_transition"},
)
async def assign(request: web.Request) -> web.Response:
    principal = require_principal(request, *STAFF)
    order_id = path_id(request, "order_id")
    body = await parse_body(request, AssignIn)
    return dump(await detail(await orders.assign_driver(order_id, body.driver_id, principal)))


@routes.post("/api/v1/staff/orders/{order_id}/id-check")
@doc(
    "The driver records the ID check at handover: document type and year of birth (an order "
    "event, not a status; it marks the customer age-verified)",
    tags=["staff"],
    body=IdCheckIn,
    response=OrderDetailOut,
    auth=True,
    errors={422: "not_picked_up, id_underage (refuse the handover), birth_year_implausible"},
)
async def id_check(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER, Role.ADMIN, Role.MANAGER)
    order_id = path_id(request, "order_id")
    body = await parse_body(request, IdCheckIn)
    order = await orders.record_id_check(
        order_id, principal, document_type=body.document_type, birth_year=body.birth_year
    )
    return dump(await detail(order))


@routes.post("/api/v1/staff/orders/{order_id}/proof")
@doc(
    "The proof-of-delivery photo, at handover (multipart/form-data, field `file`: JPEG, PNG, "
    "WebP or GIF): by the driver carrying the order, or a manager; checked, stripped of "
    "metadata and re-encoded, kept PROOF_PHOTO_RETENTION_DAYS. The answer's "
    "`proof_photo_url` is a signed link that expires. A store with `proof_photo_required` "
    'refuses "delivered" (422 proof_photo_required) until the photo is sent',
    tags=["staff"],
    upload="file",
    response=OrderDetailOut,
    auth=True,
    errors={
        403: "forbidden: not the driver carrying the order or a manager",
        404: "no such order (or not yours)",
        413: "payload_too_large: the file is over MEDIA_MAX_UPLOAD_BYTES",
        415: "unsupported_media_type / not_an_image: the field `file` is not a picture",
        422: "validation_error / image_damaged / image_too_large: `file`; not_picked_up",
    },
)
async def upload_proof(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER, Role.ADMIN, Role.MANAGER)
    order_id = path_id(request, "order_id")
    settings = request.config_dict[SETTINGS]
    data = await read_upload(request, "file", settings.media_max_upload_bytes)
    order = await proof.attach_photo(settings, principal, order_id, data)
    return dump(await detail(order, settings))


@routes.post("/api/v1/staff/orders/{order_id}/refuse-handover")
@doc(
    "The driver cannot hand the order over (no ID, under age, nobody there, refused): it is "
    "cancelled with that reason",
    tags=["staff"],
    body=RefuseHandoverIn,
    response=OrderDetailOut,
    auth=True,
    errors={422: "not_picked_up"},
)
async def refuse_handover(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER, Role.ADMIN, Role.MANAGER)
    order_id = path_id(request, "order_id")
    body = await parse_body(request, RefuseHandoverIn)
    order = await orders.refuse_handover(order_id, principal, reason=body.reason)
    return dump(await detail(order))


@routes.put("/api/v1/staff/customers/{user_id}/date-of-birth")
@doc(
    "Correct a customer's date of birth (managers of a store they ordered from, admins); "
    "audited with the reason",
    tags=["staff"],
    body=DateOfBirthCorrectionIn,
    auth=True,
)
async def correct_date_of_birth(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.ADMIN, Role.MANAGER)
    user_id = path_id(request, "user_id")
    body = await parse_body(request, DateOfBirthCorrectionIn)
    user = await profile.correct_date_of_birth(
        principal, user_id, body.date_of_birth, reason=body.reason
    )
    born = user.date_of_birth
    return web.json_response(
        {
            "user_id": user.id,
            "date_of_birth": born.isoformat() if born else None,
            "age_verified": user.age_verified,
        }
    )


@routes.get("/api/v1/staff/stores/{store_id}/drivers")
@doc(
    "The store's drivers with load (and distance to ?order_id=)",
    tags=["staff"],
    response=DriverList,
    auth=True,
)
async def store_drivers(request: web.Request) -> web.Response:
    principal = require_principal(request, *STAFF)
    store_id = path_id(request, "store_id")
    query = parse_query(request, DriversQuery)
    rows = await orders.list_store_drivers(
        principal, store_id, on_shift_only=query.on_shift, near_order_id=query.order_id
    )
    return dump(
        DriverList(
            items=[
                DriverOut(
                    id=d.driver.id,
                    user_id=d.driver.user_id,
                    name=d.name,
                    status=d.driver.status.value,
                    transport=d.driver.transport.value,
                    last_lat=d.driver.last_lat,
                    last_lng=d.driver.last_lng,
                    last_location_at=d.driver.last_location_at,
                    active_orders=d.active_orders,
                    distance_km=d.distance_km,
                )
                for d in rows
            ]
        )
    )


@routes.get("/api/v1/driver/orders")
@doc("My current and next deliveries (drivers)", tags=["staff"], response=OrderList, auth=True)
async def my_deliveries(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER)
    return dump(OrderList(items=[OrderOut.of(o) for o in await orders.driver_orders(principal)]))


async def _driver_state(user_id: int) -> DriverStateOut:
    driver = await drivers.driver_for_user(user_id)
    shift = await drivers.open_shift(driver.id)
    return DriverStateOut(
        driver_id=driver.id, status=driver.status.value, on_shift=shift is not None
    )


@routes.get("/api/v1/driver/me")
@doc(
    "My driver state: status and whether my shift is open",
    tags=["staff"],
    response=DriverStateOut,
    auth=True,
)
async def driver_state(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER)
    return dump(await _driver_state(principal.user_id))


@routes.post("/api/v1/driver/shift")
@doc(
    "Start or end my shift",
    tags=["staff"],
    body=ShiftIn,
    response=DriverStateOut,
    auth=True,
    errors={409: "shift_open / no_shift / deliveries_in_hand"},
)
async def shift(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER)
    body = await parse_body(request, ShiftIn)
    if body.action == "start":
        await drivers.start_shift(principal.user_id)
    else:
        await drivers.end_shift(principal.user_id)
    return dump(await _driver_state(principal.user_id))


@routes.post("/api/v1/driver/location")
@doc(
    "Report where I am (ETAs of my deliveries are recomputed)",
    tags=["staff"],
    body=LocationIn,
    auth=True,
)
async def location(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER)
    body = await parse_body(request, LocationIn)
    ctx = request.config_dict[CTX]
    updates = await drivers.update_location(
        ctx.settings, ctx.bus, principal.user_id, body.lat, body.lng
    )
    return web.json_response({"orders": [u.__dict__ for u in updates]})
