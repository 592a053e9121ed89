from enum import StrEnum


class CostTimeseriesInterval(StrEnum):
    VALUE_0 = "5m"
    VALUE_1 = "15m"
    VALUE_2 = "1h"
    VALUE_3 = "1d"

    def __str__(self) -> str:
        return str(self.value)
