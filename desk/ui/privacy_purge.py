"""Maintenance ▸ *Anonymise old loan history…* (administrators only).

Counts the loans that would lose their patron (``desk.circulation.privacy.purge_history``, dry
run), asks with that number, then anonymises them — both off the GUI thread on a runner of its
own, so the scans at the counter do not queue behind a long history. The result, or the
refusal, is shown in the status bar in the user's language; the purge is audited by the
circulation layer.
"""

from __future__ import annotations

import functools
import logging
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desk.circulation.notices import CirculationRefused
from desk.circulation.privacy import PurgeResult, purge_history
from desk.ui.context import DeskContext
from desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class PurgeWindow(Protocol):
    """What the purge needs of the main window (which owns it)."""

    context: DeskContext

    def is_admin(self) -> bool: ...

    def show_status(self, text: str, level: str) -> None: ...


class HistoryPurge(QObject):
    """The menu action's work for ``window`` (``parent``: the same window as a widget, for the
    confirmation); ``question`` is the open confirmation, if any."""

    def __init__(self, window: PurgeWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent
        self.runner = TaskRunner(window.context.messages, self, shows_busy=False)
        self.question: QMessageBox | None = None
        self.running = False

    def start(self) -> None:
        if not self.window.is_admin():
            self.window.show_status(
                self.tr("Only an administrator may anonymise loan history."), "warning")
            return
        if self.running:
            return
        self.running = True
        self.window.show_status(self.tr("Counting the loan history to anonymise…"), "info")
        store = self.window.context.library.store
        self.runner.run(functools.partial(purge_history, store, dry_run=True),
                        on_done=self._ask, on_error=self._failed)

    def _cutoff(self, result: PurgeResult) -> str:
        assert result.cutoff is not None
        tz = self.window.context.library.policy.tz
        return result.cutoff.astimezone(tz).strftime("%Y-%m-%d")

    def _ask(self, result: PurgeResult) -> None:
        self.running = False
        if result.cutoff is None:
            self.window.show_status(self.tr("Loan history is kept (history_keep_days is 0): "
                                            "nothing to anonymise."), "info")
            return
        if result.anonymised == 0:
            self.window.show_status(self.tr("No loan returned before %1 is left to anonymise.")
                                    .replace("%1", self._cutoff(result)), "info")
            return
        box = QMessageBox(self.parent_widget)
        box.setObjectName("purgeQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Anonymise old loan history"))
        box.setText(self.tr("%1 loan(s) returned before %2 will lose the link to their "
                            "patron. Dates, items, fines, receipts and settlements stay. "
                            "%3 old loan(s) with money still owed are kept. This cannot be "
                            "undone.")
                    .replace("%1", f"{result.anonymised:,}").replace("%2", self._cutoff(result))
                    .replace("%3", f"{result.kept_owed:,}"))
        box.addButton(self.tr("&Anonymise"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.accepted.connect(self._purge)
        box.finished.connect(lambda _: setattr(self, "question", None))
        self.question = box
        box.open()

    def _purge(self) -> None:
        staff = getattr(self.window.context.circulation, "staff", None)
        if not self.window.is_admin() or staff is None:
            return
        self.running = True
        self.window.show_status(self.tr("Anonymising old loan history…"), "info")
        self.runner.run(functools.partial(purge_history, self.window.context.library.store,
                                          by=staff),
                        on_done=self._done, on_error=self._failed)

    def _done(self, result: PurgeResult) -> None:
        self.running = False
        self.window.show_status(
            self.tr("Anonymised %1 loan(s) returned before %2; money records unchanged.")
            .replace("%1", f"{result.anonymised:,}").replace("%2", self._cutoff(result)),
            "info")

    def _failed(self, error: BaseException) -> None:
        self.running = False
        if isinstance(error, CirculationRefused):
            self.window.show_status(str(error), "error")
            return
        log.error("anonymising loan history failed", exc_info=error)
        self.window.show_status(self.tr("Anonymising the loan history failed; nothing was "
                                        "changed. The log has the details."), "error")
