"""Sign-in doors: password, phone OTP, Telegram initData, Google; refresh, logout, /me."""

from __future__ import annotations

from aiohttp import web

from api.auth import client_info, require_principal
from api.http import doc, dump, parse_body
from api.keys import CTX
from api.ratelimit import limit_key, limited
from api.schemas.auth import (
    ForgotIn,
    LoginIn,
    LogoutIn,
    OtpLoginIn,
    OtpRequestIn,
    OtpSentOut,
    PhoneCodeIn,
    RefreshIn,
    RegisteredOut,
    RegisterIn,
    ResetIn,
    TelegramIn,
    TokensOut,
    UserOut,
)
from core.errors import Unauthorized
from models.enums import OtpPurpose
from services.auth import google, passwords, phone, sessions, telegram
from services.auth.sessions import TokenPair
from services.auth.users import normalize_phone

routes = web.RouteTableDef()
AUTH = ["auth"]


def tokens(pair: TokenPair, status: int = 200) -> web.Response:
    return dump(
        TokensOut(
            access_token=pair.access_token,
            refresh_token=pair.refresh_token,
            expires_in=pair.expires_in,
            user=UserOut.of(pair.user, pair.principal),
        ),
        status=status,
    )


@routes.post("/api/v1/auth/register")
@limited("auth")
@doc(
    "Register with e-mail, password and phone; a code is sent to the phone",
    tags=["auth"],
    body=RegisterIn,
    response=RegisteredOut,
    status=202,
)
async def register(request: web.Request) -> web.Response:
    body = await parse_body(request, RegisterIn)
    ctx = request.config_dict[CTX]
    await limit_key(request, "otp_phone", body.phone)
    channel = await passwords.register(
        ctx,
        email=body.email,
        password=body.password,
        phone=body.phone,
        name=body.name,
        locale=request.headers.get("Accept-Language"),
        referral=body.referral_code,
    )
    return dump(
        RegisteredOut(
            phone=normalize_phone(body.phone),
            channel=channel.value,
            expires_in=ctx.settings.otp_ttl,
        ),
        status=202,
    )


@routes.post("/api/v1/auth/register/verify")
@limited("auth")
@doc(
    "Finish a registration with the phone code",
    tags=["auth"],
    body=PhoneCodeIn,
    response=TokensOut,
    status=201,
    errors={401: "otp_invalid / otp_expired / otp_blocked", 409: "email_taken / phone_taken"},
)
async def register_verify(request: web.Request) -> web.Response:
    body = await parse_body(request, PhoneCodeIn)
    pair = await passwords.complete_registration(
        request.config_dict[CTX], phone=body.phone, code=body.code, client=client_info(request)
    )
    return tokens(pair, status=201)


@routes.post("/api/v1/auth/login")
@limited("auth")
@doc(
    "Sign in with e-mail and password",
    tags=["auth"],
    body=LoginIn,
    response=TokensOut,
    errors={401: "invalid_credentials"},
)
async def login(request: web.Request) -> web.Response:
    body = await parse_body(request, LoginIn)
    pair = await passwords.login(
        request.config_dict[CTX],
        email=body.email,
        password=body.password,
        client=client_info(request),
    )
    return tokens(pair)


@routes.post("/api/v1/auth/otp/request")
@limited("auth")
@doc(
    "Send a one-time code to a phone (WhatsApp or SMS)",
    tags=["auth"],
    body=OtpRequestIn,
    response=OtpSentOut,
    status=202,
    errors={429: "cool-down or limit"},
)
async def otp_request(request: web.Request) -> web.Response:
    body = await parse_body(request, OtpRequestIn)
    await limit_key(request, "otp_phone", body.phone)
    number, channel, cooldown = await phone.request_code(
        request.config_dict[CTX], body.phone, OtpPurpose(body.purpose)
    )
    return dump(OtpSentOut(phone=number, channel=channel.value, resend_after=cooldown), status=202)


@routes.post("/api/v1/auth/otp/verify")
@limited("auth")
@doc(
    "Sign in (or sign up) with a phone code",
    tags=["auth"],
    body=OtpLoginIn,
    response=TokensOut,
    errors={401: "otp_invalid / otp_expired / otp_blocked"},
)
async def otp_verify(request: web.Request) -> web.Response:
    body = await parse_body(request, OtpLoginIn)
    pair = await phone.login_with_code(
        request.config_dict[CTX],
        phone=body.phone,
        code=body.code,
        client=client_info(request),
        referral=body.referral_code,
        locale=request.headers.get("Accept-Language"),
    )
    return tokens(pair)


