"""The background-task helper: work runs off the GUI thread, answers arrive on it, in order."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from desk.ui.message import MessageBridge
from desk.ui.tasks import TaskRunner


def test_results_come_back_on_the_gui_thread_in_order(qtbot):
    bridge = MessageBridge()
    runner = TaskRunner(bridge)
    gui = QThread.currentThread()
    seen: list[tuple[int, bool, bool]] = []
    workers: list[int] = []

    def work(n: int) -> int:
        workers.append(threading.get_ident())
        return n * 2

    for n in range(5):
        runner.run(work, n, on_done=lambda r: seen.append((r, QThread.currentThread() is gui, True)))
    with qtbot.waitSignal(runner.idle, timeout=5000):
        pass
    assert seen == [(n * 2, True, True) for n in range(5)]
    assert threading.get_ident() not in workers


def test_exceptions_go_to_on_error_and_busy_is_announced(qtbot):
    bridge = MessageBridge()
    runner = TaskRunner(bridge)
    busy: list[bool] = []
    bridge.busy.connect(busy.append)
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("no such thing")

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.run(fail, on_error=errors.append)
    assert [str(e) for e in errors] == ["no such thing"]
    assert busy == [True, False]
    assert runner.pending == 0


def test_unhandled_errors_reach_the_message_bridge(qtbot):
    bridge = MessageBridge()
    runner = TaskRunner(bridge)
    with qtbot.waitSignal(bridge.error, timeout=5000) as blocker:
        runner.run(lambda: 1 / 0)
    assert "division" in blocker.args[0]


def test_an_answer_for_a_screen_closed_meanwhile_is_dropped_and_logged(qtbot, caplog):
    from PySide6.QtWidgets import QLabel
    bridge = MessageBridge()
    runner = TaskRunner(bridge)
    label = QLabel()
    release = threading.Event()
    later: list[int] = []
    runner.run(release.wait, 5, on_done=lambda _: label.setText("done"))
    runner.run(lambda: 7, on_done=later.append)            # the next answer still arrives
    label.deleteLater()
    qtbot.waitUntil(lambda: _deleted(label))
    release.set()
    with caplog.at_level("INFO", logger="desk.ui.tasks"):
        with qtbot.waitSignal(runner.idle, timeout=5000):
            pass
    assert later == [7]
    assert "answered after its screen was gone" in caplog.text


def _deleted(widget) -> bool:  # noqa: ANN001
    from shiboken6 import isValid
    return not isValid(widget)
