"""Register a proxy (SOP 5.3.2): the card of the patron who will borrow for the patron shown
(typed or scanned), until when (or until ended) and the authorisation form's number. The
circulation layer checks and audits it (``add_proxy``); its refusal is shown in the dialog,
next to the fields, and nothing is saved."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QVBoxLayout, QWidget)

from desk.ui.context import DeskContext


class ProxyDialog(QDialog):
    """``added(int)``: the new authorisation's id, once the circulation layer stored it."""

    added = Signal(int)

    def __init__(self, context: DeskContext, patron_barcode: str, patron_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.patron_barcode = patron_barcode
        self.setObjectName("proxyDialog")
        self.setWindowTitle(self.tr("Register a proxy"))
        intro = QLabel(self.tr("Who may borrow for %1 (authorisation form F-K08-033, with the "
                               "patron's card and the proxy's ID)?").replace("%1", patron_name))
        intro.setWordWrap(True)
        self.card = QLineEdit()
        self.card.setObjectName("proxyCard")
        self.card.setPlaceholderText(self.tr("Scan or type the proxy's card"))
        self.until_set = QCheckBox(self.tr("Until"))
        self.until_set.setObjectName("proxyUntilSet")
        self.until = QDateEdit()
        self.until.setObjectName("proxyUntil")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        today = context.library.local_today()
        self.until.setDate(QDate(today.year, today.month, today.day).addMonths(1))
        self.until.setEnabled(False)
        self.until_set.toggled.connect(self.until.setEnabled)
        self.note = QLineEdit()
        self.note.setObjectName("proxyNote")
        self.note.setPlaceholderText(self.tr("Form number, ID checked, …"))
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setProperty("alert", True)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Proxy's card"), self.card)
        form.addRow(self.until_set, self.until)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def valid_until(self) -> date | None:
        if not self.until_set.isChecked():
            return None
        chosen = self.until.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def submit(self) -> None:
        card = self.card.text().strip()
        if not card:
            self._fail(self.tr("Scan or type the proxy's card."))
            return
        self.buttons.setEnabled(False)
        until, note = self.valid_until(), self.note.text().strip() or None
        circulation, patron = self.context.circulation, self.patron_barcode
        self.context.tasks.run(
            lambda: circulation.add_proxy(patron, card, valid_until=until, note=note),
            on_done=self._added, on_error=lambda error: self._fail(str(error)))

    def _added(self, proxy_id: int) -> None:
        self.added.emit(proxy_id)
        self.accept()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)
        self.card.setFocus()
        self.card.selectAll()
        self.context.messages.sound.emit("error.proxy")
