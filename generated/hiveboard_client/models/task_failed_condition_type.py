from enum import StrEnum


class TaskFailedConditionType(StrEnum):
    TASK_FAILED = "task_failed"

    def __str__(self) -> str:
        return str(self.value)
