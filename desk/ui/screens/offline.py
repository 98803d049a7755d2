"""Replay (after an outage): apply the offline journals and keyed-in slips, see each line's
result, decide what needs a decision — line by line or in bulk — with a supervisor override.

``Run replay`` reads the sources (``sources()``: this desk's offline journal and slip book by
default) and applies them on the worker thread with a progress bar. *Apply selected* / *Apply
all* open the supervisor dialog (``desk.ui.override``); *Discard selected* records a decision
not to apply. ``fallback_receipt`` builds the manual-fallback receipt of an offline
transaction (a result marked ``offline``) for the printer or the slip preview.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desk.circulation.offline.apply import ReplayCirculation
from desk.circulation import CheckinResult, CheckoutResult, Override
from desk.circulation.offline.files import journal_path, slips_path
from desk.circulation.offline.journal import JournalEntry, read_journal
from desk.circulation.offline.replay import NEEDS_DECISION, Replay
from desk.circulation.offline.report import STATUS_WORDS, build_report, summary_line
from desk.devices.slip_builders import SlipItem, manual_fallback_receipt
from desk.devices.slips import Slip
from desk.ui.context import DeskContext
from desk.ui.formatting import slip_due, slip_time
from desk.ui.override import OverrideDialog
from desk.ui.screen import Screen



def fallback_receipt(result: CheckoutResult | CheckinResult, *, library: str | Sequence[str],
                     desk: str, staff: str, tz: tzinfo) -> Slip:
    """The manual checkout or return receipt of an offline transaction (its slip number as a
    barcode, the date, the item and the due date), in the library's time zone ``tz`` and with
    the due date as the online slips print them."""
    lent = isinstance(result, CheckoutResult)
    action = "人工借書單 Manual checkout" if lent else "人工還書單 Manual return"
    due = (slip_due(tz, result.due_at, hourly=result.hourly)
           if isinstance(result, CheckoutResult) else None)
    item = SlipItem(barcode=result.item_barcode, title=result.title or result.item_barcode,
                    due=due)
    return manual_fallback_receipt(library=library, slip_no=result.slip_no, action=action,
                                   card=result.patron_barcode or "", items=[item],
                                   when=slip_time(tz, result.at or datetime.now(tz)),
                                   desk=desk, staff=staff)


class ReplayScreen(Screen):
    mode_key = "replay"
    shortcut = "Ctrl+R"
    title_text = QT_TRANSLATE_NOOP("ReplayScreen", "Replay")
    progressed = Signal(int, int)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *,
                 sources: Callable[[], list[JournalEntry]] | None = None) -> None:
        super().__init__(context, parent)
        self.sources = sources or self._default_sources
        self.replay: Replay | None = None
        self.run_button = QPushButton(self.tr("Run replay"))
        self.run_button.setObjectName("runReplay")
        self.run_button.clicked.connect(self.run_replay)
        self.apply_selected = QPushButton(self.tr("Apply selected…"))
        self.apply_selected.setObjectName("applySelected")
        self.apply_selected.clicked.connect(lambda: self._decide(self._selected(), True))
        self.discard_selected = QPushButton(self.tr("Discard selected…"))
        self.discard_selected.setObjectName("discardSelected")
        self.discard_selected.clicked.connect(lambda: self._decide(self._selected(), False))
        self.apply_all = QPushButton(self.tr("Apply all needing a decision…"))
        self.apply_all.setObjectName("applyAll")
        self.apply_all.clicked.connect(lambda: self._decide(None, True))
        self.progress = QProgressBar()
        self.progress.setObjectName("replayProgress")
        self.progressed.connect(self._progress)
        self.summary = QLabel()
        self.summary.setObjectName("replaySummary")
        headings = ["#", self.tr("Slip"), self.tr("Time"), self.tr("Type"), self.tr("Card"),
                    self.tr("Item"), self.tr("Result"), self.tr("Detail")]
        self.table = QTableWidget(0, len(headings))
        self.table.setObjectName("replayRows")
        self.table.setHorizontalHeaderLabels(headings)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        for button in (self.run_button, self.apply_selected, self.discard_selected, self.apply_all):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.dialog: OverrideDialog | None = None
        self._enable()

    def _default_sources(self) -> list[JournalEntry]:
        desk = self.context.circulation.desk_code
        return (read_journal(journal_path(desk)).entries
                + read_journal(slips_path(desk)).entries)

    # --- running ----------------------------------------------------------------------------
    def run_replay(self) -> None:
        circulation = self.context.circulation
        replay_desk = ReplayCirculation(circulation.library, circulation.desk_code,
                                        circulation.staff)
        self.replay = Replay(replay_desk, self.sources())
        self.progress.setRange(0, max(1, len(self.replay.lines)))
        self.progress.setValue(0)
        self.run_button.setEnabled(False)
        self.context.tasks.run(self.replay.run, self.progressed.emit, on_done=self._shown,
                               on_error=self._failed)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _failed(self, error: BaseException) -> None:
        self.run_button.setEnabled(True)
        self.context.messages.error.emit(str(error) or type(error).__name__)

    def _shown(self, _lines: object = None) -> None:
        self.run_button.setEnabled(True)
        replay = self.replay
        report = build_report(replay, staff=self.context.circulation.staff.name)
        self.summary.setText(summary_line(report))
        self.table.setRowCount(0)
        for row in report.rows:
            index = self.table.rowCount()
            self.table.insertRow(index)
            detail = row.detail + (" " + self.tr("(due %1)").replace("%1", row.due)
                                   if row.due else "")
            if row.decided_by:
                detail += f" — {row.decided_by}: {row.reason}"
            for column, value in enumerate((str(row.number), row.where, row.at, row.kind,
                                            row.patron, row.item, row.status_text, detail)):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.progress.setValue(self.progress.maximum())
        self._enable()
        if replay.pending_decisions():
            self.context.messages.warning.emit(summary_line(report))
        else:
            self.context.messages.info.emit(summary_line(report))

    def _enable(self) -> None:
        pending = bool(self.replay and self.replay.pending_decisions())
        for button in (self.apply_selected, self.discard_selected, self.apply_all):
            button.setEnabled(pending)

    # --- decisions --------------------------------------------------------------------------
    def _selected(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if self.replay is None:
            return []
        return [self.replay.lines[row].number for row in sorted(rows)
                if self.replay.lines[row].status == NEEDS_DECISION]

    def _decide(self, numbers: list[int] | None, apply: bool) -> None:
        if self.replay is None:
            return
        lines = [line for line in self.replay.pending_decisions()
                 if numbers is None or line.number in numbers]
        if not lines:
            self.context.messages.warning.emit(self.tr("Select lines that need a decision."))
            return
        codes = sorted({code for line in lines for code in line.codes})
        reasons = [f"{line.number}: {line.message}" for line in lines[:8]]
        self.dialog = OverrideDialog(self.context, codes, reasons, self)
        self.dialog.granted.connect(lambda override: self._decided(numbers, apply, override))
        self.dialog.open()

    def _decided(self, numbers: list[int] | None, apply: bool, override: Override) -> None:
        replay = self.replay
        supervisor, reason = override.supervisor, override.reason
        if numbers is None:
            work = lambda: replay.decide_all(apply=apply, supervisor=supervisor,  # noqa: E731
                                             reason=reason, progress=self.progressed.emit)
        else:
            work = lambda: replay.decide(numbers, apply=apply, supervisor=supervisor,  # noqa: E731
                                         reason=reason, progress=self.progressed.emit)
        self.context.tasks.run(work, on_done=self._shown, on_error=self._failed)


__all__ = ["ReplayScreen", "STATUS_WORDS", "fallback_receipt"]
