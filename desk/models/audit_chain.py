"""The audit log's hash chain: every audit row is chained as it is inserted, and checked by
``verify_chain``.

A row's ``row_hash`` is SHA-256 over the previous row's hash and a canonical encoding of the
row's content: every column but the two hashes, ``None`` left out, times as UTC ISO 8601, the
``detail`` JSON with sorted keys (``canonical``). Rows are chained in id order and the ids are
given under the chain's lock (the ``audit_chain_head`` row, ``SELECT ... FOR UPDATE``: on
PostgreSQL two desks queue there; SQLite's ``BEGIN IMMEDIATE`` already serialises writers), so
ids are consecutive and id order is commit order.

One place chains every row: a Session ``before_flush`` hook, registered for every session in the
process, chains the ``AuditEvent`` objects a flush is about to insert; code that inserts audit
rows with Core calls ``insert_audit`` (or ``lock_head`` + ``link`` + ``advance_head`` inside
a statement of its own). ``prev_hash`` and ``row_hash`` are NOT NULL, so a row inserted around
the chain fails at once. The ORM refuses to change or delete an audit row.

The head's lock is held from the audit row's insert to the commit, so an operation writes its
audit row last (after its own row locks: taking the head first and row locks after could
deadlock with a desk doing the opposite), in a writing session (SQLite: ``BEGIN IMMEDIATE``; a
deferred read transaction cannot safely upgrade to write the head).

What the chain detects (``verify_chain``): a row's content changed (its hash no longer
matches), a row deleted from the middle or rows reordered (the next row's ``prev_hash`` points
elsewhere), a row inserted by hand (its hashes do not fit, or it lies beyond the head), the
newest rows deleted (the head still counts them). What it cannot: someone with the database
owner's rights who recomputes every hash from the tampered row onwards and rewrites the head
(SHA-256 has no secret); only a copy of the head kept outside the database (a backup, a printed
``audit verify`` line) shows that. On PostgreSQL the desk's role may not UPDATE or DELETE audit
rows at all (``python -m desk db grant``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, cast

from sqlalchemy import (ColumnElement, Connection, Table, bindparam, event, insert, select,
                        update)
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.sql.dml import Update

from desk import wording
from desk.models.audit import AuditChainHead, AuditEvent

GENESIS = "0" * 64          # the prev_hash of the first row
HEAD_ID = 1                 # the head table's one row
_HASHES = ("prev_hash", "row_hash")
AUDIT_TABLE = cast(Table, AuditEvent.__table__)
HEAD_TABLE = cast(Table, AuditChainHead.__table__)
# The columns a row's hash covers, id included (so rows cannot trade places unseen).
CONTENT_COLUMNS: tuple[str, ...] = tuple(
    column.name for column in AUDIT_TABLE.columns if column.name not in _HASHES)
VERIFY_BATCH = 2000         # rows read per statement: a log of any size verifies in flat memory


class AuditChainError(RuntimeError):
    """The chain cannot be extended or changed: its head is missing, or code tried to change or
    delete an audit row."""


# --- hashing ----------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} in an audit row")
        return value.astimezone(timezone.utc).isoformat()
    return value


def canonical(row: Mapping[Any, Any]) -> bytes:
    """The bytes a row's hash covers: its content columns that are not None, as compact JSON
    with sorted keys (ASCII only, so any text encodes the same way)."""
    content = {name: _plain(row.get(name)) for name in CONTENT_COLUMNS
               if row.get(name) is not None}
    return json.dumps(content, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True).encode("ascii")


def row_hash(prev_hash: str, row: Mapping[Any, Any]) -> str:
    """The hex SHA-256 chaining ``row`` after the row whose hash is ``prev_hash``."""
    digest = hashlib.sha256(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical(row))
    return digest.hexdigest()


def _stored_detail(detail: Any) -> Any:
    """``detail`` as it will read back from the JSON column (tuples become lists, keys text), so
    the hash made now matches the hash ``verify_chain`` makes from the stored row."""
    return None if detail is None else json.loads(json.dumps(detail))


# --- extending the chain ------------------------------------------------------------------------
@dataclass(frozen=True)
class Head:
    """The end of the chain: the last row's id and hash and the number of rows."""

    last_id: int
    last_hash: str
    row_count: int


def lock_head(connection: Connection, *also: ColumnElement[Any]) -> tuple[Head, tuple[Any, ...]]:
    """Lock the chain's head for this transaction and read it (one statement); ``also``: more
    values to fetch in the same round trip (a sequence's next value)."""
    query = (select(HEAD_TABLE.c.last_id, HEAD_TABLE.c.last_hash, HEAD_TABLE.c.row_count, *also)
             .where(HEAD_TABLE.c.id == HEAD_ID).with_for_update())
    row = connection.execute(query).first()
    if row is None:
        raise AuditChainError("the audit chain's head row is missing (audit_chain_head)")
    return Head(int(row[0]), str(row[1]), int(row[2])), tuple(row[3:])


