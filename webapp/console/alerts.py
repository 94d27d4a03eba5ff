"""Alert recipients of a store: the Pushover users who get its urgent alerts (keys sealed by
services.alerts), added with api/schemas/alerts.AlertRecipientIn, paused or resumed."""

from __future__ import annotations

from collections.abc import Mapping

from aiohttp import web

from api.schemas.alerts import AlertRecipientIn
from core.errors import DomainError
from core.permissions import Permission as P
from services import alerts
from webapp.console.base import (
    PREFIX,
    ctx_of,
    form_errors,
    form_values,
    page,
    path_int,
    redirect,
    render,
    store_of,
    validate,
)

routes = web.RouteTableDef()
KINDS = (("new_order", "New orders"), ("delivered", "Deliveries"))


async def _alerts_page(
    request: web.Request,
    *,
    values: Mapping[str, object] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> web.Response:
    store, box = store_of(request), ctx_of(request).secret_box
    rows = [
        (r, alerts.masked_key(box, r.pushover_user_key))
        for r in await alerts.list_recipients(store.id)
    ]
    context = {
        "recipients": rows,
        "kinds": KINDS,
        "values": values or {"kinds": []},
        "errors": errors or {},
    }
    return render(request, "console/alerts/recipients.html", context, status=status)


@routes.get("/stores/{store_id}/alerts")
@page(P.MANAGE_STAFF)
async def recipients_page(request: web.Request) -> web.StreamResponse:
    return await _alerts_page(request)


@routes.post("/stores/{store_id}/alerts")
@page(P.MANAGE_STAFF)
async def add_recipient(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    form = await request.post()
    kinds = [k for k in form.getall("kinds", []) if isinstance(k, str)]
    try:
        # Ticked boxes arrive as repeated "kinds" fields, not as the JSON the schema reads.
        texts = {k: v for k, v in form.items() if k != "kinds"}
        values = {**form_values(AlertRecipientIn, texts), "kinds": kinds}
        body = validate(AlertRecipientIn, values)
        await alerts.add_recipient(ctx_of(request).secret_box, store, body.model_dump())
    except DomainError as exc:
        shown = {"name": form.get("name", ""), "kinds": kinds}
        return await _alerts_page(request, values=shown, errors=form_errors(exc), status=exc.status)
    raise redirect(f"{PREFIX}/stores/{store.id}/alerts")


@routes.post("/stores/{store_id}/alerts/{recipient_id}/active")
@page(P.MANAGE_STAFF)
async def set_active(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    form = await request.post()
    active = form.get("active") == "yes"
    await alerts.set_recipient_active(store.id, path_int(request, "recipient_id"), active)
    raise redirect(f"{PREFIX}/stores/{store.id}/alerts")
