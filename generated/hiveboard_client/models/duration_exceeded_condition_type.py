from enum import StrEnum


class DurationExceededConditionType(StrEnum):
    DURATION_EXCEEDED = "duration_exceeded"

    def __str__(self) -> str:
        return str(self.value)
