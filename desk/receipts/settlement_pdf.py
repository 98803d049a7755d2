"""The end-of-day settlement report as an A4 PDF, in Traditional Chinese and English.

reportlab with the desk's embedded CJK font (``desk.devices.printer.pdf.register_cjk_font``), so
the text can be extracted and searched. Sections: the desk-day and who closed it; expected
against counted per method with the difference booked as surplus or deficit; the float and the
cash count by denomination; totals per cashier and per fee type; voided receipts; waivers;
adjustments; the note. The same ``SettlementReport`` renders a reprint at any time.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desk.circulation.charges import KIND_NAMES
from desk.circulation.queries.money import SettlementReport
from desk.devices.printer.pdf import register_cjk_font
from desk.devices.slips import format_money

METHOD_NAMES = {"cash": "現金 Cash", "easycard": "悠遊卡 EasyCard"}
BOOKED = {"surplus": "溢收 surplus", "deficit": "短收 deficit", "balanced": "相符 balanced"}
DIMENSION_TITLES = {"cashier": "收款人 Per cashier", "fee": "收款科目 Per fee type",
                    "terminal": "自助借還書機 Per self-check terminal",
                    "method": "繳款方式 Per method"}


def method_name(method: str) -> str:
    return METHOD_NAMES.get(method, method)


def fee_name(kind: str) -> str:
    chinese, english = KIND_NAMES.get(kind, (kind, kind))[1], KIND_NAMES.get(kind, (kind, kind))[0]
    return f"{english} {chinese}" if chinese != english else kind


def write_pdf(report: SettlementReport, target: str | Path | BinaryIO, *,
              currency: str = "TWD", library: str = "") -> None:
    """Render ``report`` to ``target`` (a path or a binary file object)."""
    font = register_cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12)
    heading = ParagraphStyle("heading", fontName=font, fontSize=11, leading=15, spaceBefore=6)
    title = ParagraphStyle("title", fontName=font, fontSize=15, leading=20)

    def money(amount: int) -> str:
        return format_money(amount, currency)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    def table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        made = Table([[p(h) for h in header]] + [[p(c) for c in row] for row in rows],
                     colWidths=[w * mm for w in widths], repeatRows=1)
        made.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), font, 9),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return made

    state = "已結算 Closed" if report.settlement_id is not None else "未結算 Preview (not closed)"
    story: list = [
        p(f"{library} 結算報表 Settlement report".strip(), title),
        p(f"櫃台 Desk: {report.desk}　營業日 Business date: {report.business_date.isoformat()}"
          f"　{state}"),
    ]
    if report.closed_at is not None:
        story.append(p(f"結算時間 Closed at: {report.closed_at:%Y-%m-%d %H:%M}　"
                       f"主管 Supervisor: {report.supervisor}　經辦 Closed by: {report.closed_by}"
                       f"　編號 No. {report.settlement_id}"))
    story += [Spacer(1, 3 * mm), p("應收與實收 Expected and counted", heading)]
    rows = [[method_name(line.method), money(line.expected), money(line.counted),
             money(line.difference), BOOKED[line.booked_as]] for line in report.lines]
    rows.append(["合計 Total", money(report.total_expected), money(report.total_counted),
                 money(report.total_difference),
                 BOOKED["surplus" if report.total_difference > 0 else
                        "deficit" if report.total_difference < 0 else "balanced"]])
    story.append(table(["方式 Method", "應收 Expected", "實收 Counted", "差額 Difference",
                        "登錄 Booked as"], rows, [40, 32, 32, 32, 36]))
    story += [p("找零金與點鈔 Float and cash count", heading),
              p(f"找零金 Starting float: {money(report.float_amount)}（不列入收入 not takings）")]
    if report.drawer_cash is not None:
        story.append(p(f"抽屜現金 Cash in drawer: {money(report.drawer_cash)}"))
    story.append(p(f"點鈔次數 Blind counts: {report.counts}"
                   + ("（顯示應收後重新點鈔 recounted after the expected takings were shown）"
                      if report.counts > 1 else "")))
    if report.denominations:
        story.append(table(["面額 Denomination", "張/枚 Count", "金額 Amount"],
                           [[money(face), str(count), money(face * count)]
                            for face, count in sorted(report.denominations.items(), reverse=True)],
                           [40, 30, 40]))
    for dimension in ("cashier", "terminal", "fee"):
        values = report.breakdowns.get(dimension, {})
        if values:
            story.append(p(DIMENSION_TITLES[dimension], heading))
            label = fee_name if dimension == "fee" else str
            story.append(table(["項目 Item", "筆數 Count", "金額 Amount"],
                               [[label(key), f"{count:,}", money(amount)]
                                for key, (count, amount) in sorted(values.items())],
                               [80, 30, 40]))
    story.append(p(f"作廢收據 Voided receipts ({len(report.voids)})", heading))
    if report.voids:
        story.append(table(["收據 Receipt", "方式 Method", "金額 Amount", "收款人 Cashier",
                            "核可 Approved by", "原因 Reason"],
                           [[v.receipt_no, method_name(v.method), money(v.amount), v.cashier,
                             v.voided_by, v.reason] for v in report.voids],
                           [38, 26, 22, 24, 24, 46]))
    else:
        story.append(p("無 None"))
    story.append(p(f"減免 Waivers ({len(report.waivers)})", heading))
    if report.waivers:
        story.append(table(["科目 Fee", "讀者 Patron", "金額 Amount", "主管 Supervisor",
                            "原因 Reason"],
                           [[fee_name(w.charge_kind), w.patron_barcode, money(w.amount),
                             w.supervisor, w.reason] for w in report.waivers],
                           [44, 28, 22, 26, 60]))
    else:
        story.append(p("無 None"))
    if report.adjustments:
        story.append(p(f"調整 Adjustments ({len(report.adjustments)})", heading))
        story.append(table(["方式 Method", "金額 Amount", "收據 Receipt", "主管 Supervisor",
                            "原因 Reason"],
                           [[method_name(a.method), money(a.amount), a.receipt_no or "",
                             a.supervisor, a.reason] for a in report.adjustments],
                           [30, 24, 38, 26, 62]))
    story += [p("說明 Note", heading), p(report.note or "—"), Spacer(1, 12 * mm),
              p("主管簽章 Supervisor's signature: ____________________　"
                "出納 Cashier's office: ____________________")]
    doc = SimpleDocTemplate(str(target) if isinstance(target, (str, Path)) else target,
                            pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm,
                            title=f"Settlement {report.desk} {report.business_date.isoformat()}")
    doc.build(story)
