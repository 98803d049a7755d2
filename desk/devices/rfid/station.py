"""The RFID pad at a desk: the reader, the pad worker, securing tags and programming them.

What the ``DeviceHub`` runs for its ``rfid`` device (pure Python; the hub calls it from its
threads). ``secure(barcode, on_loan)`` writes the AFI of every tag the pad saw carrying
``barcode`` (``afi_on_loan`` or ``afi_in_library``) and reads each back; ``program(barcode,
parts, part)`` writes the Danish-model block of a new tag (the one blank tag on the pad), reads
it back and sets it to "in the library". A failure raises ``RfidError`` with a message for
staff; nothing here knows about loans.
"""

from __future__ import annotations

from collections.abc import Callable

from desk.devices.registry import RfidSpec
from desk.devices.rfid.datamodel import BlankTag, LibraryTag, TagDataError, decode, encode
from desk.devices.rfid.pad import PadItem, RfidPadWorker
from desk.devices.rfid.reader import RfidError, RfidReader, uid_text
from desk.devices.status import StatusReporter
from desk.wording import rfid as messages
from desk.wording import text as tr


class RfidStation:
    """One pad configured by ``spec``; ``start``/``stop`` its worker."""

    def __init__(self, spec: RfidSpec, on_item: Callable[[PadItem], None],
                 on_reject: Callable[[str], None]) -> None:
        self.spec = spec
        self.reader = RfidReader(spec.url, baud=spec.baud, timeout=spec.timeout,
                                 retries=spec.retries)
        self.reporter = StatusReporter()
        self.pad = RfidPadWorker(self.reader, on_item, on_reject, status=self.reporter,
                                 poll_interval=spec.poll_interval,
                                 reconnect_interval=spec.reconnect_interval)
        self._parts: dict[str, int] = {}

    def start(self) -> None:
        self.pad.start()

    def stop(self) -> None:
        self.pad.stop()

    def remember(self, item: PadItem) -> None:
        """Note how many pieces of ``item`` were on the pad (called before it is scanned)."""
        self._parts[item.barcode] = len(item.parts_seen)

    def parts_seen(self, barcode: str) -> int | None:
        """How many pieces of ``barcode`` the pad read, None unless one lies there now (a
        barcode scanned by hand later counts nothing)."""
        present = set(self.pad.present)
        if not present.intersection(self.pad.tags_of(barcode)):
            return None
        return self._parts.get(barcode)

    def has_tags(self, barcode: str) -> bool:
        return bool(self.pad.tags_of(barcode))

    def forget(self) -> None:
        self.pad.forget()

    def test(self) -> str:
        return tr(messages.RFID_READER_VERSION, version=self.reader.version(), port=self.spec.url)

    def secure(self, barcode: str, on_loan: bool) -> None:
        uids = self.pad.tags_of(barcode)
        if not uids:
            raise RfidError(tr(messages.RFID_NOT_ON_PAD, barcode=barcode))
        afi = self.spec.afi_on_loan if on_loan else self.spec.afi_in_library
        for uid in uids:
            self.reader.secure(uid, afi)

    def program(self, barcode: str, parts: int = 1, part: int = 1) -> str:
        """Write ``barcode`` (part ``part`` of ``parts``) to the one blank tag on the pad."""
        tag = LibraryTag(barcode, parts_in_set=parts, part_number=part,
                         country=self.spec.country, isil=self.spec.isil)
        try:
            block = encode(tag)
        except TagDataError as error:
            raise RfidError(error.message) from error
        self.pad.paused.set()
        try:
            uid = self._one_blank_tag()
            self.reader.write_blocks(uid, block)
            if self.reader.read_blocks(uid) != block:
                raise RfidError(tr(messages.RFID_VERIFY_FAILED, uid=uid_text(uid)))
            self.reader.secure(uid, self.spec.afi_in_library)
        finally:
            self.pad.paused.clear()
        return tr(messages.RFID_PROGRAMMED, uid=uid_text(uid), barcode=barcode, part=part,
                  parts=parts)

    def _one_blank_tag(self) -> bytes:
        uids = self.reader.inventory()
        if not uids:
            raise RfidError(tr(messages.RFID_PROGRAM_NO_BLANK))
        if len(uids) > 1:
            raise RfidError(tr(messages.RFID_PROGRAM_MANY, count=len(uids)))
        try:
            found = decode(self.reader.read_blocks(uids[0]))
        except TagDataError:
            return uids[0]          # unreadable data: a tag being re-used, written over
        if not isinstance(found, BlankTag):
            raise RfidError(tr(messages.RFID_PROGRAM_NOT_BLANK, barcode=found.primary_id))
        return uids[0]
