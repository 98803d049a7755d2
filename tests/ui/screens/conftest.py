"""A real desk context for the screen tests: the small library on SQLite, the MAIN-1 desk
signed in as the clerk, a real task runner (a worker thread) and the on-screen slip sink.

Named ``screen_context`` so it never shadows the main-window fixtures of tests/ui/conftest.py
for the other screen tests in this directory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QLineEdit, QVBoxLayout, QWidget

from desk.config import Config
from desk.ui.context import DeskContext
from desk.ui.message import MessageBridge
from desk.ui.slips import PreviewSlipSink
from desk.ui.tasks import TaskRunner
from tests.support.small_library import Desk


@dataclass
class Heard:
    """Everything the screens said through the message bridge."""

    info: list[str] = field(default_factory=list)
    warning: list[str] = field(default_factory=list)
    error: list[str] = field(default_factory=list)
    sound: list[str] = field(default_factory=list)


@pytest.fixture
def heard() -> Heard:
    return Heard()


@pytest.fixture
def screen_context(desk: Desk, heard: Heard, qtbot) -> Iterator[DeskContext]:
    messages = MessageBridge()
    for name in ("info", "warning", "error", "sound"):
        getattr(messages, name).connect(getattr(heard, name).append)
    tasks = TaskRunner(messages)
    yield DeskContext(library=desk.library, circulation=desk.main, config=Config(),
                      messages=messages, tasks=tasks, slips=PreviewSlipSink())
    tasks.wait()


@pytest.fixture
def settle(screen_context: DeskContext, qtbot) -> Callable[[], None]:
    """Wait until every queued background task has answered on the GUI thread."""
    def wait() -> None:
        qtbot.waitUntil(lambda: screen_context.tasks.pending == 0, timeout=10000)
    return wait


def type_scan(qtbot, field: QLineEdit, code: str) -> None:
    """Type ``code`` and Enter into ``field`` the way a wedge scanner does."""
    field.setFocus()
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def type_text(field: QLineEdit, text: str) -> None:
    """Type ``text`` (Chinese too) the way an input method commits it; QTest's key clicks only
    know Latin-1 characters."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    field.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


def show(qtbot, widget: QWidget) -> QWidget:
    """Show ``widget`` inside a host window the way the main window holds a screen. The host's
    layout does not constrain the window size (the offscreen platform warns on size hints)."""
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.addWidget(widget)
    host.resize(1000, 700)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    widget.host = host  # keep the host (and so the screen) alive as long as the test holds it
    return widget
