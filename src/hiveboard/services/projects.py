"""Project management: CRUD, archival, memberships, each with its last-24-hour stats.

Projects are addressed by id or slug everywhere. Each operation is one unit of work; the
lookup, the change and the stats of the answer are read in the same transaction.
Every write that changes something is recorded in the audit log (``project.created`` …)
in its own transaction; idempotent calls that change nothing record nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypeVar

from hiveboard_contract.rest import (
    AgentsPage,
    Pagination,
    Project,
    ProjectAgent,
    ProjectAgentCreate,
    ProjectCreate,
    ProjectsPage,
    ProjectStats,
    ProjectUpdate,
)
from pydantic import BaseModel, ValidationError

from hiveboard.domain.audit import ALERT_RULE_FIELDS, alert_rule_snapshot, diff
from hiveboard.domain.principal import Principal
from hiveboard.errors import BadRequest, Conflict, NotFound
from hiveboard.services import agents
from hiveboard.services.container import Services
from hiveboard.services.pagination import decode_cursor, paginate
from hiveboard.store import agents as agent_store
from hiveboard.store import alert_queries, audit
from hiveboard.store import project_queries as queries
from hiveboard.store.database import Connection
from hiveboard.store.projects import find_project, new_project_id
from hiveboard.store.tables import ProjectAgentRow, ProjectRow
from hiveboard.store.types import to_millis

STATS_WINDOW = timedelta(hours=24)
LIST_SORT = "projects.name"
RULES_BATCH = 500
AUDITED_FIELDS = ("slug", "name", "description", "environment", "settings", "is_archived")
M = TypeVar("M", bound=BaseModel)


def _parse(model: type[M], body: dict[str, Any]) -> M:
    """The body was validated against the same schema by connexion; this only types it."""
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        errors = [{"field": ".".join(str(p) for p in e["loc"]) or "(body)", "location": "body",
                   "reason": e["msg"]} for e in exc.errors(include_url=False)]
        raise BadRequest(f"{errors[0]['field']}: {errors[0]['reason']}", code="invalid_body",
                         details={"errors": errors[:20]}) from None


def _project_not_found(ref: str) -> NotFound:
    return NotFound(f"No project with id or slug {ref!r} in this workspace.",
                    code="project_not_found")


def _require(conn: Connection, workspace_id: int, ref: str) -> ProjectRow:
    found = find_project(conn, workspace_id, ref)
    if found is None:
        raise _project_not_found(ref)
    return found


def _slug_conflict(conn: Connection, workspace_id: int, slug: str, own_id: str | None) -> None:
    """A slug may not equal another project's slug or id: either would make refs ambiguous."""
    holder = find_project(conn, workspace_id, slug)
    if holder is not None and holder.project_id != own_id:
        raise Conflict(f"The slug {slug!r} is already used by project {holder.project_id!r}.",
                       details={"field": "slug", "location": "body",
                                "reason": "already in use in this workspace"})


def _audited(row: ProjectRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in AUDITED_FIELDS}


def _view(row: ProjectRow, stats: queries.ProjectStats) -> Project:
    return Project(
        project_id=row.project_id, slug=row.slug, name=row.name, description=row.description,
        environment=row.environment, settings=row.settings or {}, is_archived=row.is_archived,
        is_default=row.is_default, created_at=row.created_at, updated_at=row.updated_at,
        stats=ProjectStats(agent_count=stats.agent_count, tasks_completed_24h=stats.tasks_completed,
                           tasks_failed_24h=stats.tasks_failed, cost_24h=stats.cost))


def _with_stats(conn: Connection, workspace_id: int, rows: list[ProjectRow],
                now: datetime) -> list[Project]:
    found = queries.stats(conn, workspace_id, [r.project_id for r in rows],
                          since=now - STATS_WINDOW, until=now)
    return [_view(r, found[r.project_id]) for r in rows]


def _reload(conn: Connection, workspace_id: int, project_id: str, now: datetime) -> Project:
    return _with_stats(conn, workspace_id, [queries.get(conn, workspace_id, project_id)], now)[0]


def _cursor_key(cursor: str | None) -> tuple[str, str] | None:
    key = decode_cursor(cursor, LIST_SORT, 2)
    if key is None:
        return None
    if not all(isinstance(k, str) for k in key):
        raise BadRequest("cursor is not valid for this query", details={
            "field": "cursor", "location": "query", "reason": "unrecognised cursor"})
    return key[0], key[1]


