"""Register a proxy (SOP 5.3.2): the card of the patron who will borrow for the patron shown
(typed or scanned), until when (or until ended) and the authorisation form's number. The
circulation layer checks and audits it (``add_proxy``); its refusal is shown in the dialog,
next to the fields, and nothing is saved."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from desk.ui.context import DeskContext
from desk.ui.widgets.supervised_dialog import SupervisedDialog


class ProxyDialog(SupervisedDialog):
    """``added(int)``: the new authorisation's id, once the circulation layer stored it."""

    added = Signal(int)
    error_alert = True

    def __init__(self, context: DeskContext, patron_barcode: str, patron_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, "proxyDialog", "proxy", "", parent)
        self.patron_barcode = patron_barcode
        self.setWindowTitle(self.tr("Register a proxy"))
        self.intro.setText(self.tr("Who may borrow for %1 (authorisation form F-K08-033, with "
                                   "the patron's card and the proxy's ID)?")
                           .replace("%1", patron_name))
        self.card = QLineEdit()
        self.card.setObjectName("proxyCard")
        self.card.setPlaceholderText(self.tr("Scan or type the proxy's card"))
        self.until_set, self.until = self.optional_date(self.tr("Until"), "proxyUntilSet",
                                                        "proxyUntil", months=1)
        self.note = QLineEdit()
        self.note.setObjectName("proxyNote")
        self.note.setPlaceholderText(self.tr("Form number, ID checked, …"))
        self.form.addRow(self.tr("Proxy's card"), self.card)
        self.form.addRow(self.until_set, self.until)
        self.form.addRow(self.tr("Note"), self.note)
        self.lay_out()

    def valid_until(self) -> date | None:
        if not self.until_set.isChecked():
            return None
        chosen = self.until.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def submit(self) -> None:
        card = self.card.text().strip()
        if not card:
            self.fail(self.tr("Scan or type the proxy's card."))
            return
        self.buttons.setEnabled(False)
        until, note = self.valid_until(), self.note.text().strip() or None
        circulation, patron = self.context.circulation, self.patron_barcode
        self.context.tasks.run(
            lambda: circulation.add_proxy(patron, card, valid_until=until, note=note),
            on_done=self._added, on_error=self.failed)

    def _added(self, proxy_id: int) -> None:
        self.added.emit(proxy_id)
        self.accept()

    def fail(self, text: str) -> None:
        """The refusal beside the fields; the proxy's card chosen, to be scanned again."""
        super().fail(text)
        self.card.setFocus()
        self.card.selectAll()
