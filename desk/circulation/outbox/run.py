"""One run of ``notices send`` (the command and the desk's timer): queue the reminders that are
due, then deliver the outbox (``Sender``) with the settings' mail server and printing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from desk.circulation.outbox.reminders import queue_reminders
from desk.circulation.outbox.sender import Letter, SendReport, Sender, Transport
from desk.circulation.outbox.smtp import SmtpSettings, SmtpTransport
from desk.circulation.policy import Policy
from desk.models.database import make_engine


class NoticeLibrary(Protocol):
    """What a run needs of the open library (``desk.circulation.Library``)."""

    @property
    def engine(self) -> Engine: ...

    @property
    def policy(self) -> Policy: ...

    @property
    def sessions(self) -> sessionmaker[Session]: ...

    def now(self) -> datetime: ...


@contextmanager
def marking_sessions(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Sessions of an engine of the sender's own whose commits do not wait for the disk
    (SQLite in WAL: synchronous=NORMAL; PostgreSQL: synchronous_commit off). A killed sender
    loses none of its marks: only a power cut or an operating-system crash can lose the last
    ones, and those notices are then sent again with their own Message-ID. A commit that waits
    for the disk costs more than sending the message."""
    own = make_engine(engine.url.render_as_string(hide_password=False))
    dialect = own.dialect.name

    @event.listens_for(own, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if dialect == "sqlite":
            cursor.execute("PRAGMA synchronous=NORMAL")
        elif dialect == "postgresql":
            cursor.execute("SET synchronous_commit TO off")
        cursor.close()
        if dialect == "postgresql":
            dbapi_connection.commit()

    try:
        yield sessionmaker(own, expire_on_commit=False)
    finally:
        own.dispose()


def library_name(config: Any) -> str:
    """The name signed under every notice: ``notice_library_name``, else the slip header."""
    name = str(config.get("notice_library_name") or "")
    if not name:
        header = config.get("slip_header") or []
        name = str(header[0]) if header else ""
    return name


def send_notices(library: NoticeLibrary, config: Any, *,
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
    connect: Callable[[], Transport] | None = None
    if transport is not None:
        given = transport
        connect, workers = (lambda: given), 1
    elif settings.host:
        connect = lambda: SmtpTransport(settings)  # noqa: E731
        workers = int(config.get("smtp_connections"))
    else:
        workers = 1
    with marking_sessions(library.engine) as sessions:
        sender = Sender(sessions, library.now, connect=connect,
                        sender=settings.sender or f"library@{settings.host or 'localhost'}",
                        library_name=library_name(config), print_letters=print_letters,
                        workers=workers)
        return sender.run(report)
