"""Item status (F5): find an item by barcode or title, and see its status, where it is, who has
it, the holds on its title, its request notes ("撤架區取書申請/申請人/日期") and its recent loans.
A scanned barcode opens at once; typed text is searched as it is typed (as on the patron
search), and a new search takes the last item's details off the screen unless it finds that
item again. An overdue loan says so beside the status (a course reserve due back hours ago too).
For the item shown, Ctrl+Shift+H opens a missing-book search request and Ctrl+Shift+W a
withdrawn-area retrieval request (``desk.ui.request_dialog``).

With an RFID pad, *Write RFID tag* writes the item shown (the barcode, and which piece of how
many) to the one blank tag on the pad, for a new or re-tagged book; the hub does it in the
background and ``tag_programmed`` tells how it went."""

from __future__ import annotations

import functools

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QScrollArea, QSpinBox, QSplitter, QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused
from desk.circulation.queries import ItemRow, ItemStatus, find_items, item_status
from desk.circulation.queries.requests import item_request_notes
from desk.wording import staff_flag_name
from desk.ui.context import DeskContext
from desk.ui.formatting import due_text, local, money
from desk.ui.request_dialog import ItemRequestDialog
from desk.ui.screen import Screen
from desk.ui.widgets.tables import fill_table, make_table

TYPING_DELAY_MS = 150           # a pause in typing long enough to search (F4 uses 120)
FIELDS = ("title", "author", "call_number", "item_type", "status", "location", "current",
          "due", "borrower", "holds", "accessories", "parts", "strip", "price", "requests")
REQUEST_KEYS = {"search": "Ctrl+Shift+H", "retrieval": "Ctrl+Shift+W"}


