"""An OAuth 2.0 / OIDC authorization-code client with PKCE (S256)."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp

from core.errors import Unauthorized, Unavailable

TIMEOUT = aiohttp.ClientTimeout(total=10)


@dataclass(frozen=True)
class Pkce:
    verifier: str
    challenge: str


def new_pkce() -> Pkce:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return Pkce(verifier, base64.urlsafe_b64encode(digest).decode().rstrip("="))


def authorization_url(
    auth_url: str, *, client_id: str, redirect_uri: str, state: str, pkce: Pkce, scope: str
) -> str:
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
        "prompt": "select_account",
    }
    return f"{auth_url}?{urlencode(query)}"


async def exchange_code(
    token_url: str,
    *,
    client_id: str,
    client_secret: str,
    code: str,
    verifier: str,
    redirect_uri: str,
) -> dict[str, Any]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": client_id,
        "client_secret": client_secret,
        "code_verifier": verifier,
    }
    try:
        async with (
            aiohttp.ClientSession(timeout=TIMEOUT) as http,
            http.post(token_url, data=form) as r,
        ):
            body = await r.json(content_type=None)
            if r.status >= 400 or "access_token" not in body:
                raise Unauthorized(
                    "the sign-in provider refused the code", code="oauth_code_rejected"
                )
            return dict(body)
    except (aiohttp.ClientError, TimeoutError, ValueError):
        raise Unavailable("the sign-in provider is unavailable", code="oauth_unavailable") from None


async def userinfo(url: str, access_token: str) -> dict[str, Any]:
    try:
        async with (
            aiohttp.ClientSession(timeout=TIMEOUT) as http,
            http.get(url, headers={"Authorization": f"Bearer {access_token}"}) as r,
        ):
            if r.status >= 400:
                raise Unauthorized(
                    "the sign-in provider refused the token", code="oauth_token_rejected"
                )
            return dict(await r.json(content_type=None))
    except (aiohttp.ClientError, TimeoutError, ValueError):
        raise Unavailable("the sign-in provider is unavailable", code="oauth_unavailable") from None
