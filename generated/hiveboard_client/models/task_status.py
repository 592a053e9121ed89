from enum import StrEnum


class TaskStatus(StrEnum):
    COMPLETED = "completed"
    ESCALATED = "escalated"
    FAILED = "failed"
    PROCESSING = "processing"
    STUCK = "stuck"
    WAITING = "waiting"

    def __str__(self) -> str:
        return str(self.value)
