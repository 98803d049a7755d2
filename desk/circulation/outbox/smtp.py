"""The SMTP transport of the notice sender (stdlib ``smtplib``): one connection for a run,
STARTTLS or SSL, optional login; and how an SMTP failure is classed.

Temporary (try again later): no connection, a dropped connection, a 4xx reply. Permanent
(the notice fails): a 5xx reply about this message or its recipient.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    user: str = ""
    password: str = ""
    tls: str = "starttls"        # 'starttls', 'ssl' or 'none'
    timeout: float = 30.0
    sender: str = ""

    @classmethod
    def from_config(cls, config: Any) -> "SmtpSettings":
        return cls(host=config.get("smtp_host"), port=config.get("smtp_port"),
                   user=config.get("smtp_user"), password=config.get("smtp_password"),
                   tls=config.get("smtp_tls"), timeout=float(config.get("smtp_timeout_seconds")),
                   sender=config.get("notice_from"))


class TemporaryFailure(Exception):
    """The server is down or said 4xx: the notice is tried again later."""


class ServerDown(TemporaryFailure):
    """No connection to the server (or it went away): stop this run, try all later."""


class PermanentFailure(Exception):
    """The server refused this message for good (5xx)."""


def _reply(error: smtplib.SMTPException) -> tuple[int, str]:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(error.recipients.values()))
        return int(code), message.decode("utf-8", "replace")
    if isinstance(error, smtplib.SMTPResponseException):
        raw: bytes | str = error.smtp_error
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        return int(error.smtp_code), text
    return 0, str(error)


class SmtpTransport:
    """Sends messages over one SMTP connection, opened on the first message."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.client: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        try:
            client: smtplib.SMTP
            if s.tls == "ssl":
                client = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout,
                                          context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
                if s.tls == "starttls":
                    client.starttls(context=ssl.create_default_context())
            if s.user:
                client.login(s.user, s.password)
        except smtplib.SMTPAuthenticationError as error:
            raise ServerDown(f"login refused: {_reply(error)[1]}") from error
        except (OSError, smtplib.SMTPException) as error:
            raise ServerDown(f"{error.__class__.__name__}: {error}") from error
        return client

    def send(self, sender: str, recipient: str, message: bytes) -> None:
        """Send ``message`` from ``sender`` to ``recipient``; ``TemporaryFailure``,
        ``ServerDown`` or ``PermanentFailure``."""
        if self.client is None:
            self.client = self._connect()
        try:
            self.client.sendmail(sender, [recipient], message)
        except smtplib.SMTPServerDisconnected as error:
            self.client = None
            raise ServerDown(str(error) or "the server closed the connection") from error
        except smtplib.SMTPException as error:
            code, text = _reply(error)
            self._reset()
            if 500 <= code < 600:
                raise PermanentFailure(f"{code} {text}") from error
            raise TemporaryFailure(f"{code} {text}") from error
        except OSError as error:
            self.client = None
            raise ServerDown(f"{error.__class__.__name__}: {error}") from error

    def _reset(self) -> None:
        if self.client is not None:
            try:
                self.client.rset()
            except (OSError, smtplib.SMTPException):
                self.client = None

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (OSError, smtplib.SMTPException):
                pass  # closing anyway: the messages are already accepted or not
            self.client = None
