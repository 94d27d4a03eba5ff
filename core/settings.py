"""Settings, read once from the environment (and an optional `.env`) at start-up.

In development a missing secret gets a generated value and a warning; in production every
secret is required. Any invalid value fails start-up with a message naming the variable.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import secrets
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

log = logging.getLogger(__name__)

BotName = Literal["customer", "dispatcher", "driver"]
BOT_NAMES: tuple[BotName, ...] = ("customer", "dispatcher", "driver")
LOCALES: tuple[str, ...] = ("en", "ru", "es")


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class SettingsError(Exception):
    """A setting is missing or invalid; the message names the environment variable."""


# Secrets that production must be given and development may generate.
_SECRET_FIELDS = (
    "secret_key",
    "customer_bot_token",
    "dispatcher_bot_token",
    "driver_bot_token",
    "customer_webhook_secret",
    "dispatcher_webhook_secret",
    "driver_webhook_secret",
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    environment: Environment = Environment.DEVELOPMENT
    database_url: str = "sqlite://var/pharmacy.sqlite3"
    redis_url: str | None = None
    redis_max_connections: int = Field(default=64, ge=4)
    # Prefix of every Redis key and pub/sub channel, so deployments sharing one Redis server
    # (pub/sub ignores the database number) never see each other's events. Default: the
    # database name.
    deployment_namespace: str = Field(default="", max_length=64, pattern=r"^[A-Za-z0-9_.-]*$")
    secret_key: str = ""
    public_base_url: str = "http://127.0.0.1:8080"
    default_locale: str = "en"
    # The customer bot's @username, for referral deep links (t.me/<username>?start=ref_CODE).
    customer_bot_username: str = Field(default="", pattern=r"^[A-Za-z0-9_]*$", max_length=64)
    log_level: str = "INFO"
    # "json": one JSON object a log line (time, level, logger, message, request_id).
    log_format: Literal["text", "json"] = "text"
    # The event loop `serve` runs on (core/event_loop.py).
    event_loop: Literal["uvloop", "asyncio"] = "uvloop"
    # When set, GET /metrics requires `Authorization: Bearer <token>`.
    metrics_token: str = ""

    # Telegram: one token, webhook secret and (optional) bot id per bot.
    telegram_api_url: str = "https://api.telegram.org"
    customer_bot_token: str = ""
    dispatcher_bot_token: str = ""
    driver_bot_token: str = ""
    customer_webhook_secret: str = ""
    dispatcher_webhook_secret: str = ""
    driver_webhook_secret: str = ""
    # Bot ids enable Ed25519 third-party validation of Mini App initData.
    customer_bot_id: int | None = None
    dispatcher_bot_id: int | None = None
    driver_bot_id: int | None = None
    initdata_max_age: int = Field(default=86400, ge=0)
    # Updates one bot handles at once; beyond it the webhook answers 429 and Telegram retries.
    # `set-webhooks` passes it to Telegram as max_connections, so Telegram rarely exceeds it.
    webhook_max_in_flight: int = Field(default=8, ge=1, le=100)

    # Security.
    bcrypt_rounds: int = Field(default=12, ge=4, le=16)
    access_token_ttl: int = Field(default=15 * 60, gt=0)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # "kid:base64key,kid2:base64key"; the first key encrypts, all decrypt.
    secret_box_keys: str = ""

    # Outbox delivery.
    outbox_max_attempts: int = Field(default=12, ge=1)
    outbox_poll_interval: float = Field(default=0.5, gt=0)
    # Periodic jobs, seconds between ticks (each tick runs once in the whole cluster).
    outbox_cleanup_interval: float = Field(default=3600, gt=0)
    slot_generation_interval: float = Field(default=3600, gt=0)
    # Auto-dispatch: how often offers whose time ran out are expired and the next driver is
    # asked (a store's own offer timeout is rounded up to this).
    dispatch_offer_interval: float = Field(default=5, gt=0)
    # Campaigns: how often due campaigns are started, and their pace (messages a second for
    # the customer bot; Telegram allows about 30, the rest is left to order news).
    campaign_poll_interval: float = Field(default=15, gt=0)
    campaign_per_second: int = Field(default=25, ge=1, le=29)
    # Client analytics retention: the daily job deletes older events and recordings.
    analytics_cleanup_interval: float = Field(default=86400, gt=0)
    client_event_retention_days: int = Field(default=90, ge=1)
    session_recording_retention_days: int = Field(default=30, ge=1)

    # Files and backups (`pharmacy backup`): where uploads live, where snapshots go, how many
    # snapshots to keep.
    uploads_dir: str = "var/uploads"
    backup_dir: str = "var/backups"
    backup_keep: int = Field(default=14, ge=1)
    # Uploaded pictures (products, banners), resized and content-addressed, served at
    # /media/ (proof-of-delivery photos are processed the same way but kept apart, below).
    # Empty: `<UPLOADS_DIR>/media`, so backups include them.
    media_dir: str = ""
    media_max_upload_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)
    # Prescription files (encrypted with the secret box) and how long they are kept after
    # upload; the prescription job also cancels orders whose review took too long.
    prescriptions_dir: str = "var/prescriptions"
    prescription_retention_days: int = Field(default=90, ge=1)
    prescription_job_interval: float = Field(default=300, gt=0)
    # Proof-of-delivery photos: checked and re-encoded like product pictures but kept out of
    # /media/ (served only through signed, expiring links). Empty: `<UPLOADS_DIR>/proof`. The
    # daily job deletes photos older than the retention period.
    proof_photos_dir: str = ""
    proof_photo_retention_days: int = Field(default=90, ge=1)
    proof_photo_cleanup_interval: float = Field(default=86400, gt=0)

    # Delivery: geocoding and ETA coefficients (minutes per km by transport, plus handling).
    geocoder_url: str = "https://nominatim.openstreetmap.org"
    # The console's zone map; the zone form still works as GeoJSON text when tiles fail.
    map_tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    geocoder_cache_ttl: int = Field(default=7 * 86400, ge=0)
    eta_base_minutes: int = Field(default=10, ge=0)
    eta_minutes_per_km_foot: float = Field(default=12.0, gt=0)
    eta_minutes_per_km_bike: float = Field(default=4.0, gt=0)
    eta_minutes_per_km_car: float = Field(default=2.5, gt=0)
    # A delivery run: minutes a driver spends handing over at each stop before driving on.
    run_stop_minutes: int = Field(default=3, ge=0)

    # Alerts.
    pushover_url: str = "https://api.pushover.net"
    pushover_token: str = ""

    # Sign-in: OTP and its delivery (WhatsApp first, then SMS; a console sink in development).
    otp_ttl: int = Field(default=300, gt=0)
    otp_max_attempts: int = Field(default=5, ge=1)
    otp_resend_cooldown: int = Field(default=60, ge=0)
    whatsapp_gateway_urls: Annotated[list[str], NoDecode] = Field(default_factory=list)
    whatsapp_gateway_token: str = ""
    whatsapp_exists_cache_ttl: int = Field(default=3600, ge=0)
    whatsapp_exists_cache_size: int = Field(default=10_000, ge=1)
    sms_gateway_urls: Annotated[list[str], NoDecode] = Field(default_factory=list)
    sms_gateway_token: str = ""
    twilio_url: str = "https://api.twilio.com"
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_from: str = ""
    # Password reset mail.
    smtp_host: str = ""
    smtp_port: int = Field(default=587, gt=0, lt=65536)
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_from: str = "pharmacy@localhost"
    smtp_starttls: bool = True
    password_reset_ttl: int = Field(default=3600, gt=0)
    # Lifetime of a console invitation (a one-time sign-in link for new staff), seconds.
    staff_invite_ttl: int = Field(default=72 * 3600, gt=0)
    # Google sign-in (OIDC authorization code + PKCE).
    google_client_id: str = ""
    google_client_secret: str = ""
    google_auth_url: str = "https://accounts.google.com/o/oauth2/v2/auth"
    google_token_url: str = "https://oauth2.googleapis.com/token"
    google_userinfo_url: str = "https://openidconnect.googleapis.com/v1/userinfo"
    # Telegram's Ed25519 key for third-party initData validation.
    telegram_webapp_public_key: str = (
        "e7bf03a2fa4602af4580703d88dda5bb59f32ed8b02a56c187fe7d34caed242d"
    )

    # Crypto payments. BTC addresses come from the account's extended public key (xpub for
    # P2PKH, zpub for native segwit); no private key is ever in the process.
    btc_xpub: str = ""
    btc_api_url: str = "https://blockstream.info/api"  # Esplora-compatible
    btc_confirmations: int = Field(default=2, ge=1, le=100)
    rates_url: str = "https://api.coingecko.com/api/v3"  # CoinGecko-compatible
    payment_ttl: int = Field(default=1800, ge=60)
    payment_poll_interval: float = Field(default=30.0, gt=0)
    # ETH and ERC-20 tokens through an Ethereum JSON-RPC endpoint; USDT on TRON through a
    # TronGrid-compatible API. Empty URL: the assets on that chain are not offered. Each
    # invoice gets its own key pair, sealed with the secret box (see `pharmacy sweep`).
    eth_rpc_url: str = ""
    eth_confirmations: int = Field(default=12, ge=1, le=1000)
    eth_usdt_contract: str = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
    eth_usdc_contract: str = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
    tron_api_url: str = ""
    tron_confirmations: int = Field(default=19, ge=1, le=1000)
    tron_usdt_contract: str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"

    # Rate limits as "count/seconds"; behind a proxy, trust its X-Forwarded-For.
    rate_limit_auth: str = "10/60"
    rate_limit_otp_phone: str = "5/3600"
    rate_limit_events: str = "10/60"
    rate_limit_replay: str = "6/60"
    rate_limit_global: str = "600/60"
    trust_proxy: bool = False

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if value.startswith("postgresql://"):
            value = "postgres://" + value.removeprefix("postgresql://")
        if not value.startswith(("sqlite://", "postgres://")):
            raise ValueError("must start with sqlite:// or postgres://")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        if value.startswith("redis+sentinel://"):
            from core.redis_connect import parse_sentinel_url

            parse_sentinel_url(value)  # ValueError names what is wrong
            return value
        if not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss://, unix:// or redis+sentinel://")
        return value

    @field_validator("btc_xpub")
    @classmethod
    def _btc_xpub(cls, value: str) -> str:
        if value:
            from embit import bip32

            try:
                key = bip32.HDKey.from_string(value)
            except Exception:
                raise ValueError("not an extended public key (xpub or zpub)") from None
            if key.is_private or not value.startswith(("xpub", "zpub")):
                raise ValueError("must be an account xpub or zpub (never a private key)")
        return value

    @field_validator("default_locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if value not in LOCALES:
            raise ValueError(f"must be one of {', '.join(LOCALES)}")
        return value

    @field_validator(
        "rate_limit_auth",
        "rate_limit_otp_phone",
        "rate_limit_events",
        "rate_limit_replay",
        "rate_limit_global",
    )
    @classmethod
    def _rate(cls, value: str) -> str:
        count, _, window = value.partition("/")
        if not (count.strip().isdigit() and window.strip().isdigit() and int(window) > 0):
            raise ValueError('must look like "10/60" (count per seconds)')
        return value

    @field_validator("whatsapp_gateway_urls", "sms_gateway_urls", mode="before")
    @classmethod
    def _urls(cls, value: object) -> object:
        if isinstance(value, str):
            return [u.strip().rstrip("/") for u in value.split(",") if u.strip()]
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        if isinstance(value, str):
            value = [o.strip() for o in value.split(",") if o.strip()]
        if isinstance(value, list) and "*" in value:
            raise ValueError("a wildcard origin is not allowed; list the origins")
        return value

    @field_validator("customer_bot_token", "dispatcher_bot_token", "driver_bot_token")
    @classmethod
    def _bot_token(cls, value: str) -> str:
        if value:
            head, _, tail = value.partition(":")
            if not head.isdigit() or not tail:
                raise ValueError("must look like 123456:ABC... (the token BotFather gave)")
        return value

    @property
    def is_production(self) -> bool:
        return self.environment is Environment.PRODUCTION

    @property
    def uses_postgres(self) -> bool:
        return self.database_url.startswith("postgres://")

    def bot_token(self, bot: BotName) -> str:
        return str(getattr(self, f"{bot}_bot_token"))

    def webhook_secret(self, bot: BotName) -> str:
        return str(getattr(self, f"{bot}_webhook_secret"))

    def bot_id(self, bot: BotName) -> int | None:
        value = getattr(self, f"{bot}_bot_id")
        return int(value) if value is not None else None

    def rate(self, name: str) -> tuple[int, float]:
        """A rate limit setting as (count, window seconds)."""
        return _parse_rate(str(getattr(self, f"rate_limit_{name}")))

    @property
    def namespace(self) -> str:
        """DEPLOYMENT_NAMESPACE, or the database's name (its file name on SQLite)."""
        if self.deployment_namespace:
            return self.deployment_namespace
        tail = self.database_url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", tail.removesuffix(".sqlite3"))
        return name or "pharmacy"

    def media_path(self) -> Path:
        return Path(self.media_dir) if self.media_dir else Path(self.uploads_dir) / "media"

    def proof_photos_path(self) -> Path:
        if self.proof_photos_dir:
            return Path(self.proof_photos_dir)
        return Path(self.uploads_dir) / "proof"

    def sqlite_path(self) -> Path | None:
        if not self.database_url.startswith("sqlite://"):
            return None
        path = self.database_url.removeprefix("sqlite://")
        return None if path == ":memory:" else Path(path)


