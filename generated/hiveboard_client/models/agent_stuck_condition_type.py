from enum import StrEnum


class AgentStuckConditionType(StrEnum):
    AGENT_STUCK = "agent_stuck"

    def __str__(self) -> str:
        return str(self.value)
