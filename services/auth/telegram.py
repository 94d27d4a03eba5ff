"""Telegram identities: a chat's from.id and a Mini App's initData map to the same user."""

from __future__ import annotations

from core.context import AppContext
from core.errors import Unauthorized
from core.settings import BotName
from core.telegram_auth import (
    InitDataError,
    WebAppData,
    validate_with_signature,
    validate_with_token,
)
from core.untrusted import strip_controls
from models import User
from services.auth.sessions import ClientInfo, TokenPair, record_login, start_session
from services.auth.users import create_customer, pick_locale


async def user_for_telegram(
    tg_id: int,
    *,
    username: str | None = None,
    first_name: str = "",
    last_name: str = "",
    language_code: str | None = None,
    referral: str | None = None,
    default_locale: str = "en",
) -> User:
    """The user behind a Telegram account; an unknown one becomes a customer with the phone
    placeholder tg_{id} (a real phone can be attached later by OTP)."""
    username = strip_controls(username or "") or None
    user = await User.get_or_none(tg_id=tg_id)
    if user is not None:
        if username and user.tg_username != username:
            await User.filter(id=user.id).update(tg_username=username[:64])
        return user
    # Names come from Telegram as people typed them: drop control characters, keep the rest.
    name = strip_controls(" ".join(p for p in (first_name, last_name) if p).strip())
    return await create_customer(
        key="tg_id",
        referral=referral,
        tg_id=tg_id,
        tg_username=(username or None) and username[:64],
        phone=f"tg_{tg_id}",
        name=name[:200],
        locale=pick_locale(language_code, default_locale),
    )


def validate_init_data(ctx: AppContext, init_data: str, bot: BotName) -> WebAppData:
    """Check initData against the bot whose Mini App sent it: the HMAC with that bot's token
    when `hash` is present, else the Ed25519 signature when the bot's id is configured.
    Raises Unauthorized with code init_data_{reason}."""
    settings = ctx.settings
    try:
        if "hash=" in init_data or settings.bot_id(bot) is None:
            return validate_with_token(
                init_data, settings.bot_token(bot), max_age=settings.initdata_max_age
            )
        return validate_with_signature(
            init_data,
            settings.bot_id(bot) or 0,
            max_age=settings.initdata_max_age,
            public_key_hex=settings.telegram_webapp_public_key,
        )
    except InitDataError as exc:
        raise Unauthorized(str(exc), code=f"init_data_{exc.reason}") from None


async def sign_in_with_init_data(
    ctx: AppContext, *, init_data: str, bot: BotName, client: ClientInfo
) -> TokenPair:
    try:
        data = validate_init_data(ctx, init_data, bot)
    except Unauthorized as exc:
        await record_login(
            user=None,
            identifier=f"telegram:{bot}",
            method="telegram",
            success=False,
            reason=exc.code,
            client=client,
        )
        raise
    tg = data.user
    user = await user_for_telegram(
        tg.id,
        username=tg.username,
        first_name=tg.first_name,
        last_name=tg.last_name,
        language_code=tg.language_code,
        referral=data.fields.get("start_param"),
        default_locale=ctx.settings.default_locale,
    )
    return await start_session(
        ctx.settings, user, method=f"telegram:{bot}", identifier=str(tg.id), client=client
    )
