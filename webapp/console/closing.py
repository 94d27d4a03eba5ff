"""A store's closing days (services.closing_days): one date per line; saving regenerates the
slots and lists the booked ones that fall on a closing day."""

from __future__ import annotations

from aiohttp import web

from core.errors import ValidationFailed
from core.permissions import Permission as P
from services import closing_days
from webapp.console.base import form_errors, page, render, store_of

routes = web.RouteTableDef()


def _render(
    request: web.Request,
    found: closing_days.ClosingDays | None,
    text: str,
    *,
    errors: dict[str, str] | None = None,
    saved: bool = False,
    status: int = 200,
) -> web.Response:
    context = {"found": found, "text": text, "errors": errors or {}, "saved": saved}
    return render(request, "console/stores/closing.html", context, status=status)


@routes.get("/stores/{store_id}/closing-days")
@page(P.MANAGE_DELIVERY)
async def closing_days_page(request: web.Request) -> web.StreamResponse:
    found = await closing_days.closing_days(store_of(request))
    return _render(request, found, "\n".join(d.isoformat() for d in found.days))


@routes.post("/stores/{store_id}/closing-days")
@page(P.MANAGE_DELIVERY)
async def save_closing_days(request: web.Request) -> web.StreamResponse:
    store = store_of(request)
    raw = (await request.post()).get("days", "")
    text = raw if isinstance(raw, str) else ""
    try:
        days = closing_days.parse_days(text)
    except ValidationFailed as exc:
        return _render(request, None, text, errors=form_errors(exc), status=exc.status)
    found = await closing_days.set_closing_days(store, days)
    return _render(request, found, "\n".join(d.isoformat() for d in found.days), saved=True)
