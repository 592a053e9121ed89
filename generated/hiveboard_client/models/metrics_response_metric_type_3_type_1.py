from enum import StrEnum


class MetricsResponseMetricType3Type1(StrEnum):
    COST = "cost"
    DURATION = "duration"
    TASKS = "tasks"
    TOKENS = "tokens"

    def __str__(self) -> str:
        return str(self.value)
