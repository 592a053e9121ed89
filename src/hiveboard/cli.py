"""The ``hiveboard`` command: serve, migrate, keys."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from hiveboard.domain.principal import KEY_KINDS, KeyKind
from hiveboard.services.clock import utc_now
from hiveboard.services.production import DEV_KEY_LABEL, ProductionRefused, dev_key_path
from hiveboard.settings import Settings
from hiveboard.store import keys, migrate
from hiveboard.store.database import Database

DEV_TENANT = "default"


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "database_url", None):
        overrides["database_url"] = args.database_url
    return Settings(**overrides)


def _database(settings: Settings) -> Database:
    db = Database.from_url(settings.database_url, sqlite_cache_mb=settings.sqlite_cache_mb)
    migrate.upgrade(db.engine)
    return db


def _dev_key_file(settings: Settings) -> Path | None:
    """Development mode on SQLite keeps its first key beside the database, so every start
    can print a working key; production never writes a key to disk."""
    if settings.mode != "development":
        return None
    return dev_key_path(settings.database_url)


def ensure_dev_key(db: Database, settings: Settings) -> str | None:
    """A working key for the development quick start; production keys are made on purpose
    (``hiveboard keys create``), and a leftover development key refuses production."""
    if settings.mode == "production":
        return None
    key_file = _dev_key_file(settings)
    if key_file is not None and key_file.exists():
        key = key_file.read_text().strip()
        if db.read_sync(keys.authenticate, key) is not None:
            return key
    if key_file is None and db.read_sync(keys.list_keys):
        return None
    key = db.write_sync(keys.operator_create_key, DEV_TENANT, "live", DEV_KEY_LABEL, utc_now())
    if key_file is not None:
        key_file.write_text(key + "\n")
        key_file.chmod(0o600)
    return key


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from hiveboard.app import create_app
    from hiveboard.http.logging import configure_logging
    from hiveboard.stream.wire import server_options

    settings = _settings(args)
    db = _database(settings)
    key = ensure_dev_key(db, settings)
    host_shown = "localhost" if args.host in ("127.0.0.1", "0.0.0.0") else args.host  # noqa: S104
    url = f"http://{host_shown}:{args.port}"
    print(f"HiveBoard is starting on {url}  (database: {db.engine.url.render_as_string()})")
    print(f"API docs:  {url}{settings.docs_path}/")
    if key:
        print(f"API key:   {key}")
        print(f'Try:       curl -H "Authorization: Bearer {key}" {url}/v1/agents')
    else:
        print("API key:   use an existing key, or create one: hiveboard keys create --tenant NAME")
    sys.stdout.flush()
    try:
        app = create_app(settings, database=db)
    except ProductionRefused as refused:
        print(refused, file=sys.stderr)
        return 2
    configure_logging(args.log_level, settings.log_format)
    # hiveboard.access logs every request as JSON; uvicorn's own access log would repeat it.
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level,
                workers=1, proxy_headers=True, access_log=False, **server_options(settings))
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    settings = _settings(args)
    db = Database.from_url(settings.database_url)
    migrate.upgrade(db.engine)
    print(f"database at revision {migrate.current_revision(db.engine)}")
    return 0


def cmd_keys_create(args: argparse.Namespace) -> int:
    db = _database(_settings(args))
    kind: KeyKind = args.kind
    print(db.write_sync(keys.operator_create_key, args.tenant, kind, args.label, utc_now()))
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    db = _database(_settings(args))
    rows = db.read_sync(keys.list_keys, args.tenant)
    print(f"{'KEY ID':22} {'PREFIX':14} {'KIND':5} {'TENANT':20} {'CREATED':25} STATE")
    for k in rows:
        state = "revoked" if k.revoked_at else "active"
        print(f"{k.key_id:22} {k.key_prefix:14} {k.kind:5} {k.tenant_name[:20]:20} "
              f"{k.created_at.isoformat().replace('+00:00', 'Z'):25} {state}")
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    db = _database(_settings(args))
    count = db.write_sync(keys.operator_revoke_keys, args.key, utc_now())
    if count == 0:
        print(f"no active key matches {args.key!r}", file=sys.stderr)
        return 1
    print(f"revoked {count} key(s)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hiveboard", description="HiveBoard server")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--database-url", help="SQLAlchemy URL (default: HIVEBOARD_DATABASE_URL "
                       "or a SQLite file hiveboard.db)")
        return p

    serve = with_db(sub.add_parser("serve", help="run the server"))
    serve.add_argument("--host", default=os.environ.get("HIVEBOARD_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("HIVEBOARD_PORT", "8000")))
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(func=cmd_serve)

    with_db(sub.add_parser("migrate", help="upgrade the database schema")).set_defaults(
        func=cmd_migrate)

    keys_cmd = sub.add_parser("keys", help="manage API keys")
    keys_sub = keys_cmd.add_subparsers(dest="keys_command", required=True)
    create = with_db(keys_sub.add_parser("create", help="create a key; prints it alone"))
    create.add_argument("--tenant", required=True, help="tenant name (created if new)")
    create.add_argument("--kind", choices=KEY_KINDS, default="live")
    create.add_argument("--label")
    create.set_defaults(func=cmd_keys_create)
    listing = with_db(keys_sub.add_parser("list", help="list keys (never their secret)"))
    listing.add_argument("--tenant")
    listing.set_defaults(func=cmd_keys_list)
    revoke = with_db(keys_sub.add_parser("revoke", help="revoke a key by id or prefix"))
    revoke.add_argument("key")
    revoke.set_defaults(func=cmd_keys_revoke)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
