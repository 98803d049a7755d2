"""The notices staff look at: the outbox, what was sent, what failed (the Notices screen), and
one patron's notices with the failed ones first (the patron screen); and ``retry_failed`` for
the Notices screen's Retry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import json

from sqlalchemy import Select, case, select

from desk.circulation.outbox.sender import retry_notice
from desk.circulation.store import LibraryStore
from desk.models import Patron, PatronNotice
from desk.models.notice import CLAIMED, FAILED, PENDING, PRINTED, SENDING, SENT
from desk.wording import pick
from desk.wording.patron_notices import KIND_NAMES, STATE_NAMES

# the Notices screen's three lists
SHOWS = {"outbox": (PENDING, CLAIMED, SENDING), "sent": (SENT, PRINTED), "failed": (FAILED,)}
LIMIT = 500


@dataclass(frozen=True)
class NoticeRow:
    id: int
    patron_barcode: str
    patron_name: str
    email: str | None
    kind: str
    kind_name: str
    language: str
    state: str
    state_name: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None
    last_error: str | None
    message_id: str
    title: str


def _query() -> Select[PatronNotice, str, str, str | None]:
    return (select(PatronNotice, Patron.barcode, Patron.name, Patron.email)
            .join(Patron, Patron.id == PatronNotice.patron_id))


def _row(notice: PatronNotice, barcode: str, name: str, email: str | None) -> NoticeRow:
    params = json.loads(notice.params)
    return NoticeRow(
        notice.id, barcode, name, email, notice.kind,
        pick(KIND_NAMES.get(notice.kind, (notice.kind, notice.kind))), notice.language,
        notice.state, pick(STATE_NAMES.get(notice.state, (notice.state, notice.state))),
        notice.attempts, notice.created_at, notice.next_attempt_at, notice.sent_at,
        notice.last_error, notice.message_id, str(params.get("title", "")))


def notices_list(library: LibraryStore, show: str = "outbox", *,
                 limit: int = LIMIT) -> list[NoticeRow]:
    """The newest ``limit`` notices of one list: 'outbox', 'sent' or 'failed'."""
    states = SHOWS[show]
    with library.read_sessions() as session:
        rows = session.execute(_query().where(PatronNotice.state.in_(states))
                               .order_by(PatronNotice.id.desc()).limit(limit))
        return [_row(notice, barcode, name, email) for notice, barcode, name, email in rows]


def patron_notices(library: LibraryStore, patron_barcode: str, *,
                   limit: int = 50) -> list[NoticeRow]:
    """A patron's notices, the failed ones first, then the newest (the patron screen)."""
    with library.read_sessions() as session:
        rows = session.execute(
            _query().where(Patron.barcode == patron_barcode)
            .order_by(case((PatronNotice.state == FAILED, 0), else_=1),
                      PatronNotice.id.desc()).limit(limit))
        return [_row(notice, barcode, name, email) for notice, barcode, name, email in rows]


def retry_failed(library: LibraryStore, notice_id: int) -> None:
    """Put a failed notice back in the outbox (``CirculationRefused`` if it is not failed)."""
    with library.sessions.begin() as session:
        retry_notice(session, notice_id, library.now())


__all__ = ["NoticeRow", "SHOWS", "notices_list", "patron_notices", "retry_failed"]
