from enum import StrEnum


class ListLlmCallsSort(StrEnum):
    COST = "cost"
    NEWEST = "newest"
    OLDEST = "oldest"
    TOKENS = "tokens"

    def __str__(self) -> str:
        return str(self.value)
