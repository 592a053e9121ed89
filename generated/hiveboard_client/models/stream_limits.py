from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StreamLimits")


@_attrs_define
class StreamLimits:
    """
    Attributes:
        max_connections_per_key (int): Concurrent connections per API key; one more is refused.
        max_inbound_frame_bytes (int): Largest client frame accepted.
        messages_per_second (float): Sustained rate of client messages allowed.
        message_burst (int): Client messages allowed in a burst above the sustained rate.
        max_subscriptions (int): Subscriptions per connection.
        idle_timeout_seconds (int): A connection silent for this long is closed.
        ping_interval_seconds (int): The server pings this often.
        missed_pongs_before_close (int): Unanswered pings in a row before the server closes.
        send_queue_size (int): Frames buffered per connection; a client slower than that is disconnected.
    """

    max_connections_per_key: int
    max_inbound_frame_bytes: int
    messages_per_second: float
    message_burst: int
    max_subscriptions: int
    idle_timeout_seconds: int
    ping_interval_seconds: int
    missed_pongs_before_close: int
    send_queue_size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_connections_per_key = self.max_connections_per_key

        max_inbound_frame_bytes = self.max_inbound_frame_bytes

        messages_per_second = self.messages_per_second

        message_burst = self.message_burst

        max_subscriptions = self.max_subscriptions

        idle_timeout_seconds = self.idle_timeout_seconds

        ping_interval_seconds = self.ping_interval_seconds

        missed_pongs_before_close = self.missed_pongs_before_close

        send_queue_size = self.send_queue_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "max_connections_per_key": max_connections_per_key,
                "max_inbound_frame_bytes": max_inbound_frame_bytes,
                "messages_per_second": messages_per_second,
                "message_burst": message_burst,
                "max_subscriptions": max_subscriptions,
                "idle_timeout_seconds": idle_timeout_seconds,
                "ping_interval_seconds": ping_interval_seconds,
                "missed_pongs_before_close": missed_pongs_before_close,
                "send_queue_size": send_queue_size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        max_connections_per_key = d.pop("max_connections_per_key")

        max_inbound_frame_bytes = d.pop("max_inbound_frame_bytes")

        messages_per_second = d.pop("messages_per_second")

        message_burst = d.pop("message_burst")

        max_subscriptions = d.pop("max_subscriptions")

        idle_timeout_seconds = d.pop("idle_timeout_seconds")

        ping_interval_seconds = d.pop("ping_interval_seconds")

        missed_pongs_before_close = d.pop("missed_pongs_before_close")

        send_queue_size = d.pop("send_queue_size")

        stream_limits = cls(
            max_connections_per_key=max_connections_per_key,
            max_inbound_frame_bytes=max_inbound_frame_bytes,
            messages_per_second=messages_per_second,
            message_burst=message_burst,
            max_subscriptions=max_subscriptions,
            idle_timeout_seconds=idle_timeout_seconds,
            ping_interval_seconds=ping_interval_seconds,
            missed_pongs_before_close=missed_pongs_before_close,
            send_queue_size=send_queue_size,
        )

        stream_limits.additional_properties = d
        return stream_limits

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
