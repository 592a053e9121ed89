"""May this configuration serve production? Development leftovers refuse the start.

Refused in production mode (``HIVEBOARD_MODE=production``): a development key file
(``*.devkey``, written by ``hiveboard serve`` in development beside its SQLite file, or in the
working directory), an active development key in the database (the one ``hiveboard serve``
creates on a first start in development), and secrets left empty or at a well-known default
(the SMTP password, passwords inside the database and Redis URLs). SQLite only warns: it is a
legitimate choice for a single-node deployment with one worker.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import SecretStr

from hiveboard.settings import Settings
from hiveboard.store import keys
from hiveboard.store.database import Database

log = logging.getLogger("hiveboard.production")

DEV_KEY_LABEL = "first-start key"
"""The label of the key ``hiveboard serve`` creates on a first start in development."""
DEV_KEY_SUFFIX = ".devkey"
KNOWN_DEFAULT_SECRETS = frozenset({
    "", "admin", "changeit", "changeme", "change-me", "change_me", "default", "example",
    "hiveboard", "letmein", "password", "placeholder", "postgres", "redis", "root", "secret",
    "test", "todo", "xxx",
})


class ProductionRefused(RuntimeError):
    """The server must not start: production mode with development leftovers."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("refusing to start in production mode:\n" + "\n".join(
            f"  - {p}" for p in problems))
        self.problems = problems


def dev_key_path(database_url: str) -> Path | None:
    """Where development mode keeps its key for a SQLite file database."""
    prefix = "sqlite:///"
    if not database_url.startswith(prefix):
        return None
    db_path = database_url[len(prefix):]
    if db_path in ("", ":memory:"):
        return None
    return Path(db_path).with_suffix(DEV_KEY_SUFFIX)


def _dev_key_files(settings: Settings, cwd: Path) -> list[str]:
    found = {p.resolve() for p in cwd.glob(f"*{DEV_KEY_SUFFIX}")}
    beside_db = dev_key_path(settings.database_url)
    if beside_db is not None and beside_db.exists():
        found.add(beside_db.resolve())
    return [f"development key file {p} exists: delete it (and revoke its key with "
            "`hiveboard keys revoke PREFIX`)" for p in sorted(found)]


def _default(value: str | None) -> bool:
    return value is not None and value.strip().lower() in KNOWN_DEFAULT_SECRETS


def _secret_settings(settings: Settings) -> list[str]:
    problems = [f"setting {name} is empty or a well-known default"
                for name, value in settings if isinstance(value, SecretStr)
                and _default(value.get_secret_value())]
    if settings.smtp_username and settings.smtp_password is None:
        problems.append("smtp_username is set but smtp_password is empty")
    for name in ("database_url", "redis_url"):
        url = getattr(settings, name)
        if url and _default(urlsplit(url).password):
            problems.append(f"the password in {name} is a well-known default")
    return problems


def _dev_keys(db: Database) -> list[str]:
    try:
        found = [k for k in db.read_sync(keys.list_keys)
                 if k.label == DEV_KEY_LABEL and k.revoked_at is None]
    except Exception as exc:  # an unmigrated database: readiness will say so
        log.warning("could not look for development keys: %s", exc)
        return []
    return [f"development key {k.key_prefix} (tenant {k.tenant_name!r}) is active: "
            f"revoke it with `hiveboard keys revoke {k.key_prefix}`" for k in found]


def refusals(settings: Settings, db: Database, cwd: Path) -> list[str]:
    return [*_dev_key_files(settings, cwd), *_secret_settings(settings), *_dev_keys(db)]


def check(settings: Settings, db: Database, cwd: Path | None = None) -> None:
    """Raise :class:`ProductionRefused` listing every leftover; warn about SQLite."""
    if settings.mode != "production":
        return
    if db.engine.dialect.name == "sqlite":
        log.warning("production on SQLite: fine for one node and one worker; use PostgreSQL "
                    "(HIVEBOARD_DATABASE_URL) for several workers or hosts")
    problems = refusals(settings, db, cwd or Path.cwd())
    if problems:
        raise ProductionRefused(problems)
