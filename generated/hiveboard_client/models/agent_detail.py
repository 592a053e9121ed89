from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_status import AgentStatus

if TYPE_CHECKING:
    from ..models.agent_metrics_timeseries import AgentMetricsTimeseries
    from ..models.agent_stats_1h import AgentStats1H
    from ..models.agent_stats_24h import AgentStats24H
    from ..models.heartbeat_entry import HeartbeatEntry


T = TypeVar("T", bound="AgentDetail")


@_attrs_define
class AgentDetail:
    """An agent with extended stats, its metrics time series and recent rich heartbeats.

    Attributes:
        agent_id (str):
        agent_type (str): Classification from the latest envelope; `general` when never given.
        agent_version (None | str):
        framework (None | str):
        runtime (None | str):
        environment (str): Environment from the latest envelope.
        group (str): Group from the latest envelope.
        status (AgentStatus): Derived agent status, first match wins: `stuck` (no heartbeat or registration within
            the stuck threshold), `error` (latest status-bearing event is `task_failed` or
            `action_failed`), `waiting_approval` (`approval_requested`), `processing`
            (`task_started` or `action_started`), else `idle`.
        derived_status (AgentStatus): Derived agent status, first match wins: `stuck` (no heartbeat or registration
            within
            the stuck threshold), `error` (latest status-bearing event is `task_failed` or
            `action_failed`), `waiting_approval` (`approval_requested`), `processing`
            (`task_started` or `action_started`), else `idle`.
        current_task_id (None | str): The open task, if the agent is working on one.
        current_project_id (None | str): Project id of the current or most recent task.
        last_heartbeat (datetime.datetime | None): Timestamp of the latest heartbeat; null when none was ever received.
        heartbeat_age_seconds (float | None): Seconds since `last_heartbeat`; null when none was ever received.
        is_stuck (bool): True when `status` is `stuck`.
        stuck_threshold_seconds (int): Silence after which the agent counts as stuck: from the agent's registration
            (`payload.data.stuck_threshold`), else 300. The clock starts at the latest
            heartbeat or registration, so a newly registered agent is not stuck before its
            first heartbeat is due.
        first_seen (datetime.datetime):
        last_seen (datetime.datetime): Timestamp of the agent's most recent event.
        projects (list[str]): Ids of the projects the agent belongs to.
        queue_depth (int | None): Depth from the latest `queue_snapshot`; null when none was sent.
        issue_count (int): Number of active (reported, not resolved or dismissed) issues, over the last 7 days of
            `issue` events, as in the pipeline's `issues.active_count`.
        stats_1h (AgentStats1H): The agent's last hour (only the filtered project's work when `project_id` is given).
        sparkline_1h (list[int]): Tasks finished (completed + failed) in each five-minute bucket of the last hour,
            oldest first.
        stats_24h (AgentStats24H): The agent's stats over `metrics_range` (24 hours by default).
        metrics_timeseries (AgentMetricsTimeseries):
        heartbeat_history (list[HeartbeatEntry]): Heartbeats that carried a payload in the last 24 hours, the latest of
            each clock hour (UTC), newest first (at most 24).
    """

    agent_id: str
    agent_type: str
    agent_version: None | str
    framework: None | str
    runtime: None | str
    environment: str
    group: str
    status: AgentStatus
    derived_status: AgentStatus
    current_task_id: None | str
    current_project_id: None | str
    last_heartbeat: datetime.datetime | None
    heartbeat_age_seconds: float | None
    is_stuck: bool
    stuck_threshold_seconds: int
    first_seen: datetime.datetime
    last_seen: datetime.datetime
    projects: list[str]
    queue_depth: int | None
    issue_count: int
    stats_1h: AgentStats1H
    sparkline_1h: list[int]
    stats_24h: AgentStats24H
    metrics_timeseries: AgentMetricsTimeseries
    heartbeat_history: list[HeartbeatEntry]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        agent_type = self.agent_type

        agent_version: None | str
        agent_version = self.agent_version

        framework: None | str
        framework = self.framework

        runtime: None | str
        runtime = self.runtime

        environment = self.environment

        group = self.group

        status = self.status.value

        derived_status = self.derived_status.value

        current_task_id: None | str
        current_task_id = self.current_task_id

        current_project_id: None | str
        current_project_id = self.current_project_id

        last_heartbeat: None | str
        if isinstance(self.last_heartbeat, datetime.datetime):
            last_heartbeat = self.last_heartbeat.isoformat()
        else:
            last_heartbeat = self.last_heartbeat

        heartbeat_age_seconds: float | None
        heartbeat_age_seconds = self.heartbeat_age_seconds

        is_stuck = self.is_stuck

        stuck_threshold_seconds = self.stuck_threshold_seconds

        first_seen = self.first_seen.isoformat()

        last_seen = self.last_seen.isoformat()

        projects = self.projects

        queue_depth: int | None
        queue_depth = self.queue_depth

        issue_count = self.issue_count

        stats_1h = self.stats_1h.to_dict()

        sparkline_1h = self.sparkline_1h

        stats_24h = self.stats_24h.to_dict()

        metrics_timeseries = self.metrics_timeseries.to_dict()

        heartbeat_history = []
        for heartbeat_history_item_data in self.heartbeat_history:
            heartbeat_history_item = heartbeat_history_item_data.to_dict()
            heartbeat_history.append(heartbeat_history_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "agent_type": agent_type,
                "agent_version": agent_version,
                "framework": framework,
                "runtime": runtime,
                "environment": environment,
                "group": group,
                "status": status,
                "derived_status": derived_status,
                "current_task_id": current_task_id,
                "current_project_id": current_project_id,
                "last_heartbeat": last_heartbeat,
                "heartbeat_age_seconds": heartbeat_age_seconds,
                "is_stuck": is_stuck,
                "stuck_threshold_seconds": stuck_threshold_seconds,
                "first_seen": first_seen,
                "last_seen": last_seen,
                "projects": projects,
                "queue_depth": queue_depth,
                "issue_count": issue_count,
                "stats_1h": stats_1h,
                "sparkline_1h": sparkline_1h,
                "stats_24h": stats_24h,
                "metrics_timeseries": metrics_timeseries,
                "heartbeat_history": heartbeat_history,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_metrics_timeseries import AgentMetricsTimeseries
        from ..models.agent_stats_1h import AgentStats1H
        from ..models.agent_stats_24h import AgentStats24H
        from ..models.heartbeat_entry import HeartbeatEntry

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        agent_type = d.pop("agent_type")

        def _parse_agent_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agent_version = _parse_agent_version(d.pop("agent_version"))

        def _parse_framework(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        framework = _parse_framework(d.pop("framework"))

        def _parse_runtime(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        runtime = _parse_runtime(d.pop("runtime"))

        environment = d.pop("environment")

        group = d.pop("group")

        status = AgentStatus(d.pop("status"))

        derived_status = AgentStatus(d.pop("derived_status"))

        def _parse_current_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        current_task_id = _parse_current_task_id(d.pop("current_task_id"))

        def _parse_current_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        current_project_id = _parse_current_project_id(d.pop("current_project_id"))

        def _parse_last_heartbeat(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_heartbeat_type_0 = datetime.datetime.fromisoformat(data)

                return last_heartbeat_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_heartbeat = _parse_last_heartbeat(d.pop("last_heartbeat"))

        def _parse_heartbeat_age_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        heartbeat_age_seconds = _parse_heartbeat_age_seconds(
            d.pop("heartbeat_age_seconds")
        )

        is_stuck = d.pop("is_stuck")

        stuck_threshold_seconds = d.pop("stuck_threshold_seconds")

        first_seen = datetime.datetime.fromisoformat(d.pop("first_seen"))

        last_seen = datetime.datetime.fromisoformat(d.pop("last_seen"))

        projects = cast(list[str], d.pop("projects"))

        def _parse_queue_depth(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        queue_depth = _parse_queue_depth(d.pop("queue_depth"))

        issue_count = d.pop("issue_count")

        stats_1h = AgentStats1H.from_dict(d.pop("stats_1h"))

        sparkline_1h = cast(list[int], d.pop("sparkline_1h"))

        stats_24h = AgentStats24H.from_dict(d.pop("stats_24h"))

        metrics_timeseries = AgentMetricsTimeseries.from_dict(
            d.pop("metrics_timeseries")
        )

        heartbeat_history = []
        _heartbeat_history = d.pop("heartbeat_history")
        for heartbeat_history_item_data in _heartbeat_history:
            heartbeat_history_item = HeartbeatEntry.from_dict(
                heartbeat_history_item_data
            )

            heartbeat_history.append(heartbeat_history_item)

        agent_detail = cls(
            agent_id=agent_id,
            agent_type=agent_type,
            agent_version=agent_version,
            framework=framework,
            runtime=runtime,
            environment=environment,
            group=group,
            status=status,
            derived_status=derived_status,
            current_task_id=current_task_id,
            current_project_id=current_project_id,
            last_heartbeat=last_heartbeat,
            heartbeat_age_seconds=heartbeat_age_seconds,
            is_stuck=is_stuck,
            stuck_threshold_seconds=stuck_threshold_seconds,
            first_seen=first_seen,
            last_seen=last_seen,
            projects=projects,
            queue_depth=queue_depth,
            issue_count=issue_count,
            stats_1h=stats_1h,
            sparkline_1h=sparkline_1h,
            stats_24h=stats_24h,
            metrics_timeseries=metrics_timeseries,
            heartbeat_history=heartbeat_history,
        )

        agent_detail.additional_properties = d
        return agent_detail

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
