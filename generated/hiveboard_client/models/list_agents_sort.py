from enum import StrEnum


class ListAgentsSort(StrEnum):
    ATTENTION = "attention"
    LAST_SEEN = "last_seen"
    NAME = "name"

    def __str__(self) -> str:
        return str(self.value)
