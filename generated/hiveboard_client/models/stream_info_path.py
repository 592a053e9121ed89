from enum import StrEnum


class StreamInfoPath(StrEnum):
    VALUE_0 = "/v1/stream"

    def __str__(self) -> str:
        return str(self.value)
