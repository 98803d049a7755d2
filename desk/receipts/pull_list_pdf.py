"""A location's pull list as an A4 PDF: one row per book to fetch, in shelf order (call
number), each with its barcode as Code 128 (scanned from the paper to confirm the pull), what
it is for, by when, and overdue requests marked in words, not only in colour.

reportlab with the desk's embedded CJK font, so the text can be extracted and searched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desk.circulation.requests.pull_entry import PullEntry
from desk.devices.printer.pdf import register_cjk_font
from desk.devices.slips import mask_card


@dataclass(frozen=True)
class PullListLabels:
    """The column headings and words of the list, in the desk's language."""

    title: str
    call_number: str
    item: str
    what: str
    act_by: str
    overdue: str
    kinds: dict[str, str]
    empty: str


def write_pull_list_pdf(entries: list[PullEntry], target: str | Path | BinaryIO, *,
                        labels: PullListLabels, when: datetime, library: str = "") -> None:
    """Render ``entries`` (sorted here by call number) to ``target``, a path or a file."""
    font = register_cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12)
    title = ParagraphStyle("title", fontName=font, fontSize=14, leading=19)

    def p(text: str) -> Paragraph:
        return Paragraph(escape(text), body)

    rows: list[list[object]] = [[p(labels.call_number), p(labels.item), p(labels.what),
                                 p(labels.act_by)]]
    for entry in sorted(entries, key=lambda e: e.sort_key):
        what = f"{labels.kinds.get(entry.kind, entry.kind)}: {entry.title}"
        if entry.note:
            what += f" → {entry.note}"
        what += f" ({mask_card(entry.patron_barcode)})"
        deadline = f"{entry.act_by.astimezone(when.tzinfo):%Y-%m-%d}" if entry.act_by else ""
        if entry.overdue:
            deadline = f"※ {labels.overdue} {deadline}"
        code = Code128(entry.item_barcode, barHeight=9 * mm, barWidth=0.33 * mm, humanReadable=True,
                       fontName="Helvetica", fontSize=7)
        rows.append([p(entry.call_number), code, p(what), p(deadline)])
    story: list[object] = []
    if library:
        story.append(Paragraph(escape(library), body))
    story += [Paragraph(escape(f"{labels.title} {when:%Y-%m-%d %H:%M}"), title),
              Spacer(1, 4 * mm)]
    if len(rows) == 1:
        story.append(p(labels.empty))
    else:
        table = Table(rows, colWidths=[32 * mm, 52 * mm, 70 * mm, 26 * mm], repeatRows=1)
        style = [("FONT", (0, 0), (-1, -1), font, 9),
                 ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]
        style += [("BACKGROUND", (3, index), (3, index), colors.HexColor("#fbe3e3"))
                  for index, entry in enumerate(sorted(entries, key=lambda e: e.sort_key), 1)
                  if entry.overdue]
        table.setStyle(TableStyle(style))
        story.append(table)
    document = SimpleDocTemplate(str(target) if isinstance(target, Path) else target, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
                                 topMargin=12 * mm, bottomMargin=12 * mm, title=labels.title)
    document.build(story)


__all__ = ["PullListLabels", "write_pull_list_pdf"]
