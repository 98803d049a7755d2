"""UI fixtures: the main window on the small test library, signed in as the clerk at MAIN-1.

Everything is real: a SQLite file, the circulation layer, the task runner's worker thread, the
widgets (offscreen). ``scan`` types a code and Enter the way a wedge scanner does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desk.app import setup_appearance
from desk.config import Config
from desk.ui.context import DeskContext
from desk.ui.mainwindow import MainWindow
from desk.ui.message import MessageBridge
from desk.ui.slips import PreviewSlipSink
from desk.ui.tasks import TaskRunner
from tests.support.small_library import Desk


# The offscreen platform plugin warns whenever a top-level window with size hints is shown
# (any QMainWindow); that is the test platform talking, not the desk.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"
UI_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if UI_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(path=tmp_path / "settings.toml")


@pytest.fixture
def context(qtbot, desk: Desk, config: Config) -> Iterator[DeskContext]:
    messages = MessageBridge()
    tasks = TaskRunner(messages)
    context = DeskContext(library=desk.library, circulation=desk.main, config=config,
                          messages=messages, tasks=tasks, slips=PreviewSlipSink())
    yield context
    tasks.wait()


@pytest.fixture
def window(qtbot, qapp, context: DeskContext) -> Iterator[MainWindow]:
    setup_appearance(qapp)
    main = MainWindow(context)
    qtbot.addWidget(main)
    main.resize(1280, 800)              # a common counter monitor (the test screen is smaller)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    context.tasks.wait()


def scan(qtbot, widget: QWidget, code: str) -> None:
    """A wedge scan: the characters in a fast burst, then Enter."""
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
