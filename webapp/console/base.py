"""The console's plumbing, written once: the cookie session, CSRF on every form, the one
permission decorator every page goes through, rendering, and forms parsed into the same
pydantic schemas the JSON API uses."""

from __future__ import annotations

import logging
import math
import types
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, Union, get_args, get_origin
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web
from aiohttp.typedefs import Handler
from pydantic import BaseModel, ValidationError

from api.errors import validation_fields
from api.keys import CTX, SETTINGS
from core import untrusted
from core.errors import DomainError, Forbidden, NotFound, RateLimited, ValidationFailed
from core.i18n import money, when
from core.permissions import Permission, has_permission
from core.security import Principal, new_opaque_token
from core.settings import Settings
from models import Store, User
from models.enums import Role
from services import backoffice
from services.auth.browser import CONSOLE_ROLES, csrf_matches, csrf_token, session_principal

log = logging.getLogger(__name__)

PREFIX = "/admin"
SESSION_COOKIE = "console_session"
PRE_COOKIE = "console_pre"
CSRF_FIELD = "csrf"
M = TypeVar("M", bound=BaseModel)
View = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Viewer:
    """The signed-in staff member, their stores, and the store the page is about."""

    user: User
    principal: Principal
    stores: list[Store]
    store: Store | None = None

    def can(self, permission: Permission) -> bool:
        return has_permission(self.principal.role, permission)

    @property
    def store_id(self) -> int:
        if self.store is None:
            raise NotFound("no store on this page")
        return self.store.id


VIEWER = web.RequestKey("console_viewer", Viewer)
PRE_TOKEN = web.RequestKey("console_pre", str)


def settings_of(request: web.Request) -> Settings:
    return request.config_dict[SETTINGS]


def set_cookie(
    request: web.Request,
    response: web.StreamResponse,
    name: str,
    value: str,
    max_age: int | None = None,
) -> None:
    response.set_cookie(
        name,
        value,
        path=PREFIX,
        httponly=True,
        samesite="Strict",
        secure=settings_of(request).is_production,
        max_age=max_age,
    )


def form_token(request: web.Request, *, pre_session: bool = False) -> str:
    """The CSRF token for forms on this page: bound to the session cookie, or (the sign-in
    form, and pages shown to nobody signed in) to the pre-session cookie, set by `render`
    when missing."""
    anchor = "" if pre_session else request.cookies.get(SESSION_COOKIE, "")
    anchor = anchor or request.get(PRE_TOKEN, "")
    if not anchor:
        anchor = request.cookies.get(PRE_COOKIE, "") or new_opaque_token(16)
        request[PRE_TOKEN] = anchor
    return csrf_token(settings_of(request), anchor)


async def check_csrf(request: web.Request, cookie: str) -> None:
    form = await request.post()
    presented = form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token", "")
    if not isinstance(presented, str) or not csrf_matches(
        settings_of(request), request.cookies.get(cookie, ""), presented
    ):
        raise Forbidden(
            "the form expired or came from elsewhere; reload the page and retry", code="csrf_failed"
        )


def store_money(store: Store | None) -> Callable[[int | None], str]:
    def fmt(cents: int | None) -> str:
        if cents is None:
            return ""
        if store is None:
            return f"{cents / 100:.2f}"
        return money(cents, store.currency, store.default_locale)

    return fmt


def store_time(store: Store | None) -> Callable[[Any], str]:
    def fmt(moment: Any) -> str:
        if moment is None:
            return ""
        if store is None:
            return str(moment.strftime("%Y-%m-%d %H:%M UTC"))
        return when(moment, store.timezone, store.default_locale)

    return fmt