@routes.post("/api/v1/me/phone")
@limited("auth")
@doc(
    "Attach a verified phone to my account (code sent with purpose attach_phone)",
    tags=["auth"],
    body=PhoneCodeIn,
    response=UserOut,
    auth=True,
)
async def attach_phone(request: web.Request) -> web.Response:
    principal = require_principal(request)
    body = await parse_body(request, PhoneCodeIn)
    user = await phone.attach_phone(
        request.config_dict[CTX], user_id=principal.user_id, phone=body.phone, code=body.code
    )
    return dump(UserOut.of(user, principal))


@routes.post("/api/v1/auth/telegram")
@limited("auth")
@doc(
    "Sign in from a Telegram Mini App with its initData",
    tags=["auth"],
    body=TelegramIn,
    response=TokensOut,
    errors={401: "init_data_bad_hash / init_data_expired / init_data_invalid"},
)
async def telegram_sign_in(request: web.Request) -> web.Response:
    body = await parse_body(request, TelegramIn)
    pair = await telegram.sign_in_with_init_data(
        request.config_dict[CTX],
        init_data=body.init_data,
        bot=body.bot,
        client=client_info(request),
    )
    return tokens(pair)


@routes.post("/api/v1/auth/refresh")
@limited("auth")
@doc(
    "Trade a refresh token for a new pair (the old one is revoked)",
    tags=["auth"],
    body=RefreshIn,
    response=TokensOut,
    errors={401: "refresh_invalid / refresh_expired / refresh_reused"},
)
async def refresh(request: web.Request) -> web.Response:
    body = await parse_body(request, RefreshIn)
    ctx = request.config_dict[CTX]
    pair = await sessions.refresh_session(ctx.settings, body.refresh_token, client_info(request))
    return tokens(pair)


@routes.post("/api/v1/auth/logout")
@doc(
    "Sign out: revoke the refresh token's session (or, with no body, all of mine)",
    tags=["auth"],
    body=LogoutIn,
    errors={401: "not_authenticated: no refresh token and no access token"},
)
async def logout(request: web.Request) -> web.Response:
    body = await parse_body(request, LogoutIn) if request.can_read_body else LogoutIn()
    if body.refresh_token:
        await sessions.end_session(body.refresh_token)
    else:
        principal = require_principal(request)
        await sessions.end_all_sessions(principal.user_id, "logout")
    return web.json_response({"ok": True})


@routes.post("/api/v1/auth/password/forgot")
@limited("auth")
@doc(
    "Mail a password reset link (answers the same whether or not the account exists)",
    tags=["auth"],
    body=ForgotIn,
    status=202,
)
async def forgot(request: web.Request) -> web.Response:
    body = await parse_body(request, ForgotIn)
    await passwords.forgot_password(request.config_dict[CTX], email=body.email)
    return web.json_response({"ok": True}, status=202)


@routes.post("/api/v1/auth/password/reset")
@limited("auth")
@doc("Set a new password with a reset token (single use)", tags=["auth"], body=ResetIn)
async def reset(request: web.Request) -> web.Response:
    body = await parse_body(request, ResetIn)
    await passwords.reset_password(
        request.config_dict[CTX], token=body.token, password=body.password
    )
    return web.json_response({"ok": True})


@routes.get("/api/v1/auth/google/start")
@limited("auth")
@doc(
    "Start Google sign-in (?affiliate=CODE&next=/path): a redirect to the provider",
    tags=["auth"],
    status=302,
    errors={503: "oauth_not_configured"},
)
async def google_start(request: web.Request) -> web.Response:
    url = await google.start(
        request.config_dict[CTX],
        affiliate=request.query.get("affiliate"),
        next_path=request.query.get("next"),
    )
    raise web.HTTPFound(url)


@routes.get("/api/v1/auth/google/callback")
@limited("auth")
@doc(
    "Google's redirect back: signs in and hands the tokens to the page",
    tags=["auth"],
    status=302,
    errors={
        401: "oauth_cancelled / oauth_state_invalid / oauth_profile_invalid",
        409: "email_taken: an unverified account holds the address",
        503: "oauth_not_configured / the provider did not answer",
    },
)
async def google_callback(request: web.Request) -> web.Response:
    if "error" in request.query:
        raise Unauthorized("Google sign-in was cancelled", code="oauth_cancelled")
    pair, next_path = await google.finish(
        request.config_dict[CTX],
        code=request.query.get("code", ""),
        state=request.query.get("state", ""),
        client=client_info(request),
    )
    if "application/json" in request.headers.get("Accept", ""):
        return tokens(pair)
    # The fragment never reaches a server log; the page stores the tokens and cleans the URL.
    raise web.HTTPFound(
        f"{next_path}#access_token={pair.access_token}&refresh_token={pair.refresh_token}"
    )


@routes.get("/api/v1/me")
@doc("The signed-in user", tags=["auth"], response=UserOut, auth=True)
async def me(request: web.Request) -> web.Response:
    user, principal = await sessions.current_user(require_principal(request))
    return dump(UserOut.of(user, principal))
