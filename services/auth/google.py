"""Google sign-in: OIDC authorization code with PKCE and state. The affiliate code given at
the start travels with the state (server-side), so it survives the redirect."""

from __future__ import annotations

import secrets

from core import oauth
from core.context import AppContext
from core.errors import Conflict, Unauthorized, Unavailable
from models import User
from services.auth.sessions import ClientInfo, TokenPair, start_session
from services.auth.users import create_customer, pick_locale

STATE_TTL = 600.0


def redirect_uri(ctx: AppContext) -> str:
    return f"{ctx.settings.public_base_url.rstrip('/')}/api/v1/auth/google/callback"


def _safe_next(path: str | None) -> str:
    # Only same-site paths: never an open redirect.
    if not path or not path.startswith("/") or path.startswith("//"):
        return "/"
    return path


async def start(ctx: AppContext, *, affiliate: str | None, next_path: str | None) -> str:
    """The provider URL to send the browser to."""
    settings = ctx.settings
    if not settings.google_client_id:
        raise Unavailable("Google sign-in is not configured", code="oauth_not_configured")
    state = secrets.token_urlsafe(24)
    pkce = oauth.new_pkce()
    await ctx.cache.set(
        f"oauth-state:{state}",
        {
            "verifier": pkce.verifier,
            "affiliate": (affiliate or "")[:16],
            "next": _safe_next(next_path),
        },
        STATE_TTL,
    )
    return oauth.authorization_url(
        settings.google_auth_url,
        client_id=settings.google_client_id,
        redirect_uri=redirect_uri(ctx),
        state=state,
        pkce=pkce,
        scope="openid email profile",
    )


async def finish(
    ctx: AppContext, *, code: str, state: str, client: ClientInfo
) -> tuple[TokenPair, str]:
    """Exchange the code, read the profile, sign the person in. Returns (tokens, next path)."""
    settings = ctx.settings
    saved = await ctx.cache.get(f"oauth-state:{state}")
    if not state or saved is None:
        raise Unauthorized(
            "the sign-in attempt expired or was tampered with", code="oauth_state_invalid"
        )
    await ctx.cache.delete(f"oauth-state:{state}")  # single use
    tokens = await oauth.exchange_code(
        settings.google_token_url,
        client_id=settings.google_client_id,
        client_secret=settings.google_client_secret,
        code=code,
        verifier=saved["verifier"],
        redirect_uri=redirect_uri(ctx),
    )
    profile = await oauth.userinfo(settings.google_userinfo_url, tokens["access_token"])
    sub = str(profile.get("sub") or "")
    if not sub:
        raise Unauthorized("the provider did not say who you are", code="oauth_profile_invalid")
    email = str(profile.get("email") or "").lower() or None
    verified = bool(profile.get("email_verified"))
    user = await User.get_or_none(google_sub=sub)
    if user is None and email and verified:
        user = await User.get_or_none(email=email)
        if user is not None:
            if not user.email_verified:
                # Whoever set this address on that account never proved it: linking would hand
                # the Google account's owner a stranger's account (or them ours).
                raise Conflict(
                    "an account with this e-mail exists; sign in with your password "
                    "(or reset it) first",
                    code="email_taken",
                    fields={"email": "taken"},
                )
            await User.filter(id=user.id).update(google_sub=sub)
    if user is None:
        user = await create_customer(
            key="google_sub",
            referral=saved.get("affiliate") or None,
            google_sub=sub,
            email=email if verified and not await User.exists(email=email) else None,
            email_verified=verified,
            name=str(profile.get("name") or "")[:200],
            locale=pick_locale(profile.get("locale"), settings.default_locale),
        )
    pair = await start_session(
        settings, user, method="google", identifier=email or sub, client=client
    )
    return pair, saved["next"]
