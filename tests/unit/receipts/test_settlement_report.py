"""The settlement report as PDF (text extracted and checked, Chinese included) and CSV, and the
payment receipt's barcode read back by a real decoder."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from desk.circulation.queries.charges import patron_charges
from desk.circulation.queries.money import open_day_report, payment_receipt, settlement_report
from desk.devices.printer.pdf import slip_to_pdf
from desk.receipts.payment_slip import receipt_slip
from desk.receipts.settlement_csv import to_csv
from desk.receipts.settlement_pdf import write_pdf
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


@pytest.fixture
def closed(desk: Desk, clock: FakeClock) -> tuple[Desk, int, str]:
    """A closed day: 2 receipts, 1 void, 1 waiver, a NT$5 cash deficit with its note."""
    for item in ("B001", "B002", "B003"):
        desk.main.checkout("P001", item)
    clock.advance(days=40)
    for item in ("B001", "B002", "B003"):
        desk.main.checkin(item)                     # 3 x NT$50
    desk.main.set_float(1000, supervisor=desk.boss)
    receipt = desk.main.take_payment("P001", 60, "cash", tendered=100)
    desk.main.pay("P001", 40, "easycard")
    void = desk.main.pay("P001", 10, "cash")
    desk.main.void_payment(void, "按錯金額 wrong amount", supervisor=desk.boss)
    charges = [line.charge_id for line in patron_charges(desk.library, "P001").lines]
    desk.main.waive(charges[-1], "還書箱故障 book drop jammed", supervisor=desk.boss, amount=20)
    desk.main.count_takings({"easycard": 40}, denominations={1000: 1, 50: 1})
    desk.main.count_takings({"easycard": 40}, denominations={1000: 1, 50: 1, 5: 1})  # recount
    result = desk.main.close_day({"easycard": 40}, supervisor=desk.boss,
                                 denominations={1000: 1, 50: 1, 5: 1},
                                 note="短收五元 NT$5 short")
    return desk, result.id, receipt


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_pdf_report_text(closed: tuple[Desk, int, str], tmp_path: Path) -> None:
    desk, settlement_id, _ = closed
    report = settlement_report(desk.library, settlement_id)
    target = tmp_path / "settlement.pdf"
    write_pdf(report, target, library="總圖書館")
    text = pdf_text(target)
    for expected in ("結算報表 Settlement report", "MAIN-1", "2026-12-12", "張主任",
                     "現金 Cash", "NT$60", "NT$55", "-NT$5", "短收 deficit", "NT$1,000",
                     "NT$1,055", "林館員", "逾期滯還金", "Overdue fine", "MAIN-1-2026-000003",
                     "按錯金額 wrong amount", "還書箱故障 book drop jammed", "短收五元 NT$5 short",
                     "點鈔次數 Blind counts: 2", "recounted after the expected takings"):
        assert expected in text, expected
    poppler = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True,
                             text=True, check=True).stdout
    assert "作廢收據 Voided receipts (1)" in poppler and "減免 Waivers (1)" in poppler


def test_reprint_is_the_same_report(closed: tuple[Desk, int, str], tmp_path: Path,
                                    clock: FakeClock) -> None:
    desk, settlement_id, _ = closed
    first = settlement_report(desk.library, settlement_id)
    clock.advance(days=3)
    desk.main.pay("P001", 10, "cash")                 # a later day's takings
    assert settlement_report(desk.library, settlement_id) == first
    assert open_day_report(desk.library, "MAIN-1").lines[0].expected == 10


def test_csv_report(closed: tuple[Desk, int, str]) -> None:
    desk, settlement_id, _ = closed
    rows = list(csv.DictReader(io.StringIO(to_csv(settlement_report(desk.library,
                                                                     settlement_id)))))
    methods = {r["key"]: r for r in rows if r["section"] == "method"}
    assert (methods["cash"]["expected"], methods["cash"]["counted"],
            methods["cash"]["difference"], methods["cash"]["detail"]) == ("60", "55", "-5",
                                                                          "deficit")
    assert {r["key"]: r["amount"] for r in rows if r["section"] == "by_cashier"} == {"clerk": "100"}
    assert [r["key"] for r in rows if r["section"] == "voided_receipt"] == ["MAIN-1-2026-000003"]
    assert [r["amount"] for r in rows if r["section"] == "waiver"] == ["20"]
    assert [r["amount"] for r in rows if r["section"] == "float"] == ["1000"]
    assert [(r["count"], r["detail"]) for r in rows if r["section"] == "blind_counts"] == [
        ("2", "recounted after the expected takings were shown")]


def test_receipt_barcode_decodes(closed: tuple[Desk, int, str], tmp_path: Path) -> None:
    desk, _, receipt_no = closed
    receipt = payment_receipt(desk.library, receipt_no)
    slip = receipt_slip(receipt, library="總圖書館")
    texts = [line.text() for line in slip.lines]
    assert "收取 Tendered: NT$100" in texts and "找零 Change: NT$40" in texts
    for page in ("roll80", "a4"):
        pdf = tmp_path / f"receipt-{page}.pdf"
        slip_to_pdf(slip, pdf, page)  # type: ignore[arg-type]
        subprocess.run(["pdftoppm", "-png", "-r", "300", str(pdf), str(tmp_path / page)],
                       check=True)
        found = [b.text for image in sorted(tmp_path.glob(f"{page}*.png"))
                 for b in zxingcpp.read_barcodes(Image.open(image))]
        assert found == [receipt_no], page
        assert "陳小明" in pdf_text(pdf)
