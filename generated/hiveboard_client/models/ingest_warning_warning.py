from enum import StrEnum


class IngestWarningWarning(StrEnum):
    PAYLOAD_CONVENTION = "payload_convention"
    PAYLOAD_SANITIZED = "payload_sanitized"
    TIMESTAMP_ASSUMED_UTC = "timestamp_assumed_utc"

    def __str__(self) -> str:
        return str(self.value)
