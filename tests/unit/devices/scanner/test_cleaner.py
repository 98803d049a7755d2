"""BarcodeCleaner: prefixes, AIM ids, Codabar start/stop, check digits, garbage refused."""

from __future__ import annotations

import pytest

from desk.devices.scanner.cleaner import (
    BarcodeCleaner,
    BarcodeKind,
    barcode_kind,
    strip_codabar_start_stop,
)
from desk.numbering import has_valid_check_digit, luhn_check_digit, with_check_digit

ITEM = with_check_digit("3123400000001")
PATRON = with_check_digit("2123400000042")


def test_luhn_known_values() -> None:
    # 7992739871 -> 3 is the textbook Luhn example.
    assert luhn_check_digit("7992739871") == 3
    assert has_valid_check_digit("79927398713")
    assert not has_valid_check_digit("79927398710")
    assert len(ITEM) == 14 and has_valid_check_digit(ITEM)


def test_kinds() -> None:
    assert barcode_kind(ITEM) is BarcodeKind.ITEM
    assert barcode_kind(PATRON) is BarcodeKind.PATRON
    assert barcode_kind("12345") is BarcodeKind.OTHER
    assert barcode_kind("4" + ITEM[1:]) is BarcodeKind.OTHER


@pytest.mark.parametrize("raw, expected", [
    (b"31234000000011\r", "31234000000011"),
    (b"\n31234000000011\r\n", "31234000000011"),
    (b"A31234000000011B", "31234000000011"),
    (b"c31234000000011d", "31234000000011"),
    (b"ABC123D", "ABC123D"),      # inner letters: not Codabar, kept whole
    (b"AB", "AB"),
])
def test_clean_defaults(raw: bytes, expected: str) -> None:
    result = BarcodeCleaner().clean(raw)
    assert result.ok, result.reason
    assert result.code == expected


def test_prefix_suffix_and_aim() -> None:
    cleaner = BarcodeCleaner(prefix="@", suffix="#", strip_aim=True)
    assert cleaner.clean(b"@]F0A31234000000011B#").code == "31234000000011"
    assert cleaner.clean(b"]C0HELLO-1").code == "HELLO-1"
    # Without AIM stripping the identifier stays (and is refused by nothing: it is printable).
    assert BarcodeCleaner().clean(b"]C0HELLO").code == "]C0HELLO"


def test_codabar_strip_can_be_turned_off() -> None:
    assert BarcodeCleaner(strip_codabar=False).clean(b"A123B").code == "A123B"
    assert strip_codabar_start_stop("T12-34$N") == "12-34$"


@pytest.mark.parametrize("raw, fragment", [
    (b"\x00\x07\xff\xfe12", "Unreadable bytes"),
    (b"12\x1b34", "Control characters"),
    (b"12 34", "Unexpected characters"),
    (b"9" * 65, "too long"),
])
def test_garbage_refused_with_reason(raw: bytes, fragment: str) -> None:
    result = BarcodeCleaner().clean(raw)
    assert not result.ok
    assert fragment in result.reason


def test_text_input_non_ascii_refused() -> None:
    result = BarcodeCleaner().clean("12３4")
    assert not result.ok and "Unreadable" in result.reason


def test_empty_lines_are_ignored_not_refused() -> None:
    for raw in (b"", b"\r", b"\r\n", b"  "):
        result = BarcodeCleaner().clean(raw)
        assert result.ignored and not result.ok


def test_min_length() -> None:
    result = BarcodeCleaner(min_length=5).clean(b"123")
    assert not result.ok and "too short" in result.reason


def test_check_digit_validation() -> None:
    cleaner = BarcodeCleaner(check_digit=True)
    assert cleaner.clean(ITEM.encode()).code == ITEM
    wrong = ITEM[:-1] + str((int(ITEM[-1]) + 1) % 10)
    result = cleaner.clean(wrong.encode())
    assert not result.ok and "check digit" in result.reason
    # Only 14-digit library numbers are checked; other barcodes pass as they are.
    assert cleaner.clean(b"12345").code == "12345"
    # Without validation the misread number passes.
    assert BarcodeCleaner().clean(wrong.encode()).code == wrong
