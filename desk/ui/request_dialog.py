"""The request dialogs of the item status screen (F5): a missing-book search (圖書協尋申請,
form F-K08-054, SOP 5.11) or a withdrawn-area retrieval (撤架區取書申請, SOP 5.12) for the item
shown, made for the patron whose card is scanned (or typed) into the dialog.

A search asks for the patron's reply-by date, or leaves it to the library (5 open days by the
setting). The request runs on the worker thread through the desk session; a refusal is shown
in the dialog, which stays open with what was typed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from desk.ui.context import DeskContext
from desk.ui.widgets.supervised_dialog import SupervisedDialog

KINDS = ("search", "retrieval")


class ItemRequestDialog(SupervisedDialog):
    """A ``kind`` request ("search" or "retrieval") for the item ``barcode``."""

    def __init__(self, context: DeskContext, kind: str, barcode: str, title: str,
                 parent: QWidget | None = None) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown request kind {kind!r}")
        super().__init__(context, f"itemRequest_{kind}", "item_request", f"{barcode} · {title}",
                         parent, intro_name="requestItem")
        self.kind, self.barcode = kind, barcode
        self.setWindowTitle(self.tr("Missing-book search request") if kind == "search"
                            else self.tr("Withdrawn-area retrieval request"))
        self.request_id: int | None = None
        self.card = QLineEdit()
        self.card.setObjectName("requestCard")
        self.card.setPlaceholderText(self.tr("Scan the patron's card"))
        self.own_date, self.reply_by = self.optional_date(
            self.tr("The patron's reply-by date"), "replyByOwn", "replyBy", days=7)
        self.form.addRow(self.tr("Patron's card"), self.card)
        if kind == "search":
            dated = QHBoxLayout()
            dated.addWidget(self.own_date)
            dated.addWidget(self.reply_by)
            self.form.addRow(dated)
            self.form.addRow(QLabel(self.tr(
                "Without a date of the patron's, the library searches for %1 open days.")
                .replace("%1", str(context.library.policy.search_reply_open_days))))
        self.lay_out()
        self.card.setFocus()
        self.take_wedge_scans()

    def take_scan(self, code: str) -> None:
        """A scan while the dialog is open: the patron's card."""
        self.card.setText(code.strip())
        self.error.hide()
        target = self.own_date if self.kind == "search" else \
            self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if target is not None:
            target.setFocus()

    def submit(self) -> None:
        self.error.hide()
        desk, card = self.context.circulation, self.card.text().strip()
        if not card:
            self.fail(self.tr("Scan the patron's card first."))
            return
        work: Callable[[], int]
        if self.kind == "search":
            picked = self.reply_by.date().toPython()
            reply_by = picked if self.own_date.isChecked() and isinstance(picked, date) else None
            work = functools.partial(desk.request_search, card, self.barcode, reply_by=reply_by)
        else:
            work = functools.partial(desk.request_retrieval, card, self.barcode)
        self.buttons.setEnabled(False)
        self.context.tasks.run(work, on_done=self._done, on_error=self.failed)

    def _done(self, request_id: int) -> None:
        self.request_id = request_id
        self.accept()
