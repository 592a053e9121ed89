"""Tenants, their two workspaces, and API keys (only a SHA-256 hash is stored)."""

from __future__ import annotations

import hashlib
import secrets
import string
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, insert, select, update
from sqlalchemy.engine import Connection

from hiveboard.domain.audit import diff
from hiveboard.domain.principal import KeyKind, Principal
from hiveboard.store import audit
from hiveboard.store.projects import create_default_project
from hiveboard.store.tables import API_KEYS, TENANTS, WORKSPACES

_ALPHABET = string.ascii_letters + string.digits
KEY_RANDOM_CHARS = 32
PREFIX_CHARS = 12
KEY_AUDIT_FIELDS = ("kind", "label", "key_prefix")


@dataclass(frozen=True, slots=True)
class KeyInfo:
    key_id: str
    tenant_id: str
    tenant_name: str
    kind: str
    key_prefix: str
    label: str | None
    created_at: datetime
    revoked_at: datetime | None


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def new_key_text(kind: KeyKind) -> str:
    return f"hb_{kind}_" + "".join(secrets.choice(_ALPHABET) for _ in range(KEY_RANDOM_CHARS))


def ensure_tenant(conn: Connection, name: str, now: datetime) -> str:
    """Return the tenant's id, creating it with its workspaces and default projects."""
    existing = conn.execute(select(TENANTS.c.tenant_id).where(TENANTS.c.name == name)).scalar()
    if existing is not None:
        return str(existing)
    tenant_id = "ten_" + uuid.uuid4().hex[:16]
    conn.execute(insert(TENANTS).values(tenant_id=tenant_id, name=name, created_at=now,
                                          settings={}))
    for mode in ("live", "test"):
        ws = conn.execute(
            insert(WORKSPACES).values(tenant_id=tenant_id, mode=mode)
            .returning(WORKSPACES.c.workspace_id)
        ).scalar_one()
        create_default_project(conn, int(ws), now)
    return tenant_id


def workspace_for(conn: Connection, tenant_id: str, kind: KeyKind) -> int:
    mode = "test" if kind == "test" else "live"
    return int(conn.execute(
        select(WORKSPACES.c.workspace_id).where(
            WORKSPACES.c.tenant_id == tenant_id, WORKSPACES.c.mode == mode)
    ).scalar_one())


def create_key(
    conn: Connection, tenant_id: str, kind: KeyKind, label: str | None, now: datetime
) -> str:
    """Store a new key and return its plaintext: the only time it exists outside the caller."""
    plaintext = new_key_text(kind)
    conn.execute(insert(API_KEYS).values(
        key_id="key_" + uuid.uuid4().hex[:16], tenant_id=tenant_id, key_hash=hash_key(plaintext),
        key_prefix=plaintext[:PREFIX_CHARS], kind=kind, label=label, created_at=now,
    ))
    return plaintext


def authenticate(conn: Connection, plaintext: str) -> Principal | None:
    row = conn.execute(
        select(API_KEYS.c.key_id, API_KEYS.c.tenant_id, API_KEYS.c.kind, API_KEYS.c.key_prefix,
               WORKSPACES.c.workspace_id)
        .join(WORKSPACES, WORKSPACES.c.tenant_id == API_KEYS.c.tenant_id)
        .where(API_KEYS.c.key_hash == hash_key(plaintext), API_KEYS.c.revoked_at.is_(None),
               WORKSPACES.c.mode == _mode_sql(API_KEYS.c.kind))
    ).first()
    if row is None:
        return None
    return Principal(tenant_id=row.tenant_id, key_id=row.key_id, key_kind=row.kind,
                     key_prefix=row.key_prefix, workspace_id=int(row.workspace_id))


def _mode_sql(kind_column: Any) -> Any:
    return case((kind_column == "test", "test"), else_="live")


def list_keys(conn: Connection, tenant_name: str | None = None) -> list[KeyInfo]:
    query = (
        select(API_KEYS.c.key_id, API_KEYS.c.tenant_id, TENANTS.c.name, API_KEYS.c.kind,
               API_KEYS.c.key_prefix, API_KEYS.c.label, API_KEYS.c.created_at,
               API_KEYS.c.revoked_at)
        .join(TENANTS, TENANTS.c.tenant_id == API_KEYS.c.tenant_id)
        .order_by(API_KEYS.c.created_at, API_KEYS.c.key_id)
    )
    if tenant_name is not None:
        query = query.where(TENANTS.c.name == tenant_name)
    return [KeyInfo(*row) for row in conn.execute(query).tuples()]


def revoke_key(conn: Connection, key_id_or_prefix: str, now: datetime) -> int:
    """Revoke by key id or by the displayed prefix; returns how many keys were revoked."""
    result = conn.execute(
        update(API_KEYS)
        .where((API_KEYS.c.key_id == key_id_or_prefix)
               | (API_KEYS.c.key_prefix == key_id_or_prefix),
               API_KEYS.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount)


def tenant_settings(conn: Connection, tenant_id: str) -> dict[str, Any]:
    """The tenant's own overrides (``rate_limits``, …); empty when it has none."""
    found = conn.execute(
        select(TENANTS.c.settings).where(TENANTS.c.tenant_id == tenant_id)).scalar()
    return dict(found) if isinstance(found, dict) else {}


def active_keys_matching(conn: Connection, key_id_or_prefix: str) -> list[KeyInfo]:
    """The keys :func:`revoke_key` would revoke, read first so the revocation can be audited."""
    query = (
        select(API_KEYS.c.key_id, API_KEYS.c.tenant_id, TENANTS.c.name, API_KEYS.c.kind,
               API_KEYS.c.key_prefix, API_KEYS.c.label, API_KEYS.c.created_at,
               API_KEYS.c.revoked_at)
        .join(TENANTS, TENANTS.c.tenant_id == API_KEYS.c.tenant_id)
        .where((API_KEYS.c.key_id == key_id_or_prefix)
               | (API_KEYS.c.key_prefix == key_id_or_prefix),
               API_KEYS.c.revoked_at.is_(None))
        .order_by(API_KEYS.c.key_id)
    )
    return [KeyInfo(*row) for row in conn.execute(query).tuples()]


# -- the operator's key commands (CLI): one unit of work each, audited as the actor ``cli``

def operator_create_key(conn: Connection, tenant_name: str, kind: KeyKind, label: str | None,
                        now: datetime) -> str:
    """The tenant (created if new) and a new key, with the key's audit entry; the plaintext."""
    tenant_id = ensure_tenant(conn, tenant_name, now)
    plaintext = create_key(conn, tenant_id, kind, label, now)
    made = authenticate(conn, plaintext)
    assert made is not None
    audit.record(conn, audit.Actor.cli(tenant_id), "key.created", "api_key", made.key_id,
                 diff(None, {"kind": kind, "label": label, "key_prefix": made.key_prefix},
                      KEY_AUDIT_FIELDS), now)
    return plaintext


def operator_revoke_keys(conn: Connection, key_id_or_prefix: str, now: datetime) -> int:
    """Revoke as :func:`revoke_key` does, with one audit entry per revoked key."""
    found = active_keys_matching(conn, key_id_or_prefix)
    revoke_key(conn, key_id_or_prefix, now)
    for key in found:
        audit.record(conn, audit.Actor.cli(key.tenant_id), "key.revoked", "api_key",
                     key.key_id, {"state": {"old": "active", "new": "revoked"}}, now)
    return len(found)
