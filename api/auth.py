"""Who is calling: the Bearer access token, checked once per request."""

from __future__ import annotations

from aiohttp import web

from api.keys import SETTINGS
from core.errors import Forbidden, Unauthorized
from core.permissions import Permission, has_permission
from core.security import Principal, decode_access_token
from services.auth.sessions import ClientInfo

PRINCIPAL = web.RequestKey("principal", Principal)


def bearer_token(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def optional_principal(request: web.Request) -> Principal | None:
    """The caller when a token is presented (an invalid token is still an error)."""
    cached = request.get(PRINCIPAL)
    if cached is not None:
        return cached
    token = bearer_token(request)
    if token is None:
        return None
    principal = decode_access_token(token, request.config_dict[SETTINGS].secret_key)
    request[PRINCIPAL] = principal
    return principal


def require_principal(request: web.Request, *roles: str) -> Principal:
    """The caller; 401 without a valid token, 403 when their role is not one of `roles`."""
    principal = optional_principal(request)
    if principal is None:
        raise Unauthorized("sign in first", code="not_authenticated")
    if roles and principal.role not in roles:
        raise Forbidden("your role may not do this")
    return principal


def require_permission(request: web.Request, permission: Permission) -> Principal:
    """The caller, if their role holds `permission` (core/permissions.py); else 401/403."""
    principal = require_principal(request)
    if not has_permission(principal.role, permission):
        raise Forbidden(f"your role lacks the {permission.value} permission")
    return principal


def client_ip(request: web.Request, *, trust_proxy: bool | None = None) -> str:
    """The caller's address; behind a trusted proxy (TRUST_PROXY, read from the settings
    unless the caller already holds it) the left-most X-Forwarded-For, which the proxy sets."""
    if trust_proxy is None:
        trust_proxy = request.config_dict[SETTINGS].trust_proxy
    if trust_proxy:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.remote or ""


def client_info(request: web.Request) -> ClientInfo:
    return ClientInfo(ip=client_ip(request), user_agent=request.headers.get("User-Agent", ""))
