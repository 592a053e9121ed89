"""Email notifier: the standard library's SMTP client in a worker thread.

STARTTLS is required when ``smtp_starttls`` is on (the default): a server that does not offer
it is an error, never a silent downgrade, and credentials are sent only after the upgrade.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Any

import anyio.to_thread

from hiveboard.alerts.errors import DeliveryError
from hiveboard.settings import Settings


def compose(settings: Settings, to: list[str], payload: Mapping[str, Any]) -> EmailMessage:
    rule = payload["rule"]
    scope = payload["scope"]
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = ", ".join(to)
    message["Subject"] = f"[HiveBoard] {rule['name']}: {payload['message']}"[:250]
    lines = [
        str(payload["message"]), "",
        f"Rule:      {rule['name']} ({rule['id']}, {rule['condition_type']})",
        f"Fired at:  {payload['fired_at']}",
        f"Measured:  {payload['measured_value']:g} (threshold {payload['threshold']:g})",
    ]
    lines += [f"{name.title() + ':':<11}{scope[key]}" for name, key in
              (("agent", "agent_id"), ("project", "project_id"), ("task", "task_id"))
              if scope.get(key)]
    lines += ["", f"Alert id: {payload['alert_id']}"]
    message.set_content("\n".join(lines) + "\n")
    return message


class EmailSender:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def _send_sync(self, message: EmailMessage) -> None:
        s = self._settings
        assert s.smtp_host is not None
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_seconds) as smtp:
            smtp.ehlo()
            if s.smtp_starttls:
                if not smtp.has_extn("starttls"):
                    raise DeliveryError("the SMTP server does not offer STARTTLS",
                                        retryable=True)
                smtp.starttls(context=ssl.create_default_context(cafile=s.smtp_ca_file))
                smtp.ehlo()
            if s.smtp_username:
                password = s.smtp_password.get_secret_value() if s.smtp_password else ""
                smtp.login(s.smtp_username, password)
            smtp.send_message(message)

    async def send(self, action: Mapping[str, Any], payload: Mapping[str, Any]) -> None:
        if not self._settings.smtp_host:
            raise DeliveryError("email is not configured on this server (smtp_host)",
                                retryable=False)
        message = compose(self._settings, list(action["to"]), payload)
        try:
            await anyio.to_thread.run_sync(self._send_sync, message)
        except DeliveryError:
            raise
        except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
            raise DeliveryError(f"SMTP: {type(exc).__name__}: {exc}", retryable=True) from None
