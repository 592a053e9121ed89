"""Runtime configuration: one class, read from the environment with the ``HIVEBOARD_`` prefix."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
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

    # -- the HTTP edge: rate limits, CORS, logs
    rate_limit_ingest_per_second: int = Field(default=100, ge=1)
    """Requests per second per API key on ``POST /v1/ingest`` (a moving one-second window).
    A tenant may get its own: ``tenants.settings`` ``{"rate_limits": {"ingest": 200}}``."""

    rate_limit_query_per_second: int = Field(default=30, ge=1)
    """Requests per second per API key on every other ``/v1`` endpoint; per tenant:
    ``{"rate_limits": {"query": 60}}``. Held in Redis when ``redis_url`` is set, so the limit
    holds across workers; in each process otherwise."""

    rate_limit_public_per_second: int = Field(default=50, ge=1)
    """Requests per second per client address on ``/health``, ``/health/ready`` and
    ``/metrics`` (no key there). Probes and scrapers stay far below it."""

    cors_allowed_origins: list[str] = Field(default_factory=list)
    """Browser origins allowed to call the API (``https://dash.example.com``; ``*`` for any).
    Empty: no CORS headers, browsers on other origins are refused."""

    cors_max_age_seconds: int = Field(default=600, ge=0)
    """How long browsers may cache a CORS preflight answer."""

    log_level: str = "info"
    """Level of HiveBoard's own loggers when the server configures logging."""

    log_format: Literal["json", "text"] = "json"
    """``json``: one JSON object per line (one per request from ``hiveboard.access``), for log
    shippers; ``text`` for reading in a terminal."""

    # -- live stream (GET /v1/stream); the limits are announced to clients in `connected`
    redis_prefix: str = "hiveboard"
    """Prefix of every Redis key and channel, so several deployments can share one Redis."""

    stream_allowed_origins: list[str] = Field(default_factory=list)
    """Browser origins (``https://dash.example.com``) allowed to open the stream; ``*`` allows
    any (environment: a JSON list). Clients that send no Origin (non-browser) and same-origin
    pages are always allowed; any other origin is closed with 4403."""

    stream_max_connections_per_key: int = Field(default=5, ge=1)
    """Open stream connections per API key, across all workers when Redis is configured."""

    stream_max_inbound_frame_bytes: int = Field(default=65_536, ge=256)
    """Largest client frame; a larger one gets ``frame_too_large`` and close 1009."""

    stream_messages_per_second: int = Field(default=20, ge=1)
    """Client frames per second per connection (token-bucket refill rate)."""

    stream_message_burst: int = Field(default=40, ge=1)
    """Client frames allowed in a burst (token-bucket size)."""

    stream_rate_limit_cooldown_seconds: float = Field(default=5.0, ge=0)
    """After one ``rate_limited`` error, over-limit frames are dropped silently this long."""

    stream_max_subscriptions: int = Field(default=10, ge=1)
    """Channel subscriptions one connection may hold."""

    stream_idle_timeout_seconds: int = Field(default=600, ge=1)
    """Close a connection that sent nothing (no frame, no pong) for this long (code 4008)."""

    stream_ping_interval_seconds: int = Field(default=30, ge=1)
    """Interval of the server's WebSocket ping control frames."""

    stream_missed_pongs_before_close: int = Field(default=3, ge=1)
    """Unanswered pings in a row before the server closes with 4008."""

    stream_send_queue_size: int = Field(default=1000, ge=1)
    """Frames buffered per connection; a client that falls this far behind is a slow consumer
    and is closed with 1013, so it never slows ingest or other clients."""

    stream_key_recheck_seconds: float = Field(default=5.0, gt=0)
    """How often open connections' keys are re-checked; revoked keys are closed with 4009."""

    stream_close_timeout_seconds: float = Field(default=5.0, gt=0)
    """How long a closing handshake (notice + close frame) may take before the socket is cut."""

    stream_publish_queue_batches: int = Field(default=1000, ge=1)
    """Committed ingest batches waiting to be published; beyond it batches are not streamed
    (counted as dropped) rather than slowing ingest."""

    sweeper_interval_seconds: float = Field(default=0.5, gt=0)
    """Period of the sweeper that announces time-driven agent status changes (going stuck);
    one worker of the cluster runs it (PostgreSQL advisory lock or Redis lease)."""

    # -- alerting: evaluation, webhook and email delivery
    alert_evaluation_interval_seconds: float = Field(default=5.0, gt=0)
    """Period of the time-driven alert pass (stuck agents, lost heartbeats, overdue tasks,
    expiring windows); one worker of the cluster runs it (a lease row in the database)."""

    alert_ingest_debounce_seconds: float = Field(default=1.0, ge=0)
    """Event-driven rules of a workspace are evaluated at most this often: batches committed
    meanwhile are folded into one pass, so rule evaluation never keeps pace with ingest."""

    alert_delivery_poll_seconds: float = Field(default=2.0, gt=0)
    """How often a worker looks for due deliveries (it is also woken by its own firings)."""

    alert_delivery_lease_seconds: float = Field(default=60.0, gt=0)
    """A claimed delivery belongs to its worker this long; a crashed worker's claims are taken
    over afterwards. Keep it well above the webhook and SMTP timeouts."""

    alert_max_attempts: int = Field(default=5, ge=1, le=50)
    """Attempts per delivery before it is recorded as failed."""

    alert_retry_base_seconds: float = Field(default=10.0, gt=0)
    """Backoff before the second attempt; it doubles after each failure."""

    alert_retry_max_seconds: float = Field(default=900.0, gt=0)
    """Longest wait between two attempts."""

    alert_webhook_timeout_seconds: float = Field(default=10.0, gt=0)
    """Time a webhook receiver has to answer 2xx."""

    alert_webhook_allowlist: list[str] = Field(default_factory=list)
    """Webhook destinations allowed in production although private: networks (``10.1.0.0/16``),
    addresses or host names. Production refuses loopback, private, link-local and cloud
    metadata destinations otherwise; development allows them."""

    smtp_host: str | None = None
    """SMTP relay for email actions; without it email deliveries fail with a clear error."""

    smtp_port: int = Field(default=587, ge=1, le=65535)
    """SMTP port (587 is submission with STARTTLS)."""

    smtp_starttls: bool = True
    """Upgrade the SMTP connection with STARTTLS before authenticating (refuse to go on if the
    server does not offer it)."""

    smtp_ca_file: str | None = None
    """CA bundle to verify the SMTP server's certificate with, instead of the system's."""

    smtp_username: str | None = None
    """SMTP login; no login when unset."""

    smtp_password: SecretStr | None = None
    """SMTP password."""

    smtp_from: str = "HiveBoard <alerts@localhost>"
    """Sender of alert emails."""

    smtp_timeout_seconds: float = Field(default=10.0, gt=0)
    """Time an SMTP exchange may take."""

    # -- retention: old events are deleted, old heartbeats compacted
    retention_days: int = Field(default=30, ge=1, le=36_500)
    """Days of events kept (the reference's ``pro`` plan; ``free`` is 7, ``enterprise`` 90).
    A tenant may get its own: ``tenants.settings`` ``{"retention_days": 7}``. Task rollups,
    agents without events and alert history follow the events."""

    retention_compaction_hours: int = Field(default=24, ge=1)
    """Heartbeats older than this (rounded down to the hour) are compacted to one per agent
    and hour: the most recent that carries a payload, else the most recent."""

    retention_interval_seconds: float = Field(default=3600.0, gt=0)
    """Period of the background retention pass; one worker of the cluster runs it (a lease row
    in the database). The first pass comes five minutes after start-up at most."""

    retention_job_enabled: bool = True
    """Run the background pass; off when ``hiveboard retention run`` is scheduled instead."""

    retention_batch_rows: int = Field(default=1000, ge=10, le=100_000)
    """Rows deleted per transaction: a large purge is many short transactions, so ingest
    never waits long for the write lock."""
