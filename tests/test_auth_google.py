"""Google sign-in against a local fake OIDC provider that checks PKCE for real."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from models import User


@dataclass
class FakeGoogle:
    url: str = ""
    codes: dict[str, dict] = field(default_factory=dict)
    tokens: dict[str, dict] = field(default_factory=dict)
    profile: dict = field(
        default_factory=lambda: {
            "sub": "g-1001",
            "email": "bea@example.com",
            "email_verified": True,
            "name": "Bea",
            "locale": "es",
        }
    )

    def approve(self, authorize_url: str) -> tuple[str, str]:
        """What the browser does at Google: returns (code, state) for the callback."""
        query = {k: v[0] for k, v in parse_qs(urlparse(authorize_url).query).items()}
        assert query["code_challenge_method"] == "S256" and query["response_type"] == "code"
        code = secrets.token_urlsafe(8)
        self.codes[code] = query
        return code, query["state"]

    async def token(self, request: web.Request) -> web.Response:
        form = await request.post()
        asked = self.codes.pop(str(form["code"]), None)
        if asked is None:
            return web.json_response({"error": "invalid_grant"}, status=400)
        digest = hashlib.sha256(str(form["code_verifier"]).encode()).digest()
        if base64.urlsafe_b64encode(digest).decode().rstrip("=") != asked["code_challenge"]:
            return web.json_response({"error": "invalid_grant", "detail": "pkce"}, status=400)
        if form["redirect_uri"] != asked["redirect_uri"] or form["client_secret"] != "g-secret":
            return web.json_response({"error": "invalid_client"}, status=400)
        access = secrets.token_urlsafe(8)
        self.tokens[access] = self.profile
        return web.json_response(
            {"access_token": access, "token_type": "Bearer", "expires_in": 3600}
        )

    async def userinfo(self, request: web.Request) -> web.Response:
        access = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if access not in self.tokens:
            return web.json_response({"error": "invalid_token"}, status=401)
        return web.json_response(self.tokens[access])


@pytest.fixture
async def google() -> AsyncIterator[FakeGoogle]:
    fake = FakeGoogle()
    app = web.Application()
    app.router.add_post("/token", fake.token)
    app.router.add_get("/userinfo", fake.userinfo)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    fake.url = str(server.make_url("")).rstrip("/")
    yield fake
    await server.close()


@pytest.fixture
async def google_client(app_client, google: FakeGoogle):  # type: ignore[no-untyped-def]
    return await app_client(
        google_client_id="g-client",
        google_client_secret="g-secret",
        google_auth_url="https://accounts.example/auth",
        google_token_url=f"{google.url}/token",
        google_userinfo_url=f"{google.url}/userinfo",
    )


async def test_google_sign_in_with_pkce_keeps_the_affiliate_code(
    google_client, google: FakeGoogle
) -> None:  # type: ignore[no-untyped-def]
    referrer = await User.create(name="Ref", referral_code="FRIEND01")
    start = await google_client.get(
        "/api/v1/auth/google/start?affiliate=FRIEND01&next=/orders", allow_redirects=False
    )
    assert start.status == 302
    location = start.headers["Location"]
    assert location.startswith("https://accounts.example/auth?") and "FRIEND01" not in location
    code, state = google.approve(location)
    callback = await google_client.get(
        f"/api/v1/auth/google/callback?code={code}&state={state}", allow_redirects=False
    )
    assert callback.status == 302
    target = callback.headers["Location"]
    assert target.startswith("/orders#access_token=") and "refresh_token=" in target
    user = await User.get(google_sub="g-1001")
    assert user.email == "bea@example.com" and user.locale == "es"
    assert user.referred_by_id == referrer.id  # the affiliate code survived the redirect
    # The state is single-use.
    replay = await google_client.get(
        f"/api/v1/auth/google/callback?code={code}&state={state}",
        headers={"Accept": "application/json"},
    )
    assert replay.status == 401 and (await replay.json())["error"]["code"] == "oauth_state_invalid"


async def test_tampered_state_and_open_redirects_are_refused(
    google_client, google: FakeGoogle
) -> None:  # type: ignore[no-untyped-def]
    start = await google_client.get(
        "/api/v1/auth/google/start?next=//evil.example/", allow_redirects=False
    )
    code, state = google.approve(start.headers["Location"])
    forged = await google_client.get(
        f"/api/v1/auth/google/callback?code={code}&state=forged",
        headers={"Accept": "application/json"},
    )
    assert forged.status == 401
    ok = await google_client.get(
        f"/api/v1/auth/google/callback?code={code}&state={state}", allow_redirects=False
    )
    assert ok.headers["Location"].startswith("/#access_token=")  # not //evil.example


async def test_a_returning_google_user_links_to_the_same_account(
    google_client, google: FakeGoogle
) -> None:  # type: ignore[no-untyped-def]
    existing = await User.create(
        name="Bea", email="bea@example.com", email_verified=True, referral_code="BEA00001"
    )
    start = await google_client.get("/api/v1/auth/google/start", allow_redirects=False)
    code, state = google.approve(start.headers["Location"])
    body = await (
        await google_client.get(
            f"/api/v1/auth/google/callback?code={code}&state={state}",
            headers={"Accept": "application/json"},
        )
    ).json()
    assert body["user"]["id"] == existing.id
    assert await User.filter(email="bea@example.com").count() == 1


async def test_google_unconfigured_is_a_clear_503(client) -> None:  # type: ignore[no-untyped-def]
    response = await client.get("/api/v1/auth/google/start")
    assert (
        response.status == 503
        and (await response.json())["error"]["code"] == "oauth_not_configured"
    )


async def test_google_does_not_take_over_an_account_whose_address_was_never_proved(
    google_client, google: FakeGoogle
) -> None:  # type: ignore[no-untyped-def]
    # Somebody registered bea@example.com with a password; the address was never proved.
    squatter = await User.create(
        name="Mallory", email="bea@example.com", password_hash="$2b$04$x", referral_code="MAL00001"
    )
    start = await google_client.get("/api/v1/auth/google/start", allow_redirects=False)
    code, state = google.approve(start.headers["Location"])
    response = await google_client.get(
        f"/api/v1/auth/google/callback?code={code}&state={state}",
        headers={"Accept": "application/json"},
    )
    assert response.status == 409 and (await response.json())["error"]["code"] == "email_taken"
    await squatter.refresh_from_db()
    assert squatter.google_sub is None  # not linked: neither side gets the other's account
