"""Delivering the outbox exactly once: claim, send, mark.

A sender claims a batch of pending notices in one short transaction (state 'claimed', its
``claimed_by``, a lease in ``next_attempt_at``): on PostgreSQL with ``FOR UPDATE SKIP LOCKED``,
on SQLite under the write lock every writing transaction takes (``BEGIN IMMEDIATE``), so two
senders never claim the same notice. Each claimed notice is then marked 'sending' (committed),
sent in its own SMTP transaction, and marked 'sent' (in the transaction that marks the next one
'sending': one commit per notice). A sender that dies between the SMTP transaction and the mark
leaves the notice 'sending': the next run (at once for a dead process on this machine, after the
lease on any other) sends it again with the SAME Message-ID and says so; its recipients' servers
and mail programs recognise the copy. Notices it had claimed but not begun go back to the
outbox as they were.

Failures: no connection, a dropped connection or a 4xx reply -> back to 'pending' with a growing
back-off (the rest of the batch too when the server is down); a 5xx reply, or an address that is
not an e-mail address -> 'failed', shown on the Notices screen and the patron. Notices to
patrons without e-mail are printed (a PDF batch, ``print_letters``) and marked 'printed'.
"""

from __future__ import annotations

import html
import json
import os
import socket
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import case, literal, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk.circulation.validation import EMAIL
from desk.circulation.outbox.smtp import PermanentFailure, ServerDown, TemporaryFailure
from desk.models import Patron, PatronNotice
from desk.models.base import UTCDateTime
from desk.models.notice import CLAIMED, FAILED, PENDING, PRINTED, SENDING, SENT
from desk.wording.patron_notices import render

BATCH = 50
LEASE = timedelta(minutes=15)
MAX_ATTEMPTS = 10
FIRST_BACKOFF = timedelta(minutes=5)
LONGEST_BACKOFF = timedelta(hours=6)
# last_error of a notice found 'sending' with its sender gone: it is sent again as it was
# SMTP lines end in CRLF (smtplib leaves the line ends of a message given as bytes alone)
CRLF = compat32.clone(linesep="\r\n", max_line_length=998)
INTERRUPTED = "interrupted: sent again with the same Message-ID"


class Transport(Protocol):
    def send(self, sender: str, recipient: str, message: bytes) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Letter:
    """One notice ready to print for a patron without e-mail."""

    notice_id: int
    name: str
    barcode: str
    department: str | None
    language: str
    subject: str
    body: str
    created_at: datetime


@dataclass
class SendReport:
    sent: int = 0
    resent: list[tuple[int, str]] = field(default_factory=list)   # (notice id, Message-ID)
    deferred: int = 0
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # (id, patron, error)
    printed: int = 0
    printed_to: Path | None = None
    queued: int = 0
    server_down: str | None = None


@dataclass(frozen=True)
class _Claimed:
    id: int
    kind: str
    language: str
    params: dict[str, Any]
    message_id: str
    attempts: int
    interrupted: bool
    name: str
    barcode: str
    email: str | None
    department: str | None
    created_at: datetime


def sender_name() -> str:
    """This sender: host and process id (``claimed_by``)."""
    return f"{socket.gethostname()[:100]}:{os.getpid()}"