def link(head: Head, rows: Iterable[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], Head]:
    """``rows`` with their ids, ``detail`` as stored, ``prev_hash`` and ``row_hash``, chained
    after ``head``; and the new head. Pure: the caller inserts them and advances the head in the
    transaction that locked it."""
    linked: list[dict[str, Any]] = []
    last_id, last_hash = head.last_id, head.last_hash
    for row in rows:
        values: dict[str, Any] = {name: row.get(name) for name in CONTENT_COLUMNS}
        values["id"] = last_id + 1
        values["detail"] = _stored_detail(values["detail"])
        values["prev_hash"] = last_hash
        values["row_hash"] = last_hash = row_hash(last_hash, values)
        last_id = values["id"]
        linked.append(values)
    return linked, Head(last_id, last_hash, head.row_count + len(linked))


# Moves the head; its parameters are ``head_params(new head)``.
ADVANCE_HEAD: Update = (update(HEAD_TABLE).where(HEAD_TABLE.c.id == HEAD_ID).values(
    last_id=bindparam("head_last_id"), last_hash=bindparam("head_last_hash"),
    row_count=bindparam("head_row_count")))


def head_params(head: Head) -> dict[str, Any]:
    """The parameters of ``ADVANCE_HEAD`` moving the head to ``head``."""
    return {"head_last_id": head.last_id, "head_last_hash": head.last_hash,
            "head_row_count": head.row_count}


# Parameters ``audit_<column>`` (an ``id`` key would also set the head's id).
_INSERT_MOVING_HEAD = (insert(AuditEvent).values(
    {column.name: bindparam(f"audit_{column.name}", type_=column.type)
     for column in AUDIT_TABLE.columns})
    .add_cte(ADVANCE_HEAD.cte("chain_head")))


def insert_audit(connection: Connection, rows: Sequence[Mapping[str, Any]], *,
                 head: Head | None = None) -> list[int]:
    """Insert audit ``rows`` (column values; no id, no hashes) chained; their ids. The way for
    Core code to write audit rows. ``head``: the head as the caller locked it in this
    transaction (``lock_head``, with values of its own in that statement)."""
    if not rows:
        return []
    if head is None:
        head, _ = lock_head(connection)
    linked, new_head = link(head, rows)
    if len(linked) == 1 and connection.dialect.name == "postgresql":
        # One round trip: the head moves in the insert's statement (a data-modifying CTE).
        connection.execute(_INSERT_MOVING_HEAD, {
            **{f"audit_{name}": value for name, value in linked[0].items()},
            **head_params(new_head)})
    else:
        connection.execute(insert(AuditEvent), linked)
        connection.execute(ADVANCE_HEAD, head_params(new_head))
    return [values["id"] for values in linked]


