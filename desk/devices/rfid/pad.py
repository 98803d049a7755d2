"""The RFID pad as a scanner: a background thread asks the reader what is on the pad every
``poll_interval`` seconds and reports each item once while it stays there.

A newly placed tag is read (its 8 data blocks) and decoded with the Danish data model. Tags are
grouped by their primary identifier: the parts of one set make one ``PadItem`` carrying the part
numbers seen, so the desk can tell a set with a part missing. An item is reported when the
inventory has not changed for one poll (a stack put down settles first), with its tags' UIDs,
which the desk's security step needs (``secure``). A tag that cannot be read or decoded is
reported once through ``on_reject``.

Lifting a tag and putting it back does not report it again: the pad remembers what it has
reported until ``forget()`` (the desk calls it when the patron or the screen changes), so a
book taken off and put back on is not lent twice. Even then what still lies on the pad stays
reported: the last patron's books left there are not lent to the next one. A set is reported
again when more of its pieces come (the missing one found), so the desk can try it again. When the port fails the worker reports an
error status and keeps trying every ``reconnect_interval`` seconds, like the serial scanner.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from desk.devices.rfid.datamodel import BlankTag, LibraryTag, TagDataError, decode
from desk.devices.rfid.reader import RfidError, RfidReader, uid_text
from desk.devices.status import DeviceState, StatusReporter
from desk.wording import rfid as messages
from desk.wording import text as tr

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PadItem:
    """One item on the pad: its barcode, the parts of its set seen and their tags."""

    barcode: str
    parts_in_set: int
    parts_seen: frozenset[int]
    uids: tuple[bytes, ...]
    patron_card: bool = False

    @property
    def complete(self) -> bool:
        return len(self.parts_seen) >= self.parts_in_set


@dataclass
class _Group:
    tags: dict[bytes, LibraryTag] = field(default_factory=dict)


class RfidPadWorker:
    """Polls ``reader``; ``on_item(PadItem)``, ``on_blank(uid)``, ``on_reject(message)``."""

    def __init__(self, reader: RfidReader, on_item: Callable[[PadItem], None],
                 on_reject: Callable[[str], None] | None = None,
                 on_blank: Callable[[bytes], None] | None = None,
                 status: StatusReporter | None = None, poll_interval: float = 0.1,
                 reconnect_interval: float = 1.0) -> None:
        self.reader = reader
        self._on_item = on_item
        self._on_reject = on_reject or (lambda message: None)
        self._on_blank = on_blank or (lambda uid: None)
        self.status = status or StatusReporter()
        self.poll_interval = poll_interval
        self.reconnect_interval = reconnect_interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._decoded: dict[bytes, LibraryTag | None] = {}   # None: unreadable or blank
        self._reported: dict[str, int] = {}      # barcode -> pieces seen when reported
        self._until_lifted: set[str] = set()      # reported before forget(), still on the pad
        self._rejected: set[bytes] = set()
        self._present: list[bytes] = []
        self._previous: list[bytes] | None = None
        self.uids_by_barcode: dict[str, tuple[bytes, ...]] = {}
        self.paused = threading.Event()

    # -- control ----------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="rfid-pad", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.reader.close()
        self.status.set(DeviceState.OFF, tr(messages.RFID_STOPPED))

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def forget(self) -> None:
        """Report again whatever is put on the pad from now on: a new patron, a new screen
        (what still lies there stays reported until it is lifted)."""
        with self._lock:
            present = set(self._present)
            # Only what was reported already: a stack being reported right now (the patron
            # card came first and made the desk call this) goes on being reported.
            on_pad = {tag.primary_id for uid, tag in list(self._decoded.items())
                      if tag is not None and uid in present}
            self._reported = {b: n for b, n in self._reported.items() if b in on_pad}
            self._until_lifted = set(self._reported)
            self._rejected.clear()

    @property
    def present(self) -> list[bytes]:
        with self._lock:
            return list(self._present)

    def tags_of(self, barcode: str) -> tuple[bytes, ...]:
        """The UIDs last seen carrying ``barcode`` (for securing them after the loan)."""
        with self._lock:
            return self.uids_by_barcode.get(barcode, ())

    # -- the loop ---------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            if self.paused.is_set():      # a tag is being programmed: leave the reader alone
                self._stop.wait(self.poll_interval)
                continue
            try:
                self.poll()
            except RfidError as error:
                self.reader.close()
                self.status.set(DeviceState.ERROR, tr(
                    messages.RFID_READER_GONE, port=self.reader.url, detail=error.message,
                    interval=self.reconnect_interval))
                self._stop.wait(self.reconnect_interval)
                continue
            except Exception:  # a failing receiver must not stop the pad
                log.exception("RFID pad receiver failed")
            self.status.set(DeviceState.CONNECTED, tr(messages.RFID_READY, port=self.reader.url))
            self._stop.wait(self.poll_interval)

    def poll(self) -> list[PadItem]:
        """One round: inventory, read the new tags, report the items that settled."""
        uids = self.reader.inventory()
        for uid in uids:
            if uid not in self._decoded:
                self._decoded[uid] = self._read(uid)
        with self._lock:
            self._present = list(uids)
            stable = self._previous is not None and set(uids) == set(self._previous)
            self._previous = list(uids)
        # Forget the data of tags that left: a re-tagged book is read afresh.
        for uid in list(self._decoded):
            if uid not in uids:
                del self._decoded[uid]
        on_pad = {tag.primary_id for tag in self._decoded.values() if tag is not None}
        with self._lock:
            for barcode in self._until_lifted - on_pad:
                self._until_lifted.discard(barcode)
                self._reported.pop(barcode, None)
        return self._report(uids) if stable else []

    def _read(self, uid: bytes) -> LibraryTag | None:
        try:
            tag = decode(self.reader.read_blocks(uid))
        except (TagDataError, RfidError) as error:
            detail = error.message
            if uid not in self._rejected:
                self._rejected.add(uid)
                self._on_reject(tr(messages.RFID_UNREADABLE, uid=uid_text(uid), detail=detail))
            return None
        if isinstance(tag, BlankTag):
            self._on_blank(uid)
            return None
        return tag

    def _report(self, uids: list[bytes]) -> list[PadItem]:
        groups: dict[str, _Group] = {}
        for uid in uids:
            tag = self._decoded.get(uid)
            if tag is not None:
                groups.setdefault(tag.primary_id, _Group()).tags[uid] = tag
        items: list[PadItem] = []
        # A patron card first: the books laid with it are that patron's.
        ordered = sorted(groups.items(), key=lambda entry: not any(
            t.is_patron_card for t in entry[1].tags.values()))
        for barcode, group in ordered:
            tags = list(group.tags.values())
            item = PadItem(barcode=barcode, parts_in_set=max(t.parts_in_set for t in tags),
                           parts_seen=frozenset(t.part_number for t in tags),
                           uids=tuple(group.tags), patron_card=tags[0].is_patron_card)
            with self._lock:
                self.uids_by_barcode[barcode] = item.uids
                # Once per item, and again only when more of its pieces arrived (the missing
                # CD of a set found and laid on the pad).
                if self._reported.get(barcode, 0) >= len(item.parts_seen):
                    continue
                self._reported[barcode] = len(item.parts_seen)
            items.append(item)
            self._on_item(item)
        return items
