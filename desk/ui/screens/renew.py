"""Renew (F3): by patron — scan a card, see their loans, renew the selected ones or all — or
by scanning an item. Each row says what happened; refusals a supervisor may allow offer
*Override…* (the shared supervisor dialog), and the renewal is retried with that override.
A renewed row says the due date it had and the new one; once every renewal asked for together
has answered, a renewal slip lists what was renewed (old and new due dates).

A scanned item is renewed in its borrower's list: an item on loan to another patron than the
one shown switches the screen to that patron, with a notice saying so — a loan is never listed
under somebody else."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused, Override, RenewResult
from desk.circulation import Library
from desk.circulation.queries import LoanRow, PatronSummary, item_status, patron_summary
from desk.devices.slip_builders import SlipItem, renewal_slip
from desk.ui import offline_support as offline
from desk.ui.context import DeskContext
from desk.ui.devices_config import slip_library
from desk.ui.formatting import due_text, is_item_code, is_patron_code, money, slip_due, slip_time
from desk.ui.override import OverrideDialog
from desk.ui.screen import Screen
from desk.ui.slips import ScreenSlip
from desk.ui.widgets.patron_panel import PatronPanel

COLUMNS = 5
BARCODE, TITLE, DUE, RENEWALS, RESULT = range(COLUMNS)
OK_COLOUR, REFUSED_COLOUR = QColor("#dff3e3"), QColor("#fbe3e3")


def borrower_of(library: Library, barcode: str, desk: str) -> PatronSummary | None:
    """On the worker thread: the patron who has the item out, None when it is not on loan.
    Raises ``CirculationRefused`` (item_not_found, barcode_invalid, ...)."""
    borrower = item_status(library, barcode, history=0).borrower_barcode
    return patron_summary(library, borrower, desk=desk) if borrower else None


@dataclass
class RowState:
    """What the screen knows of one loan row."""

    barcode: str
    refusal: CirculationRefused | None = None
    renewed: bool = False


class RenewScreen(Screen):
    mode_key = "renew"
    shortcut = "F3"
    title_text = QT_TRANSLATE_NOOP("RenewScreen", "Renew")
    carries_patron = True

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.scan = QLineEdit()
        self.scan.setObjectName("scanField")
        self.scan.setPlaceholderText(self.tr("Scan a patron card, or an item to renew it"))
        self.scan.returnPressed.connect(self._scan_entered)
        self.panel = PatronPanel(context.library)
        self.notice = QLabel()                  # "switched to the borrower of ..."
        self.notice.setObjectName("renewNotice")
        self.notice.setProperty("alert", True)
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("renewTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Barcode"), self.tr("Title"), self.tr("Due"), self.tr("Renewals"),
            self.tr("Result")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(RESULT, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.renew_selected_button = QPushButton(self.tr("&Renew selected"))
        self.renew_selected_button.setObjectName("renewSelected")
        self.renew_all_button = QPushButton(self.tr("Renew &all"))
        self.renew_all_button.setObjectName("renewAll")
        self.override_button = QPushButton(self.tr("&Override…"))
        self.override_button.setObjectName("overrideButton")
        self.renew_selected_button.clicked.connect(self.renew_selected)
        self.renew_all_button.clicked.connect(self.renew_all)
        self.override_button.clicked.connect(self.request_override)
        self.table.installEventFilter(self)
        self.status = QLabel()
        self.status.setObjectName("renewStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.renew_selected_button)
        buttons.addWidget(self.renew_all_button)
        buttons.addWidget(self.override_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan)
        layout.addWidget(self.notice)
        layout.addWidget(self.panel)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.summary: PatronSummary | None = None
        self.rows: list[RowState] = []
        self.override_dialog: OverrideDialog | None = None
        self._awaiting: list[str] = []           # renewals asked for and not answered yet
        self._renewed_now: list[RenewResult] = []  # answered: on the next renewal slip
        self._update_buttons()

    # --- Screen ----------------------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        code = code.strip()
        self.scan.clear()
        if not code:
            return
        config, library = self.context.config, self.context.library
        desk = self.context.circulation.desk_code
        if is_patron_code(config, code):
            self.context.tasks.run(partial(patron_summary, library, code, desk=desk),
                                   on_done=self.show_patron, on_error=self._patron_failed)
        elif is_item_code(config, code):
            self.renew_scanned(code)
        else:  # neither pattern: a card if some patron has it, else an item
            self.context.tasks.run(partial(patron_summary, library, code, desk=desk),
                                   on_done=self.show_patron,
                                   on_error=lambda error: self._not_a_patron(code, error))

    def activate(self) -> None:
        self.scan.setFocus()
        self.refresh_if_stale()

    def reset(self) -> None:
        self._patron_stale = False
        self._awaiting, self._renewed_now = [], []
        self.notice.clear()
        self.notice.hide()
        self.summary = None
        self.rows = []
        self.table.setRowCount(0)
        self.panel.clear()
        self.status.clear()
        self.scan.clear()
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Enter on the loans table renews the selected loans."""
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.renew_selected()
            return True
        return super().eventFilter(watched, event)

    # --- patron ----------------------------------------------------------------------------
    def _scan_entered(self) -> None:
        self.handle_scan(self.scan.text())

    def show_patron(self, summary: PatronSummary) -> None:
        self.reset()
        self.summary = summary
        self.panel.show_summary(summary)
        for loan in summary.loans:
            self._add_row(loan.item_barcode, loan.title, loan)
        self.status.setText(self.tr("%1 loan(s). Select and press Enter, or Renew all.")
                            .replace("%1", str(len(summary.loans))))
        self.context.messages.sound.emit("info.renew.patron")
        if self.rows:
            self.table.selectRow(0)
        self._update_buttons()

    # --- the patron across screens ------------------------------------------------------------
    def current_patron(self) -> str | None:
        return self.summary.barcode if self.summary is not None else None

    def take_patron(self, card: str) -> None:
        desk = self.context.circulation.desk_code
        self.context.tasks.run(partial(patron_summary, self.context.library, card, desk=desk),
                               on_done=self.show_patron, on_error=self._patron_failed)

    def reread_patron(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the patron shown afresh: the panel and the loans; each row keeps its result."""
        card = self.current_patron()
        if card is None:
            return
        desk = self.context.circulation.desk_code
        self.context.tasks.run(partial(patron_summary, self.context.library, card, desk=desk),
                               on_done=self._refreshed, on_error=self._patron_failed)

    def _refreshed(self, summary: PatronSummary) -> None:
        if summary.barcode != self.current_patron():
            return                      # another patron was scanned meanwhile
        kept = {row.barcode: (row, self.table.item(index, RESULT).text(),
                              self.table.item(index, RESULT).background())
                for index, row in enumerate(self.rows)}
        notice = self.notice.text()
        waiting = (self._awaiting, self._renewed_now)     # the same patron: the slip to come
        self.reset()
        self._awaiting, self._renewed_now = waiting
        self.summary = summary
        self.panel.show_summary(summary)
        for loan in summary.loans:
            index = self._add_row(loan.item_barcode, loan.title, loan)
            if loan.item_barcode in kept:
                state, text, background = kept[loan.item_barcode]
                self.rows[index] = state
                if text:
                    self._set_result(index, text, background.color())
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self._update_buttons()

    # --- an item scanned ------------------------------------------------------------------------
    def renew_scanned(self, code: str) -> None:
        """Renew a scanned item in its borrower's list (switching to them if need be)."""
        if offline.is_offline(self.context) or (self.summary is not None
                                                and self._row_of(code) >= 0):
            self._renew([code])          # offline, the desk itself says renewals wait
            return
        desk = self.context.circulation.desk_code
        self.context.tasks.run(borrower_of, self.context.library, code, desk,
                               on_done=lambda borrower: self._borrower_found(code, borrower),
                               on_error=lambda error: self._borrower_failed(code, error))

    def _borrower_failed(self, code: str, error: BaseException) -> None:
        if offline.is_database_error(error):   # the database went away: the desk works offline
            offline.database_failed(self.context, error)
            self._renew([code])
            return
        self._refused(code, error)

    def _borrower_found(self, code: str, borrower: PatronSummary | None) -> None:
        if borrower is None:                        # not on loan: the renewal says why
            self._renew([code])
            return
        previous = self.summary
        if previous is None or previous.barcode != borrower.barcode:
            self.show_patron(borrower)
        else:
            self._refreshed(borrower)               # lent meanwhile: the list is read again
        if previous is not None and previous.barcode != borrower.barcode:
            text = self.tr("%1 is on loan to %2 (card %3): switched to that patron.").replace(
                "%1", code).replace("%2", borrower.name).replace("%3", borrower.barcode)
            self.notice.setText("⚠ " + text)
            self.notice.show()
            self.context.messages.warning.emit(text)
            self.context.messages.sound.emit("info.renew.patron_switched")
        self._renew([code])

    def _patron_failed(self, error: BaseException) -> None:
        self._refused_message(error, "error.renew.patron")

    def _not_a_patron(self, code: str, error: BaseException) -> None:
        if isinstance(error, CirculationRefused) and error.codes == ["patron_not_found"]:
            self.renew_scanned(code)
        else:
            self._patron_failed(error)

    def _refused_message(self, error: BaseException, sound: str) -> None:
        if isinstance(error, CirculationRefused):
            self.status.setText(str(error))
            self.context.messages.error.emit(str(error))
            self.context.messages.sound.emit(f"{sound}.{error.codes[0]}" if error.codes else sound)
        else:
            self.context.messages.error.emit(str(error) or type(error).__name__)
            self.context.messages.sound.emit(sound)

    # --- rows ------------------------------------------------------------------------------
    def _row_of(self, barcode: str) -> int:
        return next((i for i, row in enumerate(self.rows) if row.barcode == barcode), -1)

    def _add_row(self, barcode: str, title: str, loan: LoanRow | None = None) -> int:
        index = self.table.rowCount()
        self.table.insertRow(index)
        self.rows.append(RowState(barcode))
        due = due_text(self.context.library, loan.due_at, hourly=loan.hourly) if loan else ""
        if loan is not None and loan.overdue:
            due += " " + self.tr("(overdue)")
        values = [barcode, title, due, str(loan.renewals) if loan else "", ""]
        for column, value in enumerate(values):
            self.table.setItem(index, column, QTableWidgetItem(value))
        return index

    def _set_result(self, index: int, text: str, colour: QColor) -> None:
        self.table.item(index, RESULT).setText(text)
        self.table.item(index, RESULT).setToolTip(text)
        for column in range(COLUMNS):
            self.table.item(index, column).setBackground(QBrush(colour))

    def selected_barcodes(self) -> list[str]:
        indexes = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.rows[i].barcode for i in indexes]

    # --- renewing --------------------------------------------------------------------------
    def renew_selected(self) -> None:
        self._renew(self.selected_barcodes())

    def renew_all(self) -> None:
        self._renew([row.barcode for row in self.rows if not row.renewed])

    def _renew(self, barcodes: list[str], override: Override | None = None) -> None:
        if not barcodes:
            self.context.messages.warning.emit(self.tr("Select the loans to renew."))
            return
        self._awaiting += barcodes
        for barcode in barcodes:
            self.context.tasks.run(self._renew_one, barcode, override,
                                   on_done=self._renewed,
                                   on_error=lambda error, code=barcode: self._refused(code, error))

    def _renew_one(self, barcode: str, override: Override | None) -> RenewResult:
        """On the worker thread: the circulation of the desk signed in now (shift changes)."""
        return self.context.circulation.renew(barcode, override=override)

    def _answered(self, barcode: str, result: RenewResult | None) -> None:
        """One renewal answered; when the last of those asked for together has, the renewal
        slip of what was renewed is printed."""
        if barcode in self._awaiting:
            self._awaiting.remove(barcode)
        if result is not None:
            self._renewed_now.append(result)
        if not self._awaiting and self._renewed_now:
            done, self._renewed_now = self._renewed_now, []
            self._print_slip(done)

    def _print_slip(self, results: list[RenewResult]) -> None:
        library, circulation = self.context.library, self.context.circulation
        tz = library.policy.tz
        items = [SlipItem(r.item_barcode, r.title, slip_due(tz, r.due_at, hourly=r.hourly),
                          previous_due=slip_due(tz, r.previous_due_at, hourly=r.hourly))
                 for r in results]
        slip = renewal_slip(library=slip_library(self.context.config),
                            patron_name=self.summary.name if self.summary else "",
                            card=self.summary.barcode if self.summary else "", items=items,
                            when=slip_time(tz, library.now()), desk=circulation.desk_code,
                            staff=circulation.staff.name)
        self.context.slips.print_slip(ScreenSlip.from_device(slip))

    def _renewed(self, result: RenewResult) -> None:
        self._answered(result.item_barcode, result)
        index = self._row_of(result.item_barcode)
        if index < 0:
            index = self._add_row(result.item_barcode, result.title)
        state = self.rows[index]
        state.renewed, state.refusal = True, None
        library = self.context.library
        self.table.item(index, DUE).setText(due_text(library, result.due_at, hourly=result.hourly))
        self.table.item(index, RENEWALS).setText(str(result.renewals))
        was = due_text(library, result.previous_due_at, hourly=result.hourly) \
            if result.previous_due_at is not None else ""
        text = self.tr("Renewed: due %1 (was %3), %2 renewal(s) left").replace(
            "%1", due_text(library, result.due_at, hourly=result.hourly)).replace(
            "%2", str(result.renewals_left)).replace("%3", was)
        if result.fine:
            text += " · " + self.tr("overdue fine %1 added to the balance").replace(
                "%1", money(library, result.fine))
        extra = [n.message for n in result.notices if n.code != "fine_charged"]
        text = " · ".join([text, *extra])
        self._set_result(index, text, OK_COLOUR)
        self.status.setText(f"{result.item_barcode}: {text}")
        self.context.messages.info.emit(f"{result.item_barcode} {result.title}: {text}")
        self.context.messages.sound.emit("success.renew")
        self._update_buttons()
        card = self.current_patron()
        if card is not None and self._row_of(result.item_barcode) >= 0:
            self.context.messages.patron_changed.emit(card, self.mode_key)
            if result.fine:
                self.refresh()          # the fine is on the balance now

    def _refused(self, barcode: str, error: BaseException) -> None:
        self._answered(barcode, None)
        if not isinstance(error, CirculationRefused):
            self._refused_message(error, "error.renew")
            return
        index = self._row_of(barcode)
        if index < 0:
            if error.codes and error.codes[0] in ("item_not_found", "barcode_invalid",
                                                  "barcode_check_digit"):
                self._refused_message(error, "error.renew")
                return
            index = self._add_row(barcode, "")
        self.rows[index].refusal = error
        self.rows[index].renewed = False
        text = " · ".join(n.message for n in error.reasons)
        if error.overridable:
            text += " " + self.tr("[Override… possible]")
        self._set_result(index, text, REFUSED_COLOUR)
        self.table.selectRow(index)
        self.status.setText(f"{barcode}: {text}")
        self.context.messages.error.emit(f"{barcode}: {text}")
        self.context.messages.sound.emit(f"error.renew.{error.codes[0]}")
        self._update_buttons()

    # --- override --------------------------------------------------------------------------
    def _overridable_selection(self) -> list[RowState]:
        chosen = set(self.selected_barcodes())
        return [row for row in self.rows if row.barcode in chosen and row.refusal is not None
                and row.refusal.overridable]

    def request_override(self) -> None:
        rows = self._overridable_selection()
        if not rows:
            self.context.messages.warning.emit(
                self.tr("Select a refused renewal that a supervisor may allow."))
            return
        codes = sorted({code for row in rows for code in row.refusal.codes})
        reasons = list(dict.fromkeys(n.message for row in rows for n in row.refusal.reasons))
        barcodes = [row.barcode for row in rows]
        self.override_dialog = OverrideDialog(self.context, codes, reasons, self)
        self.override_dialog.granted.connect(lambda override: self._renew(barcodes, override))
        self.override_dialog.open()

    def _update_buttons(self) -> None:
        has_rows = bool(self.rows)
        self.renew_selected_button.setEnabled(has_rows and bool(self.selected_barcodes()))
        self.renew_all_button.setEnabled(any(not row.renewed for row in self.rows))
        self.override_button.setEnabled(bool(self._overridable_selection()))
