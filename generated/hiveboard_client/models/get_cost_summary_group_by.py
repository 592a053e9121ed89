from enum import StrEnum


class GetCostSummaryGroupBy(StrEnum):
    AGENT = "agent"
    AGENT_MODEL = "agent_model"
    MODEL = "model"

    def __str__(self) -> str:
        return str(self.value)