async def list_projects(ctx: Services, principal: Principal, *, include_archived: bool,
                        limit: int, cursor: str | None) -> ProjectsPage:
    """By name, then id (names repeat); the cursor carries both."""
    after = _cursor_key(cursor)
    now = ctx.clock()

    def unit(conn: Connection) -> tuple[list[Project], Pagination]:
        rows = queries.list_page(conn, principal.workspace_id, include_archived=include_archived,
                                 after=after, limit=limit + 1)
        page = paginate(rows, limit, LIST_SORT, lambda r: (r.name, r.project_id))
        return (_with_stats(conn, principal.workspace_id, page.items, now),
                Pagination(cursor=page.cursor, has_more=page.has_more))

    data, pagination = await ctx.db.read(unit)
    return ProjectsPage(data=data, pagination=pagination)


async def get_project(ctx: Services, principal: Principal, ref: str) -> Project:
    now = ctx.clock()

    def unit(conn: Connection) -> Project:
        found = _require(conn, principal.workspace_id, ref)
        return _with_stats(conn, principal.workspace_id, [found], now)[0]

    return await ctx.db.read(unit)


async def create_project(ctx: Services, principal: Principal, body: dict[str, Any]) -> Project:
    spec = _parse(ProjectCreate, body)
    now = ctx.clock()
    ws = principal.workspace_id

    def unit(conn: Connection) -> Project:
        _slug_conflict(conn, ws, spec.slug, None)
        project_id = new_project_id()
        values = {
            "workspace_id": ws, "project_id": project_id, "slug": spec.slug, "name": spec.name,
            "description": spec.description if "description" in spec.model_fields_set else None,
            "environment": spec.environment,
            "settings": spec.settings if "settings" in spec.model_fields_set else {},
            "is_archived": False, "is_default": False, "created_at": now, "updated_at": now}
        if not queries.insert(conn, values):
            # another request took the slug between our check and the insert
            _slug_conflict(conn, ws, spec.slug, None)
            raise Conflict("The project could not be created; retry.")
        audit.record(conn, audit.Actor.of(principal), "project.created", "project", project_id,
                     diff(None, values, AUDITED_FIELDS), now)
        return _reload(conn, ws, project_id, now)

    return await ctx.db.write(unit)


async def update_project(ctx: Services, principal: Principal, ref: str,
                         body: dict[str, Any]) -> Project:
    spec = _parse(ProjectUpdate, body)
    changes = {name: getattr(spec, name) for name in spec.model_fields_set}
    now = ctx.clock()
    ws = principal.workspace_id

    def unit(conn: Connection) -> Project:
        found = _require(conn, ws, ref)
        new_slug = changes.get("slug")
        if new_slug is not None and new_slug != found.slug:
            if found.is_default:
                # Ingest resolves `default` to this project; renaming it would make the next
                # slug-less `default` reference auto-create a second, non-default project.
                raise BadRequest("The default project's slug cannot be changed.",
                                 code="invalid_body", details={"errors": [{
                                     "field": "slug", "location": "body",
                                     "reason": "the default project keeps the slug 'default'"}]})
            _slug_conflict(conn, ws, new_slug, found.project_id)
        if not queries.update_fields(conn, ws, found.project_id, {**changes, "updated_at": now}):
            raise Conflict(f"The slug {new_slug!r} was just taken by another project.", details={
                "field": "slug", "location": "body", "reason": "already in use in this workspace"})
        before = _audited(found)
        changed = diff(before, {**before, **changes}, AUDITED_FIELDS)
        if changed:
            audit.record(conn, audit.Actor.of(principal), "project.updated", "project",
                         found.project_id, changed, now)
        return _reload(conn, ws, found.project_id, now)

    return await ctx.db.write(unit)


async def delete_project(ctx: Services, principal: Principal, ref: str) -> None:
    ws = principal.workspace_id

    def unit(conn: Connection) -> None:
        found = _require(conn, ws, ref)
        if found.is_default:
            raise BadRequest("The default project cannot be deleted.",
                             code="cannot_delete_default_project")
        doomed_rules = _rules_of(conn, ws, found.project_id)
        queries.delete_cascade(conn, ws, found.project_id)
        actor, now = audit.Actor.of(principal), ctx.clock()
        audit.record(conn, actor, "project.deleted", "project", found.project_id,
                     diff(_audited(found), None, AUDITED_FIELDS), now)
        for rule in doomed_rules:  # the cascade deletes the rules scoped to the project
            audit.record(conn, actor, "alert_rule.deleted", "alert_rule", rule["rule_id"],
                         diff(alert_rule_snapshot(rule), None, ALERT_RULE_FIELDS), now)

    await ctx.db.write(unit)


