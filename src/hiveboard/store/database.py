"""Engine construction and the unit-of-work runner shared by every service."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

import anyio.to_thread
import orjson
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url

# Services compose repository calls inside one unit of work and name the connection type
# through the store, so that SQLAlchemy stays a store-only import.
__all__ = ["Connection", "Database", "DatabaseUnavailable", "create_db_engine"]
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import ConnectionPoolEntry

from hiveboard.store.retryable import is_retryable

P = ParamSpec("P")
T = TypeVar("T")


class DatabaseUnavailable(Exception):
    """The database could not be reached; callers answer 503 so clients retry."""


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


# A PostgreSQL that stops answering (a partition, a hung host) must become a prompt 503, not
# requests waiting out psycopg's 130 s connect default or the kernel's 2 h keepalive; a URL
# that sets any of these keeps its own value.
PG_CONNECT_ARGS: dict[str, int] = {
    "connect_timeout": 5, "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
    "keepalives_count": 3,
}


def normalise_url(url: str) -> str:
    """Accept the URLs operators paste (``postgres://``) and pick the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def create_db_engine(url: str, *, sqlite_cache_mb: int = 256) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            json_serializer=_json_dumps,
            json_deserializer=orjson.loads,
            connect_args={"check_same_thread": False, "timeout": 30},
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
            cur = dbapi_conn.cursor()
            # WAL keeps readers unblocked by the writer and survives a process crash;
            # NORMAL sync is durable against SIGKILL (not power loss) at a fraction of FULL's cost.
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute(f"PRAGMA cache_size=-{sqlite_cache_mb * 1024}")
            cur.execute("PRAGMA temp_store=MEMORY")
            # Fewer, larger checkpoints: at 1M events each checkpoint rewrote the same hot
            # index pages again (measured: 24% less insert time at scale).
            cur.execute("PRAGMA wal_autocheckpoint=20000")
            cur.close()

        return engine
    return create_engine(
        url,
        json_serializer=_json_dumps,
        json_deserializer=orjson.loads,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        pool_timeout=10,
        connect_args={k: v for k, v in PG_CONNECT_ARGS.items() if k not in parsed.query},
    )


class Database:
    """Runs repository functions in worker threads, one transaction per call.

    SQLite allows one writer: writes from this process are serialised by a lock instead of
    spinning on ``database is locked``; other processes wait on ``busy_timeout``.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._write_lock = threading.Lock() if self.is_sqlite else None

    @classmethod
    def from_url(cls, url: str, *, sqlite_cache_mb: int = 256) -> Database:
        return cls(create_db_engine(url, sqlite_cache_mb=sqlite_cache_mb))

    def write_sync(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        try:
            if self._write_lock is None:
                with self.engine.begin() as conn:
                    return fn(conn, *args, **kwargs)
            with self._write_lock, self.engine.begin() as conn:
                # Take SQLite's write lock up front: a deferred transaction that reads and then
                # writes can fail to upgrade when another process wrote in between, and the
                # events insert relies on nobody else inserting while it runs.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                return fn(conn, *args, **kwargs)
        except OperationalError as exc:
            raise _unavailable(exc) from exc
        except PoolTimeout as exc:  # every connection busy waiting on a database that hangs
            raise DatabaseUnavailable(str(exc)) from exc

    def read_sync(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        try:
            with self.engine.connect() as conn:
                return fn(conn, *args, **kwargs)
        except OperationalError as exc:
            raise _unavailable(exc) from exc
        except PoolTimeout as exc:  # every connection busy waiting on a database that hangs
            raise DatabaseUnavailable(str(exc)) from exc

    async def write(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        return await anyio.to_thread.run_sync(lambda: self.write_sync(fn, *args, **kwargs))

    async def read(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        return await anyio.to_thread.run_sync(lambda: self.read_sync(fn, *args, **kwargs))

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


def _unavailable(exc: DBAPIError) -> Exception:
    if is_retryable(exc):
        return DatabaseUnavailable(str(exc.orig) if exc.orig is not None else str(exc))
    return exc
