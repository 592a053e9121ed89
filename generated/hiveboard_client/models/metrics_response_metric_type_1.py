from enum import StrEnum


class MetricsResponseMetricType1(StrEnum):
    COST = "cost"
    DURATION = "duration"
    TASKS = "tasks"
    TOKENS = "tokens"

    def __str__(self) -> str:
        return str(self.value)