class ItemStatusScreen(Screen):
    mode_key = "item_status"
    shortcut = "F5"
    title_text = QT_TRANSLATE_NOOP("ItemStatusScreen", "Item status")

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.search = QLineEdit()
        self.search.setObjectName("scanField")
        self.search.setPlaceholderText(self.tr("Scan an item, or type a barcode or title — "
                                               "results as you type"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._enter)
        self.search.textEdited.connect(lambda _text: self.timer.start())
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_DELAY_MS)
        self.timer.timeout.connect(lambda: self._search(open_single=False))
        self._generation = 0            # a search answered after a newer one is dropped
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
            "parts": self.tr("Pieces"), "price": self.tr("Price"),
            "requests": self.tr("Request notes")}
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
        form.addRow(self._tag_row())
        self.history = make_table("itemHistory", [self.tr("Out"), self.tr("Due"), self.tr("Returned"),
                                   self.tr("Card"), self.tr("Patron")], 4,
                   single=True, fit=True)
        native = QKeySequence.SequenceFormat.NativeText
        # The key in the tool tip, not the label: both buttons fit beside each other at 1280 px.
        self.search_request = QPushButton(self.tr("Search request…"))
        self.search_request.setObjectName("searchRequest")
        self.retrieval_request = QPushButton(self.tr("Withdrawn-area request…"))
        self.retrieval_request.setObjectName("retrievalRequest")
        self.request_dialog: ItemRequestDialog | None = None
        requests = QHBoxLayout()
        for kind, button in (("search", self.search_request),
                             ("retrieval", self.retrieval_request)):
            key = QKeySequence(REQUEST_KEYS[kind])
            button.setToolTip(f"{button.text()} ({key.toString(native)})")
            button.clicked.connect(functools.partial(self.open_request, kind))
            shortcut = QShortcut(key, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(button.text().rstrip("…"))
            shortcut.activated.connect(functools.partial(self.open_request, kind))
            requests.addWidget(button)
        requests.addStretch(1)
        form.addRow(requests)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.search)
        top_layout.addWidget(self.count)
        top_layout.addWidget(self.results)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        # The item's details scroll when the window is too low for all of them (1280x800 with
        # every row: parts, RFID, request notes), instead of pushing the window off the screen.
        card_scroll = QScrollArea()
        card_scroll.setObjectName("itemCardScroll")
        card_scroll.setWidgetResizable(True)
        card_scroll.setFrameShape(QFrame.Shape.NoFrame)
        card_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        card_scroll.setWidget(card)
        bottom_layout.addWidget(card_scroll, 2)
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

    def _tag_row(self) -> QWidget:
        """The piece to write and *Write RFID tag* (shown with an RFID pad and an item)."""
        self.tag_part = QSpinBox()
        self.tag_part.setObjectName("tagPart")
        self.tag_part.setRange(1, 1)
        self.tag_part.setPrefix(self.tr("piece "))
        self.tag_button = QPushButton(self.tr("Write RFID tag"))
        self.tag_button.setObjectName("writeTagButton")
        self.tag_button.setToolTip(self.tr("Put one blank tag on the RFID pad, then press."))
        self.tag_button.clicked.connect(self.write_tag)
        self.tag_result = QLabel()
        self.tag_result.setObjectName("tagResult")
        self.tag_result.setWordWrap(True)
        row = QWidget()
        row.setObjectName("tagRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tag_part)
        layout.addWidget(self.tag_button)
        layout.addWidget(self.tag_result, 1)
        hub = self.context.devices
        if hub is not None:
            hub.tag_programmed.connect(self._tag_written)
        self.tag_row = row
        return row

    def write_tag(self) -> bool:
        """Write the item shown to the blank tag on the pad (in the background)."""
        hub = self.context.devices
        if hub is None or hub.rfid is None or self.item is None:
            return False
        self.tag_button.setEnabled(False)
        self.tag_result.setText(self.tr("Writing…"))
        hub.program_tag(self.item.barcode, self.item.parts, self.tag_part.value())
        return True

    def _tag_written(self, barcode: str, ok: bool, message: str) -> None:
        self.tag_button.setEnabled(True)
        self.tag_result.setText(("✔ " if ok else "✘ ") + message)
        if ok:
            self.context.messages.info.emit(message)
            if self.item is not None and self.item.barcode == barcode:
                self.tag_part.setValue(min(self.tag_part.value() + 1, self.item.parts))
        else:
            self.context.messages.error.emit(message)

    # --- Screen ----------------------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        dialog = self.request_dialog
        if dialog is not None and dialog.isVisible():   # a request's dialog: the patron's card
            dialog.take_scan(code)
            return
        code = code.strip()
        if code:
            self.timer.stop()
            self._generation += 1
            self.search.setText(code)
            self.search.selectAll()       # typing next replaces the scanned barcode
            self.open_item(code)

    def activate(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def reset(self) -> None:
        self.timer.stop()
        self._generation += 1
        self.search.clear()
        self.found = []
        self.results.setRowCount(0)
        self.count.clear()
        self.show_item(None)

    # --- searching -------------------------------------------------------------------------
    def _enter(self) -> None:
        self.timer.stop()
        self._search(open_single=True)

    def _search(self, *, open_single: bool) -> None:
        """Search what is typed; ``open_single`` (Enter): open the only hit or the exact
        barcode. As you type, the list fills and the item is opened only on an exact barcode."""
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self._show_results([], open_single=False)
            return
        self.context.tasks.run(find_items, self.context.library, text,
                               on_done=lambda rows: self._answered(rows, generation, open_single),
                               on_error=self._failed)

    def _answered(self, rows: list[ItemRow], generation: int, open_single: bool) -> None:
        if generation == self._generation:
            self._show_results(rows, open_single=open_single)

    def _show_results(self, rows: list[ItemRow], *, open_single: bool = True) -> None:
        self.found = rows
        if self.item is not None and all(row.barcode != self.item.barcode for row in rows):
            self.show_item(None)        # the last item's details are not this search's
        fill_table(self.results, [[row.barcode, row.title, row.call_number or "", row.status_name,
                             row.location] for row in rows])
        self.count.setText(self.tr("%1 item(s) found").replace("%1", str(len(rows))))
        if not rows:
            if self.search.text().strip():
                self.context.messages.sound.emit("error.item_status.not_found")
            else:
                self.count.clear()
            return
        self.results.selectRow(0)
        text = self.search.text().strip()
        if rows[0].barcode.upper() == text.upper() or (open_single and len(rows) == 1):
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
        self.context.tasks.run(item_request_notes, self.context.library, status.barcode,
                               on_done=functools.partial(self._show_notes, status.barcode),
                               on_error=self._failed)

    def _show_notes(self, barcode: str, notes: list[str]) -> None:
        if self.item is not None and self.item.barcode == barcode:
            self.fields["requests"].setText("\n".join(notes))

    # --- requests (SOP 5.11, 5.12) -----------------------------------------------------------
    def open_request(self, kind: str) -> ItemRequestDialog | None:
        """A search or retrieval request for the item shown, made in a dialog."""
        item = self.item
        if item is None:
            self.context.messages.warning.emit(self.tr("Scan or look up an item first."))
            return None
        self.request_dialog = ItemRequestDialog(self.context, kind, item.barcode, item.title,
                                                self)
        self.request_dialog.accepted.connect(functools.partial(self._requested, kind))
        self.request_dialog.open()
        return self.request_dialog

    def _requested(self, kind: str) -> None:
        dialog = self.request_dialog
        if dialog is None or self.item is None:
            return
        text = (self.tr("Search request %1 made: it is on the search list.") if kind == "search"
                else self.tr("Withdrawn-area request %1 made: it is on the retrieval list."))
        self.context.messages.info.emit(text.replace("%1", str(dialog.request_id)))
        self.open_item(self.item.barcode)

    def _failed(self, error: BaseException) -> None:
        self.context.messages.error.emit(str(error) or type(error).__name__)
        code = error.codes[0] if isinstance(error, CirculationRefused) and error.codes else ""
        self.context.messages.sound.emit("error.item_status" + (f".{code}" if code else ""))

    def show_item(self, status: ItemStatus | None) -> None:
        same = (status is not None and self.item is not None
                and self.item.barcode == status.barcode)
        self.item = status
        hub = self.context.devices
        self.tag_row.setVisible(status is not None and hub is not None and hub.rfid is not None)
        if status is not None and not same:     # a tag just written is read back: keep going
            self.tag_result.clear()
            self.tag_part.setRange(1, status.parts)
            self.tag_part.setSuffix(self.tr(" of %1").replace("%1", str(status.parts)))
            self.tag_part.setValue(1)
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
            + (" · " + status.claim if status.claim else "")
            + (" · " + self.tr("OVERDUE") if status.overdue else ""),
            "location": status.location, "current": status.current_location or "",
            "due": due_text(library, status.due_at, hourly=status.hourly) if status.due_at else "",
            "borrower": (f"{status.borrower_name} ({status.borrower_barcode})"
                         if status.borrower_barcode else ""),
            "holds": str(status.holds_count), "accessories": status.accessories or "",
            "parts": str(status.parts),
            "strip": yes if status.has_strip else no, "price": money(library, status.price)}
        for name, value in values.items():
            self.fields[name].setText(value)
        self.fields["status"].setProperty("alert", status.overdue or status.status in (
            "lost", "missing", "withdrawn"))
        stamp = "%Y-%m-%d %H:%M"
        fill_table(self.history, [[f"{local(library, loan.out_at):{stamp}}",
                             due_text(library, loan.due_at, hourly=loan.hourly),
                             f"{local(library, loan.returned_at):{stamp}}"
                             if loan.returned_at else self.tr("on loan"),
                             loan.patron_barcode or self.tr("(anonymised)"),
                             loan.patron_name or ""]
                            for loan in status.history])
