"""Cancelling a missing-book search or a withdrawn-area retrieval the patron no longer wants,
from the Requests screen (Ctrl+J) and the patron's Requests tab: *Cancel the selected
request…* (``CANCEL_KEY``).

The dialog names the request and asks the reason (required). Enter confirms, Esc backs out
and changes nothing. The cancel runs on the worker thread through the desk session; a refusal
is shown in the dialog, which stays open with what was typed. Once done, the dialog shows what
to do with the book (``RequestCancelled.instruction``: nothing to move, off the holds shelf to
be shelved, back to the withdrawn area) until Enter or Esc closes it, and says ``cancelled``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused
from desk.circulation.requests.cancel import RequestCancelled
from desk.ui.accessibility import name_widgets
from desk.ui.context import DeskContext

log = logging.getLogger(__name__)
# The key of "Cancel the selected request…" on both screens (free on the desk: see key help).
CANCEL_KEY = "Ctrl+Shift+C"
KINDS = ("search", "retrieval")
# Bold and framed: where the book goes is the one thing staff must not miss.
OUTCOME_STYLE = ("#cancelOutcome { border: 2px solid #bf8700; background: #fff1c2; "
                 "color: #5c3c00; padding: 8px; font-size: 14pt; font-weight: bold; }")


class CancelRequestDialog(QDialog):
    """Cancel the ``kind`` request ("search" or "retrieval") ``request_id`` of ``patron``
    for the item ``barcode``."""

    cancelled = Signal(object)      # the RequestCancelled

    def __init__(self, context: DeskContext, kind: str, request_id: int, barcode: str,
                 title: str, patron: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown request kind {kind!r}")
        self.context, self.kind, self.request_id = context, kind, request_id
        self.setObjectName(f"cancelRequest_{kind}")
        self.setWindowTitle(self.tr("Cancel a missing-book search") if kind == "search"
                            else self.tr("Cancel a withdrawn-area request"))
        self.outcome: RequestCancelled | None = None
        intro = QLabel(f"{barcode} · {title}\n{patron}")
        intro.setObjectName("cancelRequestItem")
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("cancelReason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("Why the patron no longer wants it"))
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.outcome_label = QLabel()
        self.outcome_label.setObjectName("cancelOutcome")
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setStyleSheet(OUTCOME_STYLE)
        self.outcome_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Cancel the request (Enter)"))
        self.ok_button.setDefault(True)
        self.back_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.back_button.setText(self.tr("Keep it (Esc)"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.outcome_label)
        layout.addWidget(self.buttons)
        name_widgets(self)
        self.outcome_label.setAccessibleName(self.tr("What to do with the book"))
        self.reason.setFocus()

    def submit(self) -> None:
        """Enter: cancel the request; once cancelled, close."""
        if self.outcome is not None:
            self.accept()
            return
        self.error.hide()
        reason = self.reason.text().strip()
        if not reason:
            self._fail(self.tr("Write why the request is cancelled."))
            return
        desk = self.context.circulation
        work: Callable[[], RequestCancelled] = functools.partial(
            desk.cancel_search if self.kind == "search" else desk.cancel_retrieval,
            self.request_id, reason)
        self.buttons.setEnabled(False)
        self.context.tasks.run(work, on_done=self._done, on_error=self._failed)

    def _done(self, outcome: RequestCancelled) -> None:
        self.outcome = outcome
        self.reason.setEnabled(False)
        self.outcome_label.setText(outcome.instruction)
        self.outcome_label.show()
        self.ok_button.setText(self.tr("Done (Enter)"))
        self.back_button.hide()
        self.buttons.setEnabled(True)
        self.ok_button.setFocus()
        self.cancelled.emit(outcome)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, CirculationRefused):
            self._fail(str(error))
            return
        log.error("cancel request: %r", error)
        self._fail(self.tr("This could not be done now; the database did not answer. Try "
                           "again."))

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)
        self.reason.setFocus()
        self.context.messages.sound.emit("error.requests.cancel")


def cancel_sound(outcome: RequestCancelled) -> str:
    """A book to move is a task for staff (a warning); nothing to move is plain news."""
    return "info.requests.cancelled" if outcome.put_back == "none" \
        else f"warning.requests.cancelled.{outcome.put_back}"
