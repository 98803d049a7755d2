"""The desk sends the patron notices itself every ``notices_send_every_minutes`` (0: never;
then cron or a scheduled task runs ``python -m desk notices send``), off the GUI thread through
a ``TaskRunner`` of its own that does not show the busy cursor: a scan never waits behind a run.
Several desks (and cron) may send at once: the outbox's claims keep each notice to one sender.
A server that is down or a failed notice is said on the status bar; the notices wait."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from desk.circulation.outbox.sender import SendReport
from desk.ui.context import DeskContext
from desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class NoticeScheduler(QObject):
    """Runs ``notices send`` on a timer (the settings are read at every run)."""

    def __init__(self, context: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tasks = TaskRunner(context.messages, self, shows_busy=False)
        self.running = False
        self.last: SendReport | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.send)

    def start(self) -> None:
        """Start the timer when the setting asks for one (again after a settings change)."""
        minutes = int(self.context.config.get("notices_send_every_minutes"))
        if minutes <= 0:
            self.timer.stop()
            return
        self.timer.start(minutes * 60 * 1000)

    def send(self) -> None:
        if self.running:
            return
        # here, not at the top: the desk starts without reportlab (test_startup)
        from desk.circulation.outbox.run import library_name, send_notices
        from desk.receipts.notice_letters import letters_printer, notices_directory
        self.running = True
        library, config = self.context.library, self.context.config
        printer = letters_printer(notices_directory(config), library.now, library.policy.tz,
                                  library_name(config))
        self.tasks.run(lambda: send_notices(library, config, print_letters=printer),
                       on_done=self._done, on_error=self._failed)

    def _done(self, report: SendReport) -> None:
        self.running = False
        self.last = report
        messages = self.context.messages
        if report.server_down is not None:
            log.warning("notices: mail server down: %s", report.server_down)
            messages.warning.emit(self.tr("The mail server cannot be reached: notices wait and "
                                          "are tried again later."))
        if report.failed:
            messages.warning.emit(self.tr("%1 notice(s) could not be sent: see Notices.")
                                  .replace("%1", str(len(report.failed))))
        if report.printed_to is not None:
            messages.info.emit(self.tr("Notices to print: %1").replace(
                "%1", str(report.printed_to)))

    def _failed(self, error: BaseException) -> None:
        self.running = False
        log.error("sending notices failed", exc_info=error)
        self.context.messages.warning.emit(self.tr("Notices could not be sent: %1").replace(
            "%1", str(error) or type(error).__name__))