@functools.lru_cache(maxsize=64)
def _parse_rate(value: str) -> tuple[int, float]:
    # Read on every API request (the global limit): parsed once per distinct setting.
    count, _, window = value.partition("/")
    return int(count), float(window)


DEV_SECRETS_FILE = Path("var/dev-secrets.json")


def _fill_development_secrets(settings: Settings) -> list[str]:
    """Fill missing secrets, keeping generated ones in var/ so a restart reuses them."""
    try:
        kept: dict[str, str] = json.loads(DEV_SECRETS_FILE.read_text())
    except (OSError, ValueError):
        kept = {}
    generated: list[str] = []
    for name in _SECRET_FIELDS:
        if getattr(settings, name):
            continue
        if kept.get(name):
            setattr(settings, name, kept[name])
            continue
        if name.endswith("_bot_token"):
            # A syntactically valid token for a bot that does not exist: messages to it are
            # written to the log instead of Telegram (see bot.common.sender).
            value = f"{secrets.randbelow(10**9) + 10**9}:DEV-{secrets.token_urlsafe(24)}"
        else:
            value = secrets.token_urlsafe(32)
        setattr(settings, name, value)
        kept[name] = value
        generated.append(name.upper())
    if generated:
        try:
            DEV_SECRETS_FILE.parent.mkdir(parents=True, exist_ok=True)
            DEV_SECRETS_FILE.write_text(json.dumps(kept))
            DEV_SECRETS_FILE.chmod(0o600)
        except OSError:
            pass  # a read-only checkout still runs, with new secrets each start
    return generated


