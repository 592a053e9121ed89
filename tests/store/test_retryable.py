"""Database errors after which a retry can succeed become DatabaseUnavailable (503 with
Retry-After); the rest stay errors. Classified by driver codes, not message text."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import psycopg
import psycopg.errors as pg
import pytest
from sqlalchemy.exc import OperationalError

from hiveboard.store.database import Connection, Database, DatabaseUnavailable
from hiveboard.store.retryable import is_retryable


def _sqlite_error(code: int, message: str) -> sqlite3.Error:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code
    return exc


def _wrapped(orig: BaseException, *, invalidated: bool = False) -> OperationalError:
    return OperationalError("SELECT 1", {}, orig, connection_invalidated=invalidated)


@pytest.mark.parametrize(("orig", "retryable"), [
    (pg.DeadlockDetected("deadlock detected"), True),
    (pg.SerializationFailure("could not serialize access"), True),
    (pg.AdminShutdown("terminating connection due to administrator command"), True),
    (pg.CannotConnectNow("the database system is starting up"), True),
    (pg.TooManyConnections("sorry, too many clients already"), True),
    (pg.DiskFull("could not extend file"), True),
    (pg.QueryCanceled("canceling statement due to statement timeout"), True),
    (pg.LockNotAvailable("canceling statement due to lock timeout"), True),
    # Raised by psycopg itself, no SQLSTATE: refused, timed out or dropped connections.
    (psycopg.OperationalError("connection failed: Connection refused"), True),
    (pg.DivisionByZero("division by zero"), False),
    (pg.TooManyArguments("cannot pass more than 100 arguments to a function"), False),
    (pg.UndefinedTable("relation \"events\" does not exist"), False),
    # A message naming a server or a connection no longer decides it.
    (pg.InvalidParameterValue("invalid value for parameter \"server_version\""), False),
    (_sqlite_error(5, "database is locked"), True),  # SQLITE_BUSY
    (_sqlite_error(5 | (2 << 8), "database is locked"), True),  # SQLITE_BUSY_SNAPSHOT
    (_sqlite_error(6, "database table is locked"), True),  # SQLITE_LOCKED
    (_sqlite_error(10 | (3 << 8), "disk I/O error"), True),  # SQLITE_IOERR_WRITE
    (_sqlite_error(13, "database or disk is full"), True),  # SQLITE_FULL
    (_sqlite_error(1, "no such table: events"), False),  # SQLITE_ERROR
    (_sqlite_error(11, "database disk image is malformed"), False),  # SQLITE_CORRUPT
    (RuntimeError("lost connection to server"), False),
])
def test_retryable_by_driver_code(orig: BaseException, retryable: bool) -> None:
    assert is_retryable(_wrapped(orig)) is retryable


def test_an_invalidated_connection_is_retryable_whatever_the_error() -> None:
    assert is_retryable(_wrapped(RuntimeError("?"), invalidated=True)) is True


def test_real_sqlite_errors_carry_the_codes_they_are_classified_by(tmp_path: Path) -> None:
    db = Database.from_url(f"sqlite:///{tmp_path / 'codes.db'}")
    try:
        def bad(conn: Connection) -> Any:
            return conn.exec_driver_sql("SELECT * FROM no_such_table").all()

        with pytest.raises(OperationalError) as raised:
            db.read_sync(bad)
        assert raised.value.orig.sqlite_errorcode == 1  # type: ignore[union-attr]
    finally:
        db.dispose()
    holder = sqlite3.connect(tmp_path / "codes.db")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        locked = sqlite3.connect(tmp_path / "codes.db", timeout=0)
        with pytest.raises(sqlite3.OperationalError) as busy:
            locked.execute("CREATE TABLE t (a)")  # a second writer
        locked.close()
        assert is_retryable(_wrapped(busy.value)) is True
    finally:
        holder.rollback()
        holder.close()


def test_a_postgresql_deadlock_is_service_unavailable(pg_database: Database) -> None:
    """Two transactions take the same two locks in opposite orders; PostgreSQL aborts one
    with 40P01, which the client should retry (503), not see as a server bug (500)."""
    both_hold_one = threading.Barrier(2, timeout=10)
    outcomes: dict[str, BaseException | None] = {}

    def take(conn: Connection, first: int, second: int) -> None:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({first})")
        both_hold_one.wait()
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({second})")

    def run(name: str, first: int, second: int) -> None:
        try:
            pg_database.write_sync(take, first, second)
            outcomes[name] = None
        except BaseException as exc:  # recorded for the assertions
            outcomes[name] = exc

    threads = [threading.Thread(target=run, args=("a", 7001, 7002)),
               threading.Thread(target=run, args=("b", 7002, 7001))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    failures = [exc for exc in outcomes.values() if exc is not None]
    assert len(outcomes) == 2 and len(failures) == 1, outcomes
    assert isinstance(failures[0], DatabaseUnavailable)
    assert "deadlock" in str(failures[0])


def test_a_postgresql_operational_error_that_is_a_bug_stays_an_error(
        pg_database: Database) -> None:
    many = ", ".join(["1"] * 101)  # 54023: more than 100 arguments to a function

    def bad(conn: Connection) -> Any:
        return conn.exec_driver_sql(f"SELECT concat({many})").all()

    with pytest.raises(OperationalError) as raised:
        pg_database.read_sync(bad)
    assert raised.value.orig.sqlstate == "54023"  # type: ignore[union-attr]


def test_a_postgresql_statement_timeout_is_service_unavailable(pg_database: Database) -> None:
    # 57014: the message names neither a connection nor a server, so only its code tells
    # that a retry may succeed.
    def slow(conn: Connection) -> Any:
        conn.exec_driver_sql("SET LOCAL statement_timeout = 50")
        return conn.exec_driver_sql("SELECT pg_sleep(5)").all()

    with pytest.raises(DatabaseUnavailable, match="statement timeout"):
        pg_database.read_sync(slow)
