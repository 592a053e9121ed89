from enum import StrEnum


class AgentMetricsTimeseriesInterval(StrEnum):
    VALUE_0 = "1m"
    VALUE_1 = "5m"
    VALUE_2 = "15m"
    VALUE_3 = "1h"
    VALUE_4 = "6h"
    VALUE_5 = "1d"

    def __str__(self) -> str:
        return str(self.value)
