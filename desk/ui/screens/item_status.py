"""Item status (F5): find an item by barcode or title, and see its status, where it is, who has
it, the holds on its title and its recent loans. A scanned barcode opens at once."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QFormLayout, QFrame, QLabel, QLineEdit, QSplitter, QVBoxLayout,
                               QWidget)

from desk.circulation import CirculationRefused
from desk.circulation.queries import ItemRow, ItemStatus, find_items, item_status
from desk.wording import staff_flag_name
from desk.ui.context import DeskContext
from desk.ui.formatting import due_text, local, money
from desk.ui.screen import Screen
from desk.ui.widgets.tables import fill_table, make_table

FIELDS = ("title", "author", "call_number", "item_type", "status", "location", "current",
          "due", "borrower", "holds", "accessories", "strip", "price")


class ItemStatusScreen(Screen):
    mode_key = "item_status"
    shortcut = "F5"
    title_text = QT_TRANSLATE_NOOP("ItemStatusScreen", "Item status")

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.search = QLineEdit()
        self.search.setObjectName("scanField")
        self.search.setPlaceholderText(self.tr("Scan an item, or type a barcode or title + Enter"))
        self.search.returnPressed.connect(self._enter)
        self.search.installEventFilter(self)
        self.results = make_table("itemResults", [self.tr("Barcode"), self.tr("Title"), self.tr("Call number"),
                                   self.tr("Status"), self.tr("Location")], 1,
                   single=True, fit=True)
        self.results.installEventFilter(self)
        self.results.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        self.count = QLabel()
        self.count.setObjectName("resultCount")
        labels = {
            "title": self.tr("Title"), "author": self.tr("Author"),
            "call_number": self.tr("Call number"), "item_type": self.tr("Item type"),
            "status": self.tr("Status"), "location": self.tr("Home location"),
            "current": self.tr("Now at"), "due": self.tr("Due"),
            "borrower": self.tr("Borrower"), "holds": self.tr("Holds on the title"),
            "accessories": self.tr("Accessories"), "strip": self.tr("Security strip"),
            "price": self.tr("Price")}
        self.fields: dict[str, QLabel] = {}
        card = QFrame()
        card.setObjectName("itemCard")
        form = QFormLayout(card)
        self.heading = QLabel()
        self.heading.setObjectName("itemHeading")
        form.addRow(self.heading)
        for name in FIELDS:
            label = QLabel()
            label.setObjectName(f"item_{name}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.fields[name] = label
            form.addRow(labels[name], label)
        self.history = make_table("itemHistory", [self.tr("Out"), self.tr("Due"), self.tr("Returned"),
                                   self.tr("Card"), self.tr("Patron")], 4,
                   single=True, fit=True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.search)
        top_layout.addWidget(self.count)
        top_layout.addWidget(self.results)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(card)
        bottom_layout.addWidget(QLabel(self.tr("Recent loans")))
        bottom_layout.addWidget(self.history, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("itemStatusSplitter")
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.found: list[ItemRow] = []
        self.item: ItemStatus | None = None
        self.reset()

    # --- Screen ----------------------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        code = code.strip()
        if code:
            self.search.setText(code)
            self.open_item(code)

    def activate(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def reset(self) -> None:
        self.search.clear()
        self.found = []
        self.results.setRowCount(0)
        self.count.clear()
        self.show_item(None)

    # --- searching -------------------------------------------------------------------------
    def _enter(self) -> None:
        text = self.search.text().strip()
        if text:
            self.context.tasks.run(find_items, self.context.library, text,
                                   on_done=self._show_results, on_error=self._failed)

    def _show_results(self, rows: list[ItemRow]) -> None:
        self.found = rows
        fill_table(self.results, [[row.barcode, row.title, row.call_number or "", row.status_name,
                             row.location] for row in rows])
        self.count.setText(self.tr("%1 item(s) found").replace("%1", str(len(rows))))
        if not rows:
            self.context.messages.sound.emit("error.item_status.not_found")
            self.show_item(None)
            return
        self.results.selectRow(0)
        text = self.search.text().strip()
        if len(rows) == 1 or rows[0].barcode.upper() == text.upper():
            self.open_row(0)

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.found):
            self.open_item(self.found[row].barcode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if watched is self.search and event.key() == Qt.Key.Key_Down and self.found:
            self.results.setFocus()
            self.results.selectRow(max(self.results.currentRow(), 0))
            return True
        if watched is self.results and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_row(self.results.currentRow())
            return True
        return super().eventFilter(watched, event)

    # --- one item --------------------------------------------------------------------------
    def open_item(self, barcode: str) -> None:
        self.context.tasks.run(item_status, self.context.library, barcode,
                               on_done=self._opened, on_error=self._failed)

    def _opened(self, status: ItemStatus) -> None:
        self.show_item(status)
        self.context.messages.sound.emit("info.item_status")

    def _failed(self, error: BaseException) -> None:
        self.context.messages.error.emit(str(error) or type(error).__name__)
        code = error.codes[0] if isinstance(error, CirculationRefused) and error.codes else ""
        self.context.messages.sound.emit("error.item_status" + (f".{code}" if code else ""))

    def show_item(self, status: ItemStatus | None) -> None:
        self.item = status
        if status is None:
            self.heading.setText(self.tr("No item"))
            for label in self.fields.values():
                label.clear()
            self.history.setRowCount(0)
            return
        library = self.context.library
        yes, no = self.tr("yes"), self.tr("no")
        self.heading.setText(f"{status.barcode} · {status.title}")
        values = {
            "title": status.title, "author": status.author or "",
            "call_number": status.call_number or "", "item_type": status.item_type_name,
            "status": status.status_name + ("" if status.loanable
                                            else " · " + self.tr("in-library use only"))
            + (" · " + staff_flag_name(status.staff_flag) if status.staff_flag else "")
            + (" · " + status.claim if status.claim else ""),
            "location": status.location, "current": status.current_location or "",
            "due": due_text(library, status.due_at, hourly=status.hourly) if status.due_at else "",
            "borrower": (f"{status.borrower_name} ({status.borrower_barcode})"
                         if status.borrower_barcode else ""),
            "holds": str(status.holds_count), "accessories": status.accessories or "",
            "strip": yes if status.has_strip else no, "price": money(library, status.price)}
        for name, value in values.items():
            self.fields[name].setText(value)
        self.fields["status"].setProperty("alert", status.status in ("lost", "missing",
                                                                     "withdrawn"))
        stamp = "%Y-%m-%d %H:%M"
        fill_table(self.history, [[f"{local(library, loan.out_at):{stamp}}",
                             due_text(library, loan.due_at, hourly=loan.hourly),
                             f"{local(library, loan.returned_at):{stamp}}"
                             if loan.returned_at else self.tr("on loan"),
                             loan.patron_barcode or self.tr("(anonymised)"),
                             loan.patron_name or ""]
                            for loan in status.history])
