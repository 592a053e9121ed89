from enum import StrEnum


class AgentStatus(StrEnum):
    ERROR = "error"
    IDLE = "idle"
    PROCESSING = "processing"
    STUCK = "stuck"
    WAITING_APPROVAL = "waiting_approval"

    def __str__(self) -> str:
        return str(self.value)
