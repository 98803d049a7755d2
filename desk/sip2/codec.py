"""SIP2 2.00 framing: one message as bytes <-> its code, fixed fields and variable fields.

A message is a two-digit code, fixed-length fields (their lengths depend on the code), then
variable fields (a two-letter id, the value, ``|``), and, when error detection is on, the
sequence number ``AY`` (one digit) and the checksum ``AZ`` (four hex digits), then CR. The
checksum is the two's complement of the sum of the BYTES from the code up to and including
``AZ`` — bytes as the terminal encodes them (UTF-8 or Big5), not characters: the ``sip2``
client on PyPI sums characters, which is wrong for any Chinese name. A CR LF ending is
accepted (the LF is left for the reader, which drops it); replies end in CR.

Why not ``pysip2`` (0.1.0): it fixes one encoding per server (terminals here choose UTF-8 or
Big5 each), refuses a CR LF ending, and brings its own AnyIO server without a connection limit.
The framing is small enough to own; this module is pure (no I/O) and fuzzed in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Fixed-field lengths of the requests a terminal sends (2.00 specification, by message code).
REQUEST_FIXED = {
    "01": 19,   # block patron: card retained, transaction date
    "09": 37,   # checkin: no block, transaction date, return date
    "11": 38,   # checkout: SC renewal policy, no block, transaction date, nb due date
    "15": 19,   # hold: hold mode, transaction date
    "17": 18,   # item information: transaction date
    "19": 18,   # item status update: transaction date
    "23": 21,   # patron status: language, transaction date
    "25": 18,   # patron enable: transaction date
    "29": 38,   # renew: third party allowed, no block, transaction date, nb due date
    "35": 18,   # end patron session: transaction date
    "37": 25,   # fee paid: transaction date, fee type, payment type, currency type
    "63": 31,   # patron information: language, transaction date, summary
    "65": 18,   # renew all: transaction date
    "93": 2,    # login: UID algorithm, PWD algorithm
    "97": 0,    # request ACS resend
    "99": 8,    # SC status: status code, max print width, protocol version
}
MAX_FIELD_CHARS = 255          # a variable field's longest value (2.00 specification)
FIELD_ID = re.compile(r"[A-Z][A-Z0-9]")
# The error-detection trailer at the end of a message: AY<digit>AZ<hex> or AZ<hex> or AY<digit>.
# The sip2 client on PyPI does not zero-pad its checksum, so 1 to 4 hex digits are accepted.
_TRAILER = re.compile(rb"(?:AY([0-9]))?AZ([0-9A-Fa-f]{1,4})\Z")
_SEQUENCE_ONLY = re.compile(rb"AY([0-9])\Z")
_FORBIDDEN_IN_VALUES = str.maketrans({"|": " ", "\r": " ", "\n": " "})


class MalformedMessage(Exception):
    """A frame that is not a SIP2 message (the server answers 96 and logs ``reason``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnknownMessage(MalformedMessage):
    """A well-framed message whose code this server does not know."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown message code {code!r}")
        self.code = code


@dataclass(frozen=True)
class Message:
    """One decoded request: its code, its fixed fields as one string, its variable fields in
    order, and its sequence number (``None``: error detection off)."""

    code: str
    fixed: str
    fields: tuple[tuple[str, str], ...] = ()
    sequence: str | None = None
    checksummed: bool = False

    def get(self, field_id: str, default: str = "") -> str:
        """The first value of ``field_id``, else ``default``."""
        for key, value in self.fields:
            if key == field_id:
                return value
        return default

    def has(self, field_id: str) -> bool:
        return any(key == field_id for key, _ in self.fields)


def checksum(data: bytes) -> str:
    """The AZ checksum of ``data`` (everything from the code up to and including ``AZ``)."""
    return f"{(-sum(data)) & 0xFFFF:04X}"


def strip_terminator(frame: bytes) -> bytes:
    """``frame`` without its CR (or CR LF) ending and without a LF left over from the previous
    frame's CR LF."""
    frame = frame.lstrip(b"\n")
    if frame.endswith(b"\r\n"):
        return frame[:-2]
    return frame[:-1] if frame.endswith(b"\r") else frame


def decode(frame: bytes, encoding: str) -> Message:
    """The message in ``frame`` (with or without its terminator). ``MalformedMessage``: a bad
    checksum, text the encoding cannot read, a short fixed part, a malformed field;
    ``UnknownMessage``: a code this server does not serve."""
    body = strip_terminator(frame)
    if b"\r" in body or b"\n" in body:
        raise MalformedMessage("line break inside the message")
    sequence: str | None = None
    checksummed = False
    trailer = _TRAILER.search(body)
    if trailer is not None:
        covered = body[:trailer.start(2)]
        if (sum(covered) + int(trailer.group(2), 16)) & 0xFFFF:
            raise MalformedMessage(f"wrong checksum {trailer.group(2).decode('ascii')}")
        checksummed = True
        sequence = trailer.group(1).decode("ascii") if trailer.group(1) else None
        body = body[:trailer.start()]
    else:
        only = _SEQUENCE_ONLY.search(body)
        if only is not None:
            sequence = only.group(1).decode("ascii")
            body = body[:only.start()]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise MalformedMessage(f"not {encoding} text at byte {exc.start}") from None
    code = text[:2]
    if len(code) < 2 or not code.isascii() or not code.isdigit():
        raise MalformedMessage("no message code")
    length = REQUEST_FIXED.get(code)
    if length is None:
        raise UnknownMessage(code)
    fixed = text[2:2 + length]
    if len(fixed) < length or "|" in fixed:
        raise MalformedMessage(f"fixed fields of message {code} too short")
    return Message(code, fixed, _fields(text[2 + length:]), sequence, checksummed)


def _fields(text: str) -> tuple[tuple[str, str], ...]:
    if not text:
        return ()
    pieces = text.split("|")
    if pieces[-1] == "":
        pieces.pop()
    fields: list[tuple[str, str]] = []
    for piece in pieces:
        if FIELD_ID.match(piece) is None:
            raise MalformedMessage(f"malformed field {piece[:8]!r}")
        value = piece[2:]
        if len(value) > MAX_FIELD_CHARS:
            raise MalformedMessage(f"field {piece[:2]} longer than {MAX_FIELD_CHARS} characters")
        fields.append((piece[:2], value))
    return tuple(fields)


def clean(value: object) -> str:
    """A value as a variable field can carry it: no field separator or line break, at most
    ``MAX_FIELD_CHARS`` characters."""
    return str(value).translate(_FORBIDDEN_IN_VALUES)[:MAX_FIELD_CHARS]


def encode(code: str, fixed: str, fields: Iterable[tuple[str, object | None]], *,
           encoding: str, sequence: str | None = None, with_checksum: bool = False) -> bytes:
    """A reply as bytes ending in CR. ``fields`` with value ``None`` are left out; a list
    value repeats the field. Characters the terminal's encoding lacks become ``?``;
    ``with_checksum``: end with ``AY`` (when ``sequence``) and ``AZ``."""
    parts = [code, fixed]
    for field_id, value in fields:
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        parts.extend(f"{field_id}{clean(v)}|" for v in values)
    data = "".join(parts).encode(encoding, "replace")
    if with_checksum:
        if sequence is not None:
            data += b"AY" + sequence.encode("ascii")
        data += b"AZ"
        data += checksum(data).encode("ascii")
    return data + b"\r"


__all__ = ["MAX_FIELD_CHARS", "REQUEST_FIXED", "MalformedMessage", "Message", "UnknownMessage",
           "checksum", "clean", "decode", "encode", "strip_terminator"]
