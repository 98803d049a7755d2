"""Manual slips (key-in after an outage): one entry line, keyboard only, fast for a stack.

The entry line asks for one field after another — slip number, type (C checkout / R return),
patron card (checkouts), item barcodes (Enter on an empty line ends them), date and time as
written — and checks each as it is entered; a wrong field is said at once and asked again.
Scans go to the field being asked for. After the date the slip is saved (durably, in the
desk's slip book) and the next slip starts with the type and date of the last one offered:
Enter accepts them. Esc starts the current slip over. The running list shows every slip keyed,
and a line above it how many keyed lines no replay has applied yet, with the key to replay
them (Ctrl+R).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from desk.circulation.offline.conflicts import not_applied
from desk.circulation.offline.files import slips_path
from desk.circulation.offline.journal import JournalInUse
from desk.circulation.offline.slips import (ManualSlip, SlipBook, check_barcode, check_slip_no,
                                            parse_kind, parse_when)
from desk.ui.context import DeskContext
from desk.ui.screen import Screen

STEPS = ("slip", "kind", "patron", "items", "when")


@dataclass
class _Draft:
    slip_no: str = ""
    kind: str = ""
    patron: str | None = None
    items: list[str] = field(default_factory=list)


class ManualSlipsScreen(Screen):
    mode_key = "manual_slips"
    shortcut = "Ctrl+M"
    title_text = QT_TRANSLATE_NOOP("ManualSlipsScreen", "Manual slips")
    slip_saved = Signal(object)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *,
                 book: SlipBook | None = None) -> None:
        super().__init__(context, parent)
        circulation = context.circulation
        self.book: SlipBook | None = book
        busy_elsewhere = ""
        if book is None:
            try:
                self.book = SlipBook(slips_path(circulation.desk_code), circulation.desk_code,
                                     circulation.staff.login)
            except JournalInUse as error:
                busy_elsewhere = error.filename or ""
        self.prompt = QLabel()
        self.prompt.setObjectName("slipPrompt")
        self.entry = QLineEdit()
        self.entry.setObjectName("slipEntry")
        self.entry.returnPressed.connect(self._entered)
        self.current = QLabel()
        self.current.setObjectName("slipDraft")
        self.error = QLabel()
        self.error.setObjectName("slipError")
        self.error.setStyleSheet("color: #b00020")
        self.pending = QLabel()
        self.pending.setObjectName("slipsPending")
        self.pending.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("slipRows")
        self.table.setHorizontalHeaderLabels([self.tr("Slip"), self.tr("Type"), self.tr("Card"),
                                              self.tr("Items"), self.tr("Date and time")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.entry.installEventFilter(self)
        layout = QVBoxLayout(self)
        for widget in (self.prompt, self.entry, self.current, self.error, self.pending):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        self._last_kind = ""
        self._last_when = ""
        self.reset()
        if self.book is None:
            # Another desk process with this desk code writes the slip book: keying slips in
            # here too would number them twice.
            self.entry.setEnabled(False)
            self.error.setText(self.tr(
                "This desk's slip book (%1) is open in another desk program: close that one, "
                "or give this desk its own desk code, to key in slips here.").replace(
                    "%1", busy_elsewhere))
            return
        for entry in self.book.entries:
            self._show_entry(entry)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if (watched is self.entry and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape):
            self.error.clear()
            self.reset()                                  # Esc: start this slip over
            return True
        return super().eventFilter(watched, event)

    # --- the steps --------------------------------------------------------------------------
    def reset(self) -> None:
        self.draft = _Draft()
        self._ask("slip")

    def activate(self) -> None:
        self.entry.setFocus()
        self.count_pending()

    def count_pending(self) -> None:
        """How many keyed lines no replay has applied yet (asked of the database; while it
        is down, every keyed line is said to wait)."""
        if self.book is None:
            return
        entries = list(self.book.entries)
        self.context.tasks.run(not_applied, self.context.library.store, entries,
                               on_done=lambda left: self._show_pending(len(left)),
                               on_error=lambda _error: self._show_pending(len(entries)))

    def _show_pending(self, count: int) -> None:
        self.pending.setText(self.tr("%1 keyed line(s) not replayed yet: replay them with "
                                     "Ctrl+R (Replay).").replace("%1", str(count))
                             if count else self.tr("Every keyed slip has been replayed."))

    def handle_scan(self, code: str) -> None:
        self.entry.setText(code)
        self._entered()

    def _ask(self, step: str) -> None:
        self.step = step
        prompts = {
            "slip": self.tr("Slip number (printed on the form)"),
            "kind": self.tr("Type: C = checkout, R = return"),
            "patron": self.tr("Patron card"),
            "items": self.tr("Item barcode (Enter on an empty line when done)"),
            "when": self.tr("Date and time on the slip (2026-11-02 14:30, 11-02 14:30, 1102 1430)"),
        }
        self.prompt.setText(prompts[step])
        defaults = {"kind": self._last_kind, "when": self._last_when}
        self.entry.setText(defaults.get(step, ""))
        self.entry.selectAll()
        self._show_draft()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.context.messages.sound.emit("error.manual_slip")
        self.entry.selectAll()

    def _entered(self) -> None:
        if self.book is None:
            return
        text = self.entry.text().strip()
        self.error.clear()
        handlers = {"slip": self._on_slip, "kind": self._on_kind, "patron": self._on_patron,
                    "items": self._on_items, "when": self._on_when}
        handlers[self.step](text)

    def _on_slip(self, text: str) -> None:
        assert self.book is not None        # _entered does nothing without one
        problem = check_slip_no(text, self.book.slip_numbers)
        if problem:
            return self._fail(problem)
        self.draft.slip_no = text
        self._ask("kind")

    def _on_kind(self, text: str) -> None:
        kind = parse_kind(text)
        if kind is None:
            return self._fail(self.tr("Type C for a checkout slip or R for a return slip."))
        self.draft.kind = kind
        self._last_kind = "C" if kind == "checkout" else "R"
        self._ask("patron" if kind == "checkout" else "items")

    def _on_patron(self, text: str) -> None:
        problem = check_barcode(text, "card")
        if problem:
            return self._fail(problem)
        self.draft.patron = text
        self._ask("items")

    def _on_items(self, text: str) -> None:
        if not text:
            if not self.draft.items:
                return self._fail(self.tr("Scan or type at least one item barcode."))
            return self._ask("when")
        problem = check_barcode(text, "item")
        if problem:
            return self._fail(problem)
        if text in self.draft.items:
            return self._fail(self.tr("This item is on the slip already."))
        self.draft.items.append(text)
        self._ask("items")

    def _on_when(self, text: str) -> None:
        library = self.context.library
        when = parse_when(text, tz=library.policy.tz, now=library.now())
        if isinstance(when, str):
            return self._fail(when)
        slip = ManualSlip(self.draft.slip_no, self.draft.kind, self.draft.patron,
                          tuple(self.draft.items), when)
        try:
            entries = self.book.add(slip)
        except (ValueError, OSError) as error:
            return self._fail(str(error))
        self._last_when = text
        for entry in entries:
            self._show_entry(entry)
        self.context.messages.sound.emit("success.manual_slip")
        self.slip_saved.emit(slip)
        self.reset()
        self.count_pending()

    # --- showing ----------------------------------------------------------------------------
    def _show_draft(self) -> None:
        d = self.draft
        parts = [d.slip_no, {"checkout": self.tr("checkout"), "checkin": self.tr("return")}.get(
            d.kind, ""), d.patron or "", " ".join(d.items)]
        self.current.setText("  ·  ".join(p for p in parts if p))

    def _show_entry(self, entry) -> None:  # noqa: ANN001 - JournalEntry
        row = self.table.rowCount()
        self.table.insertRow(row)
        tz = self.context.library.policy.tz
        kind = self.tr("checkout") if entry.kind == "checkout" else self.tr("return")
        for column, value in enumerate((entry.slip_no, kind, entry.patron or "", entry.item,
                                        f"{entry.at.astimezone(tz):%Y-%m-%d %H:%M}")):
            self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.scrollToBottom()

    @property
    def keyed_at(self) -> datetime | None:
        return self.book.entries[-1].at if self.book is not None and self.book.entries else None
