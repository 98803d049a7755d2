"""The accessories prompt of the checkin screen (SOP 5.3.6): "Check the accessories: 1 CD".

A blocking question: Enter = all present (``confirmed``); Alt+S (the *Missing…* button; Alt+M
is the main window's menu) asks what is missing, prefilled with what is on record, and Enter
then records it (``missing(text)``).
Esc on the question does nothing: the accessories must be checked. Scans that arrive while the
prompt is open (a wedge burst typed into this dialog) are caught here, cleaned like every scan
(``ScanIntake``), and handed on as ``scanned(code)`` so the screen can take them after the
prompt, instead of answering it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from desk.ui.context import DeskContext
from desk.ui.wedge import WedgeFilter

MAX_MISSING = 200   # as desk.circulation.accessories.MAX_MISSING


class AccessoriesDialog(QDialog):
    confirmed = Signal()
    missing = Signal(str)
    scanned = Signal(str)

    def __init__(self, context: DeskContext, item_barcode: str, title: str, accessories: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.item_barcode = item_barcode
        self.accessories = accessories
        self.setObjectName("accessoriesDialog")
        self.setWindowTitle(self.tr("Accessories"))
        self.setModal(True)
        self.question = QLabel(self.tr("Check the accessories: %1").replace("%1", accessories))
        self.question.setObjectName("accessoriesQuestion")
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.question.setFont(font)
        item = QLabel(f"{item_barcode}  {title}")
        item.setWordWrap(True)
        self.present_button = QPushButton(self.tr("All present (Enter)"))
        self.present_button.setObjectName("accessoriesPresent")
        self.present_button.clicked.connect(self.all_present)
        self.missing_button = QPushButton(self.tr("Mi&ssing… (Alt+S)"))
        self.missing_button.setObjectName("accessoriesMissing")
        self.missing_button.clicked.connect(self.ask_missing)
        self.missing_label = QLabel(self.tr("What is missing?"))
        self.missing_text = QLineEdit()
        self.missing_text.setObjectName("accessoriesMissingText")
        self.missing_text.setMaxLength(MAX_MISSING)
        self.record_button = QPushButton(self.tr("Record as missing (Enter)"))
        self.record_button.setObjectName("accessoriesRecord")
        self.record_button.clicked.connect(self.record_missing)
        self.back_button = QPushButton(self.tr("Back (Esc)"))
        self.back_button.clicked.connect(self.back)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QHBoxLayout()
        for button in (self.present_button, self.missing_button, self.record_button,
                       self.back_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(item)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.missing_text)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.wedge = WedgeFilter(self, max_interval_ms=context.config.get("wedge_max_interval_ms"),
                                 min_length=context.config.get("wedge_min_length"))
        self.wedge.burst.connect(self._burst)
        QApplication.instance().installEventFilter(self.wedge)
        self.finished.connect(self._remove_wedge)
        self._asking_missing = False
        self._show_question()

    # --- the two steps ----------------------------------------------------------------------
    def _show_question(self) -> None:
        self._asking_missing = False
        for widget in (self.missing_label, self.missing_text, self.record_button,
                       self.back_button, self.error):
            widget.hide()
        self.present_button.show()
        self.missing_button.show()
        self.record_button.setDefault(False)
        self.present_button.setDefault(True)
        self.present_button.setFocus()

    def ask_missing(self) -> None:
        """Step two: what is missing (prefilled with what is on record)."""
        self._asking_missing = True
        self.present_button.hide()
        self.missing_button.hide()
        self.present_button.setDefault(False)
        for widget in (self.missing_label, self.missing_text, self.record_button,
                       self.back_button):
            widget.show()
        self.record_button.setDefault(True)
        self.missing_text.setText(self.accessories)
        self.missing_text.selectAll()
        self.missing_text.setFocus()

    def back(self) -> None:
        self._show_question()

    def all_present(self) -> None:
        self.accept()
        self.confirmed.emit()

    def record_missing(self) -> None:
        text = self.missing_text.text().strip()
        if not text:
            self.error.setText(self.tr("Write what is missing."))
            self.error.show()
            self.context.messages.sound.emit("error.checkin.accessories")
            self.missing_text.setFocus()
            return
        self.accept()
        self.missing.emit(text)

    # --- QDialog ------------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc (or the window's close button): back from step two; the question itself stays
        until it is answered."""
        if self._asking_missing:
            self.back()

    def _burst(self, burst: str) -> None:
        """Cleaned like every scan; a refused one is shown as the main window shows it."""
        from desk.devices.scanner.intake import ScanIntake
        from desk.ui.devices_config import scan_cleaner  # the device drivers: not at start-up
        cleaner = scan_cleaner(self.context.config)
        ScanIntake(cleaner, self.scanned.emit, self._scan_rejected).submit(burst)

    def _scan_rejected(self, reason: str) -> None:
        self.context.messages.sound.emit("error.scan")
        self.context.messages.warning.emit(reason)

    def _remove_wedge(self) -> None:
        QApplication.instance().removeEventFilter(self.wedge)


__all__ = ["AccessoriesDialog"]
