from enum import StrEnum


class ReadinessChecksRedis(StrEnum):
    ERROR = "error"
    NOT_CONFIGURED = "not_configured"
    OK = "ok"

    def __str__(self) -> str:
        return str(self.value)
