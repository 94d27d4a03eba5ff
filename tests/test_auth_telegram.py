"""Mini App sign-in with initData, checked against a vector computed here, independently."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from urllib.parse import urlencode

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from core.settings import Settings
from models import LoginLog, User
from tests.fixtures.backend import SECRETS

CUSTOMER_TOKEN = SECRETS["customer_bot_token"]


def signed_init_data(token: str, user: dict, *, auth_date: int | None = None, **extra: str) -> str:
    """initData as Telegram builds it (following core.telegram.org/bots/webapps), written here
    from the specification rather than with the code under test."""
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(user, separators=(",", ":"), ensure_ascii=False),
        "auth_date": str(auth_date if auth_date is not None else int(time.time())),
        **extra,
    }
    check = "\n".join(f"{k}={fields[k]}" for k in sorted(fields))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


ALICE = {
    "id": 424242,
    "first_name": "Алиса",
    "last_name": "Ш",
    "username": "alice",
    "language_code": "ru",
}


async def sign_in(client, init_data: str, bot: str = "customer"):  # type: ignore[no-untyped-def]
    return await client.post("/api/v1/auth/telegram", json={"init_data": init_data, "bot": bot})


async def test_valid_init_data_registers_then_recognises_the_user(client) -> None:  # type: ignore[no-untyped-def]
    response = await sign_in(client, signed_init_data(CUSTOMER_TOKEN, ALICE))
    assert response.status == 200, await response.text()
    body = await response.json()
    assert set(body) >= {"access_token", "refresh_token", "user"}
    user = body["user"]
    assert user["tg_id"] == 424242 and user["phone"] == "tg_424242" and user["role"] == "customer"
    assert user["locale"] == "ru" and user["name"] == "Алиса Ш"
    again = await (await sign_in(client, signed_init_data(CUSTOMER_TOKEN, ALICE))).json()
    assert again["user"]["id"] == user["id"]
    assert await User.filter(tg_id=424242).count() == 1


async def test_tampered_data_is_refused_with_a_reason(client) -> None:  # type: ignore[no-untyped-def]
    good = signed_init_data(CUSTOMER_TOKEN, ALICE)
    tampered = good.replace("alice", "mallory")
    response = await sign_in(client, tampered)
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "init_data_bad_hash"
    # Signed for another bot: each bot's Mini App is checked with that bot's own token.
    response = await sign_in(client, good, bot="driver")
    assert (await response.json())["error"]["code"] == "init_data_bad_hash"
    for junk in ("", "not=a=query&&", "hash=abc"):
        response = await client.post(
            "/api/v1/auth/telegram", json={"init_data": junk, "bot": "customer"}
        )
        assert response.status in (401, 422)
    assert await LoginLog.filter(method="telegram", success=False).count() >= 2
    assert not await User.exists(tg_id=424242)


async def test_stale_data_is_refused_unless_the_age_check_is_off(app_client) -> None:  # type: ignore[no-untyped-def]
    old = signed_init_data(CUSTOMER_TOKEN, ALICE, auth_date=int(time.time()) - 2 * 86400)
    strict = await app_client(initdata_max_age=86400)
    response = await sign_in(strict, old)
    assert (
        response.status == 401 and (await response.json())["error"]["code"] == "init_data_expired"
    )
    # A published vector from years ago validates when INITDATA_MAX_AGE=0.
    lenient = await app_client(initdata_max_age=0)
    assert (await sign_in(lenient, old)).status == 200


async def test_ed25519_signature_for_third_party_validation(app_client) -> None:  # type: ignore[no-untyped-def]
    key = Ed25519PrivateKey.generate()
    public_hex = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    bot_id = 7000001
    fields = {"user": json.dumps(ALICE, separators=(",", ":")), "auth_date": str(int(time.time()))}
    check = f"{bot_id}:WebAppData\n" + "\n".join(f"{k}={fields[k]}" for k in sorted(fields))
    fields["signature"] = base64.urlsafe_b64encode(key.sign(check.encode())).decode().rstrip("=")
    client = await app_client(customer_bot_id=bot_id, telegram_webapp_public_key=public_hex)
    response = await sign_in(client, urlencode(fields))
    assert response.status == 200, await response.text()
    fields["auth_date"] = str(int(fields["auth_date"]) - 1)  # signature no longer matches
    response = await sign_in(client, urlencode(fields))
    assert (await response.json())["error"]["code"] == "init_data_bad_signature"


async def test_a_telegram_user_attaches_a_real_phone_by_otp(app_client, otp_providers) -> None:  # type: ignore[no-untyped-def]
    client = await app_client(**otp_providers.settings())
    tokens = await (await sign_in(client, signed_init_data(CUSTOMER_TOKEN, ALICE))).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    sent = await client.post(
        "/api/v1/auth/otp/request", json={"phone": "+34611222333", "purpose": "attach_phone"}
    )
    assert sent.status == 202
    wrong = await client.post(
        "/api/v1/me/phone", headers=headers, json={"phone": "+34611222333", "code": "999999"}
    )
    assert wrong.status == 401
    response = await client.post(
        "/api/v1/me/phone",
        headers=headers,
        json={"phone": "+34611222333", "code": otp_providers.last_code()},
    )
    assert response.status == 200
    assert (await response.json())["phone"] == "+34611222333"
    assert (await User.get(tg_id=424242)).phone_verified


async def test_bot_chat_identity_maps_to_the_mini_app_user(client, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    from services.auth.telegram import user_for_telegram

    from_chat = await user_for_telegram(
        424242, username="alice", first_name="Алиса", language_code="ru"
    )
    body = await (await sign_in(client, signed_init_data(CUSTOMER_TOKEN, ALICE))).json()
    assert body["user"]["id"] == from_chat.id
