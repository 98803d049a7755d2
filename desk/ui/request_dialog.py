"""The request dialogs of the item status screen (F5): a missing-book search (圖書協尋申請,
form F-K08-054, SOP 5.11) or a withdrawn-area retrieval (撤架區取書申請, SOP 5.12) for the item
shown, made for the patron whose card is scanned (or typed) into the dialog.

A search asks for the patron's reply-by date, or leaves it to the library (5 open days by the
setting). The request runs on the worker thread through the desk session; a refusal is shown
in the dialog, which stays open with what was typed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QApplication, QCheckBox, QDateEdit, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused
from desk.ui.context import DeskContext
from desk.ui.wedge import WedgeFilter

log = logging.getLogger(__name__)
KINDS = ("search", "retrieval")


class ItemRequestDialog(QDialog):
    """A ``kind`` request ("search" or "retrieval") for the item ``barcode``."""

    def __init__(self, context: DeskContext, kind: str, barcode: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown request kind {kind!r}")
        self.context, self.kind, self.barcode = context, kind, barcode
        self.setObjectName(f"itemRequest_{kind}")
        self.setWindowTitle(self.tr("Missing-book search request") if kind == "search"
                            else self.tr("Withdrawn-area retrieval request"))
        self.request_id: int | None = None
        intro = QLabel(f"{barcode} · {title}")
        intro.setObjectName("requestItem")
        intro.setWordWrap(True)
        self.card = QLineEdit()
        self.card.setObjectName("requestCard")
        self.card.setPlaceholderText(self.tr("Scan the patron's card"))
        self.own_date = QCheckBox(self.tr("The patron's reply-by date"))
        self.own_date.setObjectName("replyByOwn")
        self.reply_by = QDateEdit()
        self.reply_by.setObjectName("replyBy")
        self.reply_by.setCalendarPopup(True)
        self.reply_by.setDisplayFormat("yyyy-MM-dd")
        today = context.library.local_today()
        self.reply_by.setDate(QDate(today.year, today.month, today.day).addDays(7))
        self.reply_by.setEnabled(False)
        self.own_date.toggled.connect(self.reply_by.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("Patron's card"), self.card)
        if kind == "search":
            dated = QHBoxLayout()
            dated.addWidget(self.own_date)
            dated.addWidget(self.reply_by)
            form.addRow(dated)
            form.addRow(QLabel(self.tr(
                "Without a date of the patron's, the library searches for %1 open days.")
                .replace("%1", str(context.library.policy.search_reply_open_days))))
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.card.setFocus()
        # a wedge scan of the card is cleaned as every scan is; serial scans come through
        # ``take_scan`` from the screen
        self.wedge = WedgeFilter(self, max_interval_ms=context.config.get("wedge_max_interval_ms"),
                                 min_length=context.config.get("wedge_min_length"))
        self.wedge.burst.connect(self._burst)
        QApplication.instance().installEventFilter(self.wedge)
        self.finished.connect(lambda _result: QApplication.instance().removeEventFilter(
            self.wedge))

    def _burst(self, burst: str) -> None:
        from desk.devices.scanner.intake import ScanIntake
        from desk.ui.devices_config import scan_cleaner  # the device drivers: not at start-up
        ScanIntake(scan_cleaner(self.context.config), self.take_scan, self._fail).submit(burst)

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
            self._fail(self.tr("Scan the patron's card first."))
            return
        work: Callable[[], int]
        if self.kind == "search":
            picked = self.reply_by.date().toPython()
            reply_by = picked if self.own_date.isChecked() and isinstance(picked, date) else None
            work = functools.partial(desk.request_search, card, self.barcode, reply_by=reply_by)
        else:
            work = functools.partial(desk.request_retrieval, card, self.barcode)
        self.buttons.setEnabled(False)
        self.context.tasks.run(work, on_done=self._done, on_error=self._failed)

    def _done(self, request_id: int) -> None:
        self.request_id = request_id
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, CirculationRefused):
            self._fail(str(error))
            return
        log.error("item request: %r", error)
        self._fail(self.tr("This could not be done now; the database did not answer. Try "
                           "again."))

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)
        self.context.messages.sound.emit("error.item_request")
