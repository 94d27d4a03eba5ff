"""Staff invitations (services.staff_invitations): a manager makes a one-time sign-in link
for someone on the staff; the link's page asks for one press (link previews must not use it
up) and signs its holder in once."""

from __future__ import annotations

from aiohttp import web

from api.auth import client_info, client_ip
from api.ratelimit import limit_key
from core.errors import DomainError
from core.permissions import Permission as P
from services import staff_invitations
from webapp.console.base import (
    PRE_COOKIE,
    PREFIX,
    SESSION_COOKIE,
    check_csrf,
    page,
    path_int,
    redirect,
    render,
    set_cookie,
    settings_of,
    store_of,
    viewer_of,
)

routes = web.RouteTableDef()


def invitation_url(request: web.Request, token: str) -> str:
    return f"{settings_of(request).public_base_url.rstrip('/')}{PREFIX}/invite/{token}"


async def new_invitation(request: web.Request, *, user_id: int) -> str:
    """A sign-in link for the person just employed on this page's store."""
    token = await staff_invitations.create_invitation(
        viewer_of(request).principal,
        store_id=store_of(request).id,
        user_id=user_id,
        ttl_seconds=settings_of(request).staff_invite_ttl,
    )
    return invitation_url(request, token)


@routes.post("/stores/{store_id}/staff/{employee_id}/invite")
@page(P.MANAGE_STAFF)
async def invite(request: web.Request) -> web.StreamResponse:
    token = await staff_invitations.create_invitation(
        viewer_of(request).principal,
        store_id=store_of(request).id,
        employee_id=path_int(request, "employee_id"),
        ttl_seconds=settings_of(request).staff_invite_ttl,
    )
    hours = settings_of(request).staff_invite_ttl // 3600
    context = {"url": invitation_url(request, token), "hours": hours}
    return render(request, "console/staff/invited.html", context)


@routes.get("/invite/{token}")
async def invitation_page(request: web.Request) -> web.StreamResponse:
    token = request.match_info["token"]
    try:
        person = await staff_invitations.check_invitation(token)
    except DomainError as exc:
        return render(
            request, "console/invite.html", {"error": exc}, status=exc.status, pre_session=True
        )
    return render(request, "console/invite.html", {"person": person}, pre_session=True)


@routes.post("/invite/{token}")
async def use_invitation(request: web.Request) -> web.StreamResponse:
    await check_csrf(request, PRE_COOKIE)
    try:
        # Guessing tokens is as limited as guessing passwords.
        await limit_key(request, "auth", client_ip(request))
        session = await staff_invitations.sign_in_with_invitation(
            settings_of(request), request.match_info["token"], client_info(request)
        )
    except DomainError as exc:
        return render(
            request, "console/invite.html", {"error": exc}, status=exc.status, pre_session=True
        )
    response = redirect(PREFIX + "/")
    set_cookie(request, response, SESSION_COOKIE, session)
    response.del_cookie(PRE_COOKIE, path=PREFIX)
    raise response
