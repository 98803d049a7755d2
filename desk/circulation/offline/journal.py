"""The offline journal: the desk's local, append-only record of transactions made while the
database could not be reached.

One JSON object per line. ``Journal.append`` writes the line, flushes it and ``os.fsync``s the
file before it returns, so a screen that confirms only after ``append`` returned never confirms
a transaction that a crash or a power cut could lose. Reading back (``read_journal``) tolerates a
torn last line (a write cut short by a crash: never confirmed); a damaged line elsewhere is
reported with its line number, never skipped silently.

Each entry has a unique transaction id (desk code + uuid), a slip number printed on the
manual-fallback receipt, a timestamp and the kind (``checkout`` or ``checkin``).

One writer per journal: an open ``Journal`` holds an exclusive lock on ``<journal>.lock`` until
it is closed (or its process ends, killed or not), so a second desk process opening the same
journal is refused with ``JournalInUse`` instead of handing out the same slip numbers. Journals
opened twice in one process share the lock and the slip counter. Reading (``read_journal``)
needs no lock; it reports a torn tail, damaged lines and a transaction id met twice.
"""

from __future__ import annotations

import errno
import json
import os
import threading
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desk.circulation.offline import file_lock
from desk.durable import fsync_directory

KINDS = ("checkout", "checkin", "payment")   # payments come only from .koc files
SOURCES = ("offline", "slip", "koc")
# The years a transaction may carry: far outside any outage, yet every date arithmetic of the
# replay (time zones, due dates, fines) stays inside what datetime can hold.
MIN_YEAR, MAX_YEAR = 1970, 2999


class JournalInUse(OSError):
    """Another desk process has this journal open (its one writer)."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(errno.EBUSY, (
            f"the offline journal is in use by another desk process{holder}; one desk "
            "process writes a journal: close the other desk (or give this one another desk "
            "code)"), str(path))


@dataclass(frozen=True)
class JournalEntry:
    """One offline transaction (also the shape keyed-in slips and .koc lines take for replay)."""

    txn_id: str
    slip_no: str
    at: datetime
    kind: str
    item: str
    patron: str | None = None
    desk: str = ""
    staff: str = ""
    source: str = "offline"
    due_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)
    note: str = ""
    amount: int | None = None      # payments: minor units

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown transaction kind {self.kind!r}; use one of {KINDS}")
        if self.at.tzinfo is None:
            raise ValueError("journal times must be aware datetimes")
        if not MIN_YEAR <= self.at.year <= MAX_YEAR:
            raise ValueError(f"date {self.at:%Y-%m-%d} out of range "
                             f"(years {MIN_YEAR} to {MAX_YEAR})")
        if self.kind in ("checkout", "payment") and not self.patron:
            raise ValueError(f"a {self.kind} needs a patron")
        if self.kind == "payment":
            if not isinstance(self.amount, int) or self.amount <= 0:
                raise ValueError("a payment needs a positive amount")
        elif not self.item:
            raise ValueError("a transaction needs an item barcode")

    def to_json(self) -> str:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["due_at"] = self.due_at.isoformat() if self.due_at else None
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "JournalEntry":
        values = dict(data)
        values["at"] = datetime.fromisoformat(values["at"])
        if values.get("due_at"):
            values["due_at"] = datetime.fromisoformat(values["due_at"])
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in values.items() if k in known})


@dataclass
class JournalRead:
    """What ``read_journal`` found: the entries, a torn last line (not an entry: dropped, and
    said), whether the last entry lacked its newline (kept: it was written whole), damaged
    lines, and lines repeating a transaction id already read (taken once)."""

    entries: list[JournalEntry]
    torn_tail: bytes = b""
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    unterminated: bool = False


def read_journal(path: Path | str) -> JournalRead:
    """Every whole entry of the journal at ``path`` (an absent file is an empty journal)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return JournalRead([])
    result = JournalRead([])
    lines = data.split(b"\n")
    tail = lines.pop()          # after the last newline: empty, or a torn write
    if tail:
        try:
            JournalEntry.from_dict(json.loads(tail))
        except (ValueError, TypeError, KeyError, AttributeError):
            result.torn_tail = tail
        else:
            # A whole entry that lost only its newline: it was written entirely, keep it.
            lines.append(tail)
            result.unterminated = True
    first_line: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            entry = JournalEntry.from_dict(json.loads(raw))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            result.bad_lines.append((number, f"{type(error).__name__}: {str(error)[:200]}"))
            continue
        if entry.txn_id in first_line:
            result.duplicates.append((number, (
                f"transaction {entry.txn_id[:60]} (slip {entry.slip_no[:30]}) repeats line "
                f"{first_line[entry.txn_id]}; taken once")))
            continue
        first_line[entry.txn_id] = number
        result.entries.append(entry)
    return result


