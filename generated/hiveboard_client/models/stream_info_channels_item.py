from enum import StrEnum


class StreamInfoChannelsItem(StrEnum):
    AGENTS = "agents"
    EVENTS = "events"

    def __str__(self) -> str:
        return str(self.value)
