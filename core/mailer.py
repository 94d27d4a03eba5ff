"""Outgoing e-mail over SMTP (stdlib smtplib, run off the event loop); in development
without SMTP_HOST, a console sink."""

from __future__ import annotations

import asyncio
import smtplib
import sys
from collections.abc import Awaitable, Callable
from email.message import EmailMessage

from core.settings import Settings
from models.outbox import OutboxMessage


class MailFailed(Exception):
    pass


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def configured(self) -> bool:
        return bool(self._settings.smtp_host)

    async def send(self, to: str, subject: str, body: str) -> None:
        s = self._settings
        if not s.smtp_host:
            if s.is_production:
                raise MailFailed("SMTP_HOST is not set")
            print(
                f"[development mail sink] to {to}: {subject}\n{body}", file=sys.stderr, flush=True
            )
            return
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = s.smtp_from, to, subject
        message.set_content(body)
        try:
            await asyncio.to_thread(self._send_sync, message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailFailed(f"SMTP failed: {exc!r}") from None

    def _send_sync(self, message: EmailMessage) -> None:
        s = self._settings
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=10) as smtp:
            if s.smtp_starttls:
                smtp.starttls()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password)
            smtp.send_message(message)


MAIL_CHANNEL = "mail"


def mail(to: str, subject: str, body: str) -> dict[str, str]:
    """An outbox payload for the `mail` channel (delivered with retries by the worker)."""
    return {"to": to, "subject": subject, "body": body}


def mail_sender(mailer: Mailer) -> Callable[[OutboxMessage], Awaitable[None]]:
    """The `mail` outbox channel: a failed send is retried with backoff by the worker."""

    async def deliver(row: OutboxMessage) -> None:
        payload = row.payload
        await mailer.send(payload["to"], payload["subject"], payload["body"])

    return deliver
