"""*Project books ready…* (Ctrl+Shift+P on the patron's screen; SOP 5.3.8.1): the processing
librarian scans the research-project books a teacher ordered; OK keeps them on the holds shelf
for the teacher and e-mails the ``project_ready`` notice. Enter from the scanner adds a book and
never closes the dialog; Ctrl+Enter or OK sends; Delete takes the selected book off the list."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desk.circulation.requests.projects import ProjectBooksReady
from desk.ui.context import DeskContext
from desk.ui.widgets.barcode_list import BarcodeListDialog


class ProjectBooksDialog(BarcodeListDialog):
    """``ready(ProjectBooksReady)`` once the books are kept and the notice queued."""

    ready = Signal(object)

    def __init__(self, context: DeskContext, patron_barcode: str, patron_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("project", parent)
        self.context, self.patron_barcode = context, patron_barcode
        self.setObjectName("projectBooksDialog")
        self.setWindowTitle(self.tr("Research-project books ready"))
        intro = QLabel(self.tr("Books ready for %1 (%2): kept on the holds shelf for them, and "
                               "an e-mail tells them to come.").replace("%1", patron_name)
                       .replace("%2", patron_barcode))
        intro.setWordWrap(True)
        self.item.setPlaceholderText(self.tr("Scan or type a book, then Enter"))
        form = QFormLayout()
        form.addRow(self.tr("&Book"), self.item)
        form.addRow(self.tr("Books ready"), self.items)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def duplicate_message(self, code: str) -> str:
        return self.tr("%1 is on the list already.").replace("%1", code)

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
        self.show_error(text)
        self.context.messages.sound.emit("error.project_books")
