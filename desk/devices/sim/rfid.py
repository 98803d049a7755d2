"""A 3M 810 RFID reader simulator (``desk.devices.rfid.m810``, byte for byte) with a pad of
virtual ISO 15693 tags that a test or a person places and lifts.

``VirtualTag`` holds 28 blocks of 4 bytes, an AFI and a UID; ``damaged`` makes it answer the
inventory but fail every read and write (a cracked antenna), ``corrupt`` stores data whose CRC
does not match. ``RfidSimulator.place(tag)`` / ``lift(uid)`` change what is on the pad;
``library_tag(barcode, part=, parts=)`` and ``blank_tag()`` make tags. ``run_command(line)``
is the simulator's small command line (see ``COMMANDS``). Every request is recorded in
``requests`` (the command byte and the UID) so tests can count the reader's work.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

from desk.devices.rfid import m810
from desk.devices.rfid.datamodel import LibraryTag, Usage, encode
from desk.devices.sim.link import Link
from desk.devices.sim.served import LinkServer

BLOCKS = 28
_UIDS = itertools.count(1)

COMMANDS = """commands:
  place BARCODE [PART/PARTS]   put a tag on the pad (e.g. place 31234567890128 2/3)
  card BARCODE                 put a patron card on the pad
  blank                        put a blank tag on the pad
  damaged BARCODE              put a tag that cannot be read on the pad
  corrupt BARCODE              put a tag whose data fails its check sum on the pad
  lift UID|BARCODE|all         take tags off the pad
  list                         what is on the pad, with each tag's AFI
  unplug | replug              pull the reader's cable / plug it back
  quiet | loud                 stop answering / answer again"""


@dataclass
class VirtualTag:
    uid: bytes
    memory: bytearray = field(default_factory=lambda: bytearray(BLOCKS * 4))
    afi: int = 0x07
    damaged: bool = False

    @property
    def label(self) -> str:
        text = bytes(self.memory[3:19]).split(b"\x00", 1)[0].decode("ascii", "replace")
        part = f" {self.memory[2]}/{self.memory[1]}" if self.memory[1] > 1 else ""
        return (text or "(blank)") + part


def new_uid() -> bytes:
    """A fresh ISO 15693 UID (E0 manufacturer prefix, like real tags)."""
    return bytes.fromhex("E004") + next(_UIDS).to_bytes(6, "big")


def library_tag(barcode: str, *, part: int = 1, parts: int = 1, afi: int = 0x07,
                country: str = "TW", isil: str = "TW-NKUST", usage: int = Usage.CIRCULATING,
                uid: bytes | None = None) -> VirtualTag:
    data = encode(LibraryTag(barcode, usage=usage, parts_in_set=parts, part_number=part,
                             country=country, isil=isil[:9]))
    tag = VirtualTag(uid or new_uid(), afi=afi)
    tag.memory[:32] = data
    return tag


def blank_tag() -> VirtualTag:
    return VirtualTag(new_uid())


class RfidSimulator(LinkServer):
    """Answers the desk on ``port``; ``start``/``stop`` run it in a thread."""

    thread_name = "rfid-sim"

    def __init__(self, port: Link, version: bytes = bytes([1, 2, 0, 4])) -> None:
        self.port = port
        self.version = version
        self.pad: dict[bytes, VirtualTag] = {}
        self.quiet = False
        self.requests: list[tuple[int, bytes]] = []
        self._buffer = bytearray()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = None

    # -- the pad ----------------------------------------------------------------------------
    def place(self, *tags: VirtualTag) -> None:
        with self._lock:
            for tag in tags:
                self.pad[tag.uid] = tag

    def lift(self, *uids: bytes) -> None:
        with self._lock:
            for uid in uids or list(self.pad):
                self.pad.pop(uid, None)

    def tags_of(self, barcode: str) -> list[VirtualTag]:
        with self._lock:
            return [t for t in self.pad.values() if t.label.split(" ")[0] == barcode]

    # -- running (``start``, ``stop``, ``serve_forever``: ``LinkServer``) ----------------------
    def feed(self, data: bytes) -> None:
        """Take bytes from the desk; answer every whole frame (noise and bad frames dropped)."""
        self._buffer += data
        while (whole := m810.take_frame(self._buffer)) is not None:
            try:
                payload = m810.unframe(whole)
            except m810.FrameError:
                continue
            start = whole[0]
            reply = self.answer(payload)
            if reply is not None and not self.quiet:
                try:
                    self.port.write(m810.frame(reply, start))
                except OSError:
                    pass

    def answer(self, payload: bytes) -> bytes | None:
        """The reply payload to one request payload (None: a real reader says nothing)."""
        with self._lock:
            command = payload[0]
            uid = payload[1:9]
            self.requests.append((command, uid if command != 0xFE else b""))
            if payload == m810.VERSION:
                return m810.VERSION + self.version
            if payload == m810.INVENTORY:
                return m810.inventory_reply(list(self.pad))
            tag = self.pad.get(uid)
            if command not in (m810.READ_BLOCKS, m810.WRITE_BLOCKS, m810.WRITE_AFI,
                               m810.READ_AFI) or len(payload) < 9:
                return None
            if tag is None or tag.damaged:
                return m810.failed_reply(command, uid)
            if command == m810.READ_BLOCKS and len(payload) == 11:
                start, count = payload[9], payload[10]
                if start + count > BLOCKS or count == 0:
                    return m810.failed_reply(command, uid)
                return m810.read_blocks_reply(uid, start, bytes(tag.memory[start * 4:(start + count) * 4]))
            if command == m810.WRITE_BLOCKS and len(payload) >= 12:
                start, count, data = payload[9], payload[10], payload[12:]
                if len(data) != count * 4 or start + count > BLOCKS:
                    return m810.failed_reply(command, uid)
                tag.memory[start * 4:(start + count) * 4] = data
                return bytes([command, m810.OK]) + uid + bytes([count])
            if command == m810.WRITE_AFI and len(payload) == 10:
                tag.afi = payload[9]
                return bytes([command, m810.OK]) + uid
            if command == m810.READ_AFI and len(payload) == 9:
                return bytes([command, m810.OK]) + uid + bytes([tag.afi])
            return m810.failed_reply(command, uid)

    # -- the command line -------------------------------------------------------------------
    def run_command(self, line: str) -> str:
        """One command of ``COMMANDS``; returns what to say."""
        words = line.split()
        if not words:
            return ""
        verb, args = words[0].lower(), words[1:]
        if verb in ("place", "card", "damaged", "corrupt") and args:
            part, parts = 1, 1
            if len(args) > 1 and "/" in args[1]:
                part, parts = (int(n) for n in args[1].split("/", 1))
            usage = Usage.PATRON_CARD if verb == "card" else Usage.CIRCULATING
            tag = library_tag(args[0], part=part, parts=parts, usage=usage)
            tag.damaged = verb == "damaged"
            if verb == "corrupt":
                tag.memory[19] ^= 0xFF
            self.place(tag)
            return f"placed {tag.uid.hex().upper()} {tag.label}"
        if verb == "blank":
            tag = blank_tag()
            self.place(tag)
            return f"placed {tag.uid.hex().upper()} (blank)"
        if verb == "lift" and args:
            target = args[0]
            if target == "all":
                self.lift()
                return "pad cleared"
            uids = [t.uid for t in self.tags_of(target)]
            if not uids:
                try:
                    uids = [bytes.fromhex(target)]
                except ValueError:
                    return f"no tag {target} on the pad"
            self.lift(*uids)
            return f"lifted {len(uids)} tag(s)"
        if verb == "list":
            with self._lock:
                rows = [f"{uid.hex().upper()}  AFI {t.afi:02X}  {t.label}"
                        f"{'  (damaged)' if t.damaged else ''}" for uid, t in self.pad.items()]
            return "\n".join(rows) or "the pad is empty"
        if verb in ("unplug", "replug"):
            getattr(self.port, verb)()
            return verb + "ged"
        if verb in ("quiet", "loud"):
            self.quiet = verb == "quiet"
            return verb
        return COMMANDS
