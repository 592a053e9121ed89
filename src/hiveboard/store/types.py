"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, literal_column, type_coerce
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator

from hiveboard.domain.llm_usage import HOUR_MS

# SQLite only aliases rowid for a column declared exactly INTEGER PRIMARY KEY.
BigIntPK = BigInteger().with_variant(Integer(), "sqlite")

# JSONB indexes and operators on PostgreSQL, plain JSON text on SQLite.
JsonDoc = JSON().with_variant(JSONB(), "postgresql")


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)


def to_millis(value: datetime) -> int:
    # Timedelta arithmetic is exact for every year the API accepts; ``timestamp() * 1000``
    # is a float and stored some instants after year ~4000 one millisecond early.
    if value.tzinfo is None:
        raise ValueError("naive datetimes are not stored: attach UTC first")
    return (value - _EPOCH) // _MILLISECOND


def from_millis(value: int) -> datetime:
    return _EPOCH + timedelta(milliseconds=value)


class EpochMillis(TypeDecorator[datetime]):
    """An aware UTC datetime stored as integer epoch milliseconds.

    Integers sort, bucket (``ts / interval * interval``) and compare identically on both
    databases, and SQLite has no native timestamp type to drift on.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, int):
            return value
        return to_millis(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return from_millis(int(value))


def hour_start(column: Any) -> ColumnElement[int]:
    """Epoch-ms hour start of an epoch-ms column, flooring before 1970 as the domain does."""
    ts = type_coerce(column, BigInteger)
    hour = literal_column(str(HOUR_MS), BigInteger)
    return ts - ((ts % hour) + hour) % hour