class _Writer:
    """This process's hold on one journal: the lock file kept open and locked, and the slip
    counter every ``Journal`` on that file in this process shares."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self.users = 0
        self.mutex = threading.Lock()
        self.last_number = 0
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | file_lock.BINARY, 0o640)
        if not file_lock.try_lock(fd):
            holder = _holder(fd)
            os.close(fd)
            raise JournalInUse(path, holder)
        self.fd = fd
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))

    def release(self) -> None:
        os.close(self.fd)      # closing the descriptor lets the lock go


def _holder(fd: int) -> str:
    """" (pid N)" from the lock file, when its holder wrote it."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (pid {text})" if text.isdigit() else ""


_WRITERS: dict[Path, _Writer] = {}
_WRITERS_LOCK = threading.Lock()


class Journal:
    """The append-only journal of one desk, in one file; its one writer while open
    (``JournalInUse`` when another process has it). ``close`` lets it go."""

    def __init__(self, path: Path | str, desk: str) -> None:
        self.path = Path(path)
        self.desk = desk
        self._writer: _Writer | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        key = self.path.resolve()
        with _WRITERS_LOCK:
            writer = _WRITERS.get(key)
            made = writer is None
            if writer is None:
                writer = _Writer(self.path)
            try:
                with writer.mutex:
                    self._repair_tail()
                    writer.last_number = max(writer.last_number, max(
                        (_slip_number(e.slip_no) for e in self.read().entries), default=0))
            except BaseException:
                if made:
                    writer.release()
                raise
            _WRITERS[key] = writer
            writer.users += 1
        self._writer = writer
        self._key = key

    @property
    def _last_number(self) -> int:
        assert self._writer is not None
        return self._writer.last_number

    def close(self) -> None:
        """Stop writing: the last ``Journal`` of this process on the file releases its lock."""
        writer, self._writer = self._writer, None
        if writer is None:
            return
        with _WRITERS_LOCK:
            writer.users -= 1
            if writer.users == 0:
                _WRITERS.pop(self._key, None)
                writer.release()

    def __del__(self) -> None:
        if getattr(self, "_writer", None) is not None:
            self.close()

    def read(self) -> JournalRead:
        return read_journal(self.path)

    def _repair_tail(self) -> None:
        """Move a torn last line (never confirmed) aside, so the next entry starts on a fresh
        line. The torn bytes are kept in ``<journal>.torn`` for inspection."""
        if not self.path.exists():
            return
        found = read_journal(self.path)
        if not found.torn_tail:
            data = self.path.read_bytes()
            if data and not data.endswith(b"\n"):
                with open(self.path, "ab") as handle:
                    handle.write(b"\n")
                    handle.flush()
                    os.fsync(handle.fileno())
            return
        torn = self.path.with_name(self.path.name + ".torn")
        with open(torn, "ab") as handle:
            handle.write(found.torn_tail + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        size = self.path.stat().st_size
        with open(self.path, "r+b") as handle:
            handle.truncate(size - len(found.torn_tail))
            handle.flush()
            os.fsync(handle.fileno())

    def next_slip_no(self) -> str:
        return f"{self.desk}-{self._last_number + 1:05d}"

    def append(self, kind: str, item: str, *, at: datetime, patron: str | None = None,
               staff: str = "", due_at: datetime | None = None,
               warnings: list[str] | None = None, note: str = "") -> JournalEntry:
        """Write one transaction and make it durable; returns it only once it is on disk."""
        writer = self._writer
        if writer is None:
            raise ValueError("the journal is closed")
        with writer.mutex:
            entry = JournalEntry(
                txn_id=f"{self.desk}:{uuid.uuid4()}", slip_no=self.next_slip_no(), at=at,
                kind=kind, item=item, patron=patron, desk=self.desk, staff=staff,
                source="offline", due_at=due_at, warnings=list(warnings or []), note=note)
            self.write(entry)
            writer.last_number += 1
            return entry

    def write(self, entry: JournalEntry) -> None:
        """Append an entry made elsewhere (a keyed-in slip), durably."""
        line = (entry.to_json() + "\n").encode("utf-8")
        created = not self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | file_lock.BINARY, 0o640)
        try:
            with file_lock.exclusive(fd):
                written = 0
                while written < len(line):
                    written += os.write(fd, line[written:])
                os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_directory(self.path.parent)


def _slip_number(slip_no: str) -> int:
    tail = slip_no.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0
