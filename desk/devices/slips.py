"""One neutral slip model, rendered to ESC/POS, PDF or the screen, plus its small formatters.

A ``Slip`` is plain data: a kind, a title, header lines (the library's name and address), label /
value lines, an optional barcode value (printed as Code 128), footer lines and the time it was
made. It round-trips through JSON (``to_dict`` / ``from_dict``) so the print queue can keep it on
disk. The builders for each kind of slip are in ``desk.devices.slip_builders``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from desk.currencies import CURRENCY_DECIMALS

MASK = "○"


class SlipKind(str, Enum):
    CHECKOUT = "checkout"
    CHECKIN = "checkin"
    RENEWAL = "renewal"
    PAYMENT = "payment"
    HOLD = "hold"
    TRANSIT = "transit"
    MANUAL = "manual"
    TEST = "test"
    CARD = "temporary_card"
    DELIVERY = "delivery"


@dataclass(frozen=True)
class SlipLine:
    """One ``label: value`` line; an empty label prints the value alone, a blank line for neither."""

    label: str
    value: str = ""

    def text(self) -> str:
        if not self.label:
            return self.value
        return f"{self.label}: {self.value}" if self.value else self.label


@dataclass(frozen=True)
class Slip:
    kind: SlipKind
    title: str
    header: tuple[str, ...] = ()
    lines: tuple[SlipLine, ...] = ()
    barcode: str | None = None
    footer: tuple[str, ...] = ()
    created_at: datetime = field(default_factory=datetime.now)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "title": self.title,
            "header": list(self.header),
            "lines": [[line.label, line.value] for line in self.lines],
            "barcode": self.barcode,
            "footer": list(self.footer),
            "created_at": self.created_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Slip:
        return cls(
            kind=SlipKind(data["kind"]),
            title=str(data["title"]),
            header=tuple(str(text) for text in data.get("header", ())),
            lines=tuple(SlipLine(str(label), str(value)) for label, value in data.get("lines", ())),
            barcode=data.get("barcode"),
            footer=tuple(str(text) for text in data.get("footer", ())),
            created_at=datetime.fromisoformat(data["created_at"]),
        )

    def text_lines(self) -> list[str]:
        """The slip as plain text lines (for the screen, logs and tests)."""
        out = [*self.header, self.title, format_datetime(self.created_at)]
        out += [line.text() for line in self.lines]
        if self.barcode:
            out.append(f"[{self.barcode}]")
        return out + list(self.footer)


def format_money(minor: int, currency: str) -> str:
    """An amount in minor units as staff read it: ``NT$1,000`` (TWD has no decimals), ``USD 12.50``.

    Minor units follow the desk's money columns: for TWD, JPY and KRW the minor unit is the whole
    unit; for other currencies it is the hundredth.
    """
    if isinstance(minor, bool) or not isinstance(minor, int):
        raise TypeError(f"amounts are whole minor units (int), not {minor!r}")
    code = currency.upper()
    decimals = CURRENCY_DECIMALS.get(code, 2)
    prefix = "NT$" if code == "TWD" else code + " "
    sign = "-" if minor < 0 else ""
    if decimals == 0:
        return f"{sign}{prefix}{abs(minor):,}"
    major, rest = divmod(abs(minor), 10**decimals)
    return f"{sign}{prefix}{major:,}.{rest:0{decimals}d}"


def mask_name(name: str) -> str:
    """陳大明 -> 陳○明, 王明 -> 王○, John Smith -> J○○○○○○○○h: first and last kept, middle masked."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + MASK
    return name[0] + MASK * (len(name) - 2) + name[-1]


def mask_card(card: str) -> str:
    """Only the last 4 characters of a card number: ``****0042``."""
    card = card.strip()
    return "****" + card[-4:] if len(card) > 4 else card


def format_date(value: date | datetime) -> str:
    return value.strftime("%Y-%m-%d")


def format_datetime(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def display_width(text: str) -> int:
    """Columns ``text`` takes on a receipt: East Asian wide/full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap_measured(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """``text`` cut into pieces whose ``measure`` (points, pixels) is at most ``width``: at a
    space in the second half of a piece when there is one, else at the character."""
    pieces: list[str] = []
    current = ""
    for char in text:
        if current and measure(current + char) > width:
            cut = current.rfind(" ")
            if cut > len(current) // 2 and char != " ":
                pieces.append(current[:cut])
                current = current[cut + 1:]
            else:
                pieces.append(current.rstrip())
                current = ""
            if char == " " and not current:
                continue
        current += char
    return pieces + [current] if current else pieces or [""]


def wrap_columns(text: str, columns: int) -> list[str]:
    """``text`` cut into pieces of at most ``columns`` display columns (words kept when possible)."""
    if display_width(text) <= columns:
        return [text]
    pieces: list[str] = []
    current = ""
    for char in text:
        if display_width(current + char) > columns:
            cut = current.rfind(" ")
            if cut > columns // 2 and char != " ":
                pieces.append(current[:cut])
                current = current[cut + 1:]
            else:
                pieces.append(current.rstrip())
                current = ""
            if char == " " and not current:
                continue
        current += char
    if current:
        pieces.append(current)
    return pieces
