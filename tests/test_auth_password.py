"""E-mail + password accounts, tokens and sessions."""

from __future__ import annotations

import re
from datetime import timedelta

import jwt

from core.clock import utcnow
from core.settings import Settings
from models import LoginLog, PasswordResetToken, RefreshToken, User
from models.enums import Role
from services.auth.sessions import session_lifetime
from tests.fixtures.fakes import Mailbox, OtpProviders
from tests.fixtures.people import make_person

EMAIL, PASSWORD, PHONE = "ann@example.com", "correct horse battery", "+34622333444"


async def registered(client, providers: OtpProviders) -> dict:  # type: ignore[no-untyped-def]
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": EMAIL, "password": PASSWORD, "phone": PHONE, "name": "Ann"},
    )
    assert response.status == 202, await response.text()
    verified = await client.post(
        "/api/v1/auth/register/verify", json={"phone": PHONE, "code": providers.last_code()}
    )
    assert verified.status == 201
    return await verified.json()  # type: ignore[no-any-return]


async def test_register_verify_login_and_the_login_log(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings())
    tokens = await registered(client, otp_providers)
    assert tokens["user"]["email"] == EMAIL and tokens["user"]["phone_verified"]
    user = await User.get(email=EMAIL)
    assert (
        user.password_hash
        and user.password_hash.startswith("$2")
        and PASSWORD not in user.password_hash
    )
    bad = await client.post(
        "/api/v1/auth/login",
        json={"email": EMAIL, "password": "wrong password"},
        headers={"User-Agent": "pytest-agent"},
    )
    assert bad.status == 401 and (await bad.json())["error"]["code"] == "invalid_credentials"
    nobody = await client.post(
        "/api/v1/auth/login", json={"email": "no@one.com", "password": PASSWORD}
    )
    assert (await nobody.json())["error"][
        "code"
    ] == "invalid_credentials"  # same answer: no enumeration
    good = await client.post(
        "/api/v1/auth/login", json={"email": EMAIL.upper(), "password": PASSWORD}
    )
    assert good.status == 200
    failures = {row.reason for row in await LoginLog.filter(success=False)}
    assert failures == {"bad_password", "unknown_user"}
    row = await LoginLog.get(reason="bad_password")
    assert row.user_agent == "pytest-agent" and row.ip == "127.0.0.1"
    # Registering the address again changes nothing and says nothing (see test_security).
    again = await client.post(
        "/api/v1/auth/register",
        json={"email": EMAIL, "password": "another password", "phone": "+34600000009"},
    )
    assert again.status == 202
    assert (
        await client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
    ).status == 200


async def test_unverified_registration_cannot_log_in(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings())
    await client.post(
        "/api/v1/auth/register", json={"email": EMAIL, "password": PASSWORD, "phone": PHONE}
    )
    response = await client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
    assert (await response.json())["error"]["code"] == "invalid_credentials"  # no account yet
    assert not await User.exists(email=EMAIL)
    weak = await client.post(
        "/api/v1/auth/register",
        json={"email": "b@example.com", "password": "short", "phone": PHONE},
    )
    assert weak.status == 422 and "password" in (await weak.json())["error"]["fields"]


