"""The one background-task helper: runs work off the GUI thread, answers on the GUI thread.

``TaskRunner.run(fn, *args, on_done=..., on_error=...)`` queues ``fn(*args)`` on a worker
thread. Tasks run one after another in the order they were queued (scans must be answered in
the order they were made), and the result or the exception comes back through a queued signal,
so the callbacks run on the GUI thread. While anything is pending the bridge says ``busy(True)``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desk.ui.message import MessageBridge

log = logging.getLogger(__name__)
Callback = Callable[[Any], None]


class _Job(QRunnable):
    def __init__(self, runner: "TaskRunner", job_id: int, fn: Callable[..., Any],
                 args: tuple[Any, ...]) -> None:
        super().__init__()
        self.runner, self.job_id, self.fn, self.args = runner, job_id, fn, args

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except BaseException as exc:  # delivered to on_error on the GUI thread
            self.runner.finished.emit(self.job_id, exc, False)
        else:
            self.runner.finished.emit(self.job_id, result, True)


class TaskRunner(QObject):
    """Runs callables on one worker thread, in order; ``idle`` is emitted when none is left."""

    finished = Signal(int, object, bool)
    idle = Signal()

    def __init__(self, messages: MessageBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.messages = messages
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callback | None, Callback | None]] = {}
        self.finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Callback | None = None,
            on_error: Callback | None = None) -> int:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error)
        if len(self._callbacks) == 1:
            self.messages.busy.emit(True)
        self._pool.start(_Job(self, job_id, fn, args))
        return job_id

    def _deliver(self, job_id: int, value: object, ok: bool) -> None:
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        try:
            if ok:
                if on_done is not None:
                    on_done(value)
            elif on_error is not None:
                on_error(value)
            else:
                log.error("background task failed", exc_info=value)  # type: ignore[arg-type]
                self.messages.error.emit(str(value) or type(value).__name__)
        finally:
            if not self._callbacks:
                self.messages.busy.emit(False)
                self.idle.emit()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the worker has finished everything queued (shutdown, tests)."""
        return self._pool.waitForDone(msecs)
