"""The Pull list tab of the holds shelf screen (F6): what to fetch from this desk's location's
shelves (holds to pull, deliveries to send; searches and retrievals when they report), sorted
by call number, each confirmed by scanning the book. A delivery scanned here leaves as
``in_delivery`` with its delivery slip (F-K08-043) printed; a hold's book is checked in, which
traps it. A delivery whose book cannot be found or supplied is failed from here (Ctrl+Shift+N,
with the reason): the patron is told and may have the fee back. Overdue requests carry an icon
and the word, not only a colour. The list prints as an A4 PDF with the barcodes as Code 128."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QPushButton, QStyle, QVBoxLayout, QWidget)

from desk.circulation import CheckinResult, CirculationRefused
from desk.circulation.requests.deliveries import DeliveryPulled
from desk.circulation.requests.pull_entry import PullEntry
from desk.circulation.requests.retrievals import RetrievalReady
from desk.circulation.requests.searches import SearchFound
from desk.devices.slips import mask_card
from desk.receipts.delivery_slips import pulled_slip
from desk.ui.context import DeskContext
from desk.ui.formatting import local
from desk.ui.slips import ScreenSlip
from desk.ui.widgets.tables import fill_table, make_table, selected_rows

if TYPE_CHECKING:           # reportlab loads with the first printed list, not at start
    from desk.receipts.pull_list_pdf import PullListLabels

OVERDUE, DONE = QColor("#fbe3e3"), QColor("#dff3e3")
NOT_FOUND_KEY = "Ctrl+Shift+N"

class PullListTab(QWidget):
    """``said(str, str, bool)``: a message for the status line, its sound, whether an error."""

    said = Signal(str, str, bool)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("pullListTab")
        self.entries: list[PullEntry] = []
        self.done: dict[str, str] = {}          # item barcode -> what became of it
        self.scan = QLineEdit()
        self.scan.setObjectName("pullScan")
        self.scan.setPlaceholderText(self.tr("Scan a book on the pull list to confirm it"))
        self.scan.returnPressed.connect(lambda: self.handle_scan(self.scan.text()))
        self.table = make_table("pullListTable", [
            self.tr("Call number"), self.tr("Item"), self.tr("Title"), self.tr("For"),
            self.tr("Patron"), self.tr("Act by"), self.tr("State")], 2, single=True, fit=True)
        self.status = QLabel()
        self.status.setObjectName("pullListStatus")
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Re&load pull list"))
        self.refresh_button.setObjectName("pullListReload")
        self.refresh_button.clicked.connect(self.refresh)
        self.pdf_button = QPushButton(self.tr("Save pull list with &barcodes as PDF…"))
        self.pdf_button.setObjectName("pullListPdf")
        self.pdf_button.clicked.connect(self._ask_pdf_path)
        self.not_found_button = QPushButton(self.tr("Delivery not found…"))
        self.not_found_button.setObjectName("pullNotFound")
        self.not_found_button.setToolTip(self.tr("The selected delivery's book cannot be "
                                                 "found or supplied (%1)").replace(
            "%1", QKeySequence(NOT_FOUND_KEY).toString(
                QKeySequence.SequenceFormat.NativeText)))
        self.not_found_button.clicked.connect(self.ask_not_found)
        not_found = QShortcut(QKeySequence(NOT_FOUND_KEY), self)
        not_found.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        not_found.setWhatsThis(self.tr("The selected delivery's book cannot be found or "
                                       "supplied"))
        not_found.activated.connect(self.ask_not_found)
        self.reason_dialog: QInputDialog | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.not_found_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        # How a scan confirms each kind of entry; a new kind of request adds its own.
        self.confirmers: dict[str, Callable[[PullEntry], Any]] = {
            "delivery": lambda entry: self.context.circulation.pull_delivery(entry.item_barcode),
            "hold": lambda entry: self.context.circulation.checkin(entry.item_barcode),
            "search": lambda entry: self.context.circulation.search_found(entry.item_barcode),
            "retrieval": lambda entry: self.context.circulation.retrieval_fetched(
                entry.item_barcode),
        }

    # --- reading and showing -----------------------------------------------------------------
    def refresh(self) -> None:
        self.context.tasks.run(self.context.circulation.pull_list, on_done=self.show_entries,
                               on_error=self._failed)

    def kind_name(self, kind: str) -> str:
        names = {"hold": self.tr("Hold"), "delivery": self.tr("Delivery"),
                 "search": self.tr("Search"), "retrieval": self.tr("Withdrawn area")}
        return names.get(kind, kind)

    def show_entries(self, entries: list[PullEntry]) -> None:
        kept = [e for e in self.entries if e.item_barcode in self.done]
        fresh = [e for e in entries if e.item_barcode not in self.done]
        self.entries = sorted(kept + fresh, key=lambda e: e.sort_key)
        library = self.context.library
        rows = []
        for entry in self.entries:
            what = self.kind_name(entry.kind)
            if entry.note:
                what += " → " + entry.note
            if entry.item_barcode in self.done:
                state = "✓ " + self.done[entry.item_barcode]
            elif entry.overdue:
                state = self.tr("Overdue")
            else:
                state = self.tr("scan to confirm")
            rows.append([entry.call_number, entry.item_barcode, entry.title, what,
                         mask_card(entry.patron_barcode),
                         f"{local(library, entry.act_by):%Y-%m-%d}" if entry.act_by else "",
                         state])
        fill_table(self.table, rows)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index, entry in enumerate(self.entries):
            colour = (DONE if entry.item_barcode in self.done
                      else OVERDUE if entry.overdue else None)
            cells = [self.table.item(index, column) for column in range(self.table.columnCount())]
            for cell in cells:
                if cell is not None and colour is not None:
                    cell.setBackground(QBrush(colour))
            state_cell = cells[6]
            if state_cell is not None and entry.overdue and entry.item_barcode not in self.done:
                state_cell.setIcon(warning)
        left = sum(1 for e in self.entries if e.item_barcode not in self.done)
        overdue = sum(1 for e in self.entries if e.overdue and e.item_barcode not in self.done)
        self.status.setText(self.tr("%1 book(s) to fetch, %2 overdue.")
                            .replace("%1", str(left)).replace("%2", str(overdue)))

    # --- confirming by scanning ----------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        code = code.strip()
        self.scan.clear()
        if not code:
            return
        entry = next((e for e in self.entries if e.item_barcode == code), None)
        if entry is None:
            self._say(self.tr("%1 is not on the pull list.").replace("%1", code),
                      "error.pull_list.not_on_list", error=True)
            return
        if code in self.done:
            self._say(self.tr("%1 is already confirmed.").replace("%1", code), "info.pull_list")
            return
        confirm = self.confirmers.get(entry.kind)
        if confirm is None:
            self._say(self.tr("%1: confirm it on its own screen.").replace("%1", code),
                      "warning.pull_list", error=True)
            return
        self.context.tasks.run(lambda: confirm(entry),
                               on_done=lambda result: self._confirmed(entry, result),
                               on_error=self._failed)

    def _confirmed(self, entry: PullEntry, result: object) -> None:
        if isinstance(result, str):             # already worded (a delivery not found)
            outcome = result
        elif isinstance(result, DeliveryPulled):
            self.context.slips.print_slip(ScreenSlip.from_device(pulled_slip(result)))
            outcome = self.tr("sent to %1: delivery slip printed").replace(
                "%1", result.pickup_location)
        elif isinstance(result, CheckinResult):
            outcome = {"holds_shelf": self.tr("trapped: holds shelf"),
                       "transit": self.tr("in transit to %1").replace(
                           "%1", result.destination or "")}.get(result.route, result.route)
        elif isinstance(result, (SearchFound, RetrievalReady)):
            outcome = self.tr("found: kept behind the desk until %1").replace(
                "%1", f"{local(self.context.library, result.held_until):%Y-%m-%d}")
        else:
            outcome = self.tr("confirmed")
        self.done[entry.item_barcode] = outcome
        self.show_entries([e for e in self.entries if e.item_barcode not in self.done])
        left = sum(1 for e in self.entries if e.item_barcode not in self.done)
        self._say(f"{entry.item_barcode}: {outcome}. " + self.tr("%1 left to fetch.")
                  .replace("%1", str(left)), "success.pull_list.confirmed")

    def _failed(self, error: BaseException) -> None:
        code = error.codes[0] if isinstance(error, CirculationRefused) and error.codes else ""
        self._say(str(error) or type(error).__name__,
                  "error.pull_list" + (f".{code}" if code else ""), error=True)

    def _say(self, text: str, sound: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.said.emit(text, sound, error)

    # --- a delivery that cannot be met (SOP 5.3.9: the patron is told, the fee refundable) ---
    def selected_entry(self) -> PullEntry | None:
        rows = selected_rows(self.table)
        return self.entries[rows[0]] if rows and rows[0] < len(self.entries) else None

    def ask_not_found(self) -> QInputDialog | None:
        """Ctrl+Shift+N on a delivery: ask why it cannot be met, then fail it."""
        entry = self.selected_entry()
        if entry is None or entry.kind != "delivery" or entry.item_barcode in self.done:
            self._say(self.tr("Select a delivery on the list first."), "warning.pull_list",
                      error=True)
            return None
        dialog = QInputDialog(self)
        dialog.setObjectName("deliveryNotFoundDialog")
        dialog.setWindowTitle(self.tr("Delivery not found"))
        dialog.setLabelText(self.tr("Why can %1 not be sent? The patron is told, and may have "
                                    "the fee back.").replace("%1", entry.item_barcode))
        dialog.setTextValue(self.tr("Not found on the shelf"))
        dialog.textValueSelected.connect(lambda reason: self.fail(entry, reason))
        self.reason_dialog = dialog
        dialog.open()
        return dialog

    def fail(self, entry: PullEntry, reason: str) -> None:
        library = self.context.library
        self.context.tasks.run(
            self.context.circulation.fail_delivery, entry.request_id, reason,
            on_done=lambda refundable_until: self._confirmed(entry, self.tr(
                "not found: the patron is told; the fee is refundable until %1").replace(
                "%1", f"{local(library, refundable_until):%Y-%m-%d}")),
            on_error=self._failed)

    # --- the printable list --------------------------------------------------------------------
    def labels(self) -> PullListLabels:
        from desk.receipts.pull_list_pdf import PullListLabels
        return PullListLabels(
            title=self.tr("Pull list %1").replace("%1", self.context.circulation.location_code),
            call_number=self.tr("Call number"), item=self.tr("Item"),
            what=self.tr("For"), act_by=self.tr("Act by"), overdue=self.tr("Overdue"),
            kinds={kind: self.kind_name(kind) for kind in ("hold", "delivery", "search",
                                                           "retrieval")},
            empty=self.tr("Nothing to pull."))

    def save_pdf(self, path: Path) -> None:
        from desk.receipts.pull_list_pdf import write_pull_list_pdf
        entries = [e for e in self.entries if e.item_barcode not in self.done]
        library = self.context.library
        when = local(library, library.now())
        labels = self.labels()
        self.context.tasks.run(
            lambda: write_pull_list_pdf(entries, Path(path), labels=labels, when=when),
            on_done=lambda _none: self._say(self.tr("Pull list saved: %1").replace(
                "%1", str(path)), "info.pull_list"),
            on_error=self._failed)

    def _ask_pdf_path(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save pull list"),
                                                    "pull-list.pdf", "PDF (*.pdf)")
        if path:
            self.save_pdf(Path(path))
