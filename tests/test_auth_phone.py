"""Phone sign-in: OTP rules and delivery over WhatsApp / SMS gateway / Twilio."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from core.clock import utcnow
from core.otp_channels import ConsoleSink
from core.settings import load_settings
from models import LoginLog, OtpCode, OtpLog, User
from models.enums import OtpEvent
from tests.fixtures.backend import PRODUCTION_SECRETS
from tests.fixtures.fakes import OtpProviders

PHONE = "+34600111222"


async def request_code(client, phone: str = PHONE, purpose: str = "login"):  # type: ignore[no-untyped-def]
    return await client.post("/api/v1/auth/otp/request", json={"phone": phone, "purpose": purpose})


async def test_new_user_signs_up_by_phone_then_refreshes_and_logs_out(
    app_client,
    otp_providers: OtpProviders,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    caplog.set_level(logging.DEBUG)
    client = await app_client(**otp_providers.settings())
    sent = await request_code(client, "+34 600-111-222")
    assert sent.status == 202
    body = await sent.json()
    assert body["phone"] == PHONE and body["channel"] == "whatsapp"
    code = otp_providers.last_code()
    row = await OtpCode.get(phone=PHONE)
    assert code not in row.code_hash and len(row.code_hash) == 64  # stored as a keyed hash
    verified = await client.post("/api/v1/auth/otp/verify", json={"phone": PHONE, "code": code})
    assert verified.status == 200, await verified.text()
    tokens = await verified.json()
    assert tokens["user"]["phone"] == PHONE and tokens["user"]["phone_verified"]
    me = await client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert (await me.json())["id"] == tokens["user"]["id"]
    refreshed = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status == 200
    new = await refreshed.json()
    assert new["refresh_token"] != tokens["refresh_token"]
    out = await client.post("/api/v1/auth/logout", json={"refresh_token": new["refresh_token"]})
    assert out.status == 200
    again = await client.post("/api/v1/auth/refresh", json={"refresh_token": new["refresh_token"]})
    assert again.status == 401
    # The code never reached a log line.
    assert code not in caplog.text
    assert await LoginLog.filter(method="otp", success=True).count() == 1
    events = [row.event for row in await OtpLog.all().order_by("id")]
    assert events == [OtpEvent.SENT, OtpEvent.VERIFIED]


async def test_the_sixth_attempt_is_refused_even_with_the_right_code(
    app_client,
    otp_providers: OtpProviders,  # type: ignore[no-untyped-def]
) -> None:
    client = await app_client(**otp_providers.settings())
    await request_code(client)
    code = otp_providers.last_code()
    wrong = "000000" if code != "000000" else "111111"
    for attempt in range(5):
        response = await client.post(
            "/api/v1/auth/otp/verify", json={"phone": PHONE, "code": wrong}
        )
        assert (await response.json())["error"]["code"] == "otp_invalid", attempt
    response = await client.post("/api/v1/auth/otp/verify", json={"phone": PHONE, "code": code})
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "otp_blocked"
    assert not await User.exists(phone=PHONE)
    assert await OtpLog.filter(event=OtpEvent.BLOCKED).count() == 1


async def test_expired_code_and_used_code_are_refused(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings())
    await request_code(client)
    code = otp_providers.last_code()
    await OtpCode.filter(phone=PHONE).update(expires_at=utcnow() - timedelta(seconds=1))
    response = await client.post("/api/v1/auth/otp/verify", json={"phone": PHONE, "code": code})
    assert (await response.json())["error"]["code"] == "otp_expired"
    await request_code(client)
    code = otp_providers.last_code()
    assert (
        await client.post("/api/v1/auth/otp/verify", json={"phone": PHONE, "code": code})
    ).status == 200
    reused = await client.post("/api/v1/auth/otp/verify", json={"phone": PHONE, "code": code})
    assert (await reused.json())["error"]["code"] == "otp_invalid"


async def test_resend_cool_down_and_one_active_code(
    app_client, otp_providers: OtpProviders
) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings(otp_resend_cooldown=60))
    assert (await request_code(client)).status == 202
    first = otp_providers.last_code()
    again = await request_code(client)
    assert again.status == 429 and int(again.headers["Retry-After"]) > 50
    await OtpCode.filter(phone=PHONE).update(sent_at=utcnow() - timedelta(minutes=2))
    assert (await request_code(client)).status == 202
    second = otp_providers.last_code()
    assert await OtpCode.filter(phone=PHONE).count() == 1
    if first != second:
        stale = await client.post("/api/v1/auth/otp/verify", json={"phone": PHONE, "code": first})
        assert stale.status == 401


async def test_sms_when_the_number_has_no_whatsapp_with_failover(
    app_client,
    otp_providers: OtpProviders,  # type: ignore[no-untyped-def]
) -> None:
    for node in otp_providers.whatsapp:
        node.exists = False
    otp_providers.sms[0].status = 500
    client = await app_client(**otp_providers.settings())
    body = await (await request_code(client)).json()
    assert body["channel"] == "sms"
    posted = [e.name for e in otp_providers.sms for c in e.calls if c["method"] == "POST"]
    assert posted[-1] == "sms2"  # the broken device was skipped
    otp_providers.sms[1].status = 500
    body = await (await request_code(client, "+34600999888")).json()
    assert body["channel"] == "sms"
    twilio = otp_providers.twilio.calls[-1]
    assert twilio["path"] == "/2010-04-01/Accounts/AC123/Messages.json"
    assert twilio["body"]["To"] == "+34600999888" and twilio["headers"]["Authorization"].startswith(
        "Basic "
    )
    otp_providers.twilio.status = 503
    failed = await request_code(client, "+34600777666")
    assert failed.status == 503 and (await failed.json())["error"]["code"] == "otp_delivery_failed"
    assert await OtpLog.filter(event=OtpEvent.DELIVERY_FAILED).count() == 1


async def test_whatsapp_round_robin_sticky_and_exists_cache(
    app_client,
    otp_providers: OtpProviders,  # type: ignore[no-untyped-def]
) -> None:
    client = await app_client(**otp_providers.settings())
    phones = ["+34600000001", "+34600000002", "+34600000003"]
    for phone in phones:
        await request_code(client, phone)
    senders = {
        p: [
            e.name
            for e in otp_providers.whatsapp
            for c in e.calls
            if c["method"] == "POST" and c["body"]["phone"] == p
        ]
        for p in phones
    }
    assert {s[0] for s in senders.values()} == {"wa1", "wa2"}  # spread round-robin
    await request_code(client, phones[0])
    again = [
        e.name
        for e in otp_providers.whatsapp
        for c in e.calls
        if c["method"] == "POST" and c["body"]["phone"] == phones[0]
    ]
    assert again[0] == again[1]  # sticky: the same node for the same number
    checks = sum(
        1 for e in otp_providers.whatsapp for c in e.calls if c["path"].endswith("/exists")
    )
    assert checks == 3  # the fourth send used the cached answer


async def test_phone_validation_names_the_field(app_client) -> None:  # type: ignore[no-untyped-def]
    client = await app_client()
    response = await request_code(client, "12345")
    assert response.status == 422 and (await response.json())["error"]["fields"] == {
        "phone": "not an international number"
    }


def test_console_sink_refuses_production() -> None:
    production = load_settings(
        environment="production",
        **PRODUCTION_SECRETS,
        secret_box_keys="k1:" + "A" * 43,
        database_url="postgres://x@y/z",
    )
    with pytest.raises(RuntimeError, match="production"):
        ConsoleSink(production)


async def test_development_console_sink_prints_the_code(app_client, capsys) -> None:  # type: ignore[no-untyped-def]
    client = await app_client()
    response = await request_code(client)
    assert (await response.json())["channel"] == "console"
    printed = capsys.readouterr().err
    assert "[development sink] to +34600111222" in printed
