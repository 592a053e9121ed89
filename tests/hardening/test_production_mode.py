"""Production mode refuses development leftovers; SQLite only warns; development ignores all."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from hiveboard.app import create_app
from hiveboard.cli import ensure_dev_key
from hiveboard.cli import main as cli
from hiveboard.services import production
from hiveboard.services.production import DEV_KEY_LABEL, ProductionRefused
from hiveboard.settings import Settings
from hiveboard.store import keys
from hiveboard.store.database import Database
from tests.conftest import FakeClock
from tests.hardening.conftest import settings_for

NOW = datetime(2026, 2, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clean_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory without leftovers (a developer's repo may hold hiveboard.devkey)."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


def production_settings(db_url: str, **overrides: Any) -> Settings:
    return settings_for(db_url, mode="production", **overrides)


def refusals(settings: Settings, database: Database) -> list[str]:
    with pytest.raises(ProductionRefused) as refused:
        production.check(settings, database)
    assert str(refused.value).startswith("refusing to start in production mode")
    return refused.value.problems


def test_a_clean_production_configuration_starts(db_url: str, database: Database,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="hiveboard.production")
    create_app(production_settings(db_url), database=database, clock=FakeClock())
    on_sqlite = db_url.startswith("sqlite")
    assert any("production on SQLite" in r.getMessage() for r in caplog.records) == on_sqlite


def test_the_app_factory_refuses(db_url: str, database: Database, clean_cwd: Path) -> None:
    (clean_cwd / "hiveboard.devkey").write_text("hb_live_x\n")
    with pytest.raises(ProductionRefused, match=r"hiveboard\.devkey"):
        create_app(production_settings(db_url), database=database, clock=FakeClock())


def test_a_dev_key_file_in_the_working_directory(db_url: str, database: Database,
                                                 clean_cwd: Path) -> None:
    (clean_cwd / "old.devkey").write_text("hb_live_x\n")
    [problem] = refusals(production_settings(db_url), database)
    assert "old.devkey" in problem and "delete it" in problem


def test_a_dev_key_file_beside_the_sqlite_database(tmp_path: Path, database: Database) -> None:
    db_path = tmp_path / "data" / "hive.db"
    db_path.parent.mkdir()
    db_path.with_suffix(".devkey").write_text("hb_live_x\n")
    [problem] = refusals(production_settings(f"sqlite:///{db_path}"), database)
    assert "hive.devkey" in problem


def test_an_active_development_key(db_url: str, database: Database) -> None:
    made = database.write_sync(keys.operator_create_key, "default", "live", DEV_KEY_LABEL, NOW)
    [problem] = refusals(production_settings(db_url), database)
    assert made[:12] in problem and f"hiveboard keys revoke {made[:12]}" in problem
    database.write_sync(keys.operator_revoke_keys, made[:12], NOW)
    production.check(production_settings(db_url), database)


@pytest.mark.parametrize("password", ["", "changeme", "  Password ", "secret"])
def test_a_default_smtp_password(db_url: str, database: Database, password: str) -> None:
    settings = production_settings(db_url, smtp_host="smtp.example.com",
                                   smtp_username="alerts", smtp_password=SecretStr(password))
    assert refusals(settings, database) == [
        "setting smtp_password is empty or a well-known default"]


def test_an_smtp_login_without_password(db_url: str, database: Database) -> None:
    settings = production_settings(db_url, smtp_host="smtp.example.com", smtp_username="alerts")
    assert refusals(settings, database) == ["smtp_username is set but smtp_password is empty"]


@pytest.mark.parametrize(("setting", "url"), [
    ("database_url", "postgresql://hive:postgres@db.internal/hive"),
    ("redis_url", "redis://:changeme@cache.internal:6379/0"),
])
def test_default_passwords_in_urls(database: Database, setting: str, url: str) -> None:
    settings = Settings(mode="production", **{setting: url})
    assert refusals(settings, database) == [f"the password in {setting} is a well-known default"]


def test_every_problem_is_listed_at_once(db_url: str, database: Database,
                                         clean_cwd: Path) -> None:
    (clean_cwd / "a.devkey").write_text("x")
    database.write_sync(keys.operator_create_key, "default", "live", DEV_KEY_LABEL, NOW)
    settings = production_settings(db_url, smtp_username="alerts",
                                   redis_url="redis://:redis@cache:6379/0")
    assert len(refusals(settings, database)) == 4


def test_development_mode_ignores_leftovers(db_url: str, database: Database,
                                            clean_cwd: Path) -> None:
    (clean_cwd / "a.devkey").write_text("x")
    database.write_sync(keys.operator_create_key, "default", "live", DEV_KEY_LABEL, NOW)
    production.check(settings_for(db_url, smtp_username="a", smtp_password=SecretStr("")),
                     database)


def test_strong_secrets_pass(db_url: str, database: Database) -> None:
    production.check(production_settings(
        db_url, smtp_username="alerts", smtp_password=SecretStr("k3#9vQ-long-and-random"),
        redis_url="redis://:s3cr3t-Xy9@cache:6379/0"), database)


def test_production_never_creates_a_development_key(tmp_path: Path, database: Database) -> None:
    settings = production_settings(f"sqlite:///{tmp_path / 'prod.db'}")
    assert ensure_dev_key(database, settings) is None
    assert database.read_sync(keys.list_keys) == []
    assert not list(tmp_path.glob("*.devkey"))


def test_serve_refuses_with_a_clear_message(db_url: str, clean_cwd: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (clean_cwd / "hiveboard.devkey").write_text("hb_live_x\n")
    monkeypatch.setenv("HIVEBOARD_MODE", "production")
    assert cli(["serve", "--database-url", db_url, "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert "refusing to start in production mode" in err and "hiveboard.devkey" in err
    assert "Traceback" not in err
