"""Which database errors mean "try again later" (a 503 the client retries) rather than a bug.

Decided by the driver's error code, not its message: messages change between versions and
locales, codes do not. A PostgreSQL error raised by the client library itself (a refused or
dropped connection) carries no SQLSTATE; every error the server sends does.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

# SQLSTATE classes: connection exception, insufficient resources (disk full, out of memory,
# too many connections), transaction rollback (serialization failure, deadlock).
_PG_CLASSES = frozenset({"08", "53", "40"})
_PG_CODES = frozenset({
    "55P03",  # lock_not_available: lock_timeout expired
    "57014",  # query_canceled: statement_timeout under load
    "57P01", "57P02", "57P03",  # admin / crash shutdown, cannot connect now (starting up)
})
# SQLite primary result codes: BUSY, LOCKED, NOMEM, IOERR, FULL, CANTOPEN, PROTOCOL.
_SQLITE_CODES = frozenset({5, 6, 7, 10, 13, 14, 15})


def is_retryable(exc: DBAPIError) -> bool:
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _SQLITE_CODES
    if hasattr(orig, "sqlstate"):  # psycopg
        state: str | None = getattr(orig, "sqlstate", None)
        return state is None or state[:2] in _PG_CLASSES or state in _PG_CODES
    return False
