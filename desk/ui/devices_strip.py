"""The security strip on the checkout and checkin screens: one column of the rows table says
whether the strip of that item was done, and a retry key (Ctrl+Shift+S, or the button) tries a
failed one again.

The strip is worked only after the loan or return is committed, and a failure changes nothing
in the database: the row says the strip was not done. ``StripRunner`` (one per ``DeviceHub``,
shared by the screens) matches the hub's ``strip_finished`` signals to requests: the hub runs
strip actions one at a time in order on its strip thread, so answers come back in request order.

An item the RFID pad read is secured through its tags instead (the hub writes the AFI and reads
it back), whatever its strip flag; the column, the failure and the retry are the same.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QTableWidget, QTableWidgetItem

if TYPE_CHECKING:
    from desk.devices.hub import DeviceHub
    from desk.ui.context import DeskContext
    from desk.ui.screen import Screen

RETRY_KEY = "Ctrl+Shift+S"
TOKEN_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
FAILED = QColor("#f8d7da")


class StripRunner(QObject):
    """``finished(token, action, ok, message)`` for each ``run``; see the module docstring."""

    finished = Signal(int, str, bool, str)

    def __init__(self, hub: DeviceHub) -> None:
        super().__init__(hub)
        self.hub = hub
        self._pending: deque[int] = deque()
        self._next = 0
        hub.strip_finished.connect(self._finished)

    @property
    def available(self) -> bool:
        """A strip unit or an RFID pad is configured."""
        from desk.devices.strip.base import NoStrip
        return not isinstance(self.hub.strip, NoStrip) or self.hub.rfid is not None

    def run(self, action: str, barcode: str = "") -> int:
        """Start ``desensitize`` or ``resensitize`` (of ``barcode``'s RFID tags when the pad
        saw them); returns the token ``finished`` will carry."""
        self._next += 1
        self._pending.append(self._next)
        {"desensitize": self.hub.desensitize, "resensitize": self.hub.resensitize}[action](barcode)
        return self._next

    def _finished(self, action: str, ok: bool, message: str) -> None:
        token = self._pending.popleft() if self._pending else 0
        self.finished.emit(token, action, ok, message)


def strip_runner(hub: DeviceHub) -> StripRunner:
    """The hub's one ``StripRunner``."""
    runner = hub.findChild(StripRunner)
    return runner if runner is not None else StripRunner(hub)


class StripColumn(QObject):
    """Column ``column`` of ``table`` on ``screen``; ``action`` is desensitize or resensitize.
    Put ``button`` in the screen's layout; the retry key works anywhere on the screen."""

    def __init__(self, screen: Screen, table: QTableWidget, column: int, action: str) -> None:
        super().__init__(screen)
        self.screen = screen
        self.table = table
        self.column = column
        self.action = action
        self.button = QPushButton(self.tr("Retry strip (%1)").replace(
            "%1", QKeySequence(RETRY_KEY).toString(QKeySequence.SequenceFormat.NativeText)))
        self.button.setObjectName("retryStripButton")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.retry)
        self.button.hide()
        shortcut = QShortcut(QKeySequence(RETRY_KEY), screen)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.retry)
        self._runner: StripRunner | None = None
        self.table.setColumnHidden(column, self.runner() is None)   # no strip unit: no column

    @property
    def context(self) -> DeskContext:
        return self.screen.context

    def runner(self) -> StripRunner | None:
        hub = self.context.devices
        if hub is None:
            return None
        runner = strip_runner(hub)
        if runner is not self._runner:
            runner.finished.connect(self._finished)
            self._runner = runner
        return runner if runner.available else None

    # --- rows -------------------------------------------------------------------------------
    def start(self, row: int, has_strip: bool) -> None:
        """The row's transaction is committed: work its strip (or say why not)."""
        cell = QTableWidgetItem()
        self.table.setItem(row, self.column, cell)
        runner = self.runner()
        self.table.setColumnHidden(self.column, runner is None)
        barcode = self._barcode(row)
        if runner is not None and barcode and runner.hub.has_tags(barcode):
            self._run(runner, cell, barcode)        # its RFID tags, whatever the strip flag
        elif not has_strip:
            self._set(cell, "skipped", self.tr("no strip"))
        elif runner is None:
            self._set(cell, "off", "")
        else:
            self._run(runner, cell, barcode)

    def state(self, row: int) -> str:
        cell = self.table.item(row, self.column)
        return str(cell.data(STATE_ROLE) or "") if cell is not None else ""

    def failed_rows(self) -> list[int]:
        return [row for row in range(self.table.rowCount()) if self.state(row) == "failed"]

    def retry(self) -> bool:
        """Retry the selected row if its strip failed, else the newest failed row."""
        failed = self.failed_rows()
        selected = [index.row() for index in self.table.selectionModel().selectedRows()]
        newest = sorted(failed, key=lambda row: self.table.item(row, self.column)
                        .data(TOKEN_ROLE) or 0)[-1:]     # rows may be added on top or below
        rows = [row for row in selected if row in failed] or newest
        runner = self.runner()
        if not rows or runner is None:
            self.context.messages.info.emit(self.tr("No strip to retry."))
            return False
        self._run(runner, self.table.item(rows[0], self.column), self._barcode(rows[0]))
        return True

    def _barcode(self, row: int) -> str:
        cell = self.table.item(row, 0)
        return cell.text() if cell is not None else ""

    def _run(self, runner: StripRunner, cell: QTableWidgetItem, barcode: str = "") -> None:
        token = runner.run(self.action, barcode)
        cell.setData(TOKEN_ROLE, token)
        self._set(cell, "working", "…")

    def _finished(self, token: int, action: str, ok: bool, message: str) -> None:
        row = next((row for row in range(self.table.rowCount())
                    if (cell := self.table.item(row, self.column)) is not None
                    and cell.data(TOKEN_ROLE) == token), None)
        if row is None:
            if not ok and action == self.action and token:
                self.context.messages.warning.emit(self.tr("Strip not done: %1").replace(
                    "%1", message))
            return
        cell = self.table.item(row, self.column)
        barcode = self.table.item(row, 0).text() if self.table.item(row, 0) else ""
        if ok:
            self._set(cell, "done", self.tr("done"))
        else:
            self._set(cell, "failed", self.tr("NOT DONE: %1").replace("%1", message))
            self.context.messages.sound.emit("error.strip")
            self.context.messages.error.emit(
                self.tr("%1: strip not done (%2). Put the item on the unit and press %3.")
                .replace("%1", barcode).replace("%2", message).replace(
                    "%3", QKeySequence(RETRY_KEY).toString(
                        QKeySequence.SequenceFormat.NativeText)))

    def _set(self, cell: QTableWidgetItem, state: str, text: str) -> None:
        cell.setData(STATE_ROLE, state)
        cell.setText(text)
        cell.setToolTip(text)
        cell.setBackground(QBrush(FAILED) if state == "failed" else QBrush())
        self.button.setVisible(bool(self.failed_rows()))
