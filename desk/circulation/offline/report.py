"""The replay report: what was applied, overridden, waived, refused or is waiting for a
decision, and by whom — as plain rows for the screen and the command line. The PDF is drawn
from the same ``ReplayReport`` by ``desk.receipts.replay_report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from desk.circulation.offline.replay import Replay, ReplayLine
from desk.wording import language, text

STATUS_WORDS = {
    "applied": ("applied", "已補登"), "needs_decision": ("needs a decision", "待決定"),
    "refused": ("refused", "拒絕"), "skipped": ("already applied", "先前已補登"),
    "discarded": ("not applied (decided)", "決定不補登"), "pending": ("pending", "未處理"),
}
KIND_WORDS = {"checkout": ("checkout", "借書"), "checkin": ("return", "還書"),
              "payment": ("payment", "繳款")}


def _word(table: dict[str, tuple[str, str]], key: str) -> str:
    pair = table.get(key, (key, key))
    return pair[1] if language() == "zh_TW" else pair[0]


@dataclass(frozen=True)
class ReportRow:
    number: int
    where: str          # slip number, or file:line for .koc lines
    desk: str
    at: str
    kind: str
    patron: str
    item: str
    status: str         # one of replay.STATUSES (the code)
    status_text: str
    detail: str
    due: str = ""
    fine: int = 0
    waived: int = 0
    overridden: bool = False
    decided_by: str = ""
    reason: str = ""


@dataclass
class ReplayReport:
    replay_id: str
    desk: str
    staff: str
    made_at: datetime
    rows: list[ReportRow]
    counts: dict[str, int]
    problems: list[tuple[str, int, str]] = field(default_factory=list)
    currency_format: object = None   # Policy.money

    def money(self, amount: int) -> str:
        return self.currency_format(amount) if callable(self.currency_format) else str(amount)


def _row(line: ReplayLine, tz: tzinfo, line_of: dict[str, tuple[str, int]]) -> ReportRow:
    entry = line.entry
    where = entry.slip_no
    if entry.txn_id in line_of:
        path, number = line_of[entry.txn_id]
        where = f"{path.rsplit('/', 1)[-1]}:{number}"
    return ReportRow(
        number=line.number, where=where, desk=entry.desk,
        at=f"{entry.at.astimezone(tz):%Y-%m-%d %H:%M}", kind=_word(KIND_WORDS, entry.kind),
        patron=entry.patron or "", item=entry.item, status=line.status,
        status_text=_word(STATUS_WORDS, line.status), detail=line.message,
        due=f"{line.due_at.astimezone(tz):%Y-%m-%d}" if line.due_at else "",
        fine=line.fine, waived=line.waived, overridden=line.overridden,
        decided_by=line.decided_by or "", reason=line.reason or "")


def build_report(replay: Replay, *, staff: str,
                 line_of: dict[str, tuple[str, int]] | None = None,
                 problems: list[tuple[str, int, str]] | None = None) -> ReplayReport:
    library = replay.library
    tz = library.policy.tz
    rows = [_row(line, tz, line_of or {}) for line in replay.lines]
    return ReplayReport(replay_id=replay.replay_id, desk=replay.circulation.desk_code,
                        staff=staff, made_at=library.now().astimezone(tz), rows=rows,
                        counts=replay.counts(), problems=list(problems or []),
                        currency_format=library.policy.money)


def summary_line(report: ReplayReport) -> str:
    c = report.counts
    if language() == "zh_TW":
        return (f"已補登 {c['applied']}（主管核可 {c['overridden']}）、待決定 {c['needs_decision']}、"
                f"拒絕 {c['refused']}、先前已補登 {c['skipped']}、不補登 {c['discarded']}、"
                f"減免 {report.money(c['waived'])}、錯誤行 {len(report.problems)}")
    return (f"applied {c['applied']} (overridden {c['overridden']}), needing a decision "
            f"{c['needs_decision']}, refused {c['refused']}, already applied {c['skipped']}, "
            f"discarded {c['discarded']}, waived {report.money(c['waived'])}, "
            f"bad lines {len(report.problems)}")


def report_text(report: ReplayReport) -> str:
    """The report as plain text (the command line, logs)."""
    out = [text("replay_header", replay=report.replay_id, desk=report.desk, staff=report.staff,
                at=f"{report.made_at:%Y-%m-%d %H:%M}"), summary_line(report)]
    for path, number, problem in report.problems:
        out.append("  " + text("koc_bad_line", where=f"{path}:{number}", problem=problem))
    for row in report.rows:
        shown = (f"  {row.number:>4} {row.where:<16} {row.at} {row.kind:<8} {row.patron:<12} "
                 f"{row.item:<14} {row.status_text}")
        extras = [row.detail] if row.detail else []
        if row.due:
            extras.append(text("replay_due", due=row.due))
        if row.fine or row.waived:
            extras.append(text("replay_fine", fine=report.money(row.fine),
                               waived=report.money(row.waived)))
        if row.decided_by:
            extras.append(text("replay_decided", by=row.decided_by, reason=row.reason))
        out.append(shown + (" — " + "; ".join(extras) if extras else ""))
    return "\n".join(out)
