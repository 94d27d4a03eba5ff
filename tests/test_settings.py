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
