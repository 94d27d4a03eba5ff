"""Prescriptions: the customer sends a file or an e-prescription code for an order, a
pharmacist of the store reviews it; cold-chain handover confirmation by the driver."""

from __future__ import annotations

from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp.http_exceptions import HttpProcessingError

from api.auth import require_principal
from api.http import doc, dump, parse_body, path_id
from api.keys import CTX
from api.orders import detail
from api.schemas.orders import (
    OrderDetailOut,
    PharmacistIn,
    PrescriptionCodeIn,
    PrescriptionOut,
    PrescriptionReviewIn,
)
from core.errors import UnsupportedMediaType, ValidationFailed
from models.enums import Role
from services import cold_chain, prescriptions

routes = web.RouteTableDef()
CHUNK = 64 * 1024


async def _read_file_part(request: web.Request) -> bytes:
    """The multipart field `file`, read in chunks and refused as soon as it passes 10 MB
    (the app's 1 MB body limit applies to read(), not to this stream)."""
    try:
        return await _file_field(await request.multipart())
    except (ValueError, AssertionError, HttpProcessingError, KeyError) as exc:
        # No boundary, a broken part header, a truncated body: the client's mistake.
        raise ValidationFailed(
            "the multipart body could not be read", fields={"file": "malformed multipart body"}
        ) from exc


async def _file_field(reader: MultipartReader) -> bytes:
    while True:
        part = await reader.next()
        if part is None:
            raise ValidationFailed(
                "send the prescription as the field `file`", fields={"file": "required"}
            )
        if not isinstance(part, BodyPartReader) or part.name != "file":
            continue
        data = bytearray()
        while chunk := await part.read_chunk(CHUNK):
            data += chunk
            if len(data) > prescriptions.MAX_FILE_BYTES:
                raise ValidationFailed(
                    "the file is larger than 10 MB",
                    code="prescription_too_large",
                    fields={"file": "at most 10 MB"},
                )
        return bytes(data)


@routes.post("/api/v1/orders/{order_id}/prescription")
@doc(
    "Send the prescription for my order: multipart/form-data with the field `file` (JPEG, "
    'PNG or PDF, at most 10 MB, checked by its content) or JSON {"code": ...} for an '
    "e-prescription; the order's prescription_state becomes `submitted`",
    tags=["orders"],
    body=PrescriptionCodeIn,
    response=OrderDetailOut,
    auth=True,
    errors={
        404: "not my order",
        409: "prescription_not_expected",
        415: "send multipart/form-data or application/json",
        422: "prescription_file_type, prescription_too_large, invalid code",
    },
)
async def submit(request: web.Request) -> web.Response:
    principal = require_principal(request)
    order_id = path_id(request, "order_id")
    ctx = request.config_dict[CTX]
    if request.content_type == "multipart/form-data":
        data = await _read_file_part(request)
        order = await prescriptions.submit_file(ctx, principal, order_id, data)
    elif request.content_type == "application/json" or not request.can_read_body:
        body = await parse_body(request, PrescriptionCodeIn)
        order = await prescriptions.submit_code(ctx, principal, order_id, body.code)
    else:
        raise UnsupportedMediaType(
            "send multipart/form-data (file) or application/json (code)",
            fields={"Content-Type": "multipart/form-data or application/json"},
        )
    return dump(await detail(order))


@routes.get("/api/v1/orders/{order_id}/prescription")
@doc(
    "The newest prescription sent for the order (the order's customer and the store's "
    "pharmacists; anyone else: 404)",
    tags=["orders"],
    response=PrescriptionOut,
    auth=True,
    errors={404: "no such order or prescription"},
)
async def show(request: web.Request) -> web.Response:
    principal = require_principal(request)
    view = await prescriptions.latest(
        request.config_dict[CTX], principal, path_id(request, "order_id")
    )
    return dump(PrescriptionOut(**view.__dict__))


@routes.get("/api/v1/orders/{order_id}/prescription/file")
@doc(
    "The newest prescription file, decrypted (the order's customer and the store's "
    "pharmacists; anyone else, or after the retention period: 404)",
    tags=["orders"],
    auth=True,
    errors={404: "no such order or file"},
)
async def file(request: web.Request) -> web.Response:
    principal = require_principal(request)
    data, content_type = await prescriptions.read_file(
        request.config_dict[CTX], principal, path_id(request, "order_id")
    )
    return web.Response(
        body=data,
        content_type=content_type,
        headers={
            "Cache-Control": "private, no-store",
            "Content-Disposition": "inline",
            "X-Content-Type-Options": "nosniff",
        },
    )


@routes.post("/api/v1/orders/{order_id}/prescription/remove-items")
@doc(
    "Drop the prescription-only items from my pending order (stock back, totals lowered); "
    "the order then needs no prescription",
    tags=["orders"],
    response=OrderDetailOut,
    auth=True,
    errors={404: "not my order", 409: "prescription_not_expected, prescription_only_items"},
)
async def remove_items(request: web.Request) -> web.Response:
    principal = require_principal(request)
    order = await prescriptions.remove_rx_lines(
        request.config_dict[CTX], principal, path_id(request, "order_id")
    )
    return dump(await detail(order))


@routes.post("/api/v1/staff/orders/{order_id}/prescription")
@doc(
    "A pharmacist's decision on the submitted prescription: approved, or rejected with a "
    "note the customer reads; kept on the order's timeline",
    tags=["staff"],
    body=PrescriptionReviewIn,
    response=OrderDetailOut,
    auth=True,
    errors={
        403: "not a pharmacist of this store",
        404: "no such order",
        409: "prescription_not_submitted",
        422: "prescription_note_required",
    },
)
async def review(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.ADMIN, Role.MANAGER, Role.DISPATCHER)
    order_id = path_id(request, "order_id")
    body = await parse_body(request, PrescriptionReviewIn)
    order = await prescriptions.review(
        request.config_dict[CTX], principal, order_id, decision=body.decision, note=body.note
    )
    return dump(await detail(order))


@routes.post("/api/v1/driver/orders/{order_id}/kept-cold")
@doc(
    "The driver confirms a cold-chain order was kept cold (at handover)",
    tags=["staff"],
    response=OrderDetailOut,
    auth=True,
    errors={404: "not my cold-chain delivery"},
)
async def kept_cold(request: web.Request) -> web.Response:
    principal = require_principal(request, Role.DRIVER)
    order = await cold_chain.confirm_kept_cold(path_id(request, "order_id"), principal)
    return dump(await detail(order))


@routes.put("/api/v1/admin/stores/{store_id}/staff/{user_id}/pharmacist")
@doc(
    "Grant or withdraw the pharmacist's right (review_prescriptions) for a manager or "
    "dispatcher of the store",
    tags=["admin"],
    body=PharmacistIn,
    auth=True,
    errors={403: "not a manager of this store", 404: "no such employee", 422: "role_cannot_review"},
)
async def pharmacist(request: web.Request) -> web.Response:
    principal = require_principal(request)
    store_id, user_id = path_id(request, "store_id"), path_id(request, "user_id")
    body = await parse_body(request, PharmacistIn)
    employment = await prescriptions.set_pharmacist(
        principal, store_id=store_id, user_id=user_id, granted=body.granted
    )
    return web.json_response(
        {
            "user_id": employment.user_id,
            "store_id": store_id,
            "pharmacist": employment.is_pharmacist,
        }
    )
