from __future__ import annotations

import pytest

from core.settings import SettingsError, load_settings


def test_invalid_values_fail_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://nope")
    with pytest.raises(SettingsError, match="DATABASE_URL"):
        load_settings()
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.setenv("INITDATA_MAX_AGE", "minus one")
    with pytest.raises(SettingsError, match="INITDATA_MAX_AGE"):
        load_settings()
    monkeypatch.delenv("INITDATA_MAX_AGE")
    monkeypatch.setenv("CORS_ORIGINS", "*")
    with pytest.raises(SettingsError, match="CORS_ORIGINS"):
        load_settings()
    monkeypatch.delenv("CORS_ORIGINS")
    monkeypatch.setenv("EVENT_LOOP", "trio")
    with pytest.raises(SettingsError, match="EVENT_LOOP"):
        load_settings()
    monkeypatch.delenv("EVENT_LOOP")
    monkeypatch.setenv("CUSTOMER_BOT_TOKEN", "not-a-token")
    with pytest.raises(SettingsError, match="CUSTOMER_BOT_TOKEN"):
        load_settings()


def test_production_requires_every_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert "CUSTOMER_BOT_TOKEN" in message and "DRIVER_WEBHOOK_SECRET" in message
    assert "SECRET_KEY" not in message


def test_development_generates_and_keeps_missing_secrets(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.chdir(tmp_path)
    first = load_settings()
    assert first.secret_key and first.customer_bot_token.split(":")[0].isdigit()
    assert "generated" in caplog.text
    assert first.secret_key not in caplog.text  # never logged
    second = load_settings()
    assert second.secret_key == first.secret_key  # a restart keeps sessions valid
    assert second.driver_webhook_secret == first.driver_webhook_secret


def test_postgresql_scheme_is_accepted_and_cors_is_a_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h:5432/db")
    monkeypatch.setenv("CORS_ORIGINS", "https://a.example, https://b.example")
    settings = load_settings(secret_key="k")
    assert settings.database_url == "postgres://u@h:5432/db"
    assert settings.cors_origins == ["https://a.example", "https://b.example"]


def _production(**overrides: str) -> None:
    from tests.fixtures.backend import PRODUCTION_SECRETS

    values = {
        **PRODUCTION_SECRETS,
        "secret_box_keys": "k1:" + "A" * 43,
        "database_url": "postgres://x@y/z",
        **overrides,
    }
    load_settings(environment="production", **values)


def test_production_accepts_strong_secrets() -> None:
    _production()
    # A random secret may hold a short placeholder fragment inside it by chance ("1234" turns
    # up in about one `token_hex(32)` in a thousand): only a fragment standing as a word counts.
    _production(
        secret_key="9f3a" + "1234" + "c7e05b2d" * 7, customer_webhook_secret="Qw7-" + "x9TestK2" * 6
    )


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("secret_key", "changeme", "known placeholder"),
        ("secret_key", "please-change-me-" + "Zq8" * 12, "known placeholder"),
        ("secret_key", "8e5f07a2c4d91b36" * 2, "too short"),  # 32 hex chars: 16 bytes
        ("customer_webhook_secret", "Kd93jf0aLq", "too short"),
        ("dispatcher_webhook_secret", "ab" * 40, "does not look random"),
        ("driver_bot_token", "123:abc", "BotFather token"),
        ("customer_bot_token", "1000000001:DEV-" + "a1B2" * 8, "BotFather token"),
    ],
)
def test_production_refuses_weak_secrets_naming_the_setting(
    name: str, value: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(SettingsError) as info:
        _production(**{name: value})
    message = str(info.value)
    assert name.upper() in message and reason in message
    assert value not in message and value not in caplog.text  # never echoed


def test_weak_secrets_are_fine_in_development() -> None:
    assert load_settings(secret_key="changeme").secret_key == "changeme"
