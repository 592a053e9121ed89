from enum import StrEnum


class CostThresholdConditionType(StrEnum):
    COST_THRESHOLD = "cost_threshold"

    def __str__(self) -> str:
        return str(self.value)
