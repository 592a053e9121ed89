from enum import StrEnum


class EventType(StrEnum):
    ACTION_COMPLETED = "action_completed"
    ACTION_FAILED = "action_failed"
    ACTION_STARTED = "action_started"
    AGENT_REGISTERED = "agent_registered"
    APPROVAL_RECEIVED = "approval_received"
    APPROVAL_REQUESTED = "approval_requested"
    CUSTOM = "custom"
    ESCALATED = "escalated"
    HEARTBEAT = "heartbeat"
    RETRY_STARTED = "retry_started"
    TASK_COMPLETED = "task_completed"
    TASK_FAILED = "task_failed"
    TASK_STARTED = "task_started"

    def __str__(self) -> str:
        return str(self.value)
