"""*Project books ready…* (Ctrl+Shift+P on the patron's screen; SOP 5.3.8.1): the processing
librarian scans the research-project books a teacher ordered; OK keeps them on the holds shelf
for the teacher and e-mails the ``project_ready`` notice. Enter from the scanner adds a book and
never closes the dialog; Ctrl+Enter or OK sends; Delete takes the selected book off the list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QListWidget, QPushButton, QVBoxLayout, QWidget)

from desk.circulation.requests.projects import ProjectBooksReady
from desk.ui.context import DeskContext


class ProjectBooksDialog(QDialog):
    """``ready(ProjectBooksReady)`` once the books are kept and the notice queued."""

    ready = Signal(object)

    def __init__(self, context: DeskContext, patron_barcode: str, patron_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.patron_barcode = context, patron_barcode
        self.setObjectName("projectBooksDialog")
        self.setWindowTitle(self.tr("Research-project books ready"))
        intro = QLabel(self.tr("Books ready for %1 (%2): kept on the holds shelf for them, and "
                               "an e-mail tells them to come.").replace("%1", patron_name)
                       .replace("%2", patron_barcode))
        intro.setWordWrap(True)
        self.item = QLineEdit()
        self.item.setObjectName("projectItem")
        self.item.setPlaceholderText(self.tr("Scan or type a book, then Enter"))
        self.item.returnPressed.connect(lambda: self.add_item(self.item.text()))
        self.items = QListWidget()
        self.items.setObjectName("projectItems")
        self.items.installEventFilter(self)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setProperty("alert", True)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Book"), self.item)
        form.addRow(self.tr("Books ready"), self.items)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():       # Enter adds a book: no default button
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self).activated.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def barcodes(self) -> list[str]:
        return [self.items.item(row).text() for row in range(self.items.count())]

    def add_item(self, code: str) -> None:
        code = code.strip()
        self.item.clear()
        if not code:
            return
        if code in self.barcodes():
            self._fail(self.tr("%1 is on the list already.").replace("%1", code))
            return
        self.items.addItem(code)
        self.error.hide()

    def take_scan(self, code: str) -> None:
        """A scan while the dialog is open: a book for the list."""
        self.add_item(code)
        self.item.setFocus()

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
            return True
        return super().eventFilter(watched, event)

    def submit(self) -> None:
        if self.item.text().strip():
            self.add_item(self.item.text())
        barcodes = self.barcodes()
        if not barcodes:
            self._fail(self.tr("Scan the project's books first."))
            return
        self.buttons.setEnabled(False)
        self.context.tasks.run(self.context.circulation.project_books_ready,
                               self.patron_barcode, barcodes, on_done=self._done,
                               on_error=lambda error: self._fail(str(error)))

    def _done(self, ready: ProjectBooksReady) -> None:
        self.ready.emit(ready)
        self.accept()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)
        self.context.messages.sound.emit("error.project_books")
