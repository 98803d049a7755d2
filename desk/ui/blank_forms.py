"""The *Blank manual slip forms* dialog (Outage menu, Ctrl+Shift+F): writes numbered blank manual
checkout or return slip forms (人工借書單 / 人工還書單) as an A4 or A5 PDF, for when even
the desk PC is down, and opens it to print.

The next free form number of each kind is remembered in ``<data dir>/offline/blank-forms.json``
so two print runs never hand out the same numbers. The PDF is written on the worker thread.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QSpinBox,
                               QWidget)

from desk.receipts.manual_forms import blank_forms_pdf, form_number
from desk.ui.context import DeskContext

log = logging.getLogger(__name__)
MAX_COUNT = 5000


def numbers_file(data_dir: Path) -> Path:
    return Path(data_dir) / "offline" / "blank-forms.json"


def next_numbers(data_dir: Path) -> dict[str, int]:
    """The next unused form number of each kind (1 when none was printed yet)."""
    try:
        saved = json.loads(numbers_file(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    numbers = {}
    for kind in ("checkout", "checkin"):
        value = saved.get(kind, 1) if isinstance(saved, dict) else 1
        numbers[kind] = value if isinstance(value, int) and value >= 1 else 1
    return numbers


def remember_next(data_dir: Path, kind: str, number: int) -> None:
    numbers = next_numbers(data_dir)
    numbers[kind] = max(numbers[kind], number)
    path = numbers_file(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(numbers), encoding="utf-8")


class BlankFormsDialog(QDialog):
    """``saved(path)`` once the PDF is written."""

    saved = Signal(str)

    def __init__(self, context: DeskContext, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data_dir = Path(data_dir)
        self.setWindowTitle(self.tr("Blank manual slip forms"))
        self.kind = QComboBox()
        self.kind.setObjectName("formKind")
        self.kind.addItem(self.tr("Manual checkout slip (人工借書單)"), "checkout")
        self.kind.addItem(self.tr("Manual return slip (人工還書單)"), "checkin")
        self.page = QComboBox()
        self.page.setObjectName("formPage")
        self.page.addItem("A4", "a4")
        self.page.addItem("A5", "a5")
        self.first = QSpinBox()
        self.first.setObjectName("formFirst")
        self.first.setRange(1, 999_999)
        self.count = QSpinBox()
        self.count.setObjectName("formCount")
        self.count.setRange(1, MAX_COUNT)
        self.count.setValue(50)
        self.path = QLineEdit()
        self.path.setObjectName("formPath")
        self.path.textEdited.connect(self._path_edited)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        self.path.setMinimumWidth(380)
        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.open_after = QCheckBox(self.tr("Open the PDF to print it"))
        self.open_after.setObjectName("formOpenAfter")
        self.open_after.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("&Form:"), self.kind)
        form.addRow(self.tr("&Paper:"), self.page)
        form.addRow(self.tr("F&irst number:"), self.first)
        form.addRow(self.tr("&How many:"), self.count)
        form.addRow(self.tr("Save as (PDF &name):"), where)
        form.labelForField(where).setBuddy(self.path)      # Alt+N goes to the file name
        form.addRow("", self.open_after)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setLayout(form)
        self._edited = False
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.page.currentIndexChanged.connect(lambda _: self._suggest())
        self.first.valueChanged.connect(lambda _: self._suggest())
        self._kind_changed()
        self.written: list[str] = []

    def _kind_changed(self, _index: int = 0) -> None:
        self.first.setValue(next_numbers(self.data_dir)[self.kind.currentData()])
        self._suggest()

    def _suggest(self) -> None:
        if self._edited:
            return
        kind = self.kind.currentData()
        name = f"{form_number(kind, self.first.value())}-{self.page.currentData()}.pdf"
        self.path.setText(str(self.data_dir / "forms" / name))

    def _path_edited(self, _text: str) -> None:
        self._edited = True

    def browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(),
                                                self.tr("PDF files (*.pdf)"))
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
            self._edited = True

    def accept(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.context.messages.error.emit(self.tr("Choose where to save the forms."))
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if path.exists() and path.is_dir():
            self.context.messages.error.emit(self.tr("%1 is a folder.").replace("%1", str(path)))
            return
        kind, page = self.kind.currentData(), self.page.currentData()
        first, count = self.first.value(), self.count.value()

        def write() -> list[str]:
            path.parent.mkdir(parents=True, exist_ok=True)
            return blank_forms_pdf(path, kind, first=first, count=count, page=page,
                                   library=self.context.circulation.location_code)
        self.setEnabled(False)
        self.context.tasks.run(write, on_done=lambda numbers: self._written(path, kind, numbers),
                               on_error=self._failed)

    def _written(self, path: Path, kind: str, numbers: list[str]) -> None:
        self.written = numbers
        remember_next(self.data_dir, kind, self.first.value() + len(numbers))
        self.context.messages.info.emit(self.tr("Forms %1 to %2 saved to %3.")
                                        .replace("%1", numbers[0]).replace("%2", numbers[-1])
                                        .replace("%3", str(path)))
        self.saved.emit(str(path))
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.context.messages.error.emit(self.tr("The forms could not be saved: %1")
                                         .replace("%1", text))
