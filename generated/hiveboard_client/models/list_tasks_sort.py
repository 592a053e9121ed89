from enum import StrEnum


class ListTasksSort(StrEnum):
    COST = "cost"
    DURATION = "duration"
    NEWEST = "newest"
    OLDEST = "oldest"

    def __str__(self) -> str:
        return str(self.value)
