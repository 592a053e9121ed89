from enum import StrEnum


class EmailActionType(StrEnum):
    EMAIL = "email"

    def __str__(self) -> str:
        return str(self.value)
