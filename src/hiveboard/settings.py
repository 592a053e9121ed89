"""Runtime configuration: one class, read from the environment with the ``HIVEBOARD_`` prefix."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SQLITE_PATH = Path("hiveboard.db")


class Settings(BaseSettings):
    """Every knob of a HiveBoard process. Field docstrings are the operator documentation."""

    model_config = SettingsConfigDict(env_prefix="HIVEBOARD_", extra="ignore")

    database_url: str = f"sqlite:///{DEFAULT_SQLITE_PATH}"
    """SQLAlchemy URL. SQLite file by default; ``postgresql+psycopg://…`` for production."""

    redis_url: str | None = None
    """Redis for state shared by several worker processes (stream fan-out, rate limits)."""

    mode: Literal["development", "production"] = "development"
    """Production refuses development secrets and private webhook targets."""

    auto_migrate: bool = True
    """Run database migrations on start-up, so a fresh SQLite file just works."""

    auto_create_projects: bool = True
    """Create a project for an unknown slug on ingest (hiveloop sends raw slugs)."""

    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    """Largest accepted request body; larger bodies get 413 without being read whole."""

    max_batch_events: int = Field(default=500, ge=1, le=10_000)
    """Most events in one ingest batch."""

    max_payload_bytes: int = Field(default=32_768, ge=256)
    """Largest serialised ``payload`` of one event."""

    default_stuck_threshold_seconds: int = Field(default=300, ge=1)
    """Stuck threshold for agents that did not register their own."""

    validate_responses: bool = False
    """Check every response against the spec (on in tests; costs time in production)."""

    sqlite_cache_mb: int = Field(default=256, ge=2)
    """SQLite page cache; the dedup index must stay in memory for ingest to stay fast."""

    docs_path: str = "/docs"
    """Where the interactive API reference is served."""
