"""Projects of a workspace: lookup by id or slug, the default project, auto-creation on ingest."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, or_, select
from sqlalchemy.engine import Connection

from hiveboard.store.dialect import built_once, insert_ignoring_conflicts
from hiveboard.store.tables import PROJECTS, ProjectRow

DEFAULT_PROJECT_ID = "proj_default"


def new_project_id() -> str:
    return "proj_" + uuid.uuid4().hex[:16]


def create_default_project(conn: Connection, workspace_id: int, now: datetime) -> None:
    conn.execute(PROJECTS.insert().values(
        workspace_id=workspace_id, project_id=DEFAULT_PROJECT_ID, slug="default", name="Default",
        description="Default project for unassigned tasks", environment="production",
        settings={}, is_archived=False, is_default=True, created_at=now, updated_at=now,
    ))


def find_project(conn: Connection, workspace_id: int, ref: str) -> ProjectRow | None:
    """A project by its id or its slug (ids win: they are never reused as slugs)."""
    rows = conn.execute(
        select(PROJECTS).where(
            PROJECTS.c.workspace_id == workspace_id,
            or_(PROJECTS.c.project_id == ref, PROJECTS.c.slug == ref),
        )
    ).all()
    if not rows:
        return None
    best = min(rows, key=lambda r: r.project_id != ref)
    return ProjectRow.model_validate(best._mapping)


def _display_name(slug: str) -> str:
    words = re.split(r"[-_\s]+", slug.strip())
    return " ".join(w.capitalize() for w in words if w) or slug


def resolve_refs(
    conn: Connection, workspace_id: int, refs: Iterable[str], *, auto_create: bool, now: datetime
) -> dict[str, str]:
    """Map project references (id or slug) to project ids; unknown slugs are created if allowed.

    Concurrent batches may create the same slug: the insert ignores conflicts and re-reads.
    """
    wanted = set(refs)
    if not wanted:
        return {}
    found = _lookup(conn, workspace_id, wanted)
    missing = wanted - found.keys()
    if missing and auto_create:
        conn.execute(
            insert_ignoring_conflicts(conn, PROJECTS),
            [
                {"workspace_id": workspace_id, "project_id": new_project_id(), "slug": ref,
                 "name": _display_name(ref)[:256], "description": None,
                 "environment": "production", "settings": {}, "is_archived": False,
                 "is_default": False, "created_at": now, "updated_at": now}
                for ref in sorted(missing)
            ],
        )
        found.update(_lookup(conn, workspace_id, missing))
    return found


def _select_refs(dialect: str) -> Any:
    refs: Any = bindparam("b_refs", expanding=True)
    return select(PROJECTS.c.project_id, PROJECTS.c.slug).where(
        PROJECTS.c.workspace_id == bindparam("b_ws"),
        or_(PROJECTS.c.project_id.in_(refs), PROJECTS.c.slug.in_(refs)))


def _lookup(conn: Connection, workspace_id: int, refs: set[str]) -> dict[str, str]:
    rows = conn.execute(built_once(conn, _select_refs),
                        {"b_ws": workspace_id, "b_refs": sorted(refs)}).all()
    out: dict[str, str] = {}
    for project_id, slug in rows:
        if slug in refs:
            out.setdefault(slug, project_id)
        if project_id in refs:
            out[project_id] = project_id
    return out
