"""End-of-day settlement (F10), for a supervisor.

Whether this desk's day is closed already is asked first, when the screen is shown: a closed
day is said at once (by whom, when, and the day later payments are booked to), the count stays
disabled and that day's report is offered instead. Otherwise a blind count: the cash in the
drawer by banknote and coin (float included) and the total of every other method are entered
before any expected figure is shown. *Compare* locks the
count and shows expected against counted per method, the difference as surplus or deficit, the
totals per cashier and per fee type, voided receipts and waivers. A difference needs a note;
*Close the day* asks a supervisor to sign in, closes and locks the desk-day, and shows the
report, which can be saved as PDF (Chinese and English) or CSV. The history tab lists closed
days for reprints; the day tab is the supervisor's view of every desk.

The count is worked from the keyboard: once the day is known to be open the focus waits in the
first banknote field; Enter goes to the next field, and from the last to *Compare* (which a
second Enter presses), so a stray Enter never locks a count.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QTabWidget, QVBoxLayout,
                               QWidget)

from desk.circulation import CirculationRefused
from desk.circulation.charges import kind_name, method_name
from desk.circulation.queries.money import (DeskDayStatus, SettlementReport, current_float,
                                            desk_day_status, settlement_history,
                                            settlement_report)
from desk.circulation.settlement import DENOMINATIONS
from desk.receipts.settlement_csv import write_csv
from desk.ui.context import DeskContext
from desk.ui.formatting import money
from desk.ui.screen import Screen
from desk.ui.screens.day_view import DayView
from desk.ui.screens.money_widgets import MAX_AMOUNT, ReceiptSlip, supervisor_dialog
from desk.ui.widgets.tables import fill_table, make_table, selected_rows


class SettlementScreen(Screen):
    mode_key = "settlement"
    shortcut = "F10"
    title_text = QT_TRANSLATE_NOOP("SettlementScreen", "Settlement")

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.report: SettlementReport | None = None
        self.day_status: DeskDayStatus | None = None   # unknown until asked: no count before
        self.history: list = []
        self.dialog: QWidget | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settlementTabs")
        self.tabs.addTab(self._close_tab(), self.tr("Close the day"))
        self.tabs.addTab(self._history_tab(), self.tr("Closed days"))
        self.day = DayView(context)
        self.tabs.addTab(self.day, self.tr("Today, all desks"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.reset()

    # --- building ----------------------------------------------------------------------------
    def _close_tab(self) -> QWidget:
        tab = QWidget()
        self.closed_banner = QLabel()
        self.closed_banner.setObjectName("closedDayBanner")
        self.closed_banner.setWordWrap(True)
        self.closed_banner.setStyleSheet(
            "background: #fff3cd; color: #5c4400; border: 1px solid #e0a800; padding: 6px;"
            " font-weight: bold;")
        self.closed_banner.hide()
        self.open_closed_button = QPushButton(self.tr("&Open that day's report"))
        self.open_closed_button.setObjectName("openClosedDay")
        self.open_closed_button.clicked.connect(self.open_closed_day)
        self.open_closed_button.hide()
        count = QGroupBox(self.tr("Blind count: cash in the drawer (float included)"))
        grid = QGridLayout(count)
        self.notes: dict[int, QSpinBox] = {}
        for index, face in enumerate(DENOMINATIONS):
            spin = QSpinBox()
            spin.setObjectName(f"count{face}")
            spin.setRange(0, 100_000)
            spin.valueChanged.connect(self._count_changed)
            self.notes[face] = spin
            grid.addWidget(QLabel(f"NT${face:,} ×"), index // 4, (index % 4) * 2)
            grid.addWidget(spin, index // 4, (index % 4) * 2 + 1)
        self.drawer = QLabel()
        self.drawer.setObjectName("drawerTotal")
        grid.addWidget(self.drawer, 2, 0, 1, 8)
        others = QFormLayout()
        self.other_counts: dict[str, QSpinBox] = {}
        for method in self.context.library.policy.payment_methods:
            if method == "cash":
                continue
            spin = QSpinBox()
            spin.setObjectName(f"counted_{method}")
            spin.setRange(0, MAX_AMOUNT)
            self.other_counts[method] = spin
            others.addRow(self.tr("%1 counted (slips)").replace("%1", method_name(method)), spin)
        for spin in self.count_fields():
            spin.installEventFilter(self)
        self.compare_button = QPushButton(self.tr("&Compare with the takings"))
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setAutoDefault(True)       # Enter on it compares
        self.compare_button.clicked.connect(self.compare)
        self.result = make_table("settlementLines", [
            self.tr("Method"), self.tr("Expected"), self.tr("Counted"), self.tr("Difference"),
            self.tr("Booked as")], stretch=4)
        self.details = QLabel()
        self.details.setObjectName("settlementDetails")
        self.details.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("settlementNote")
        self.note.setPlaceholderText(self.tr("Note (required when the count differs)"))
        self.close_button = QPushButton(self.tr("Close the &day…"))
        self.close_button.setObjectName("closeDayButton")
        self.close_button.clicked.connect(self.request_close)
        self.start_over = QPushButton(self.tr("Start over"))
        self.start_over.setObjectName("startOver")
        self.start_over.clicked.connect(self.start_again)
        self.float_amount = QSpinBox()
        self.float_amount.setObjectName("floatAmount")
        self.float_amount.setRange(0, MAX_AMOUNT)
        self.float_button = QPushButton(self.tr("Set float…"))
        self.float_button.setObjectName("setFloat")
        self.float_button.clicked.connect(self.request_float)
        self.pdf_button = QPushButton(self.tr("Save &PDF…"))
        self.pdf_button.setObjectName("savePdf")
        self.pdf_button.clicked.connect(lambda: self._save("pdf"))
        self.csv_button = QPushButton(self.tr("Save CS&V…"))
        self.csv_button.setObjectName("saveCsv")
        self.csv_button.clicked.connect(lambda: self._save("csv"))
        self.slip_button = QPushButton(self.tr("Print s&lip"))
        self.slip_button.setObjectName("printSettlementSlip")
        self.slip_button.clicked.connect(self.print_slip)
        self.status = QLabel()
        self.status.setObjectName("settlementStatus")
        self.status.setWordWrap(True)
        float_row = QHBoxLayout()
        float_row.addWidget(QLabel(self.tr("Starting float of this desk")))
        float_row.addWidget(self.float_amount)
        float_row.addWidget(self.float_button)
        float_row.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.compare_button, self.close_button, self.start_over, self.pdf_button,
                       self.csv_button, self.slip_button):
            actions.addWidget(button)
        actions.addStretch(1)
        closed_row = QHBoxLayout()
        closed_row.addWidget(self.closed_banner, 1)
        closed_row.addWidget(self.open_closed_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(closed_row)
        layout.addLayout(float_row)
        layout.addWidget(count)
        layout.addLayout(others)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.note)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        return tab

    def _history_tab(self) -> QWidget:
        tab = QWidget()
        self.history_table = make_table("historyTable", [
            self.tr("Business date"), self.tr("Desk"), self.tr("Supervisor"), self.tr("Expected"),
            self.tr("Counted"), self.tr("Difference"), self.tr("Note")], stretch=6)
        open_button = QPushButton(self.tr("&Open report"))
        open_button.setObjectName("openHistory")
        open_button.clicked.connect(self.open_history)
        row = QHBoxLayout()
        row.addWidget(open_button)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.history_table)
        layout.addLayout(row)
        return tab

    # --- Screen ------------------------------------------------------------------------------
    def activate(self) -> None:
        self.context.tasks.run(current_float, self.context.library,
                               self.context.circulation.desk_code,
                               on_done=self.float_amount.setValue, on_error=self._failed)
        self.check_day()
        self.refresh_history()
        self.day.refresh()

    def reset(self) -> None:
        self.report = None
        for spin in [*self.notes.values(), *self.other_counts.values()]:
            spin.setValue(0)
            spin.setEnabled(self._may_count())
        self.result.setRowCount(0)
        self.details.clear()
        self.note.clear()
        self.status.clear()
        self._count_changed()
        self._enable()

    def start_again(self) -> None:
        """Start over: a fresh count, after asking again whether the day is closed."""
        self.reset()
        self.check_day()

    def count_fields(self) -> list[QSpinBox]:
        """The count's fields in the order they are typed: banknotes and coins, then the
        other methods."""
        return [*self.notes.values(), *self.other_counts.values()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in a count field: the next field; in the last one, *Compare*."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and watched in self.count_fields():
            fields = self.count_fields()
            index = fields.index(watched)           # type: ignore[arg-type]
            if index + 1 < len(fields):
                fields[index + 1].setFocus()
                fields[index + 1].selectAll()
            else:
                self.compare_button.setFocus()
            return True
        return super().eventFilter(watched, event)

    # --- is the day closed already? (asked before any count) -----------------------------------
    def _may_count(self) -> bool:
        return self.day_status is not None and not self.day_status.closed

    def check_day(self) -> None:
        self.context.tasks.run(desk_day_status, self.context.library,
                               self.context.circulation.desk_code,
                               on_done=self.show_day_status, on_error=self._failed)

    def show_day_status(self, status: DeskDayStatus) -> None:
        """Say a closed day at once and keep the count disabled; an open day may be counted."""
        was_closed = self.day_status is not None and self.day_status.closed
        self.day_status = status
        if status.closed:
            self.closed_banner.setText(self.tr(
                "Today (%1) is already closed: closed by %2 at %3. Payments taken after the "
                "close are booked to %4.")
                .replace("%1", (status.closed_day or status.today).isoformat())
                .replace("%2", status.supervisor)
                .replace("%3", f"{status.closed_at:%H:%M}" if status.closed_at else "")
                .replace("%4", status.business_date.isoformat()))
            if not was_closed and self.report is None:
                self.context.messages.warning.emit(self.closed_banner.text())
        self.closed_banner.setVisible(status.closed)
        self.open_closed_button.setVisible(status.closed)
        if self.report is None:                     # not while a report is on screen
            for spin in [*self.notes.values(), *self.other_counts.values()]:
                spin.setEnabled(self._may_count())
        self._enable()
        if self._may_count() and self.report is None and self.isVisible():
            first = self.count_fields()[0]
            first.setFocus()                        # the count starts from the keyboard
            first.selectAll()

    def open_closed_day(self) -> None:
        """The report of the day already closed: what makes sense instead of a count."""
        status = self.day_status
        if status is None or status.settlement_id is None:
            return
        self.context.tasks.run(settlement_report, self.context.library, status.settlement_id,
                               on_done=self._history_opened, on_error=self._failed)

    # --- the blind count -----------------------------------------------------------------------
    def drawer_cash(self) -> int:
        return sum(face * spin.value() for face, spin in self.notes.items())

    def denominations(self) -> dict[int, int]:
        return {face: spin.value() for face, spin in self.notes.items() if spin.value()}

    def _count_changed(self) -> None:
        self.drawer.setText(self.tr("Cash in the drawer: %1").replace(
            "%1", money(self.context.library, self.drawer_cash())))

    def compare(self) -> None:
        """Lock the count, then (only now) fetch and show the expected takings."""
        if not self._may_count():
            return
        for spin in [*self.notes.values(), *self.other_counts.values()]:
            spin.setEnabled(False)
        counted = {method: spin.value() for method, spin in self.other_counts.items()}
        # The count is recorded (audit log) before the expected takings come back.
        self.context.tasks.run(partial(self.context.circulation.count_takings, counted,
                                       denominations=self.denominations()),
                               on_done=self.show_report, on_error=self._failed)
        self._enable()

    def show_report(self, report: SettlementReport) -> None:
        self.report = report
        library = self.context.library
        booked = {"surplus": self.tr("surplus"), "deficit": self.tr("deficit"),
                  "balanced": self.tr("balanced")}
        rows = [[method_name(line.method), money(library, line.expected), money(library, line.counted),
                 money(library, line.difference), booked[line.booked_as]] for line in report.lines]
        rows.append([self.tr("Total"), money(library, report.total_expected),
                     money(library, report.total_counted), money(library, report.total_difference),
                     ""])
        fill_table(self.result, rows)
        parts = [self.tr("Float %1 (not takings)").replace("%1", money(library, report.float_amount))]
        for dimension, label in (("cashier", self.tr("Per cashier")),
                                 ("terminal", self.tr("Per self-check terminal")),
                                 ("fee", self.tr("Per fee type"))):
            values = report.breakdowns.get(dimension, {})
            if values:
                name = kind_name if dimension == "fee" else str
                parts.append(label + ": " + ", ".join(
                    f"{name(key)} {money(library, amount)} ({count})"
                    for key, (count, amount) in sorted(values.items())))
        parts.append(self.tr("Voided receipts: %1").replace("%1", ", ".join(
            f"{v.receipt_no} ({v.reason})" for v in report.voids) or self.tr("none")))
        parts.append(self.tr("Waivers: %1").replace("%1", ", ".join(
            f"{money(library, w.amount)} {w.reason} ({w.supervisor})" for w in report.waivers)
            or self.tr("none")))
        if report.counts > 1:
            parts.append(self.tr("Counted %1 times: the money was recounted after the expected "
                                 "takings were shown (every count is in the audit log).")
                         .replace("%1", str(report.counts)))
        if report.note:
            parts.append(self.tr("Note: %1").replace("%1", report.note))
        self.details.setText("\n".join(parts))
        if report.settlement_id is not None:
            self.status.setText(self.tr("Closed: %1 at %2 is locked.").replace(
                "%1", report.business_date.isoformat()).replace("%2", report.desk))
            self.check_day()          # the banner now says where later payments are booked
        self._enable()

    # --- closing -------------------------------------------------------------------------------
    def request_close(self) -> None:
        report = self.report
        if report is None or report.settlement_id is not None:
            return
        if report.total_difference or any(line.difference for line in report.lines):
            if not self.note.text().strip():
                self.status.setText(self.tr("The count differs: write a note first."))
                self.context.messages.warning.emit(self.status.text())
                self.note.setFocus()
                return
        dialog = supervisor_dialog(self.context, self.tr("Close %1 for %2").replace(
            "%1", report.business_date.isoformat()).replace("%2", report.desk), self)
        dialog.reason.setPlainText(self.note.text().strip() or self.tr("balanced"))
        dialog.granted.connect(self._close)
        self.dialog = dialog
        dialog.open()

    def _close(self, override) -> None:  # noqa: ANN001
        counted = {line.method: line.counted for line in self.report.lines if line.method != "cash"}
        note = self.note.text().strip() or override.reason
        self.context.tasks.run(self._close_day, counted, override.supervisor, note,
                               self.denominations(), on_done=self._closed,
                               on_error=self._failed)

    def _closed(self, report: SettlementReport) -> None:
        self.show_report(report)
        self.context.messages.day_closed.emit()      # the automatic backup follows

    def _close_day(self, counted: dict[str, int], supervisor, note: str,  # noqa: ANN001
                   denominations: dict[int, int]) -> SettlementReport:
        result = self.context.circulation.close_day(counted, supervisor=supervisor, note=note,
                                                    denominations=denominations)
        return settlement_report(self.context.library, result.id)

    def request_float(self) -> None:
        amount = self.float_amount.value()
        dialog = supervisor_dialog(self.context, self.tr("Starting float %1").replace(
            "%1", money(self.context.library, amount)), self)
        dialog.reason.setPlainText(self.tr("starting float"))
        dialog.granted.connect(lambda override: self.context.tasks.run(
            partial(self.context.circulation.set_float, amount, supervisor=override.supervisor),
            on_done=lambda _: self.status.setText(self.tr("Float set to %1.").replace(
                "%1", money(self.context.library, amount))), on_error=self._failed))
        self.dialog = dialog
        dialog.open()

    def _failed(self, error: BaseException) -> None:
        text = str(error) or type(error).__name__
        self.status.setText(text)
        self.context.messages.error.emit(text)
        codes = error.codes if isinstance(error, CirculationRefused) else []
        self.context.messages.sound.emit(f"error.settlement.{codes[0]}" if codes
                                         else "error.settlement")
        if "day_closed" in codes:      # closed meanwhile (another workstation): say it
            self.check_day()

    # --- reports and history -------------------------------------------------------------------
    def save_report(self, path: str | Path, kind: str) -> None:
        if self.report is None:
            return
        if kind == "pdf":
            # reportlab costs ~0.1 s to import: loaded when a report is saved, not at start.
            from desk.receipts.settlement_pdf import write_pdf
            write_pdf(self.report, Path(path), currency=self.context.library.policy.currency)
        else:
            write_csv(self.report, str(path))
        self.status.setText(self.tr("Saved %1").replace("%1", str(path)))

    def print_slip(self) -> None:
        """The settlement's summary on the receipt printer (the full report is the PDF)."""
        report = self.report
        if report is None or report.settlement_id is None:
            return
        library = self.context.library
        lines = [f"{report.desk} {report.business_date.isoformat()}",
                 self.tr("Supervisor: %1").replace("%1", report.supervisor)]
        lines += [f"{method_name(line.method)}: {money(library, line.expected)} / "
                  f"{money(library, line.counted)} ({money(library, line.difference)})"
                  for line in report.lines]
        lines += [self.tr("Float %1 (not takings)").replace("%1", money(library, report.float_amount)),
                  self.tr("Voided receipts: %1").replace("%1", str(len(report.voids))),
                  self.tr("Waivers: %1").replace("%1", str(len(report.waivers)))]
        if report.note:
            lines.append(self.tr("Note: %1").replace("%1", report.note))
        self.context.slips.print_slip(ReceiptSlip("settlement", self.tr("Settlement"), lines))

    def _save(self, kind: str) -> None:
        if self.report is None:
            return
        name = f"settlement-{self.report.desk}-{self.report.business_date.isoformat()}.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), name,
                                              "PDF (*.pdf)" if kind == "pdf" else "CSV (*.csv)")
        if path:
            self.save_report(path, kind)

    def refresh_history(self) -> None:
        self.context.tasks.run(settlement_history, self.context.library,
                               on_done=self.show_history, on_error=self._failed)

    def show_history(self, history: list) -> None:
        self.history = history
        library = self.context.library
        fill_table(self.history_table, [[
            h.business_date.isoformat(), h.desk, h.supervisor, money(library, h.expected),
            money(library, h.counted), money(library, h.difference), h.note] for h in history])

    def open_history(self) -> None:
        rows = selected_rows(self.history_table)
        if not rows:
            self.context.messages.warning.emit(self.tr("Select a closed day."))
            return
        self.context.tasks.run(settlement_report, self.context.library,
                               self.history[rows[0]].settlement_id,
                               on_done=self._history_opened, on_error=self._failed)

    def _history_opened(self, report: SettlementReport) -> None:
        self.tabs.setCurrentIndex(0)
        for spin in [*self.notes.values(), *self.other_counts.values()]:
            spin.setEnabled(False)
        self.show_report(report)

    def _enable(self) -> None:
        counting = self.report is None
        closed = self.report is not None and self.report.settlement_id is not None
        self.compare_button.setEnabled(counting and self._may_count() and all(
            spin.isEnabled() for spin in self.notes.values()))
        self.close_button.setEnabled(self.report is not None and not closed)
        self.note.setEnabled(self.report is not None and not closed)
        self.pdf_button.setEnabled(self.report is not None)
        self.csv_button.setEnabled(self.report is not None)
        self.slip_button.setEnabled(closed)
