"""Staff: the store's employees and employing someone (services.employees, as the API does),
with the Telegram link code and a one-time sign-in link (webapp/console/invitations.py)
shown once."""

from __future__ import annotations

from aiohttp import web

from api.schemas.setup import EmployeeIn
from core.errors import DomainError
from core.permissions import Permission as P
from models.enums import Role
from services import backoffice, employees, listing, prescriptions
from webapp.console.base import (
    PREFIX,
    ctx_of,
    form_page,
    page,
    parse_form,
    path_int,
    redirect,
    render,
    schema_form,
    store_of,
    viewer_of,
)
from webapp.console.invitations import new_invitation
from webapp.console.tables import Action, Column, RowAction, Table, active_toggle, table_view

routes = web.RouteTableDef()
ROLES = (("manager", "manager"), ("dispatcher", "dispatcher"), ("driver", "driver"))
EMPLOY_FORM = schema_form(
    EmployeeIn,
    labels={"email": "E-mail", "password": "Password (optional)"},
    help={"password": "leave empty: they sign in with the Telegram link code or a reset link"},
)

STAFF = Table(
    name="staff",
    title="Staff",
    source=lambda viewer: backoffice.staff_query(viewer.store_id),
    listing=listing.Listing(
        sortable=("created_at", "role"),
        default_sort="-created_at",
        search_fields=("user__name", "user__email"),
        filters=(
            listing.Filter("role", "Role", "role", ROLES, parse=Role),
            listing.active_filter(),
        ),
        related=("user",),
    ),
    columns=(
        Column("Name", lambda e, c: e.user.name),
        Column("E-mail", lambda e, c: e.user.email or ""),
        Column("Role", lambda e, c: e.role.value, sort="role"),
        Column("Telegram", lambda e, c: "linked" if e.user.tg_id else "not linked"),
        Column("Active", lambda e, c: "yes" if e.is_active else "no"),
        Column("Pharmacist", lambda e, c: "yes" if e.is_pharmacist else "no"),
        Column("Since", lambda e, c: c.when(e.created_at), sort="created_at"),
    ),
    empty="Nobody works here yet. Employ the first person with “Employ”.",
    actions=(Action("Employ", lambda v: f"{PREFIX}/stores/{v.store_id}/staff/new"),),
    row_actions=(
        active_toggle(
            lambda r, v: f"{PREFIX}/stores/{v.store_id}/staff/{r.id}/active",
            "Deactivate",
            "Reactivate",
        ),
        RowAction(
            label=lambda row: "Sign-in link",
            url=lambda r, v: f"{PREFIX}/stores/{v.store_id}/staff/{r.id}/invite",
            fields=lambda row: {},
            shown=lambda row: bool(row.is_active),
        ),
        # The review_prescriptions right, granted per store (managers and dispatchers).
        RowAction(
            label=lambda r: "Withdraw pharmacist" if r.is_pharmacist else "Make pharmacist",
            url=lambda r, v: f"{PREFIX}/stores/{v.store_id}/staff/{r.user_id}/pharmacist",
            fields=lambda r: {"granted": "no" if r.is_pharmacist else "yes"},
        ),
    ),
)


@routes.get("/stores/{store_id}/staff")
@page(P.MANAGE_STAFF)
async def staff_table(request: web.Request) -> web.StreamResponse:
    return await table_view(request, STAFF)


@routes.get("/stores/{store_id}/staff/new")
@page(P.MANAGE_STAFF)
async def employ_page(request: web.Request) -> web.StreamResponse:
    heading = f"Employ someone at {store_of(request).name}"
    return form_page(
        request, heading=heading, submit="Employ", fields=EMPLOY_FORM, values={"role": "dispatcher"}
    )


@routes.post("/stores/{store_id}/staff/new")
@page(P.MANAGE_STAFF)
async def employ(request: web.Request) -> web.StreamResponse:
    store, viewer = store_of(request), viewer_of(request)
    try:
        body = await parse_form(request, EmployeeIn)
        user, code = await employees.employ(
            ctx_of(request),
            viewer.principal,
            store_id=store.id,
            email=body.email,
            name=body.name,
            role=Role(body.role),
            password=body.password,
        )
    except DomainError as exc:  # ValidationFailed, Conflict email_taken, Forbidden
        form = dict(await request.post())
        form.pop("password", None)
        return form_page(
            request,
            heading=f"Employ someone at {store.name}",
            submit="Employ",
            fields=EMPLOY_FORM,
            values=form,
            error=exc,
        )
    return render(
        request,
        "console/staff/employed.html",
        {
            "employee": user,
            "role": body.role,
            "link_code": code,
            "invite_url": await new_invitation(request, user_id=user.id),
        },
    )


@routes.post("/stores/{store_id}/staff/{employee_id}/active")
@page(P.MANAGE_STAFF)
async def set_active(request: web.Request) -> web.StreamResponse:
    store, viewer = store_of(request), viewer_of(request)
    form = await request.post()
    await employees.set_employment_active(
        viewer.principal,
        store_id=store.id,
        employee_id=path_int(request, "employee_id"),
        active=form.get("active") == "yes",
    )
    raise redirect(f"{PREFIX}/stores/{store.id}/staff")


@routes.post("/stores/{store_id}/staff/{user_id}/pharmacist")
@page(P.MANAGE_STAFF)
async def set_pharmacist(request: web.Request) -> web.StreamResponse:
    store, viewer = store_of(request), viewer_of(request)
    form = await request.post()
    await prescriptions.set_pharmacist(
        viewer.principal,
        store_id=store.id,
        user_id=path_int(request, "user_id"),
        granted=form.get("granted") == "yes",
    )
    raise redirect(f"{PREFIX}/stores/{store.id}/staff")
