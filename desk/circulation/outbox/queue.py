"""``queue_notice``: one notice to a patron, written to the outbox by the event's own
transaction (one INSERT that reads the patron's language in the same statement).

The Message-ID is made here, once: whatever happens to the sender later, this notice is always
sent with it, so a notice sent again after a crash is recognised as the same message.
"""

from __future__ import annotations

import json
import re
import socket
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text, insert, literal, select
from sqlalchemy.orm import Session

from desk.circulation.notices import CirculationRefused
from desk.models import Patron, PatronNotice
from desk.models.base import UTCDateTime
from desk.models.notice import PENDING
from desk.wording.patron_notices import TEMPLATES, needed

# filled in when the notice is rendered, not by the event
RENDER_PARAMS = frozenset({"name", "library"})
_COLUMNS = ["patron_id", "kind", "language", "params", "created_at", "state", "attempts",
            "next_attempt_at", "message_id", "dedupe_key"]


def _domain() -> str:
    host = re.sub(r"[^A-Za-z0-9.-]", "-", socket.gethostname()).strip(".-") or "desk"
    return f"{host}.circulation-desk.invalid" if "." not in host else host


DOMAIN = _domain()


def new_message_id(kind: str) -> str:
    """A globally unique Message-ID (RFC 5322), made once per notice."""
    return f"<notice.{kind}.{uuid.uuid4().hex}@{DOMAIN}>"


def check_notice(kind: str, params: dict[str, Any]) -> None:
    """Refuse an unknown kind or missing parameters (``CirculationRefused``)."""
    if kind not in TEMPLATES:
        raise CirculationRefused.one("notice_kind_unknown", kind=kind)
    missing = sorted(needed(kind) - RENDER_PARAMS - set(params))
    if missing:
        raise CirculationRefused.one("notice_params_missing", kind=kind, names=", ".join(missing))


def notice_values(patron_id: int, kind: str, params: dict[str, Any], now: datetime,
                  dedupe_key: str | None, language: str) -> dict[str, Any]:
    """The outbox row of a notice whose patron's language is known."""
    return dict(patron_id=patron_id, kind=kind, language=language,
                params=json.dumps(params, ensure_ascii=False, default=str), created_at=now,
                state=PENDING, attempts=0, next_attempt_at=now,
                message_id=new_message_id(kind), dedupe_key=dedupe_key)


def queue_notice(session: Session, patron_id: int, kind: str, params: dict[str, Any], *,
                 now: datetime, dedupe_key: str | None = None) -> None:
    """Write a notice of ``kind`` (a template of ``desk.wording.patron_notices``) to
    ``patron_id`` into the outbox, in ``session``'s transaction: it is sent if and only if the
    event commits. ``params`` fill the template (JSON-able; ``name`` and ``library`` are
    filled in when it is sent). ``dedupe_key`` (optional, unique): a second notice with the
    same key is refused by the database."""
    check_notice(kind, params)
    values = notice_values(patron_id, kind, params, now, dedupe_key, "")
    chosen = select(
        literal(patron_id, Integer), literal(kind, String), Patron.language,
        literal(values["params"], Text), literal(now, UTCDateTime()), literal(PENDING, String),
        literal(0, Integer), literal(now, UTCDateTime()), literal(values["message_id"], String),
        literal(dedupe_key, String)).where(Patron.id == patron_id)
    session.connection().execute(insert(PatronNotice).from_select(_COLUMNS, chosen))
