"""One run of ``notices send`` (the command and the desk's timer): queue the reminders that are
due, then deliver the outbox (``Sender``) with the settings' mail server and printing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from desk.circulation.outbox.reminders import queue_reminders
from desk.circulation.outbox.sender import Letter, SendReport, Sender, Transport
from desk.circulation.outbox.smtp import SmtpSettings, SmtpTransport
from desk.circulation.store import LibraryStore


def library_name(config: Any) -> str:
    """The name signed under every notice: ``notice_library_name``, else the slip header."""
    name = str(config.get("notice_library_name") or "")
    if not name:
        header = config.get("slip_header") or []
        name = str(header[0]) if header else ""
    return name


def send_notices(library: LibraryStore, config: Any, *,
                 print_letters: Callable[[list[Letter]], Path] | None,
                 transport: Transport | None = None, queue: bool = True) -> SendReport:
    """Queue due reminders (``queue``), print the notices of patrons without e-mail, and send
    the others through ``transport`` (default: the SMTP server of the settings; none when
    ``smtp_host`` is empty, and they wait)."""
    report = SendReport()
    if queue:
        with library.sessions.begin() as session:
            report.queued = queue_reminders(session, library.policy, library.now())
    settings = SmtpSettings.from_config(config)
    if transport is None and settings.host:
        transport = SmtpTransport(settings)
    sender = Sender(library.sessions, library.now, transport=transport,
                    sender=settings.sender or f"library@{settings.host or 'localhost'}",
                    library_name=library_name(config), print_letters=print_letters)
    return sender.run(report)
