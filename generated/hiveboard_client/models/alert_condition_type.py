from enum import StrEnum


class AlertConditionType(StrEnum):
    AGENT_STUCK = "agent_stuck"
    COST_THRESHOLD = "cost_threshold"
    DURATION_EXCEEDED = "duration_exceeded"
    ERROR_RATE = "error_rate"
    HEARTBEAT_LOST = "heartbeat_lost"
    TASK_FAILED = "task_failed"

    def __str__(self) -> str:
        return str(self.value)
