from enum import StrEnum


class AlertWebhookPayloadEvent(StrEnum):
    ALERT_FIRED = "alert.fired"

    def __str__(self) -> str:
        return str(self.value)