async def test_forgot_and_reset_password_by_mail(
    app_client, otp_providers: OtpProviders, mailbox: Mailbox
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(
        **otp_providers.settings(
            smtp_host=mailbox.host, smtp_port=mailbox.port, smtp_starttls=False
        )
    )
    tokens = await registered(client, otp_providers)
    unknown = await client.post("/api/v1/auth/password/forgot", json={"email": "ghost@example.com"})
    assert unknown.status == 202 and mailbox.messages == []
    response = await client.post("/api/v1/auth/password/forgot", json={"email": EMAIL})
    assert response.status == 202
    assert len(mailbox.messages) == 1 and mailbox.messages[0]["To"] == EMAIL
    token = re.search(r"#token=([\w-]+)", mailbox.messages[0].get_payload(decode=True).decode())
    assert token
    stored = await PasswordResetToken.get()
    assert stored.token_hash != token.group(1)  # only a hash is kept
    reset = await client.post(
        "/api/v1/auth/password/reset",
        json={"token": token.group(1), "password": "a brand new secret"},
    )
    assert reset.status == 200
    twice = await client.post(
        "/api/v1/auth/password/reset",
        json={"token": token.group(1), "password": "another new secret"},
    )
    assert twice.status == 401 and (await twice.json())["error"]["code"] == "reset_token_invalid"
    # The old sessions ended; the new password works, the old one does not.
    old = await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert old.status == 401
    assert (
        await client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
    ).status == 401
    assert (
        await client.post(
            "/api/v1/auth/login", json={"email": EMAIL, "password": "a brand new secret"}
        )
    ).status == 200
    # An expired token is refused.
    await client.post("/api/v1/auth/password/forgot", json={"email": EMAIL})
    token2 = re.search(r"#token=([\w-]+)", mailbox.messages[-1].get_payload(decode=True).decode())
    assert token2
    await PasswordResetToken.filter(used_at__isnull=True).update(
        expires_at=utcnow() - timedelta(seconds=1)
    )
    late = await client.post(
        "/api/v1/auth/password/reset", json={"token": token2.group(1), "password": "x" * 12}
    )
    assert late.status == 401


async def test_refresh_reuse_revokes_the_whole_family(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings())
    first = await registered(client, otp_providers)
    second = await (
        await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    ).json()
    third = await (
        await client.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    ).json()
    # Someone replays the first (stolen) token: refused, and the live one dies with it.
    replay = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert replay.status == 401 and (await replay.json())["error"]["code"] == "refresh_reused"
    live = await client.post("/api/v1/auth/refresh", json={"refresh_token": third["refresh_token"]})
    assert live.status == 401
    rows = await RefreshToken.all()
    assert len({r.family_id for r in rows}) == 1 and all(r.revoked_at for r in rows)
    assert {r.revoked_reason for r in rows} == {"rotated", "reuse_detected"}


async def test_access_tokens_expire_and_sessions_last_by_role(
    app_client, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    assert session_lifetime(Role.CUSTOMER) == timedelta(days=30)
    assert session_lifetime(Role.DISPATCHER) == timedelta(days=14)
    assert session_lifetime(Role.DRIVER) == timedelta(days=14)
    assert session_lifetime(Role.ADMIN) == timedelta(days=7)
    client = await app_client(access_token_ttl=1)
    person = await make_person(settings, Role.CUSTOMER)
    expired = jwt.encode(
        {
            "sub": str(person.user.id),
            "role": "customer",
            "iss": "pharmacy-delivery",
            "typ": "access",
            "exp": utcnow() - timedelta(seconds=5),
        },
        settings.secret_key,
        algorithm="HS256",
    )
    response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {expired}"})
    assert response.status == 401 and (await response.json())["error"]["code"] == "token_expired"
    forged = jwt.encode(
        {
            "sub": "1",
            "role": "admin",
            "iss": "pharmacy-delivery",
            "typ": "access",
            "exp": utcnow() + timedelta(minutes=5),
        },
        "not-the-key",
        algorithm="HS256",
    )
    response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"})
    assert (await response.json())["error"]["code"] == "invalid_token"


async def test_expired_session_cannot_be_refreshed(app_client, otp_providers: OtpProviders) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings())
    tokens = await registered(client, otp_providers)
    await RefreshToken.all().update(expires_at=utcnow() - timedelta(seconds=1))
    response = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert (await response.json())["error"]["code"] == "refresh_expired"


async def test_me_lists_the_staff_stores(client, settings: Settings, demo) -> None:  # type: ignore[no-untyped-def]
    person = await make_person(settings, Role.DISPATCHER, store_ids=(demo.store_id,))
    body = await (await client.get("/api/v1/me", headers=person.headers)).json()
    assert (body["role"], body["stores"]) == ("dispatcher", [demo.store_id])
    assert {"id", "role", "tg_id", "phone", "email", "locale", "stores"} <= set(body)
