"""A small ESC/POS decoder for the commands the desk emits (PyPI has none).

``EscposDecoder.feed(bytes)`` parses a byte stream incrementally (an incomplete command at the
end waits for more bytes) into elements: text lines (with alignment, bold, size, and Big5 text
between ``FS &`` and ``FS .``), raster images (``GS v 0``), barcodes (``GS k``, with Code 128
code sets decoded), feeds, cuts, cash-drawer kicks and real-time status queries (``DLE EOT n``).
Bytes it does not know are kept in ``unknown`` so tests notice. ``decode(data)`` does it in one
go; ``desk.devices.escpos_preview`` draws the result as text and PNG.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from barcode.charsets import code128 as c128
from PIL import Image, ImageOps

ESC, GS, FS, DLE, LF, CR, HT, NUL = 0x1B, 0x1D, 0x1C, 0x10, 0x0A, 0x0D, 0x09, 0x00
BARCODE_TYPES_A = {0: "UPC-A", 1: "UPC-E", 2: "EAN13", 3: "EAN8", 4: "CODE39", 5: "ITF", 6: "CODABAR"}
BARCODE_TYPES_B = {65: "UPC-A", 66: "UPC-E", 67: "EAN13", 68: "EAN8", 69: "CODE39", 70: "ITF",
                   71: "CODABAR", 72: "CODE93", 73: "CODE128", 74: "GS1-128"}
ALIGN = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
# ESC commands taking one parameter byte the decoder only skips.
ESC_SKIP_1 = frozenset(b"-GMV{R U3cSr")
GS_SKIP_1 = frozenset(b"BbaIr")


@dataclass(frozen=True)
class TextLine:
    text: str
    align: str = "left"
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass(frozen=True)
class RasterImage:
    image: Image.Image  # mode "1": white background, black dots
    align: str = "left"


@dataclass(frozen=True)
class Barcode:
    symbology: str
    data: str
    modules: str = ""  # Code 128: the bar pattern, 1 = bar
    height: int = 162
    module_width: int = 3
    hri: int = 0
    align: str = "left"


@dataclass(frozen=True)
class Feed:
    lines: int


@dataclass(frozen=True)
class Cut:
    partial: bool


@dataclass(frozen=True)
class DrawerKick:
    pin: int
    on_ms: int
    off_ms: int


@dataclass(frozen=True)
class StatusQuery:
    n: int


Element = TextLine | RasterImage | Barcode | Feed | Cut | DrawerKick | StatusQuery


class Incomplete(Exception):
    """The command at the end of the buffer needs more bytes."""


def code128_from_escpos(data: bytes) -> tuple[str, str]:
    """``GS k 73`` data (``{A``/``{B``/``{C`` code sets, ``{{`` for ``{``) -> (text, bar modules)."""
    if len(data) < 2 or data[0] != ord("{") or chr(data[1]) not in "ABC":
        raise ValueError(f"Code 128 data must start with a code set, not {data[:2]!r}")
    code_set = chr(data[1])
    values = [c128.START_CODES[code_set]]
    text = []
    i = 2
    switch = {"A": {"B": 100, "C": 99}, "B": {"A": 101, "C": 99}, "C": {"A": 101, "B": 100}}
    while i < len(data):
        byte = data[i]
        if byte == ord("{") and i + 1 < len(data) and data[i + 1] != ord("{"):
            target = chr(data[i + 1])
            if target in "ABC":
                values.append(switch[code_set][target])
                code_set = target
            elif target == "1":
                values.append(102)
            i += 2
            continue
        if byte == ord("{"):
            i += 1  # "{{" is one "{"
        if code_set == "C":
            if data[i] > 99:
                raise ValueError(f"code set C value {data[i]} > 99")
            values.append(data[i])
            text.append(f"{data[i]:02d}")
        else:
            char = chr(data[i])
            values.append((c128.A if code_set == "A" else c128.B)[char])
            text.append(char)
        i += 1
    checksum = (values[0] + sum(pos * value for pos, value in enumerate(values[1:], 1))) % 103
    # The stop pattern is 13 modules: python-barcode keeps its last bar ("11") apart.
    modules = "".join(c128.CODES[value] for value in values + [checksum]) + c128.STOP + "11"
    return "".join(text), modules


@dataclass
class EscposDecoder:
    elements: list[Element] = field(default_factory=list)
    unknown: list[bytes] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._pending = b""
        self._reset()

    def _reset(self) -> None:
        self.align, self.bold, self.width, self.height = "left", False, 1, 1
        self.chinese = False
        self.barcode_height, self.module_width, self.hri = 162, 3, 0
        self._text: list[tuple[bytes, bool]] = []

    def feed(self, data: bytes) -> list[Element]:
        """Parse more bytes; returns the elements completed by them."""
        buffer = self._pending + data
        start = len(self.elements)
        i = 0
        while i < len(buffer):
            try:
                i = self._step(buffer, i)
            except Incomplete:
                break
        self._pending = buffer[i:]
        return self.elements[start:]

    def finish(self) -> list[Element]:
        """End of the stream: text without a final line feed is printed as a line."""
        start = len(self.elements)
        if self._pending:
            self.unknown.append(self._pending)
            self._pending = b""
        self._flush_line(force=False)
        return self.elements[start:]

    def _need(self, buffer: bytes, end: int) -> None:
        if end > len(buffer):
            raise Incomplete

    def _step(self, b: bytes, i: int) -> int:
        byte = b[i]
        if byte == LF:
            self._flush_line(force=True)
            return i + 1
        if byte == CR:
            return i + 1
        if byte == HT:
            self._text.append((b"    ", False))
            return i + 1
        if byte == DLE:
            self._need(b, i + 3)
            if b[i + 1] == 0x04:
                self.elements.append(StatusQuery(b[i + 2]))
                return i + 3
            self.unknown.append(b[i:i + 2])
            return i + 2
        if byte == ESC:
            return self._esc(b, i)
        if byte == GS:
            return self._gs(b, i)
        if byte == FS:
            self._need(b, i + 2)
            command = b[i + 1]
            if command == ord("&"):
                self.chinese = True
                return i + 2
            if command == ord("."):
                self.chinese = False
                return i + 2
            if command in b"!C":
                self._need(b, i + 3)
                return i + 3
            self.unknown.append(b[i:i + 2])
            return i + 2
        if byte < 0x20:
            self.unknown.append(bytes([byte]))
            return i + 1
        if self.chinese and byte >= 0x81:
            self._need(b, i + 2)
            self._text.append((b[i:i + 2], True))
            return i + 2
        self._text.append((bytes([byte]), False))
        return i + 1

    def _esc(self, b: bytes, i: int) -> int:
        self._need(b, i + 2)
        command = b[i + 1]
        if command == ord("@"):
            self._flush_line(force=False)
            self._reset()
            return i + 2
        if command == ord("2"):
            return i + 2
        self._need(b, i + 3)
        n = b[i + 2]
        if command == ord("a"):
            self.align = ALIGN.get(n, "left")
        elif command == ord("E"):
            self.bold = bool(n & 1)
        elif command == ord("!"):
            self.bold = bool(n & 0x08)
            self.height = 2 if n & 0x10 else 1
            self.width = 2 if n & 0x20 else 1
        elif command == ord("d"):
            self._flush_line(force=False)
            self.elements.append(Feed(n))
        elif command == ord("J"):
            self._flush_line(force=False)
        elif command == ord("t"):
            pass  # code page: the desk sends ASCII only outside Chinese mode
        elif command == ord("p"):
            self._need(b, i + 5)
            self.elements.append(DrawerKick(2 if n in (0, 48) else 5, b[i + 3] * 2, b[i + 4] * 2))
            return i + 5
        elif command == ord("c"):
            self._need(b, i + 4)
            return i + 4
        elif command == ord("*"):
            self._need(b, i + 5)
            count = (b[i + 3] + 256 * b[i + 4]) * (1 if n in (0, 1) else 3)
            self._need(b, i + 5 + count)
            return i + 5 + count
        elif command not in ESC_SKIP_1:
            self.unknown.append(b[i:i + 3])
        return i + 3

    def _gs(self, b: bytes, i: int) -> int:
        self._need(b, i + 3)
        command, n = b[i + 1], b[i + 2]
        if command == ord("V"):
            partial = n in (1, 49, 66)
            self._flush_line(force=False)
            self.elements.append(Cut(partial))
            if n in (65, 66, 97, 98, 103, 104):
                self._need(b, i + 4)
                return i + 4
            return i + 3
        if command == ord("!"):
            self.width, self.height = (n >> 4) + 1, (n & 0x0F) + 1
        elif command == ord("h"):
            self.barcode_height = n
        elif command == ord("w"):
            self.module_width = n
        elif command == ord("H"):
            self.hri = n % 48 if n >= 48 else n
        elif command == ord("f"):
            pass
        elif command == ord("k"):
            return self._barcode(b, i, n)
        elif command == ord("v") and n == ord("0"):
            self._need(b, i + 8)
            width_bytes = b[i + 4] + 256 * b[i + 5]
            rows = b[i + 6] + 256 * b[i + 7]
            end = i + 8 + width_bytes * rows
            self._need(b, end)
            self._flush_line(force=False)
            image = Image.frombytes("1", (width_bytes * 8, rows), bytes(b[i + 8:end]))
            self.elements.append(RasterImage(ImageOps.invert(image.convert("L")).convert("1"), self.align))
            return end
        elif command in (ord("L"), ord("W")):
            self._need(b, i + 4)
            return i + 4
        elif command == ord("("):
            self._need(b, i + 5)
            length = b[i + 3] + 256 * b[i + 4]
            self._need(b, i + 5 + length)
            self.unknown.append(b[i:i + 5 + length])
            return i + 5 + length
        elif command not in GS_SKIP_1:
            self.unknown.append(b[i:i + 3])
        return i + 3

    def _barcode(self, b: bytes, i: int, m: int) -> int:
        if m <= 6:
            end = b.find(b"\x00", i + 3)
            if end < 0:
                raise Incomplete
            data, after, symbology = b[i + 3:end], end + 1, BARCODE_TYPES_A.get(m, f"type {m}")
        else:
            self._need(b, i + 4)
            after = i + 4 + b[i + 3]
            self._need(b, after)
            data, symbology = b[i + 4:after], BARCODE_TYPES_B.get(m, f"type {m}")
        self._flush_line(force=False)
        text, modules = data.decode("latin-1"), ""
        if symbology == "CODE128":
            text, modules = code128_from_escpos(data)
        self.elements.append(Barcode(symbology, text, modules, self.barcode_height, self.module_width,
                                     self.hri, self.align))
        return after

    def _flush_line(self, force: bool) -> None:
        if not self._text and not force:
            return
        parts = []
        for chunk, chinese in self._text:
            parts.append(chunk.decode("big5", errors="replace") if chinese else chunk.decode("cp437"))
        self.elements.append(TextLine("".join(parts), self.align, self.bold, self.width, self.height))
        self._text = []


def decode(data: bytes) -> EscposDecoder:
    """Decode a whole stream; read ``.elements`` and ``.unknown``."""
    decoder = EscposDecoder()
    decoder.feed(data)
    decoder.finish()
    return decoder
