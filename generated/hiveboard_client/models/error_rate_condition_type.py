from enum import StrEnum


class ErrorRateConditionType(StrEnum):
    ERROR_RATE = "error_rate"

    def __str__(self) -> str:
        return str(self.value)
