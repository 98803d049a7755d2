"""A dialog that gathers barcodes: a field a scanner types into (Enter adds the barcode, and
never closes the dialog — a scanner ends every barcode with Enter) and the list of those added
(Delete takes the selected one off). Ctrl+Enter or OK sends (``submit``, the subclass's).
The delivery request form and *Project books ready* are such dialogs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QPushButton, QWidget

from desk.ui.widgets.dialog_parts import error_label, ok_cancel


class BarcodeListDialog(QDialog):
    """``item`` (the field), ``items`` (the list), ``buttons`` (OK and Cancel, neither the
    default), ``error`` (a label under the form). Subclasses give ``submit``,
    ``duplicate_message`` and, when the list's length matters, ``list_changed``."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = QLineEdit()
        self.item.setObjectName(f"{name}Item")
        self.item.returnPressed.connect(lambda: self.add_item(self.item.text()))
        self.items = QListWidget()
        self.items.setObjectName(f"{name}Items")
        self.items.installEventFilter(self)
        self.error = error_label(alert=True)
        self.buttons = ok_cancel(self, self.submit)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self).activated.connect(self.submit)

    def submit(self) -> None:
        raise NotImplementedError

    def duplicate_message(self, code: str) -> str:
        raise NotImplementedError

    def list_changed(self) -> None:
        """The list gained or lost a barcode."""

    def barcodes(self) -> list[str]:
        return [self.items.item(row).text() for row in range(self.items.count())]

    def add_item(self, code: str) -> None:
        code = code.strip()
        self.item.clear()
        if not code:
            return
        if code in self.barcodes():
            self.show_error(self.duplicate_message(code))
            return
        self.items.addItem(code)
        self.error.hide()
        self.list_changed()

    def take_scan(self, code: str) -> None:
        """A scan while the dialog is open: a barcode for the list."""
        self.add_item(code)
        self.item.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (watched is self.items and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete):
            if self.items.currentRow() >= 0:
                self.items.takeItem(self.items.currentRow())
                self.list_changed()
            return True
        return super().eventFilter(watched, event)
