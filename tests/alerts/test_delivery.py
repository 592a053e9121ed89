"""Delivery: signed webhooks with retries, email over STARTTLS, a durable queue that survives a
restart and is drained once by several workers, and the destination policy at delivery."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from datetime import timedelta
from typing import Any

import httpx
import pytest
from hiveboard_contract.rest import AlertWebhookPayload
from pydantic import SecretStr

from hiveboard.alerts.runtime import AlertRuntime
from hiveboard.app import create_app
from hiveboard.settings import Settings
from hiveboard.store import alert_queries
from hiveboard.store.database import Database
from tests.alerts.conftest import Mailbox, Receiver
from tests.alerts.helpers import call, create_rule, deliveries, ingest, task_end
from tests.conftest import FakeClock, Keys

FAILED_ONCE = {"type": "task_failed", "count": 1, "window_seconds": 600}


async def fire(client: httpx.AsyncClient, keys: Keys, runtime: AlertRuntime, task: str = "t",
               seconds: float = 0) -> None:
    await ingest(client, keys, *task_end(task, seconds))
    assert await runtime.evaluator.evaluate_pending() >= 1


def webhook(url: str, **headers: str) -> list[dict[str, Any]]:
    return [{"type": "webhook", "url": url, "headers": headers}]


async def test_webhook_is_signed_and_retried_with_backoff(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        receiver: Receiver):
    rule = await create_rule(client, api_keys, FAILED_ONCE, name="failures",
                             actions=webhook(receiver.url, **{"X-Team": "ops"}))
    receiver.statuses = [503]
    await fire(client, api_keys, runtime)
    assert await runtime.delivery.deliver_due() == 1
    [pending] = deliveries(runtime.delivery._db)
    assert pending["status"] == "pending" and pending["attempts"] == 1
    assert pending["last_error"] == "HTTP 503"
    assert pending["next_attempt_at"] == clock.now + timedelta(seconds=10)
    clock.advance(9)
    assert await runtime.delivery.deliver_due() == 0  # not due yet
    clock.advance(1)
    assert await runtime.delivery.deliver_due() == 1

    first, second = receiver.requests
    assert first.body == second.body  # the body is frozen at firing time
    expected = "sha256=" + hmac.new(rule["webhook_secret"].encode(), second.body,
                                    hashlib.sha256).hexdigest()
    assert hmac.compare_digest(second.headers["X-HiveBoard-Signature"], expected)
    assert second.headers["Content-Type"] == "application/json"
    assert second.headers["X-Team"] == "ops"
    payload = AlertWebhookPayload.model_validate_json(second.body)
    assert payload.rule.id == rule["rule_id"] and payload.rule.condition_type.root == "task_failed"

    history = (await call(client, api_keys, "GET", "/v1/alerts/history")).json()["data"]
    [entry] = history
    assert entry["alert_id"] == payload.alert_id
    assert entry["deliveries"] == [{
        "action_type": "webhook", "target": receiver.url, "status": "delivered", "attempts": 2,
        "last_error": None, "delivered_at": "2026-02-10T14:00:10.000Z"}]


async def test_webhook_gives_up_after_the_last_attempt(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        receiver: Receiver, database: Database):
    await create_rule(client, api_keys, FAILED_ONCE, actions=webhook(receiver.url))
    receiver.statuses = [500, 500, 500, 500]
    await fire(client, api_keys, runtime)
    waits = []
    for _ in range(3):
        assert await runtime.delivery.deliver_due() == 1
        [row] = deliveries(database)
        waits.append(row["next_attempt_at"] - clock.now)
        clock.advance(3600)
    assert row["status"] == "failed" and row["attempts"] == 3 and row["last_error"] == "HTTP 500"
    assert waits[:2] == [timedelta(seconds=10), timedelta(seconds=20)]
    assert await runtime.delivery.deliver_due() == 0
    assert len(receiver.requests) == 3


async def test_unreachable_receiver_is_retried(client: httpx.AsyncClient, api_keys: Keys,
                                               runtime: AlertRuntime, database: Database):
    from tests.conftest import free_port
    await create_rule(client, api_keys, FAILED_ONCE,
                      actions=webhook(f"http://127.0.0.1:{free_port()}/nobody"))
    await fire(client, api_keys, runtime)
    await runtime.delivery.deliver_due()
    [row] = deliveries(database)
    assert row["status"] == "pending" and "ConnectError" in row["last_error"]


async def test_pending_deliveries_survive_a_restart(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        settings: Settings, db_url: str, receiver: Receiver):
    await create_rule(client, api_keys, FAILED_ONCE, actions=webhook(receiver.url))
    await create_rule(client, api_keys, FAILED_ONCE, name="second", actions=webhook(receiver.url))
    await fire(client, api_keys, runtime)
    # The first worker claims one delivery and dies mid-attempt; the other was never tried.
    lease = clock.now + timedelta(seconds=settings.alert_delivery_lease_seconds)
    runtime.delivery._db.write_sync(alert_queries.claim_due, "worker-a", clock.now, lease, 1)

    restarted_db = Database.from_url(db_url, sqlite_cache_mb=16)
    try:
        second = AlertRuntime(settings, restarted_db, clock, worker_id="worker-b")
        app = create_app(settings, database=restarted_db, clock=clock, alerts=second)
        assert app is not None
        assert await second.delivery.deliver_due() == 1  # the unclaimed one
        clock.advance(settings.alert_delivery_lease_seconds)
        assert await second.delivery.deliver_due() == 1  # the dead worker's, after its lease
        rows = deliveries(restarted_db)
        assert [r["status"] for r in rows] == ["delivered", "delivered"]
        assert sorted(r["attempts"] for r in rows) == [1, 2]
        assert len({r.json()["alert_id"] for r in receiver.requests}) == 2
        assert len(receiver.requests) == 2
        await second.delivery.aclose()
    finally:
        restarted_db.dispose()


async def test_two_workers_deliver_each_alert_once(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        settings: Settings, db_url: str, receiver: Receiver, database: Database):
    for i in range(12):
        await create_rule(client, api_keys, FAILED_ONCE, name=f"r{i}",
                          actions=webhook(receiver.url) * 2)
    await fire(client, api_keys, runtime)
    other_db = Database.from_url(db_url, sqlite_cache_mb=16)
    try:
        other = AlertRuntime(settings, other_db, clock, worker_id="worker-b")
        counts = await asyncio.gather(runtime.delivery.deliver_due(),
                                      other.delivery.deliver_due(),
                                      runtime.delivery.deliver_due())
        assert sum(counts) == 24
        assert await other.delivery.deliver_due() == 0
        await other.delivery.aclose()
    finally:
        other_db.dispose()
    assert {r["status"] for r in deliveries(database)} == {"delivered"}, deliveries(database)
    seen = [(r.json()["alert_id"]) for r in receiver.requests]
    assert len(seen) == 24 and len(set(seen)) == 12  # two actions per alert, each sent once
    assert {r["status"] for r in deliveries(database)} == {"delivered"}
    assert all(r["attempts"] == 1 for r in deliveries(database))


def test_concurrent_claims_never_overlap(database: Database, db_url: str, clock: FakeClock):
    """The claim statement alone, from several engines at once: no delivery twice."""
    from concurrent.futures import ThreadPoolExecutor

    now = clock.now
    rows = [{"workspace_id": 1, "alert_id": f"alert_{i}", "rule_id": "rule_x", "position": 0,
             "action_type": "webhook", "target": "http://x", "action": {}, "payload": "{}",
             "status": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now}
            for i in range(200)]
    database.write_sync(lambda c: c.execute(alert_queries.ALERT_DELIVERIES.insert(), rows))
    engines = [Database.from_url(db_url, sqlite_cache_mb=16) for _ in range(4)]

    def drain(i: int) -> list[int]:
        got: list[int] = []
        while True:
            claimed = engines[i].write_sync(alert_queries.claim_due, f"w{i}", now,
                                            now + timedelta(minutes=1), 7)
            if not claimed:
                return got
            assert len(claimed) <= 7
            got += [c["delivery_id"] for c in claimed]

    try:
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(drain, range(4)))
    finally:
        for engine in engines:
            engine.dispose()
    claimed = [d for r in results for d in r]
    assert len(claimed) == len(set(claimed)) == 200


async def test_deleting_the_rule_cancels_its_pending_deliveries(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, receiver: Receiver,
        database: Database):
    rule = await create_rule(client, api_keys, FAILED_ONCE, actions=webhook(receiver.url))
    await fire(client, api_keys, runtime)
    await call(client, api_keys, "DELETE", f"/v1/alerts/rules/{rule['rule_id']}")
    assert await runtime.delivery.deliver_due() == 0
    [row] = deliveries(database)
    assert row["status"] == "failed" and "deleted" in row["last_error"]
    history = (await call(client, api_keys, "GET", "/v1/alerts/history")).json()["data"]
    assert history[0]["rule_id"] == rule["rule_id"]  # the firing stays in the history
    assert receiver.requests == []


# ------------------------------------------------------------------------------ SSRF

REFUSED_URLS = [
    "http://127.0.0.1:9/hook", "http://localhost/hook", "http://[::1]/hook",
    "http://10.1.2.3/hook", "http://192.168.0.10/hook", "http://172.16.5.4/hook",
    "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest",
    "http://0.0.0.0/hook", "http://[::ffff:127.0.0.1]/hook",
]


@pytest.fixture
def production(settings: Settings) -> Settings:
    return settings.model_copy(update={"mode": "production"})


@pytest.mark.parametrize("url", REFUSED_URLS)
async def test_production_refuses_private_destinations_at_creation(
        production: Settings, database: Database, clock: FakeClock, api_keys: Keys, url: str):
    app = create_app(production, database=database, clock=clock,
                     alerts=AlertRuntime(production, database, clock))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://hiveboard.test") as prod:
        body = {"name": "n", "condition": FAILED_ONCE,
                "actions": [{"type": "email", "to": ["a@b.co"]}, *webhook(url)]}
        resp = await call(prod, api_keys, "POST", "/v1/alerts/rules", body)
        assert resp.status_code == 400, resp.text
        assert resp.json()["error"] == "invalid_body"
        assert resp.json()["details"]["field"] == "actions.1.url"


async def test_production_allows_public_and_allow_listed_destinations(
        production: Settings, database: Database, clock: FakeClock, api_keys: Keys):
    allowing = production.model_copy(update={"alert_webhook_allowlist": ["10.0.0.0/8",
                                                                          "hooks.internal"]})
    app = create_app(allowing, database=database, clock=clock,
                     alerts=AlertRuntime(allowing, database, clock))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://hiveboard.test") as prod:
        for url in ("http://93.184.216.34/hook", "http://10.1.2.3/hook",
                    "https://hooks.internal/x"):
            body = {"name": "n", "condition": FAILED_ONCE, "actions": webhook(url)}
            resp = await call(prod, api_keys, "POST", "/v1/alerts/rules", body)
            assert resp.status_code == 201, (url, resp.text)


async def test_development_allows_local_receivers(client: httpx.AsyncClient, api_keys: Keys):
    await create_rule(client, api_keys, actions=webhook("http://127.0.0.1:9/hook"))


async def test_production_checks_again_at_delivery(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        production: Settings, receiver: Receiver, database: Database):
    await create_rule(client, api_keys, FAILED_ONCE, actions=webhook(receiver.url))
    await fire(client, api_keys, runtime)
    refusing = AlertRuntime(production, database, clock, worker_id="prod")
    assert await refusing.delivery.deliver_due() == 1
    [row] = deliveries(database)
    assert row["status"] == "failed" and "loopback" in row["last_error"]
    assert row["attempts"] == 1  # a refusal is final
    assert receiver.requests == []
    await refusing.delivery.aclose()


async def test_production_delivers_to_the_checked_address(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        production: Settings, receiver: Receiver, database: Database):
    hostname_url = receiver.url.replace("127.0.0.1", "localhost")
    await create_rule(client, api_keys, FAILED_ONCE, actions=webhook(hostname_url))
    await fire(client, api_keys, runtime)
    allowed = production.model_copy(update={"alert_webhook_allowlist": ["127.0.0.0/8", "::1"]})
    worker = AlertRuntime(allowed, database, clock, worker_id="prod")
    assert await worker.delivery.deliver_due() == 1
    [row] = deliveries(database)
    assert row["status"] == "delivered", row["last_error"]
    [request] = receiver.requests
    assert request.headers["Host"] == hostname_url.split("/")[2]  # the name, not the address
    await worker.delivery.aclose()


# ------------------------------------------------------------------------------ email

async def test_email_goes_through_starttls_and_login(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        settings: Settings, database: Database, mailbox: Mailbox):
    await create_rule(client, api_keys, FAILED_ONCE, name="failures",
                      actions=[{"type": "email", "to": ["ops@acme.com", "cto@acme.com"]}])
    await fire(client, api_keys, runtime)
    mailing = settings.model_copy(update={
        "smtp_host": mailbox.host, "smtp_port": mailbox.port, "smtp_ca_file": mailbox.ca_file,
        "smtp_username": "alerts", "smtp_password": SecretStr("s3cret"),
        "smtp_from": "hb@acme.com"})
    worker = AlertRuntime(mailing, database, clock, worker_id="mailer")
    assert await worker.delivery.deliver_due() == 1
    [row] = deliveries(database)
    assert row["status"] == "delivered", row["last_error"]
    assert row["target"] == "ops@acme.com, cto@acme.com"
    [envelope] = mailbox.messages
    assert sorted(envelope.rcpt_tos) == ["cto@acme.com", "ops@acme.com"]
    assert envelope.mail_from == "hb@acme.com"
    text = envelope.content.decode()
    assert "Subject: [HiveBoard] failures: 1 tasks failed" in text
    assert [login for login, _ in mailbox.logins] == ["alerts"]
    await worker.delivery.aclose()


async def test_email_without_smtp_fails_clearly(client: httpx.AsyncClient, api_keys: Keys,
                                                runtime: AlertRuntime, database: Database):
    await create_rule(client, api_keys, FAILED_ONCE,
                      actions=[{"type": "email", "to": ["ops@acme.com"]}])
    await fire(client, api_keys, runtime)
    await runtime.delivery.deliver_due()
    [row] = deliveries(database)
    assert row["status"] == "failed" and "smtp_host" in row["last_error"]


async def test_wrong_smtp_password_is_retried(client: httpx.AsyncClient, api_keys: Keys,
                                              runtime: AlertRuntime, clock: FakeClock,
                                              settings: Settings, database: Database,
                                              mailbox: Mailbox):
    await create_rule(client, api_keys, FAILED_ONCE,
                      actions=[{"type": "email", "to": ["ops@acme.com"]}])
    await fire(client, api_keys, runtime)
    wrong = settings.model_copy(update={
        "smtp_host": mailbox.host, "smtp_port": mailbox.port, "smtp_ca_file": mailbox.ca_file,
        "smtp_username": "alerts", "smtp_password": SecretStr("nope"),
        "smtp_timeout_seconds": 2})
    worker = AlertRuntime(wrong, database, clock, worker_id="mailer")
    await worker.delivery.deliver_due()
    [row] = deliveries(database)
    assert row["status"] == "pending" and row["last_error"].startswith("SMTP: ")
    assert mailbox.messages == []
    await worker.delivery.aclose()
