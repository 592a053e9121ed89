from enum import StrEnum


class GetMetricsMetric(StrEnum):
    COST = "cost"
    DURATION = "duration"
    TASKS = "tasks"
    TOKENS = "tokens"

    def __str__(self) -> str:
        return str(self.value)
