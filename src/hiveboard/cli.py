"""The ``hiveboard`` command: serve, migrate, keys, simulate, export, retention."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hiveboard.domain.principal import KEY_KINDS, KeyKind
from hiveboard.errors import NotFound
from hiveboard.services.clock import utc_now
from hiveboard.services.production import DEV_KEY_LABEL, ProductionRefused, dev_key_path
from hiveboard.services.retention import Report, Retention
from hiveboard.settings import Settings
from hiveboard.store import agent_issues, error_events, keys, llm_usage, migrate, task_outcomes
from hiveboard.store.database import Database

DEV_TENANT = "default"
EXPORT_SQLITE_CACHE_MB = 8


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
    if args.demo and key is None:
        print("--demo needs the development key: run it in development mode on a fresh "
              "database", file=sys.stderr)
        return 2
    try:
        app = create_app(settings, database=db)
    except ProductionRefused as refused:
        print(refused, file=sys.stderr)
        return 2
    configure_logging(args.log_level, settings.log_format)
    # hiveboard.access logs every request as JSON; uvicorn's own access log would repeat it.
    options = {"host": args.host, "port": args.port, "log_level": args.log_level,
               "workers": 1, "proxy_headers": True, "access_log": False,
               **server_options(settings)}
    if args.demo and key is not None:
        from hiveboard.simulate.demo import serve_with_fleet
        from hiveboard.simulate.fleet import FleetConfig

        fleet = FleetConfig(endpoint=f"http://127.0.0.1:{args.port}", api_key=key,
                            agents=args.demo_agents, speed=args.demo_speed)
        return serve_with_fleet(app, options, fleet)
    uvicorn.run(app, **options)
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


def cmd_simulate(args: argparse.Namespace) -> int:
    try:
        from hiveboard.simulate import command, preflight
        from hiveboard.simulate.fleet import FleetConfig
    except ImportError as missing:  # hiveloop comes with the extra, not the server
        print(f"{missing}: install the extra, pip install 'hiveboard[simulate]'", file=sys.stderr)
        return 2
    if not args.api_key:
        print("an API key is needed: --api-key or HIVEBOARD_API_KEY", file=sys.stderr)
        return 2
    config = FleetConfig(endpoint=args.endpoint.rstrip("/"), api_key=args.api_key,
                         agents=args.agents, speed=args.speed, stuck_after=args.stuck_after,
                         seed=args.seed)
    if problem := preflight.problem(config.endpoint, config.api_key):
        print(problem, file=sys.stderr)
        return 1
    return command.run(config, duration=args.duration, progress=not args.no_progress)


def _instant(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def cmd_export(args: argparse.Namespace) -> int:
    from hiveboard.export.ndjson import write_ndjson
    from hiveboard.services import export

    settings = _settings(args)
    # A one-pass scan gains nothing from SQLite's page cache, which would otherwise grow with
    # the export (up to sqlite_cache_mb) and make its memory depend on its size.
    db = Database.from_url(settings.database_url, sqlite_cache_mb=EXPORT_SQLITE_CACHE_MB)
    migrate.upgrade(db.engine)
    try:
        workspace_id = export.workspace_of(db, args.tenant, args.mode)
    except export.UnknownTenant as unknown:
        print(unknown, file=sys.stderr)
        return 1
    since, until = args.since, args.until or utc_now()
    total = export.count(db, workspace_id, since, until)
    views = export.events(db, workspace_id, since, until, batch_size=args.batch_size)
    progress = not args.no_progress
    if args.output in (None, "-"):
        written = write_ndjson(views, sys.stdout.buffer, total=total, progress=progress)
    else:
        with open(args.output, "wb") as out:
            written = write_ndjson(views, out, total=total, progress=progress)
    print(f"exported {written} events", file=sys.stderr)
    return 0


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, not {text}")
        return value
    return parse


def _add_simulate(sub: Any) -> None:
    sim = sub.add_parser("simulate", help="run a simulated fleet against a server (hiveloop)")
    sim.add_argument("--endpoint", default=os.environ.get("HIVEBOARD_ENDPOINT",
                                                          "http://localhost:8000"))
    sim.add_argument("--api-key", default=os.environ.get("HIVEBOARD_API_KEY"),
                     help="a live or test key (default: HIVEBOARD_API_KEY)")
    sim.add_argument("--agents", type=_positive(int), default=5,
                     help="working agents (one more goes silent and becomes stuck)")
    sim.add_argument("--duration", type=float, default=None,
                     help="seconds to run (default: until Ctrl-C)")
    sim.add_argument("--speed", type=_positive(float), default=1.0,
                     help="simulated seconds per real second (default 1)")
    sim.add_argument("--stuck-after", type=_positive(int), default=20,
                     help="stuck threshold of the silent agent, seconds (default 20)")
    sim.add_argument("--seed", type=int, default=None)
    sim.add_argument("--no-progress", action="store_true")
    sim.set_defaults(func=cmd_simulate)


def _add_export(sub: Any, with_db: Callable[[argparse.ArgumentParser],
                                            argparse.ArgumentParser]) -> None:
    exp = with_db(sub.add_parser("export", help="write a tenant's events as NDJSON"))
    exp.add_argument("--tenant", required=True, help="tenant name")
    exp.add_argument("--mode", choices=("live", "test"), default="live")
    exp.add_argument("--since", type=_instant, help="RFC 3339, inclusive")
    exp.add_argument("--until", type=_instant, help="RFC 3339, exclusive (default: now)")
    exp.add_argument("--output", "-o", help="file to write (default: stdout)")
    exp.add_argument("--batch-size", type=int, default=1000, help=argparse.SUPPRESS)
    exp.add_argument("--no-progress", action="store_true")
    exp.set_defaults(func=cmd_export)


def _summary(report: Report, dry_run: bool) -> str:
    if dry_run:
        return (f"{report.events_deleted} events to delete, "
                f"{report.heartbeats_compacted} heartbeats to compact")
    return (f"{report.events_deleted} events deleted, "
            f"{report.heartbeats_compacted} heartbeats compacted"
            f", {report.tasks_removed} tasks removed, {report.tasks_rebuilt} rebuilt, "
            f"{report.agents_removed} agents removed, "
            f"{report.alerts_deleted} alert history records deleted")


def cmd_retention_run(args: argparse.Namespace) -> int:
    """Progress on stderr (a tqdm bar over the rows examined), the summary on stdout."""
    from tqdm import tqdm

    settings = _settings(args)
    retention = Retention(_database(settings), settings)
    try:
        targets = retention.targets(args.tenant)
    except NotFound as missing:
        print(missing.message, file=sys.stderr)
        return 1
    now = utc_now()
    total = sum(retention.candidates(t, now) for t in targets)
    overall = Report()
    lines = []
    with tqdm(total=total, file=sys.stderr, unit="row", desc="retention",
              dynamic_ncols=True) as bar:
        for target in targets:
            bar.set_postfix_str(target.label)
            report = retention.run(target, now, dry_run=args.dry_run, progress=bar.update)
            overall.add(report)
            lines.append(f"{target.label}: {target.policy.retention_days} days, "
                         + _summary(report, args.dry_run))
    print("\n".join(lines))
    print(("dry run, nothing deleted: " if args.dry_run else "total: ")
          + _summary(overall, args.dry_run))
    return 0


def _add_retention(sub: Any, with_db: Callable[[argparse.ArgumentParser],
                                                 argparse.ArgumentParser]) -> None:
    retention_cmd = sub.add_parser("retention", help="delete data past its retention")
    retention_sub = retention_cmd.add_subparsers(dest="retention_command", required=True)
    run = with_db(retention_sub.add_parser(
        "run", help="purge old events, compact old heartbeats (what the background job does)"))
    run.add_argument("--tenant", help="tenant name (default: every tenant)")
    run.add_argument("--dry-run", action="store_true",
                     help="count what would be deleted, delete nothing")
    run.set_defaults(func=cmd_retention_run)


def cmd_rollups_rebuild(args: argparse.Namespace) -> int:
    db = _database(_settings(args))
    rows = db.write_sync(llm_usage.rebuild)
    print(f"rebuilt llm_usage_hourly from events: {rows} rows")
    rows = db.write_sync(task_outcomes.rebuild)
    print(f"rebuilt task_outcomes_hourly from tasks: {rows} rows")
    rows = db.write_sync(agent_issues.rebuild)
    print(f"rebuilt agent_issues from events: {rows} rows")
    rows = db.write_sync(error_events.rebuild)
    print(f"rebuilt error_events_hourly from events: {rows} rows")
    return 0


def _add_rollups(sub: Any, with_db: Callable[[argparse.ArgumentParser],
                                              argparse.ArgumentParser]) -> None:
    rollups = sub.add_parser("rollups", help="maintain rollups derived from events")
    rollups_sub = rollups.add_subparsers(dest="rollups_command", required=True)
    with_db(rollups_sub.add_parser(
        "rebuild", help="recompute the rollups derived from events")).set_defaults(
        func=cmd_rollups_rebuild)


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
    serve.add_argument("--demo", action="store_true",
                       help="also run a simulated fleet against this server (development)")
    serve.add_argument("--demo-agents", type=_positive(int), default=5, help=argparse.SUPPRESS)
    serve.add_argument("--demo-speed", type=_positive(float), default=5.0, help=argparse.SUPPRESS)
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
    _add_simulate(sub)
    _add_export(sub, with_db)
    _add_retention(sub, with_db)
    _add_rollups(sub, with_db)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
