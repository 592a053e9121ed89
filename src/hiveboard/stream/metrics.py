"""The stream's counters and gauge, rendered in the Prometheus text exposition format 0.0.4."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

_COUNTERS: dict[str, str] = {
    "frames_sent": "Frames written to stream clients.",
    "frames_received": "Frames received from stream clients.",
    "send_failures": "Frames that could not be written (client gone mid-send).",
    "connections_opened": "Stream connections accepted.",
    "connections_closed": "Stream connections ended, for any reason.",
    "backpressure_disconnects": "Slow consumers disconnected because their send queue was full.",
    "publish_failures": "Batches that could not be shared with other workers (Redis errors).",
}
_LABELLED: dict[str, tuple[str, str]] = {
    "frames_dropped": ("reason", "Frames dropped: inbound over the rate limit, outbound to a "
                                 "full send queue, or batches beyond the publish queue."),
    "errors_sent": ("code", "Error frames sent to clients, by machine code."),
    "closes": ("code", "Connections closed by the server, by close code."),
}


class StreamMetrics:
    """Plain in-process counters: each worker exports its own, the scraper sums them."""

    def __init__(self, connections: Callable[[], int]) -> None:
        self._counts: Counter[str] = Counter()
        self._labelled: dict[str, Counter[str]] = {name: Counter() for name in _LABELLED}
        self._connections = connections

    def inc(self, name: str, amount: int = 1) -> None:
        if name not in _COUNTERS:
            raise KeyError(name)
        self._counts[name] += amount

    def inc_labelled(self, name: str, label: str, amount: int = 1) -> None:
        self._labelled[name][label] += amount

    def value(self, name: str, label: str | None = None) -> int:
        if label is None:
            return self._counts[name]
        return self._labelled[name][label]

    def render(self) -> str:
        lines: list[str] = []
        for name, help_text in _COUNTERS.items():
            metric = f"hiveboard_stream_{name}_total"
            lines += [f"# HELP {metric} {help_text}", f"# TYPE {metric} counter",
                      f"{metric} {self._counts[name]}"]
        for name, (label, help_text) in _LABELLED.items():
            metric = f"hiveboard_stream_{name}_total"
            lines += [f"# HELP {metric} {help_text}", f"# TYPE {metric} counter"]
            lines += [f'{metric}{{{label}="{value}"}} {count}'
                      for value, count in sorted(self._labelled[name].items())]
        gauge = "hiveboard_stream_connections"
        lines += [f"# HELP {gauge} Open stream connections on this worker.",
                  f"# TYPE {gauge} gauge", f"{gauge} {self._connections()}"]
        return "\n".join(lines) + "\n"
