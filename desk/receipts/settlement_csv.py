"""The settlement report as CSV: one flat table a spreadsheet or the cashier's office can read.

Columns ``section, key, count, expected, counted, difference, amount, detail``; amounts in minor
units (integers), so sums in a spreadsheet are exact. UTF-8 with a byte-order mark, so Excel
shows the Chinese names correctly. Written through ``desk.receipts.csv_cells.SafeWriter``: a text
cell a spreadsheet would take for a formula (a name or a reason starting with ``=``, ``+``, ``-``,
``@``) gets a leading ``'``; numbers stay numbers.
"""

from __future__ import annotations

import io

from desk.circulation.queries.money import SettlementReport
from desk.receipts.csv_cells import SafeWriter

HEADER = ["section", "key", "count", "expected", "counted", "difference", "amount", "detail"]


def settlement_rows(report: SettlementReport) -> list[list[object]]:
    rows: list[list[object]] = [
        ["settlement", report.desk, "", "", "", "", "",
         f"{report.business_date.isoformat()} id={report.settlement_id or 'preview'} "
         f"supervisor={report.supervisor}"]]
    for line in report.lines:
        rows.append(["method", line.method, "", line.expected, line.counted, line.difference, "",
                     line.booked_as])
    rows.append(["total", "", "", report.total_expected, report.total_counted,
                 report.total_difference, "", ""])
    rows.append(["float", "", "", "", "", "", report.float_amount, "not takings"])
    if report.drawer_cash is not None:
        rows.append(["drawer", "", "", "", "", "", report.drawer_cash, "float included"])
    for face, count in sorted(report.denominations.items(), reverse=True):
        rows.append(["denomination", face, count, "", "", "", face * count, ""])
    rows.append(["blind_counts", "", report.counts, "", "", "", "",
                 "recounted after the expected takings were shown" if report.counts > 1 else ""])
    for dimension in ("method", "cashier", "terminal", "fee", "waiver", "adjustment", "void"):
        for key, (count, amount) in sorted(report.breakdowns.get(dimension, {}).items()):
            rows.append([f"by_{dimension}", key, count, "", "", "", amount, ""])
    for void in report.voids:
        rows.append(["voided_receipt", void.receipt_no, 1, "", "", "", void.amount,
                     f"{void.method}; {void.cashier}; approved by {void.voided_by}; {void.reason}"])
    for waiver in report.waivers:
        rows.append(["waiver", waiver.charge_kind, 1, "", "", "", waiver.amount,
                     f"{waiver.patron_barcode}; {waiver.supervisor}; {waiver.reason}"])
    for adjustment in report.adjustments:
        rows.append(["adjustment", adjustment.method, 1, "", "", "", adjustment.amount,
                     f"{adjustment.receipt_no or ''}; {adjustment.supervisor}; {adjustment.reason}"])
    rows.append(["note", "", "", "", "", "", "", report.note])
    return rows


def to_csv(report: SettlementReport) -> str:
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(settlement_rows(report))
    return buffer.getvalue()


def write_csv(report: SettlementReport, path: str) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(to_csv(report))
