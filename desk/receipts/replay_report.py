"""The replay report as an A4 PDF (reportlab, CJK font from ``desk.devices``): the summary,
the bad lines of the files read, then one row per transaction with its result and who decided.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desk.circulation.offline.report import ReplayReport, summary_line
from desk.devices.printer.pdf import register_cjk_font

STATUS_COLOURS = {"applied": colors.HexColor("#e6f4e6"), "needs_decision": colors.HexColor("#fff4d6"),
                  "refused": colors.HexColor("#fbe3e3"), "discarded": colors.HexColor("#eeeeee")}


def write_pdf(report: ReplayReport, target: str | Path | BinaryIO) -> None:
    font = register_cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=8, leading=10)
    title = ParagraphStyle("title", fontName=font, fontSize=14, leading=18)
    doc = SimpleDocTemplate(str(target) if isinstance(target, Path) else target,
                            pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm,
                            title=f"Replay {report.replay_id}")

    def p(text: str) -> Paragraph:
        return Paragraph(escape(text), body)

    story = [Paragraph(escape(f"補登報表 Replay report — {report.desk}"), title),
             p(f"{report.made_at:%Y-%m-%d %H:%M} · {report.staff} · {report.replay_id}"),
             p(summary_line(report)), Spacer(1, 4 * mm)]
    if report.problems:
        story.append(p("Bad lines 錯誤行:"))
        story += [p(f"{path}:{number}: {problem}") for path, number, problem in report.problems]
        story.append(Spacer(1, 4 * mm))
    header = ["#", "Slip 單號", "Time 時間", "Kind", "Card 證號", "Item 條碼", "Result 結果",
              "Detail 說明", "Decided by 核可"]
    rows = [[p(h) for h in header]]
    for row in report.rows:
        detail = row.detail
        if row.due:
            detail += f" Due {row.due}"
        if row.fine or row.waived:
            detail += f" Fine {report.money(row.fine)} waived {report.money(row.waived)}"
        decided = f"{row.decided_by}: {row.reason}" if row.decided_by else ""
        rows.append([p(str(row.number)), p(row.where), p(row.at), p(row.kind), p(row.patron),
                     p(row.item), p(row.status_text), p(detail.strip()), p(decided)])
    widths = [10, 30, 28, 16, 26, 28, 24, 80, 30]
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd"))]
    for index, row in enumerate(report.rows, start=1):
        colour = STATUS_COLOURS.get(row.status)
        if colour is not None:
            style.append(("BACKGROUND", (6, index), (6, index), colour))
    table.setStyle(TableStyle(style))
    story.append(table)
    doc.build(story)
