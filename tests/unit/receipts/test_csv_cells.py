"""CSV exports neutralise formula cells (issue 13, finding 12): text starting with = + - @ TAB
or CR gets a leading ', numbers stay numbers (a negative difference still sums)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.circulation.queries.charges import patron_charges
from desk.circulation.queries.money import settlement_report
from desk.receipts.csv_cells import FORMULA_STARTS, SafeWriter, safe_cell
from desk.receipts.settlement_csv import to_csv
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1:A9)", "+1+2",
                                  "-2+3", "\t=1", "\r=1", "-5"])
def test_a_text_cell_a_spreadsheet_would_evaluate_is_quoted(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-5, 0, 12, -1.5, 10 ** 15])
def test_numbers_stay_numbers(value: float) -> None:
    assert safe_cell(value) == value


def test_plain_text_and_empty_cells_are_left_alone() -> None:
    assert safe_cell("陳小明") == "陳小明" and safe_cell("") == "" and safe_cell(None) == ""
    assert safe_cell("a=b") == "a=b" and safe_cell(True) == "True"


@given(st.lists(st.one_of(st.text(max_size=20), st.integers(), st.none()), max_size=6))
def test_fuzz_no_text_cell_starts_a_formula(row: list[object]) -> None:
    buffer = io.StringIO()
    SafeWriter(buffer).writerow(row)
    [read] = list(csv.reader(io.StringIO(buffer.getvalue())))
    for original, cell in zip(row, read):
        if isinstance(original, int):
            assert cell == str(original)             # a number, written as one
        else:
            assert not cell.startswith(FORMULA_STARTS)


def test_the_settlement_export_neutralises_names_and_reasons(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")
    clock.advance(days=40)
    desk.main.checkin("B001")
    receipt = desk.main.pay("P001", 10, "cash")
    desk.main.void_payment(receipt, "=HYPERLINK(\"http://evil\",\"click\")", supervisor=desk.boss)
    charge = patron_charges(desk.library, "P001").lines[-1].charge_id
    desk.main.waive(charge, "@SUM(1+1)*cmd|' /C calc'!A0", supervisor=desk.boss, amount=20)
    desk.main.pay("P001", 5, "cash")
    result = desk.main.close_day({"cash": 0, "easycard": 0}, supervisor=desk.boss,
                                 note="-2+3 short")
    text = to_csv(settlement_report(desk.library, result.id))
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "@", "+")) for cell in cells)
    assert "'-2+3 short" in cells
    assert any(cell.startswith("'") and "HYPERLINK" in cell for cell in cells) or any(
        "HYPERLINK" in cell and not cell.startswith("=") for cell in cells)
    cash = next(row for row in rows if row[:2] == ["method", "cash"])
    assert cash[5] == "-5"                            # the difference: a number that sums
