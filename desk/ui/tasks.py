"""The one background-task helper: runs work off the GUI thread, answers on the GUI thread.

``TaskRunner.run(fn, *args, on_done=..., on_error=...)`` queues ``fn(*args)`` on a worker
thread. Tasks run one after another in the order they were queued (scans must be answered in
the order they were made), and the result or the exception comes back through a queued signal,
so the callbacks run on the GUI thread. Only the job number travels through the signal; the
value waits in a locked dict (PySide6 can miscount references of Python objects sent through
queued signals under load). A refusal that ends the desk session (``staff_inactive``: the
staff member's account was disabled) is handed to the task's ``on_error`` as any other, and
also said once to the bridge (``session_ended``), whichever screen asked. While anything is pending the bridge says ``busy(True)``, unless
the runner was made with ``shows_busy=False``: a second runner for long housekeeping (the
automatic backups) has its own worker, so a scan never waits behind it, and no busy bar.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from desk.circulation import CirculationRefused
from desk.ui.message import MessageBridge

log = logging.getLogger(__name__)
Callback = Callable[[Any], None]


def ends_session(error: object) -> bool:
    """Whether ``error`` says the signed-in staff member may no longer work at the desk."""
    return isinstance(error, CirculationRefused) and "staff_inactive" in error.codes


class TaskRunner(QObject):
    """Runs callables on one worker thread, in order; ``idle`` is emitted when none is left."""

    finished = Signal(int)
    idle = Signal()

    def __init__(self, messages: MessageBridge, parent: QObject | None = None, *,
                 shows_busy: bool = True) -> None:
        super().__init__(parent)
        self.messages = messages
        self.shows_busy = shows_busy
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callback | None, Callback | None]] = {}
        self._outcomes: dict[int, tuple[Any, bool]] = {}
        self._lock = threading.Lock()
        self.finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Callback | None = None,
            on_error: Callback | None = None) -> int:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error)
        if len(self._callbacks) == 1 and self.shows_busy:
            self.messages.busy.emit(True)
        # A plain callable, not a QRunnable subclass: PySide6 deletes auto-deleting Python
        # runnables under their wrappers, which corrupts reference counts under load.
        self._pool.start(functools.partial(self._work, job_id, fn, args))
        return job_id

    def _work(self, job_id: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        """Runs on the worker thread."""
        try:
            outcome: tuple[Any, bool] = (fn(*args), True)
        except BaseException as exc:  # delivered to on_error on the GUI thread
            outcome = (exc, False)
        with self._lock:
            self._outcomes[job_id] = outcome
        self.finished.emit(job_id)

    def _deliver(self, job_id: int) -> None:
        with self._lock:
            value, ok = self._outcomes.pop(job_id)
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        try:
            if ok:
                if on_done is not None:
                    on_done(value)
            elif on_error is not None:
                on_error(value)
            else:
                log.error("background task failed", exc_info=value)
                self.messages.error.emit(str(value) or type(value).__name__)
            if not ok and ends_session(value):
                self.messages.session_ended.emit(str(value))
        except RuntimeError as error:
            # The screen that asked was closed meanwhile (a language switch rebuilds every
            # screen, a sign-out hides them): its answer has nobody to show it to. The work
            # itself is committed; only the display is dropped, and it is logged.
            if "already deleted" not in str(error):
                raise
            log.info("task %d answered after its screen was gone: %s", job_id, error)
        finally:
            if not self._callbacks:
                if self.shows_busy:
                    self.messages.busy.emit(False)
                self.idle.emit()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the worker has finished everything queued (shutdown, tests)."""
        return self._pool.waitForDone(msecs)
