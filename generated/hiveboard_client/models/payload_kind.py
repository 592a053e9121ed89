from enum import StrEnum


class PayloadKind(StrEnum):
    ISSUE = "issue"
    LLM_CALL = "llm_call"
    PLAN_CREATED = "plan_created"
    PLAN_STEP = "plan_step"
    QUEUE_SNAPSHOT = "queue_snapshot"
    REFLECTION = "reflection"
    SCHEDULED = "scheduled"
    TODO = "todo"

    def __str__(self) -> str:
        return str(self.value)