def _rules_of(conn: Connection, workspace_id: int, project_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    after: tuple[int, str] | None = None
    while True:
        page = alert_queries.rules_page(conn, workspace_id, project_id=project_id, after=after,
                                        limit=RULES_BATCH)
        found += [r for r in page if r["project_id"] == project_id]  # not the workspace-wide
        if len(page) < RULES_BATCH:
            return found
        after = (to_millis(page[-1]["created_at"]), page[-1]["rule_id"])


async def set_archived(ctx: Services, principal: Principal, ref: str, archived: bool) -> Project:
    """Idempotent both ways; ``updated_at`` moves only when the flag changes."""
    now = ctx.clock()
    ws = principal.workspace_id

    def unit(conn: Connection) -> Project:
        found = _require(conn, ws, ref)
        if archived and found.is_default:
            # Unassigned tasks land in the default project (audit W7): hiding it hides them.
            raise BadRequest("The default project cannot be archived.", details={
                "field": "project_id", "location": "path",
                "reason": "the default project receives unassigned tasks and stays visible"})
        if found.is_archived != archived:
            queries.update_fields(conn, ws, found.project_id,
                                  {"is_archived": archived, "updated_at": now})
            audit.record(conn, audit.Actor.of(principal),
                         "project.archived" if archived else "project.unarchived", "project",
                         found.project_id,
                         {"is_archived": {"old": found.is_archived, "new": archived}}, now)
        return _reload(conn, ws, found.project_id, now)

    return await ctx.db.write(unit)


def _membership_view(row: ProjectAgentRow) -> ProjectAgent:
    return ProjectAgent(project_id=row.project_id, agent_id=row.agent_id, added_at=row.added_at,
                        role=row.role)


MEMBERSHIP_FIELDS = ("project_id", "agent_id", "role")


def _membership_id(project_id: str, agent_id: str) -> str:
    return f"{project_id}/{agent_id}"


def _membership_fields(row: ProjectAgentRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in MEMBERSHIP_FIELDS}


def _agent_not_found(agent_id: str, detail: str = "in this workspace") -> NotFound:
    return NotFound(f"No agent with id {agent_id!r} {detail}.", code="agent_not_found")


async def add_agent(ctx: Services, principal: Principal, ref: str,
                    body: dict[str, Any]) -> tuple[ProjectAgent, bool]:
    """The membership and whether it is new (201) rather than already there (200)."""
    agent_id = _parse(ProjectAgentCreate, body).agent_id
    now = ctx.clock()
    ws = principal.workspace_id

    def unit(conn: Connection) -> tuple[ProjectAgent, bool]:
        project = _require(conn, ws, ref)
        if not agent_store.exists(conn, ws, agent_id):
            raise _agent_not_found(agent_id)
        row, created = queries.add_membership(conn, ws, project.project_id, agent_id, now)
        if created:
            audit.record(conn, audit.Actor.of(principal), "project_agent.added",
                         "project_agent", _membership_id(row.project_id, row.agent_id),
                         diff(None, _membership_fields(row), MEMBERSHIP_FIELDS), now)
        return _membership_view(row), created

    return await ctx.db.write(unit)


async def remove_agent(ctx: Services, principal: Principal, ref: str, agent_id: str) -> None:
    ws = principal.workspace_id

    def unit(conn: Connection) -> None:
        project = _require(conn, ws, ref)
        row = queries.membership(conn, ws, project.project_id, agent_id)
        if row is None or not queries.remove_membership(conn, ws, project.project_id, agent_id):
            raise _agent_not_found(agent_id, f"in project {project.slug!r}")
        audit.record(conn, audit.Actor.of(principal), "project_agent.removed", "project_agent",
                     _membership_id(row.project_id, row.agent_id),
                     diff(_membership_fields(row), None, MEMBERSHIP_FIELDS), ctx.clock())

    await ctx.db.write(unit)


async def list_members(ctx: Services, principal: Principal, ref: str, *, limit: int,
                       cursor: str | None) -> AgentsPage:
    """``GET /v1/agents?project_id=…&sort=attention``, but 404 for an unknown project where
    the filter would give an empty page."""
    found = await ctx.db.read(find_project, principal.workspace_id, ref)
    if found is None:
        raise _project_not_found(ref)
    return await agents.list_agents(ctx, principal, project_id=found.project_id,
                                    sort="attention", limit=limit, cursor=cursor)

