"""Builders for every kind of slip, from plain data (strings, dates, ints in minor units).

Every builder takes keyword arguments only; ``library`` is the header (one string or several
lines: name, branch, address). Names on hold slips are masked (陳○明) and cards cut to their
last 4 digits, because hold slips sit on an open shelf.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from desk.wording import devices as messages
from desk.wording import text as tr
from desk.devices.slips import (
    Slip,
    SlipKind,
    SlipLine,
    format_date,
    format_datetime,
    format_money,
    mask_card,
    mask_name,
)


@dataclass(frozen=True)
class SlipItem:
    """An item on a slip: barcode, title, and a due date (loans) or an amount (fines);
    ``accessories`` (CD-ROMs, maps, ...) handed over with it and to be brought back (SOP 5.3.6)."""

    barcode: str
    title: str = ""
    due: date | datetime | None = None
    amount_minor: int | None = None
    accessories: str = ""
    previous_due: date | datetime | None = None     # a renewal: when it was due before


@dataclass(frozen=True)
class SlipCharge:
    """A charge paid on a receipt: what it was for and how much, in minor units."""

    description: str
    amount_minor: int


def _header(library: str | Sequence[str]) -> tuple[str, ...]:
    return (library,) if isinstance(library, str) else tuple(library)


def _when(value: date | datetime) -> str:
    return format_datetime(value) if isinstance(value, datetime) else format_date(value)


def _desk_lines(desk: str, staff: str) -> list[SlipLine]:
    lines = []
    if desk:
        lines.append(SlipLine(tr(messages.SLIP_DESK), desk))
    if staff:
        lines.append(SlipLine(tr(messages.SLIP_STAFF), staff))
    return lines


def _item_lines(items: Sequence[SlipItem], currency: str, due_label: str) -> list[SlipLine]:
    lines: list[SlipLine] = []
    for item in items:
        lines.append(SlipLine("", ""))
        lines.append(SlipLine(tr(messages.SLIP_ITEM), item.barcode))
        if item.title:
            lines.append(SlipLine(tr(messages.SLIP_TITLE), item.title))
        if item.accessories:
            lines.append(SlipLine(tr(messages.SLIP_ACCESSORIES), item.accessories))
        if item.previous_due is not None:
            lines.append(SlipLine(tr(messages.SLIP_PREVIOUS_DUE), _when(item.previous_due)))
        if item.due is not None:
            lines.append(SlipLine(due_label, _when(item.due)))
        if item.amount_minor:
            lines.append(SlipLine(tr(messages.SLIP_FINE), format_money(item.amount_minor, currency)))
    return lines


def checkout_slip(*, library: str | Sequence[str], patron_name: str, card: str,
                  items: Sequence[SlipItem], when: datetime, desk: str = "", staff: str = "",
                  footer: Sequence[str] = ()) -> Slip:
    """Items lent, with due dates and accessories; the card shows its last 4 digits only."""
    lines = [SlipLine(tr(messages.SLIP_PATRON), patron_name), SlipLine(tr(messages.SLIP_CARD), mask_card(card))]
    lines += _item_lines(items, "TWD", tr(messages.SLIP_DUE))
    lines += [SlipLine("", ""), SlipLine(tr(messages.SLIP_ITEMS_COUNT), str(len(items)))]
    lines += _desk_lines(desk, staff)
    return Slip(SlipKind.CHECKOUT, tr(messages.SLIP_CHECKOUT), _header(library), tuple(lines),
                None, tuple(footer), when)


def renewal_slip(*, library: str | Sequence[str], patron_name: str, card: str,
                 items: Sequence[SlipItem], when: datetime, desk: str = "", staff: str = "") -> Slip:
    """Items renewed: each with the due date it had and the new one (the patron keeps it with
    the checkout slip, whose dates it replaces)."""
    lines = [SlipLine(tr(messages.SLIP_PATRON), patron_name), SlipLine(tr(messages.SLIP_CARD), mask_card(card))]
    lines += _item_lines(items, "TWD", tr(messages.SLIP_NEW_DUE))
    lines += [SlipLine("", ""), SlipLine(tr(messages.SLIP_ITEMS_COUNT), str(len(items)))]
    lines += _desk_lines(desk, staff)
    return Slip(SlipKind.RENEWAL, tr(messages.SLIP_RENEWAL), _header(library), tuple(lines),
                None, (), when)


def checkin_slip(*, library: str | Sequence[str], items: Sequence[SlipItem], when: datetime,
                 currency: str = "TWD", patron_name: str = "", card: str = "", desk: str = "",
                 staff: str = "", footer: Sequence[str] = ()) -> Slip:
    """Items returned (with any fine charged in ``amount_minor``)."""
    lines: list[SlipLine] = []
    if patron_name:
        lines.append(SlipLine(tr(messages.SLIP_PATRON), patron_name))
    if card:
        lines.append(SlipLine(tr(messages.SLIP_CARD), mask_card(card)))
    lines += _item_lines(items, currency, tr(messages.SLIP_RETURNED))
    lines += [SlipLine("", ""), SlipLine(tr(messages.SLIP_ITEMS_COUNT), str(len(items)))]
    lines += _desk_lines(desk, staff)
    return Slip(SlipKind.CHECKIN, tr(messages.SLIP_CHECKIN), _header(library), tuple(lines),
                None, tuple(footer), when)


def payment_receipt(*, library: str | Sequence[str], receipt_no: str, patron_name: str, card: str,
                    charges: Sequence[SlipCharge], paid_minor: int, currency: str, method: str,
                    when: datetime, balance_minor: int | None = None, desk: str = "",
                    staff: str = "", footer: Sequence[str] = ()) -> Slip:
    """A receipt for a payment; its number is printed as a barcode for look-up and voids."""
    lines = [SlipLine(tr(messages.SLIP_RECEIPT_NO), receipt_no),
             SlipLine(tr(messages.SLIP_PATRON), patron_name),
             SlipLine(tr(messages.SLIP_CARD), mask_card(card)), SlipLine("", "")]
    for charge in charges:
        lines.append(SlipLine(charge.description, format_money(charge.amount_minor, currency)))
    lines += [SlipLine("", ""), SlipLine(tr(messages.SLIP_PAID), format_money(paid_minor, currency)),
              SlipLine(tr(messages.SLIP_METHOD), method)]
    if balance_minor is not None:
        lines.append(SlipLine(tr(messages.SLIP_BALANCE), format_money(balance_minor, currency)))
    lines += _desk_lines(desk, staff)
    return Slip(SlipKind.PAYMENT, tr(messages.SLIP_PAYMENT), _header(library), tuple(lines),
                receipt_no, tuple(footer), when)


def hold_slip(*, library: str | Sequence[str], patron_name: str, card: str, item_barcode: str,
              title: str, pickup_location: str, hold_until: date, when: datetime,
              footer: Sequence[str] = ()) -> Slip:
    """The slip tucked into a held item: masked name (陳○明), last 4 card digits, pick-up by date."""
    lines = (SlipLine(tr(messages.SLIP_PATRON), mask_name(patron_name)),
             SlipLine(tr(messages.SLIP_CARD), mask_card(card)),
             SlipLine(tr(messages.SLIP_PICKUP_AT), pickup_location),
             SlipLine(tr(messages.SLIP_HOLD_UNTIL), format_date(hold_until)),
             SlipLine("", ""),
             SlipLine(tr(messages.SLIP_ITEM), item_barcode),
             SlipLine(tr(messages.SLIP_TITLE), title))
    return Slip(SlipKind.HOLD, tr(messages.SLIP_HOLD), _header(library), lines, item_barcode,
                tuple(footer), when)


def transit_slip(*, library: str | Sequence[str], item_barcode: str, title: str, from_location: str,
                 to_location: str, when: datetime, reason: str = "",
                 footer: Sequence[str] = ()) -> Slip:
    """The slip that travels with an item to another branch."""
    lines = [SlipLine(tr(messages.SLIP_TO), to_location), SlipLine(tr(messages.SLIP_FROM), from_location),
             SlipLine("", ""), SlipLine(tr(messages.SLIP_ITEM), item_barcode),
             SlipLine(tr(messages.SLIP_TITLE), title)]
    if reason:
        lines.append(SlipLine(tr(messages.SLIP_REASON), reason))
    return Slip(SlipKind.TRANSIT, tr(messages.SLIP_TRANSIT), _header(library), tuple(lines),
                item_barcode, tuple(footer), when)


def manual_fallback_receipt(*, library: str | Sequence[str], slip_no: str, action: str, card: str,
                            items: Sequence[SlipItem], when: datetime, desk: str = "",
                            staff: str = "", footer: Sequence[str] = ()) -> Slip:
    """Given to the patron while the system is down; ``slip_no`` is printed as a barcode."""
    lines = [SlipLine(tr(messages.SLIP_SLIP_NO), slip_no), SlipLine("", action),
             SlipLine(tr(messages.SLIP_CARD), mask_card(card))]
    lines += _item_lines(items, "TWD", tr(messages.SLIP_DUE))
    lines += [SlipLine("", ""), SlipLine(tr(messages.SLIP_ITEMS_COUNT), str(len(items)))]
    lines += _desk_lines(desk, staff)
    notes = (tr(messages.SLIP_MANUAL_NOTE), *footer)
    return Slip(SlipKind.MANUAL, tr(messages.SLIP_MANUAL), _header(library), tuple(lines), slip_no,
                notes, when)


def temporary_card_slip(*, library: str | Sequence[str], patron_name: str, card: str,
                        old_card: str, expires: date | None, when: datetime, desk: str = "",
                        staff: str = "", footer: Sequence[str] = ()) -> Slip:
    """A replaced card's stand-in (issue 15): the new card number printed as a barcode the
    checkout scanner reads, the patron's name, and the old card's last digits."""
    lines = [SlipLine(tr(messages.SLIP_PATRON), patron_name),
             SlipLine(tr(messages.SLIP_CARD), card),
             SlipLine(tr(messages.SLIP_REPLACES), mask_card(old_card))]
    if expires is not None:
        lines.append(SlipLine(tr(messages.SLIP_EXPIRES), format_date(expires)))
    lines += _desk_lines(desk, staff)
    notes = (tr(messages.SLIP_TEMPORARY_CARD_NOTE), *footer)
    return Slip(SlipKind.CARD, tr(messages.SLIP_TEMPORARY_CARD), _header(library), tuple(lines),
                card, notes, when)


def deposit_refund_slip(*, library: str | Sequence[str], receipt_no: str, patron_name: str,
                        card: str, refunded_minor: int, currency: str, method: str,
                        reason: str, supervisor: str, when: datetime, desk: str = "",
                        staff: str = "", footer: Sequence[str] = ()) -> Slip:
    """The receipt of a deposit paid back when a card is closed (issue 15): the deposit's own
    receipt number (printed as a barcode too, for look-up), the amount paid out, the reason and
    the supervisor who approved it."""
    lines = [SlipLine(tr(messages.SLIP_DEPOSIT_RECEIPT), receipt_no),
             SlipLine(tr(messages.SLIP_PATRON), patron_name),
             SlipLine(tr(messages.SLIP_CARD), mask_card(card)), SlipLine("", ""),
             SlipLine(tr(messages.SLIP_REFUNDED), format_money(refunded_minor, currency)),
             SlipLine(tr(messages.SLIP_METHOD), method),
             SlipLine(tr(messages.SLIP_REASON), reason),
             SlipLine(tr(messages.SLIP_APPROVED_BY), supervisor)]
    lines += _desk_lines(desk, staff)
    notes = (tr(messages.SLIP_CARD_CLOSED_NOTE), *footer)
    return Slip(SlipKind.PAYMENT, tr(messages.SLIP_DEPOSIT_REFUND), _header(library),
                tuple(lines), receipt_no, notes, when)


def delivery_slip(*, library: str | Sequence[str], request_no: str, item_barcode: str,
                  title: str, call_number: str, from_location: str, pickup_location: str,
                  patron_name: str, card: str, requested: date | datetime, when: datetime,
                  footer: Sequence[str] = ()) -> Slip:
    """The slip put in a book pulled for delivery to another location (圖書代借回擲單,
    F-K08-043): where it goes, for whom (masked, as on a hold slip), the request number; the
    item barcode printed as Code 128 for the checkin at the pickup desk."""
    lines = (SlipLine(tr("delivery_slip_pickup"), pickup_location),
             SlipLine(tr("delivery_slip_from"), from_location),
             SlipLine(tr("delivery_slip_request"), request_no),
             SlipLine(tr("delivery_slip_requested"), _when(requested)),
             SlipLine(tr(messages.SLIP_PATRON), mask_name(patron_name)),
             SlipLine(tr(messages.SLIP_CARD), mask_card(card)),
             SlipLine("", ""),
             SlipLine(tr(messages.SLIP_ITEM), item_barcode),
             SlipLine(tr(messages.SLIP_TITLE), title),
             SlipLine(tr("delivery_slip_call_number"), call_number))
    notes = (tr("delivery_slip_note"), *footer)
    return Slip(SlipKind.DELIVERY, tr("delivery_slip_title"), _header(library), lines,
                item_barcode, notes, when)


def printer_test_slip(*, library: str | Sequence[str], device: str, when: datetime) -> Slip:
    """What a Settings *Test* button prints."""
    return Slip(SlipKind.TEST, tr(messages.SLIP_TEST), _header(library), (SlipLine("", device),), "TEST-1234",
                (), when)