def load_settings(**overrides: object) -> Settings:
    """Build the settings from the environment plus `overrides` (used by tests).

    Raises SettingsError naming the variable when a value is invalid or, in production,
    when a secret is missing.
    """
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{str(err['loc'][0]).upper()}: {err['msg']}" if err["loc"] else err["msg"]
            for err in exc.errors()
        )
        raise SettingsError(f"invalid settings: {problems}") from None
    if settings.secret_box_keys:
        from core.secretbox import SecretBoxError, parse_keys

        try:
            parse_keys(settings.secret_box_keys)
        except SecretBoxError as exc:
            raise SettingsError(f"invalid settings: SECRET_BOX_KEYS: {exc}") from None
    if settings.is_production:
        missing = [name.upper() for name in _SECRET_FIELDS if not getattr(settings, name)]
        if not settings.secret_box_keys:
            missing.append("SECRET_BOX_KEYS")
        if missing:
            raise SettingsError(f"missing required settings in production: {', '.join(missing)}")
        from core.secret_strength import weak_secrets

        weak = weak_secrets({name: str(getattr(settings, name)) for name in _SECRET_FIELDS})
        if weak:
            raise SettingsError(f"weak secrets refused in production: {'; '.join(weak)}")
        if settings.database_url.startswith("sqlite://"):
            log.warning("ENVIRONMENT=production on SQLite: use DATABASE_URL=postgres://...")
    else:
        generated = _fill_development_secrets(settings)
        if not settings.secret_box_keys:
            from core.secretbox import derive_dev_key

            settings.secret_box_keys = derive_dev_key(settings.secret_key)
        if generated:
            log.warning(
                "development: generated %s and kept them in %s; set them in the environment "
                "for anything but local development",
                ", ".join(generated),
                DEV_SECRETS_FILE,
            )
    return settings


def is_dev_bot_token(token: str) -> bool:
    """True for the placeholder tokens development generates: no real bot behind them."""
    return ":DEV-" in token
