"""The production destination policy for webhooks, address by address."""

from __future__ import annotations

import pytest

from hiveboard.domain.webhook_targets import AllowList, parse_address, refusal

NONE = AllowList()


@pytest.mark.parametrize(("address", "why"), [
    ("93.184.216.34", None),
    ("2606:2800:220:1:248:1893:25c8:1946", None),
    ("127.0.0.1", "a loopback address"),
    ("::1", "a loopback address"),
    ("10.0.0.1", "a private address"),
    ("172.16.0.1", "a private address"),
    ("192.168.1.1", "a private address"),
    ("fd12::1", "a private address"),
    ("169.254.169.254", "a cloud metadata address"),
    ("fd00:ec2::254", "a cloud metadata address"),
    ("169.254.1.1", "a link-local address"),
    ("fe80::1", "a link-local address"),
    ("::ffff:127.0.0.1", "a loopback address"),
    ("::ffff:10.0.0.1", "a private address"),
    ("0.0.0.0", "a private address"),
    ("100.64.0.1", "not a public unicast address"),
    ("224.0.0.1", "not a public unicast address"),
])
def test_refusal(address: str, why: str | None):
    parsed = parse_address(address)
    assert parsed is not None
    assert refusal(parsed, NONE) == why


def test_allow_list_networks_addresses_and_hosts():
    allow = AllowList.parse(["10.1.0.0/16", "127.0.0.1", "Hooks.Internal.", " "])
    assert refusal(parse_address("10.1.2.3"), allow) is None  # type: ignore[arg-type]
    assert refusal(parse_address("10.2.0.1"), allow) == "a private address"  # type: ignore[arg-type]
    assert refusal(parse_address("127.0.0.1"), allow) is None  # type: ignore[arg-type]
    assert allow.permits_host("hooks.internal") and not allow.permits_host("other")


@pytest.mark.parametrize(("text", "ok"), [("[::1]", True), ("fe80::1%eth0", True),
                                          ("example.com", False)])
def test_parse_address(text: str, ok: bool):
    assert (parse_address(text) is not None) is ok
