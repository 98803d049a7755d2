"""The printable pull list: sorted by call number, every barcode a Code 128 a real decoder
reads, overdue rows marked in words, the text extractable (Chinese titles too); and the
delivery slips (F-K08-043, F-K08-034, the refund) name what the SOP asks for."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from desk.circulation.requests.deliveries import DeliveryPulled, DeliveryRefund
from desk.circulation.requests.pull_entry import PullEntry
from desk.receipts.delivery_slips import pulled_slip, refund_receipt
from desk.receipts.pull_list_pdf import PullListLabels, write_pull_list_pdf
from tests.support.clock import TAIPEI

NOW = datetime(2026, 11, 5, 9, 0, tzinfo=TAIPEI)
LABELS = PullListLabels(title="調書清單 Pull list MAIN", call_number="索書號", item="條碼",
                        what="用途", act_by="期限", overdue="逾期 Overdue",
                        kinds={"hold": "預約", "delivery": "代借"}, empty="無")


def entry(kind: str, barcode: str, call_number: str, *, overdue: bool = False) -> PullEntry:
    return PullEntry(kind=kind, request_id=1, item_barcode=barcode, title=f"書名 {barcode}",
                     call_number=call_number, location="MAIN", patron_barcode="P0001234",
                     requested_at=NOW - timedelta(days=3),
                     act_by=NOW - timedelta(days=1) if overdue else None, overdue=overdue,
                     note="法學分館" if kind == "delivery" else "")


def test_sorted_by_call_number_with_decodable_barcodes(tmp_path: Path) -> None:
    entries = [entry("delivery", "B003", "823 C45", overdue=True), entry("hold", "B001", "005.1 P99"),
               entry("delivery", "B002", "530 F33")]
    pdf = tmp_path / "pull.pdf"
    write_pull_list_pdf(entries, pdf, labels=LABELS, when=NOW)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert text.index("005.1 P99") < text.index("530 F33") < text.index("823 C45")
    assert "書名 B002" in text and "法學分館" in text and "※ 逾期" in text
    assert "P0001234" not in text                       # the card shows its last digits only
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(pdf), str(tmp_path / "page")],
                   check=True)
    [image_path] = sorted(tmp_path.glob("page*.png"))
    decoded = [(r.text, r.format.name) for r in zxingcpp.read_barcodes(Image.open(image_path))]
    found = sorted(text for text, _ in decoded)
    assert found == ["B001", "B002", "B003"]
    assert {fmt for _, fmt in decoded} == {"Code128"}
    # from top to bottom in shelf order
    positions = {r.text: r.position.top_left.y for r in zxingcpp.read_barcodes(Image.open(image_path))}
    assert positions["B001"] < positions["B002"] < positions["B003"]


def test_an_empty_list_says_so(tmp_path: Path) -> None:
    pdf = tmp_path / "empty.pdf"
    write_pull_list_pdf([], pdf, labels=LABELS, when=NOW)
    assert "無" in PdfReader(pdf).pages[0].extract_text()


def test_the_delivery_slip_and_the_refund_receipt() -> None:
    pulled = DeliveryPulled(request_id=42, item_barcode="B001", title="三國演義",
                            call_number="857.4 L88", from_location="總圖",
                            pickup_location="法學分館", patron_shown="陳○明",
                            patron_card="P0001234", requested_at=NOW, pulled_at=NOW)
    slip = pulled_slip(pulled, library="政大圖書館")
    text = "\n".join(slip.text_lines())
    assert slip.barcode == "B001" and slip.kind.value == "delivery"
    for expected in ("法學分館", "總圖", "42", "陳○明", "1234", "857.4 L88"):
        assert expected in text, expected
    assert "P0001234" not in text and "陳小明" not in text
    refund = DeliveryRefund(request_id=42, receipt_no="LAW-1-2026-000001", amount=20,
                            method="cash", adjustment_id=1, patron_name="陳小明",
                            patron_barcode="P0001234", title="三國演義", refunded_at=NOW)
    receipt = refund_receipt(refund)
    lines = "\n".join(receipt.text_lines())
    assert receipt.barcode == "LAW-1-2026-000001"
    assert "NT$20" in lines and "42" in lines
