"""Holds shelf (F6): waiting holds per location with deadlines and a status column (expired
or waiting: the row's colour is never the only sign). *Clear expired* asks first, naming how many
holds it cancels, then clears, then a checklist: each pulled book is scanned to confirm (a checkin: back in circulation or in transit);
retrapped books get a new hold slip. *Shelf sweep*: each scanned book gets a verdict and its own
sound (keep, expired: pull, not on this shelf). The pull list prints as a slip or a PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from desk.circulation import CheckinResult, CirculationRefused, ClearShelfResult
from desk.circulation.queries import ShelfHold, holds_shelf, locations
from desk.devices.slips import Slip, SlipKind, SlipLine
from desk.ui.context import DeskContext
from desk.ui.formatting import due_text, local, slip_time
from desk.ui.screen import Screen
from desk.ui.screens.pull_list_tab import PullListTab
from desk.ui.widgets.tables import fill_table, make_table
from desk.ui.slips import ScreenSlip

EXPIRED, DONE, OPEN = QColor("#fbe3e3"), QColor("#dff3e3"), QColor("#fff6d5")
KEEP, PULL, NOT_HERE = "keep", "pull", "not_on_shelf"
SOUNDS = {KEEP: "info.holds_shelf.keep", PULL: "warning.holds_shelf.pull",
          NOT_HERE: "error.holds_shelf.not_on_shelf"}


@dataclass
class PullEntry:
    """One book to take off the holds shelf."""

    barcode: str
    title: str
    call_number: str
    note: str
    done: bool = False
    outcome: str = ""


@dataclass(frozen=True)
class Cleared:
    result: ClearShelfResult
    before: list[ShelfHold]
    after: list[ShelfHold]


def write_pull_list_pdf(path: Path, heading: str, when: datetime,
                        entries: list[PullEntry]) -> Path:
    """The pull list as an A4 PDF through the devices PDF renderer (embedded CJK font)."""
    slip = Slip(SlipKind.HOLD, heading, lines=tuple(
        SlipLine(f"{'[x]' if e.done else '[ ]'} {e.barcode} {e.call_number}".strip(),
                 f"{e.title} · {e.note}") for e in entries), created_at=when)
    from desk.devices.printer.pdf import slip_to_pdf  # reportlab: loaded when first needed

    slip_to_pdf(slip, path, page="a4")
    return path


def clear_and_reload(context: DeskContext, location: str) -> Cleared:
    """On the worker thread: the shelf before, the clearing, the shelf after."""
    before = holds_shelf(context.library, location)
    result = context.circulation.clear_holds_shelf(location)
    return Cleared(result, before, holds_shelf(context.library, location))


class HoldsShelfScreen(Screen):
    mode_key = "holds_shelf"
    shortcut = "F6"
    title_text = QT_TRANSLATE_NOOP("HoldsShelfScreen", "Holds shelf")

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.location = QComboBox()
        self.location.setObjectName("locationPicker")
        self.location.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.location.activated.connect(lambda _index: self.refresh())
        self.scan = QLineEdit()
        self.scan.setObjectName("scanField")
        self.scan.setPlaceholderText(self.tr("Scan a book from the shelf"))
        self.scan.returnPressed.connect(lambda: self.handle_scan(self.scan.text()))
        self.shelf_table = make_table("shelfTable", [
            self.tr("Pick up by"), self.tr("Patron"), self.tr("Card"), self.tr("Title"),
            self.tr("Item"), self.tr("Call number"), self.tr("On shelf since"),
            self.tr("Status")], 3,
                   single=True, fit=True)
        self.pull_table = make_table("pullTable", [self.tr("Item"), self.tr("Title"), self.tr("Call number"),
                                      self.tr("What to do"), self.tr("Done")], 1,
                   single=True, fit=True)
        self.sweep_table = make_table("sweepTable", [self.tr("Item"), self.tr("Title"), self.tr("Verdict")], 2,
                   single=True, fit=True)
        self.pull_table.hide()
        self.sweep_table.hide()
        self.status = QLabel()
        self.status.setObjectName("shelfStatus")
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.clear_button = QPushButton(self.tr("&Clear expired"))
        self.clear_button.setObjectName("clearExpired")
        self.sweep_button = QPushButton(self.tr("Shelf s&weep"))
        self.sweep_button.setObjectName("sweepButton")
        self.sweep_button.setCheckable(True)
        self.print_button = QPushButton(self.tr("&Print pull list"))
        self.pdf_button = QPushButton(self.tr("Save pull list as P&DF…"))
        self.refresh_button.clicked.connect(self.refresh)
        self.clear_button.clicked.connect(self.ask_clear_expired)
        self.clear_question: QMessageBox | None = None
        self.sweep_button.toggled.connect(self.set_sweep)
        self.print_button.clicked.connect(self.print_pull_list)
        self.pdf_button.clicked.connect(self._ask_pdf_path)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Location")))
        top.addWidget(self.location)
        top.addWidget(self.scan, 1)
        buttons = QHBoxLayout()
        for button in (self.refresh_button, self.clear_button, self.sweep_button,
                       self.print_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        shelf_page = QWidget()
        layout = QVBoxLayout(shelf_page)
        layout.addLayout(top)
        layout.addWidget(self.shelf_table, 2)
        layout.addWidget(self.pull_table, 1)
        layout.addWidget(self.sweep_table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        # The Pull list tab: this desk's location's books to fetch (issue 16).
        self.pull_tab = PullListTab(context)
        self.pull_tab.said.connect(lambda text, sound, error: self._say(text, sound,
                                                                        error=error))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("holdsShelfTabs")
        self.tabs.addTab(shelf_page, self.tr("&Holds shelf"))
        self.tabs.addTab(self.pull_tab, self.tr("P&ull list"))
        self.tabs.currentChanged.connect(lambda _index: self._tab_shown())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        self.shelf: list[ShelfHold] = []
        self.pulls: list[PullEntry] = []
        self.verdicts: list[tuple[str, str]] = []   # (barcode, verdict)
        self.sweep_rows: list[tuple[str, str, str, str]] = []
        self.context.tasks.run(locations, context.library, on_done=self._set_locations)

    # --- Screen ----------------------------------------------------------------------------
    def activate(self) -> None:
        self._tab_shown()
        self.refresh()

    def reset(self) -> None:
        self.scan.clear()
        self.pull_tab.scan.clear()

    def show_pull_list(self) -> None:
        self.tabs.setCurrentWidget(self.pull_tab)

    def _tab_shown(self) -> None:
        if self.tabs.currentWidget() is self.pull_tab:
            self.pull_tab.scan.setFocus()
            self.pull_tab.refresh()
        else:
            self.scan.setFocus()

    def handle_scan(self, code: str) -> None:
        if self.tabs.currentWidget() is self.pull_tab:
            self.pull_tab.handle_scan(code)
            return
        code = code.strip()
        self.scan.clear()
        if not code:
            return
        entry = next((e for e in self.pulls if e.barcode == code and not e.done), None)
        if entry is not None:
            self._confirm_pull(entry)
        elif self.sweep_button.isChecked():
            self._sweep_scan(code)
        elif any(e.barcode == code for e in self.pulls):
            self.context.messages.info.emit(self.tr("%1 is already confirmed.").replace("%1", code))
        elif any(not e.done for e in self.pulls):
            self._say(self.tr("%1 is not on the pull list.").replace("%1", code),
                      "error.holds_shelf.not_on_list", error=True)
        else:
            self._sweep_scan(code, record=False)

    # --- the shelf -------------------------------------------------------------------------
    library = property(lambda self: self.context.library)

    def location_code(self) -> str:
        return self.location.currentData() or self.context.circulation.location_code

    def _set_locations(self, choices: list[tuple[str, str]]) -> None:
        self.location.clear()
        for code, name in choices:
            self.location.addItem(f"{name} ({code})", code)
        here = self.location.findData(self.context.circulation.location_code)
        self.location.setCurrentIndex(max(here, 0))
        self.refresh()

    def refresh(self) -> None:
        self.context.tasks.run(holds_shelf, self.library, self.location_code(),
                               on_done=self.show_shelf, on_error=self._failed)

    def show_shelf(self, rows: list[ShelfHold]) -> None:
        self.shelf = rows
        now = self.library.now()
        fill_table(self.shelf_table, [[due_text(self.library, row.shelf_expires_at, hourly=False)
                                 if row.shelf_expires_at else "", row.masked_name,
                                 row.card_last4, row.title, row.item_barcode or "",
                                 row.call_number or "",
                                 f"{local(self.library, row.waiting_since):%Y-%m-%d}"
                                 if row.waiting_since else "",
                                 self.tr("Expired: pull") if self._expired(row, now)
                                 else self.tr("Waiting")] for row in rows])
        expired = 0
        for index, row in enumerate(rows):
            if self._expired(row, now):
                expired += 1
                for column in range(self.shelf_table.columnCount()):
                    self.shelf_table.item(index, column).setBackground(QBrush(EXPIRED))
        self.status.setText(self.tr("%1 hold(s) waiting, %2 expired.")
                            .replace("%1", str(len(rows))).replace("%2", str(expired)))

    @staticmethod
    def _expired(row: ShelfHold, now: datetime) -> bool:
        return row.shelf_expires_at is not None and row.shelf_expires_at < now

    def _failed(self, error: BaseException) -> None:
        code = error.codes[0] if isinstance(error, CirculationRefused) and error.codes else ""
        self._say(str(error) or type(error).__name__,
                  "error.holds_shelf" + (f".{code}" if code else ""), error=True)

    def _say(self, text: str, sound: str, *, error: bool = False) -> None:
        self.status.setText(text)
        (self.context.messages.error if error else self.context.messages.info).emit(text)
        self.context.messages.sound.emit(sound)

    # --- clearing and the pull checklist ---------------------------------------------------
    def ask_clear_expired(self) -> QMessageBox | None:
        """*Clear expired*: cancelling patrons' holds cannot be undone, so the desk asks first,
        saying how many (Enter keeps them). Nothing expired: cleared at once (it says so)."""
        expired = sum(self._expired(row, self.library.now()) for row in self.shelf)
        if not expired:
            self.clear_expired()
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Clear expired holds"),
                          self.tr("Cancel %1 expired hold(s) at %2? The patrons lose them; each "
                                  "book is pulled from the shelf or kept for the next patron in "
                                  "line with a new hold slip.")
                          .replace("%1", str(expired)).replace("%2", self.location.currentText()),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("clearExpiredQuestion")
        clear = box.addButton(self.tr("&Cancel the holds"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("&Keep them"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(lambda button: self.clear_expired() if button is clear
                                  else None)
        self.clear_question = box
        box.open()
        return box

    def clear_expired(self) -> None:
        self.clear_button.setEnabled(False)
        self.context.tasks.run(clear_and_reload, self.context, self.location_code(),
                               on_done=self._cleared, on_error=self._clear_failed)

    def _clear_failed(self, error: BaseException) -> None:
        self.clear_button.setEnabled(True)
        self._failed(error)

    def _cleared(self, cleared: Cleared) -> None:
        self.clear_button.setEnabled(True)
        result = cleared.result
        known = {row.item_barcode: row for row in cleared.before if row.item_barcode}

        def entry(code: str, note: str, *, done: bool = False, outcome: str = "") -> PullEntry:
            row = known.get(code)
            return PullEntry(code, row.title if row else "", (row.call_number or "") if row
                             else "", note, done=done, outcome=outcome)

        self.pulls = [entry(code, self.tr("Pull: back to the shelves"))
                      for code in result.to_reshelve]
        self.pulls += [entry(code, self.tr("Pull: to transit for another patron"))
                       for code in result.to_transit]
        for code in result.retrapped:
            hold = next((row for row in cleared.after if row.item_barcode == code), None)
            if hold is not None:
                self.context.slips.print_slip(self.hold_slip(hold))
            self.pulls.append(entry(code, self.tr("Stays: new hold slip printed"), done=True,
                                    outcome=self.tr("retrapped")))
        self.show_shelf(cleared.after)
        self._show_pulls()
        text = self.tr("%1 expired: %2 to pull, %3 retrapped for the next patron.").replace(
            "%1", str(len(result.expired))).replace(
            "%2", str(len(result.to_reshelve) + len(result.to_transit))).replace(
            "%3", str(len(result.retrapped)))
        if not result.expired:
            text = self.tr("No expired holds on this shelf.")
        self._say(text, "success.holds_shelf.clear")
        self.scan.setFocus()

    def hold_slip(self, hold: ShelfHold) -> ScreenSlip:
        deadline = due_text(self.library, hold.shelf_expires_at, hourly=False) if hold.shelf_expires_at else ""
        return ScreenSlip("hold", self.tr("Hold slip"), [
            f"{hold.masked_name}  …{hold.card_last4}", hold.title,
            f"{hold.item_barcode or ''}  {hold.call_number or ''}".strip(),
            self.tr("Pick up by %1").replace("%1", deadline)])

    def _show_pulls(self) -> None:
        self.pull_table.setVisible(bool(self.pulls))
        fill_table(self.pull_table, [[e.barcode, e.title, e.call_number, e.note,
                                ("✓ " + e.outcome) if e.done else self.tr("scan to confirm")]
                               for e in self.pulls])
        for index, entry in enumerate(self.pulls):
            for column in range(self.pull_table.columnCount()):
                self.pull_table.item(index, column).setBackground(
                    QBrush(DONE if entry.done else OPEN))

    def _confirm_pull(self, entry: PullEntry) -> None:
        # The confirming scan is a checkin, at the desk signed in at the time it runs.
        self.context.tasks.run(lambda: self.context.circulation.checkin(entry.barcode),
                               on_done=lambda result: self._pulled(entry, result),
                               on_error=self._failed)

    def _pulled(self, entry: PullEntry, result: CheckinResult) -> None:
        entry.done = True
        names = {"shelve": self.tr("back in circulation: reshelve"),
                 "transit": self.tr("in transit to %1").replace("%1", result.destination or ""),
                 "holds_shelf": self.tr("trapped for %1: holds shelf").replace(
                     "%1", result.hold_patron_shown or ""),
                 "staff": self.tr("give to staff")}
        entry.outcome = names.get(result.route, result.route)
        if result.route == "transit":
            self.context.slips.print_slip(ScreenSlip("transit", self.tr("Transit slip"), [
                result.title, result.item_barcode,
                self.tr("To: %1").replace("%1", result.destination or "")]))
        elif result.route == "holds_shelf":
            self.refresh()
        self._show_pulls()
        left = sum(1 for e in self.pulls if not e.done)
        if left:
            self._say(f"{entry.barcode}: {entry.outcome}. " + self.tr("%1 left to pull.")
                      .replace("%1", str(left)), "success.holds_shelf.pulled")
        else:
            self._say(f"{entry.barcode}: {entry.outcome}. " + self.tr("All books pulled."),
                      "success.holds_shelf.done")

    # --- the sweep -------------------------------------------------------------------------
    def set_sweep(self, on: bool) -> None:
        self.sweep_table.setVisible(on)
        if on:
            self.verdicts, self.sweep_rows = [], []
            self.sweep_table.setRowCount(0)
            self.refresh()
            self._say(self.tr("Sweep: scan each book on the shelf."), "info.holds_shelf")
            self.scan.setFocus()

    def _sweep_scan(self, code: str, *, record: bool = True, reloaded: bool = False) -> None:
        hold = next((row for row in self.shelf if row.item_barcode == code), None)
        if hold is None and not reloaded:  # trapped since the list was read? look again
            def again(rows: list[ShelfHold]) -> None:
                self.show_shelf(rows)
                self._sweep_scan(code, record=record, reloaded=True)
            self.context.tasks.run(holds_shelf, self.library, self.location_code(),
                                   on_done=again, on_error=self._failed)
            return
        if hold is None:
            verdict, text = NOT_HERE, self.tr("Not on this shelf")
        elif self._expired(hold, self.library.now()):
            verdict, text = PULL, self.tr("Expired — pull it")
        else:
            verdict, text = KEEP, self.tr("Keep — for %1 until %2").replace(
                "%1", hold.masked_name).replace(
                "%2", due_text(self.library, hold.shelf_expires_at, hourly=False)
                if hold.shelf_expires_at else "")
        if record:
            self.verdicts.append((code, verdict))
            self.sweep_rows.append((code, hold.title if hold else "", text, verdict))
            fill_table(self.sweep_table, [[c, t, v] for c, t, v, _ in self.sweep_rows])
            colours = {KEEP: DONE, PULL: EXPIRED, NOT_HERE: OPEN}
            for index, row in enumerate(self.sweep_rows):
                for column in range(3):
                    self.sweep_table.item(index, column).setBackground(QBrush(colours[row[3]]))
            self.sweep_table.scrollToBottom()
        self._say(f"{code}: {text}", SOUNDS[verdict], error=verdict == NOT_HERE)

    # --- the pull list ---------------------------------------------------------------------
    def pull_list(self) -> list[PullEntry]:
        """The open checklist after a clearing; otherwise the expired holds still on the shelf
        (marked done when the sweep found them)."""
        if any(not e.done for e in self.pulls):
            return [e for e in self.pulls if not e.done]
        swept = {code for code, verdict in self.verdicts if verdict == PULL}
        now = self.library.now()
        return [PullEntry(row.item_barcode or "", row.title, row.call_number or "",
                          self.tr("expired %1, for %2").replace(
                              "%1", due_text(self.library, row.shelf_expires_at, hourly=False)).replace(
                              "%2", row.masked_name), done=row.item_barcode in swept)
                for row in self.shelf if self._expired(row, now)]

    def pull_list_heading(self) -> str:
        return self.tr("Pull list %1 %2").replace("%1", self.location_code()).replace(
            "%2", f"{local(self.library, self.library.now()):%Y-%m-%d %H:%M}")

    def print_pull_list(self) -> None:
        entries = self.pull_list()
        lines = [f"{'✓' if e.done else '☐'} {e.call_number} {e.barcode} {e.title[:24]}"
                 for e in entries] or [self.tr("Nothing to pull.")]
        self.context.slips.print_slip(ScreenSlip("pull_list", self.pull_list_heading(), lines))
        self.context.messages.info.emit(self.tr("Pull list printed: %1 book(s).")
                                        .replace("%1", str(len(entries))))

    def save_pull_list_pdf(self, path: Path) -> None:
        heading, entries = self.pull_list_heading(), self.pull_list()
        when = slip_time(self.library.policy.tz, self.library.now())
        self.context.tasks.run(write_pull_list_pdf, Path(path), heading, when, entries,
                               on_done=lambda written: self.context.messages.info.emit(
                                   self.tr("Pull list saved: %1").replace("%1", str(written))),
                               on_error=self._failed)

    def _ask_pdf_path(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save pull list"),
                                                    "pull-list.pdf", "PDF (*.pdf)")
        if path:
            self.save_pull_list_pdf(Path(path))