@event.listens_for(Session, "before_flush")
def _chain_flushed_events(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """Chain the ``AuditEvent`` objects this flush inserts; refuse changing or deleting one."""
    for obj in session.deleted:
        if isinstance(obj, AuditEvent):
            raise AuditChainError(f"audit row {obj.id} cannot be deleted: the log is append-only")
    for obj in session.dirty:
        if isinstance(obj, AuditEvent) and session.is_modified(obj):
            raise AuditChainError(f"audit row {obj.id} cannot be changed: the log is append-only")
    new = [obj for obj in session.new if isinstance(obj, AuditEvent)]
    if not new:
        return
    head, _ = lock_head(session.connection())
    linked, new_head = link(head, ({name: getattr(obj, name) for name in CONTENT_COLUMNS}
                                   for obj in new))
    for obj, values in zip(new, linked):
        obj.id, obj.detail = values["id"], values["detail"]
        obj.prev_hash, obj.row_hash = values["prev_hash"], values["row_hash"]
    session.connection().execute(ADVANCE_HEAD, head_params(new_head))


# --- checking the chain -------------------------------------------------------------------------
@dataclass(frozen=True)
class BrokenLink:
    """The first place the chain does not hold: ``row_id`` (the first broken row; for a
    missing tail, the first missing id) and ``reason``, a stable code:

    - ``audit_row_altered``: the row's content (or its hash) was changed after it was written;
    - ``audit_row_missing``: the row before it is gone (deleted); ``after`` names the row found
      before it;
    - ``audit_row_out_of_order``: it was chained after row ``after``, which now lies after it;
    - ``audit_row_forged``: the row lies beyond the chain's head (inserted outside the desk);
    - ``audit_tail_missing``: the newest rows, ``row_id`` up to ``expected_last``, are gone;
    - ``audit_head_mismatch``: the head's row count or hash disagrees with the log.
    """

    row_id: int
    reason: str
    after: int | None = None
    expected_last: int | None = None

    @property
    def message(self) -> str:
        """What broke, in the user's language."""
        if self.reason == "audit_row_missing" and self.after is None:
            return wording.text("audit_rows_before_missing", row=self.row_id)
        return wording.text(self.reason, row=self.row_id, after=self.after,
                            last=self.expected_last)


@dataclass(frozen=True)
class ChainReport:
    """``verify``'s whole answer: the first break (None: intact), the rows read, the last one."""

    broken: BrokenLink | None
    rows: int
    last_id: int | None
    last_at: datetime | None
    last_hash: str

    @property
    def message(self) -> str:
        if self.broken is not None:
            return self.broken.message
        if self.last_at is None:
            return wording.text("audit_chain_empty")
        return wording.text("audit_chain_intact", rows=self.rows, last_id=self.last_id,
                            last_at=f"{self.last_at:%Y-%m-%d %H:%M:%S}",
                            head=self.last_hash[:16])


def _connection(source: Connection | Session) -> Connection:
    return source.connection() if isinstance(source, Session) else source


def _rows(connection: Connection) -> Iterator[Mapping[Any, Any]]:
    """Every audit row in id order, ``VERIFY_BATCH`` at a time (keyset pages: flat memory)."""
    after: int | None = None
    while True:
        query = select(AUDIT_TABLE).order_by(AUDIT_TABLE.c.id).limit(VERIFY_BATCH)
        if after is not None:
            query = query.where(AUDIT_TABLE.c.id > after)
        batch = connection.execute(query).mappings().all()
        yield from batch
        if len(batch) < VERIFY_BATCH:
            return
        after = batch[-1]["id"]


def _missing_or_moved(connection: Connection, row_id: int, prev_hash: str,
                      before: int | None) -> BrokenLink:
    """Row ``row_id`` does not follow the row read before it: was it chained after a row that
    now lies after it (out of order), or is the row it followed gone?"""
    chained_after = connection.execute(select(AUDIT_TABLE.c.id).where(
        AUDIT_TABLE.c.row_hash == prev_hash)).scalars().first()
    if chained_after is not None and chained_after > row_id:
        return BrokenLink(row_id, "audit_row_out_of_order", after=chained_after)
    return BrokenLink(row_id, "audit_row_missing", after=before)


def check_chain(source: Connection | Session) -> ChainReport:
    """Check the whole chain and the head against each other, streaming; ``source``: a
    connection or session of any library (a backup copy too). Run it in one transaction (one
    snapshot) so rows written meanwhile do not look like a break."""
    connection = _connection(source)
    head_row = connection.execute(select(HEAD_TABLE).where(HEAD_TABLE.c.id == HEAD_ID)).first()
    head = Head(head_row.last_id, head_row.last_hash, head_row.row_count) if head_row else None
    prev_hash, prev_id, last_at, count = GENESIS, None, None, 0

    def report(broken: BrokenLink | None) -> ChainReport:
        return ChainReport(broken, count, prev_id, last_at, prev_hash)

    for row in _rows(connection):
        row_id = int(row["id"])
        if head is None or row_id > head.last_id:
            return report(BrokenLink(row_id, "audit_row_forged"))
        if row["row_hash"] != row_hash(row["prev_hash"] or "", row):
            return report(BrokenLink(row_id, "audit_row_altered"))
        if row["prev_hash"] != prev_hash:
            return report(_missing_or_moved(connection, row_id, row["prev_hash"], prev_id))
        prev_hash, prev_id, last_at, count = row["row_hash"], row_id, row["at"], count + 1
    if head is None:
        return report(None)   # no head: a log never chained, and it is empty
    if prev_id is None and head.last_id > 0 or prev_id is not None and prev_id < head.last_id:
        return report(BrokenLink((prev_id or 0) + 1, "audit_tail_missing",
                                 after=prev_id, expected_last=head.last_id))
    if head.last_hash != prev_hash or head.row_count != count:
        return report(BrokenLink(head.last_id, "audit_head_mismatch"))
    return report(None)


def verify_chain(source: Connection | Session) -> BrokenLink | None:
    """The first broken row of the audit chain at ``source`` (a connection or a session), or
    None when the chain is intact. Streams the log (flat memory whatever its size)."""
    return check_chain(source).broken


def chain_existing(connection: Connection, table: Table = AUDIT_TABLE) -> Head:
    """Chain every audit row already in ``table`` (the migration passes the table as it stood
    then), in id order; the head to store. Reads and writes ``VERIFY_BATCH`` rows at a time."""
    prev_hash, last_id, count = GENESIS, 0, 0
    update_hashes = (update(table).where(table.c.id == bindparam("row_id"))
                     .values(prev_hash=bindparam("prev"), row_hash=bindparam("digest")))
    while True:
        batch = connection.execute(
            select(table).where(table.c.id > last_id)
            .order_by(table.c.id).limit(VERIFY_BATCH)).mappings().all()
        if not batch:
            return Head(last_id, prev_hash, count)
        changes = []
        for row in batch:
            digest = row_hash(prev_hash, row)
            changes.append({"row_id": row["id"], "prev": prev_hash, "digest": digest})
            prev_hash, last_id, count = digest, int(row["id"]), count + 1
        connection.execute(update_hashes, changes)


def head_row(head: Head) -> dict[str, Any]:
    return {"id": HEAD_ID, "last_id": head.last_id, "last_hash": head.last_hash,
            "row_count": head.row_count}


__all__ = ["AuditChainError", "BrokenLink", "ChainReport", "ADVANCE_HEAD", "GENESIS", "Head",
           "canonical", "chain_existing", "check_chain", "head_params", "head_row", "insert_audit", "link",
           "lock_head", "row_hash", "verify_chain"]
