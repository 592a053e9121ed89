from enum import StrEnum


class HeartbeatLostConditionType(StrEnum):
    HEARTBEAT_LOST = "heartbeat_lost"

    def __str__(self) -> str:
        return str(self.value)
