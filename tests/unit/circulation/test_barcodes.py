"""Barcode sanity checks and the Luhn check digit of 14-digit library numbers."""

from __future__ import annotations

import pytest

from desk.circulation.barcodes import check_barcode, luhn_check_digit, with_check_digit
from desk.circulation.notices import CirculationRefused


def test_luhn_known_values() -> None:
    assert luhn_check_digit("7992739871") == 3  # the textbook example
    assert with_check_digit("7992739871") == "79927398713"
    assert luhn_check_digit("3000100000001") == 0  # 2 + 2 + 6 = 10


def test_valid_library_number_passes() -> None:
    code = with_check_digit("2000112345678")
    assert check_barcode(f"  {code}\n", check_digits=True) == code


def test_wrong_check_digit_refused_and_switchable() -> None:
    code = with_check_digit("3000112345678")
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    with pytest.raises(CirculationRefused) as refused:
        check_barcode(wrong, check_digits=True)
    assert refused.value.codes == ["barcode_check_digit"]
    assert check_barcode(wrong, check_digits=False) == wrong


def test_other_numbering_is_not_check_digit_validated() -> None:
    assert check_barcode("12345678901234", check_digits=True) == "12345678901234"
    assert check_barcode("B001", check_digits=True) == "B001"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 65, "書123", "AB\x00C", "AB CD", None])
def test_unusable_barcodes(bad: object) -> None:
    with pytest.raises(CirculationRefused) as refused:
        check_barcode(bad, check_digits=True)  # type: ignore[arg-type]
    assert refused.value.codes == ["barcode_invalid"]
