"""The desk's automatic backups: after each day close and on a timer, run off the GUI thread by
a ``TaskRunner`` of their own (a backup of a large library takes seconds, and the desk's own
runner answers scans in order: a scan must never queue behind a backup), with the outcome on the status bar through the message
bridge — a warning when the newest good backup is older than ``backup_max_age_hours`` or the
backup folder cannot be written.

The timer only looks every ``CHECK_INTERVAL_MS``; a backup is made when the newest one in the
folder is older than ``backup_every_hours``, whichever desk made it, so desks sharing a folder
do not each make one. The settings are read at every look, so a change applies at the next.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from desk.backup.auto import AutoOutcome, auto_backup
from desk.backup.status import configured_directory
from desk.ui.context import DeskContext
from desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
CHECK_INTERVAL_MS = 10 * 60 * 1000


class BackupScheduler(QObject):
    """Backs the library up when due and after ``messages.day_closed``; says how it went."""

    def __init__(self, context: DeskContext, parent: QObject | None = None, *,
                 interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.context = context
        self.tasks = TaskRunner(context.messages, self, shows_busy=False)
        self.running = False
        self.again = False          # a day close arrived while a backup was running
        self.last: AutoOutcome | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        context.messages.day_closed.connect(self.day_closed)

    def start(self) -> None:
        """Look at once (the warning shows from the start), then every interval."""
        self.timer.start()
        QTimer.singleShot(0, self.check)

    @property
    def directory(self) -> Path:
        return configured_directory(self.context.config)

    def check(self) -> None:
        """The timer's look: back up if due, warn if stale or unwritable."""
        self._run(now_due=False)

    def day_closed(self) -> None:
        """A desk-day was closed: back up now, whatever the age of the last backup."""
        self._run(now_due=True)

    def _run(self, *, now_due: bool) -> None:
        if self.running:
            self.again = self.again or now_due
            return
        self.running = True
        config = self.context.config
        url = self.context.library.engine.url.render_as_string(hide_password=False)
        directory = self.directory
        settings = {"every_hours": config.get("backup_every_hours"),
                    "keep_daily": config.get("backup_keep_daily"),
                    "keep_weekly": config.get("backup_keep_weekly")}
        self.tasks.run(lambda: auto_backup(url, directory, now_due=now_due, **settings),
                               on_done=self._done, on_error=self._failed)

    def _finish(self) -> None:
        self.running = False
        if self.again:
            self.again = False
            self._run(now_due=True)

    def _done(self, outcome: AutoOutcome) -> None:
        self.last = outcome
        messages = self.context.messages
        status = outcome.status
        if outcome.result is not None:
            messages.info.emit(self.tr("Library backed up: %1").replace(
                "%1", str(outcome.result.path)))
        if outcome.error is not None:
            log.warning("automatic backup failed: %s", outcome.error.message)
            messages.warning.emit(self.tr("The backup failed: %1").replace(
                "%1", outcome.error.message))
        elif status.unwritable:
            messages.warning.emit(self.tr("The backup folder %1 cannot be written (%2): the "
                                          "library is not being backed up.")
                                  .replace("%1", str(status.directory))
                                  .replace("%2", status.unwritable))
        elif status.older_than(self.context.config.get("backup_max_age_hours")):
            if status.latest is None:
                messages.warning.emit(self.tr("The library has no backup yet in %1.")
                                      .replace("%1", str(status.directory)))
            else:
                hours = int(status.age.total_seconds() // 3600) if status.age else 0
                messages.warning.emit(self.tr("The last good backup is %1 hours old (%2): "
                                              "check the backup folder %3.")
                                      .replace("%1", str(hours))
                                      .replace("%2", status.latest.path.name)
                                      .replace("%3", str(status.directory)))
        self._finish()

    def _failed(self, error: BaseException) -> None:
        log.error("automatic backup failed", exc_info=error)
        self.context.messages.warning.emit(self.tr("The backup failed: %1").replace(
            "%1", str(error) or type(error).__name__))
        self._finish()
