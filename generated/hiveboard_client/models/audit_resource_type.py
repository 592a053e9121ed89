from enum import StrEnum


class AuditResourceType(StrEnum):
    ALERT_RULE = "alert_rule"
    API_KEY = "api_key"
    PROJECT = "project"
    PROJECT_AGENT = "project_agent"

    def __str__(self) -> str:
        return str(self.value)
