from enum import StrEnum


class CostThresholdConditionScope(StrEnum):
    AGENT = "agent"
    PROJECT = "project"
    TENANT = "tenant"

    def __str__(self) -> str:
        return str(self.value)