def render(
    request: web.Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
    pre_session: bool = False,
) -> web.Response:
    viewer = request.get(VIEWER)
    store = viewer.store if viewer else None
    values = {
        "viewer": viewer,
        "store": store,
        "csrf": form_token(request, pre_session=pre_session),
        "P": Permission,
        "money": store_money(store),
        "when": store_time(store),
        "errors": {},
        "values": {},
        "path": request.path,
        "query": request.query,
        **(context or {}),
    }
    response = aiohttp_jinja2.render_template(template, request, values, status=status)
    response.headers["Cache-Control"] = "no-store"
    if PRE_TOKEN in request:
        set_cookie(request, response, PRE_COOKIE, request[PRE_TOKEN])
    return response


def redirect(location: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(location)


def page(permission: Permission | None = None) -> Callable[[View], View]:
    """Every console view goes through this: a live staff session (else to the sign-in page),
    the role's `permission` from core/permissions.py (else 403), the path's store among the
    viewer's stores (else 404), and a valid CSRF token on every POST (else 403)."""

    def wrap(view: View) -> View:
        @wraps(view)
        async def guarded(request: web.Request) -> web.StreamResponse:
            found = await session_principal(request.cookies.get(SESSION_COOKIE, ""))
            if found is None:
                target = quote(request.path_qs if request.method == "GET" else PREFIX + "/")
                raise redirect(f"{PREFIX}/login?next={target}")
            user, principal = found
            if user.role not in CONSOLE_ROLES:
                raise Forbidden("the console is for staff")
            if permission is not None and not has_permission(principal.role, permission):
                raise Forbidden(f"your role may not open this page ({permission.value})")
            if request.method == "POST":
                await check_csrf(request, SESSION_COOKIE)
            viewer = Viewer(user, principal, await backoffice.member_stores(principal))
            request[VIEWER] = viewer
            if "store_id" in request.match_info:
                viewer.store = await backoffice.store_for(principal, path_int(request, "store_id"))
            return await view(request)

        setattr(guarded, "__console_permission__", permission)  # noqa: B010
        return guarded

    return wrap


def path_int(request: web.Request, name: str) -> int:
    value = untrusted.parse_id(request.match_info.get(name, ""), untrusted.MAX_ROW_ID)
    if value is None:
        raise NotFound(f"no such {name.removesuffix('_id')}", fields={name: "unknown id"})
    return value


def viewer_of(request: web.Request) -> Viewer:
    return request[VIEWER]


def store_of(request: web.Request) -> Store:
    store = request[VIEWER].store
    if store is None:
        raise NotFound("no store on this page")
    return store


def ctx_of(request: web.Request) -> Any:
    return request.config_dict[CTX]


# --- forms -------------------------------------------------------------------------------


def _base_type(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _base_type(options[0]) if len(options) == 1 else str
    if origin is not None and str(origin).endswith("Annotated"):
        return _base_type(get_args(annotation)[0])
    return origin or annotation


def _coerce(name: str, raw: str, annotation: Any) -> Any:
    kind = _base_type(annotation)
    if kind is bool:
        return raw.lower() in ("1", "true", "on", "yes")
    if kind is int:
        digits = raw.removeprefix("-")
        if not (digits.isascii() and digits.isdigit() and len(digits) < 12):
            raise ValidationFailed("invalid input", fields={name: "a whole number"})
        return int(raw)
    if kind is float:
        try:
            value = float(raw) if raw.isascii() else math.nan
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise ValidationFailed("invalid input", fields={name: "a number like 41.39"})
        return value
    if kind in (dict, list):
        try:
            return untrusted.loads(raw, field=name)
        except untrusted.UntrustedInput as exc:
            raise ValidationFailed(exc.message, fields={name: exc.message}) from None
    return raw


def form_values(
    model: type[BaseModel], form: Mapping[str, Any], *, prefix: str = ""
) -> dict[str, Any]:
    """The form's fields for `model`, typed as the schema wants (text boxes send strings).
    Control characters and malformed numbers or JSON are refused naming the field."""
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = prefix + name
        raw = form.get(key)
        if raw is None or not isinstance(raw, str):
            if _base_type(info.annotation) is bool:
                data[name] = False
            continue
        try:
            untrusted.check_text(raw, key)
        except untrusted.UntrustedInput as exc:
            raise ValidationFailed(exc.message, fields={key: exc.message}) from None
        raw = raw if name == "password" else raw.strip()
        if raw == "":  # left empty: the default, or the schema names it as required
            continue
        data[name] = _coerce(key, raw, info.annotation)
    return data


def validate(model: type[M], data: Any, *, prefix: str = "") -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = validation_fields(exc)
        if prefix:
            fields = {prefix + k: v for k, v in fields.items()}
        raise ValidationFailed("please correct the fields shown", fields=fields) from None


async def parse_form(request: web.Request, model: type[M]) -> M:
    """The posted form as `model` (the JSON API's body schema); ValidationFailed names each
    bad field."""
    form = await request.post()
    return validate(model, form_values(model, form))


def form_errors(exc: DomainError) -> dict[str, str]:
    return dict(exc.fields or {"form": exc.message})


# --- errors ------------------------------------------------------------------------------


@web.middleware
async def console_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Failures as a page a person reads, with the status the API would give."""
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge:
        error = DomainError(
            "the upload is too large", code="payload_too_large", fields={"file": "too large"}
        )
        error.status = 413
        return render(request, "console/error.html", {"error": error}, status=413)
    except web.HTTPException:
        raise
    except RateLimited as exc:
        response = render(request, "console/error.html", {"error": exc}, status=exc.status)
        response.headers["Retry-After"] = str(max(1, round(exc.retry_after + 0.499)))
        return response
    except DomainError as exc:
        return render(request, "console/error.html", {"error": exc}, status=exc.status)
    except Exception:
        log.exception("console error on %s %s", request.method, request.path)
        error = DomainError("something went wrong; it was logged", code="internal_error")
        error.status = 500
        return render(request, "console/error.html", {"error": error}, status=500)


def staff_role_label(role: Role | str) -> str:
    return str(role).replace("_", " ").capitalize()


# --- a schema rendered as a form -----------------------------------------------------------


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: str  # text | number | textarea | select | password | email | checkbox
    required: bool
    choices: tuple[str, ...] = ()
    help: str = ""


def schema_form(
    model: type[BaseModel],
    *,
    labels: Mapping[str, str] | None = None,
    help: Mapping[str, str] | None = None,
    skip: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
) -> list[FormField]:
    """The form for a pydantic body schema: one input per field, its kind from the type
    (Literal → select, numbers → number, objects → a JSON text area)."""
    labels, help = labels or {}, help or {}
    fields: list[FormField] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        kind = "text"
        choices: tuple[str, ...] = ()
        base = _base_type(info.annotation)
        if str(base).endswith("Literal"):
            kind, choices = "select", tuple(str(c) for c in get_args(_unwrap(info.annotation)))
        elif base in (int, float):
            kind = "number"
        elif base in (dict, list):
            kind = "textarea"
        elif base is bool:
            kind = "checkbox"
        elif name == "password":
            kind = "password"
        elif name == "email":
            kind = "email"
        label = labels.get(name, name.replace("_", " ").capitalize())
        required = info.is_required() and name not in optional
        fields.append(FormField(name, label, kind, required, choices, help.get(name, "")))
    return fields


def _unwrap(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(options[0])
    return annotation


def form_page(
    request: web.Request,
    *,
    heading: str,
    submit: str,
    fields: list[FormField],
    values: Mapping[str, Any],
    error: DomainError | None = None,
) -> web.Response:
    """A schema's form (again, with each bad field named, when `error` is given)."""
    context = {
        "heading": heading,
        "submit_label": submit,
        "fields": fields,
        "values": dict(values),
        "errors": form_errors(error) if error else {},
    }
    return render(request, "console/form.html", context, status=error.status if error else 200)