def _alive_here(claimed_by: str) -> bool:
    """Whether the sender ``claimed_by`` may still be at work: a process of this machine that
    exists. A sender of another machine counts as alive (its lease decides), and so does any on
    Windows, where ``os.kill(pid, 0)`` would end the process instead of looking at it."""
    host, _, pid = claimed_by.rpartition(":")
    if sys.platform == "win32" or host != socket.gethostname()[:100] or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed try (5 min, 10, 20, ... 6 h)."""
    wait: timedelta = FIRST_BACKOFF * (2 ** min(max(attempts - 1, 0), 20))
    return min(wait, LONGEST_BACKOFF)


class Sender:
    """Sends the pending notices of one library database, over ``workers`` SMTP connections
    at once (each claims its own batches: the same as that many senders)."""

    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], datetime], *,
                 connect: Callable[[], Transport] | None, sender: str, library_name: str = "",
                 print_letters: Callable[[list[Letter]], Path] | None = None,
                 batch: int = BATCH, workers: int = 1) -> None:
        self.sessions = sessions
        self.clock = clock
        self.connect = connect
        self.sender = sender
        self.library_name = library_name
        self.print_letters = print_letters
        self.batch = batch
        self.workers = max(1, workers)
        self.me = sender_name()
        self.lock = threading.Lock()        # guards the report shared by the workers

    # --- the run --------------------------------------------------------------------------
    def run(self, report: SendReport | None = None) -> SendReport:
        """Recover interrupted notices, print those without e-mail, send the rest."""
        report = report or SendReport()
        self.recover()
        if self.print_letters is not None:
            self._print(report)
        if self.connect is None:
            return report
        if self.workers == 1:
            self._work(report)
            return report
        errors: list[BaseException] = []

        def work() -> None:
            try:
                self._work(report)
            except BaseException as error:  # re-raised below, in the caller's thread
                errors.append(error)

        threads = [threading.Thread(target=work, name=f"notices-{n}")
                   for n in range(self.workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        return report

    def _work(self, report: SendReport) -> None:
        assert self.connect is not None
        worker = _Worker(self, self.connect())
        try:
            while report.server_down is None:
                claimed = self._claim(with_email=True)
                if not claimed or not worker.send_batch(claimed, report):
                    break
        finally:
            worker.transport.close()

    def recover(self) -> int:
        """Put back to 'pending' the notices a sender that is gone (a dead process here, or an
        expired lease) left claimed or sending; the number put back. A 'sending' one may have
        reached the server: it is marked so, and reported when it is sent again."""
        now = self.clock()
        held = (CLAIMED, SENDING)
        with self.sessions.begin() as session:
            holders = set(session.scalars(select(PatronNotice.claimed_by).distinct().where(
                PatronNotice.state.in_(held))))
            gone = [h for h in holders if h is not None and not _alive_here(h)]
            abandoned = or_(PatronNotice.next_attempt_at <= now,
                            PatronNotice.claimed_by.in_(gone))
            put_back = 0
            for state, error in ((SENDING, INTERRUPTED), (CLAIMED, None)):
                values: dict[str, Any] = dict(state=PENDING, next_attempt_at=now,
                                              claimed_by=None)
                if error is not None:
                    values["last_error"] = error
                result = session.execute(update(PatronNotice).where(
                    PatronNotice.state == state, abandoned).values(**values))
                put_back += int(getattr(result, "rowcount", 0) or 0)
            return put_back

    def _claim(self, *, with_email: bool) -> list[_Claimed]:
        now = self.clock()
        has_email = (Patron.email.is_not(None)) & (Patron.email != "")
        with self.sessions.begin() as session:
            choose = (select(PatronNotice.id).join(Patron, Patron.id == PatronNotice.patron_id)
                      .where(PatronNotice.state == PENDING, PatronNotice.next_attempt_at <= now,
                             has_email if with_email else ~has_email)
                      .order_by(PatronNotice.id).limit(self.batch))
            if session.get_bind().dialect.name == "postgresql":
                choose = choose.with_for_update(skip_locked=True, of=PatronNotice)
            ids = list(session.scalars(choose))
            if not ids:
                return []
            session.execute(
                update(PatronNotice).where(PatronNotice.id.in_(ids),
                                           PatronNotice.state == PENDING)
                .values(state=CLAIMED, claimed_by=self.me, next_attempt_at=now + LEASE,
                        attempts=PatronNotice.attempts + 1))
            rows = session.execute(
                select(PatronNotice.id, PatronNotice.kind, PatronNotice.language,
                       PatronNotice.params, PatronNotice.message_id, PatronNotice.attempts,
                       PatronNotice.last_error, Patron.name, Patron.barcode, Patron.email,
                       Patron.department, PatronNotice.created_at)
                .join(Patron, Patron.id == PatronNotice.patron_id)
                .where(PatronNotice.id.in_(ids), PatronNotice.claimed_by == self.me,
                       PatronNotice.state == CLAIMED)
                .order_by(PatronNotice.id)).all()
        return [_Claimed(r.id, r.kind, r.language, json.loads(r.params), r.message_id,
                         r.attempts, r.last_error == INTERRUPTED, r.name, r.barcode, r.email,
                         r.department, r.created_at) for r in rows]

    def render(self, notice: _Claimed) -> tuple[str, str]:
        params = dict(notice.params, name=notice.name, library=self.library_name)
        return render(notice.kind, notice.language, params)

    def message(self, notice: _Claimed) -> bytes:
        """The notice as an RFC 5322 message: plain text and a simple HTML alternative.
        (Built with the compat32 classes: the default-policy ``EmailMessage`` costs more to
        build than sending the message does.)"""
        subject, body = self.render(notice)
        message = MIMEMultipart("alternative")
        message["From"] = self.sender_header
        message["To"] = formataddr((str(Header(notice.name, "utf-8")), notice.email or ""))
        message["Subject"] = Header(subject, "utf-8").encode()
        message["Message-ID"] = notice.message_id
        message["Date"] = format_datetime(notice.created_at)
        message["Content-Language"] = "zh-TW" if notice.language == "zh_TW" else "en"
        message["Auto-Submitted"] = "auto-generated"
        message.attach(MIMEText(body, "plain", "utf-8"))
        paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>"
                             for p in body.strip().split("\n\n"))
        message.attach(MIMEText(f"<html><body>{paragraphs}</body></html>", "html", "utf-8"))
        return message.as_bytes(policy=CRLF)

    @property
    def sender_header(self) -> str:
        name, address = parseaddr(self.sender)
        return formataddr((str(Header(name, "utf-8")), address)) if name else address

    @property
    def envelope_from(self) -> str:
        return parseaddr(self.sender)[1]

    # --- paper ----------------------------------------------------------------------------
    def _print(self, report: SendReport) -> None:
        assert self.print_letters is not None
        letters: list[Letter] = []
        claimed: list[_Claimed] = []
        while batch := self._claim(with_email=False):
            claimed.extend(batch)
            for notice in batch:
                subject, body = self.render(notice)
                letters.append(Letter(notice.id, notice.name, notice.barcode, notice.department,
                                      notice.language, subject, body, notice.created_at))
        if not letters:
            return
        report.printed_to = self.print_letters(letters)
        now = self.clock()
        with self.sessions.begin() as session:
            session.execute(
                update(PatronNotice)
                .where(PatronNotice.id.in_([n.id for n in claimed]),
                       PatronNotice.claimed_by == self.me)
                .values(state=PRINTED, claimed_by=None, sent_at=now, last_error=None))
        report.printed = len(letters)


class _Worker:
    """One SMTP connection of a run, and the notice it sent but has not marked yet (marked in
    the transaction that marks its next notice 'sending')."""

    def __init__(self, owner: Sender, transport: Transport) -> None:
        self.owner = owner
        self.transport = transport
        self.unmarked: _Claimed | None = None

    def send_batch(self, claimed: list[_Claimed], report: SendReport) -> bool:
        """Send one claimed batch; False when the server is down (the rest put back)."""
        try:
            for index, notice in enumerate(claimed):
                if not EMAIL.fullmatch(notice.email or ""):
                    self._fail(notice, f"not an e-mail address: {notice.email}", report)
                    continue
                self._begin(notice)
                try:
                    self.transport.send(self.owner.envelope_from, notice.email or "",
                                        self.owner.message(notice))
                except ServerDown as error:
                    with self.owner.lock:
                        report.server_down = report.server_down or str(error)
                    self._put_back(claimed[index:], str(error), report)
                    return False
                except TemporaryFailure as error:
                    self._put_back([notice], str(error), report)
                    continue
                except PermanentFailure as error:
                    self._fail(notice, str(error), report)
                    continue
                self.unmarked = notice
                with self.owner.lock:
                    report.sent += 1
                    if notice.interrupted:
                        report.resent.append((notice.id, notice.message_id))
        finally:
            self._flush()
        return True

    def _mark_sent(self, session: Session) -> None:
        if self.unmarked is not None:
            session.execute(
                update(PatronNotice)
                .where(PatronNotice.id == self.unmarked.id, PatronNotice.claimed_by == self.owner.me)
                .values(state=SENT, claimed_by=None, last_error=None, sent_at=self.owner.clock()))
            self.unmarked = None

    def _begin(self, notice: _Claimed) -> None:
        """Mark the notice sent before it 'sent', and ``notice`` 'sending': one statement, one
        commit (a round trip less per notice on PostgreSQL)."""
        with self.owner.sessions.begin() as session:
            previous = self.unmarked
            if previous is None:
                session.execute(
                    update(PatronNotice)
                    .where(PatronNotice.id == notice.id,
                           PatronNotice.claimed_by == self.owner.me)
                    .values(state=SENDING))
                return
            is_previous = PatronNotice.id == previous.id
            session.execute(
                update(PatronNotice)
                .where(PatronNotice.id.in_([previous.id, notice.id]),
                       PatronNotice.claimed_by == self.owner.me)
                .values(state=case((is_previous, SENT), else_=SENDING),
                        claimed_by=case((is_previous, None), else_=self.owner.me),
                        last_error=case((is_previous, None), else_=PatronNotice.last_error),
                        sent_at=case((is_previous, literal(self.owner.clock(), UTCDateTime())),
                                     else_=None)))
            self.unmarked = None

    def _flush(self) -> None:
        if self.unmarked is not None:
            with self.owner.sessions.begin() as session:
                self._mark_sent(session)

    def _mark(self, notice: _Claimed, state: str, error: str | None = None) -> None:
        with self.owner.sessions.begin() as session:
            self._mark_sent(session)
            session.execute(
                update(PatronNotice)
                .where(PatronNotice.id == notice.id, PatronNotice.claimed_by == self.owner.me)
                .values(state=state, claimed_by=None, last_error=error,
                        sent_at=self.owner.clock() if state in (SENT, PRINTED) else None))

    def _fail(self, notice: _Claimed, error: str, report: SendReport) -> None:
        self._mark(notice, FAILED, error[:2000])
        with self.owner.lock:
            report.failed.append((notice.id, notice.barcode, error))

    def _put_back(self, notices: Sequence[_Claimed], error: str, report: SendReport) -> None:
        now = self.owner.clock()
        with self.owner.sessions.begin() as session:
            self._mark_sent(session)
            for notice in notices:
                with self.owner.lock:
                    if notice.attempts >= MAX_ATTEMPTS:
                        state, when = FAILED, now
                        report.failed.append((notice.id, notice.barcode, error))
                    else:
                        state, when = PENDING, now + backoff(notice.attempts)
                        report.deferred += 1
                session.execute(
                    update(PatronNotice)
                    .where(PatronNotice.id == notice.id, PatronNotice.claimed_by == self.owner.me)
                    .values(state=state, claimed_by=None, next_attempt_at=when,
                            last_error=error[:2000]))


def retry_notice(session: Session, notice_id: int, now: datetime) -> None:
    """A failed notice goes back to the outbox, to be tried at the next run (the Notices
    screen's Retry). ``CirculationRefused`` when it is not failed."""
    from desk.circulation.notices import CirculationRefused
    notice = session.get(PatronNotice, notice_id, with_for_update=True)
    if notice is None:
        raise CirculationRefused.one("notice_not_found", notice_id=notice_id)
    if notice.state != FAILED:
        raise CirculationRefused.one("notice_not_failed", notice_id=notice_id)
    notice.state = PENDING
    notice.attempts = 0
    notice.next_attempt_at = now
