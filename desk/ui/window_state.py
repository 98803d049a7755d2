"""The main window's size, place, docks and splitter sizes, remembered on this desk PC.

Kept in ``window.ini`` in the desk's data directory (``desk.config.data_dir``: per PC and per
user, beside the embedded database), not in the shared settings: two desks of one library have
different monitors. A window opened for the first time, or on a screen its remembered place no
longer fits, fills the screen's available area.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

log = logging.getLogger(__name__)
FILE_NAME = "window.ini"


def default_path() -> Path:
    from desk.config import data_dir
    return data_dir() / FILE_NAME


def available_area(window: QWidget) -> QRect:
    """The part of the window's screen (else the primary screen) not taken by task bars."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


class WindowState:
    """Reads and writes one window's geometry and the splitters under it (by object name)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def restore_window(self, window: QMainWindow) -> bool:
        """The remembered size and place, or the whole available screen; True when
        remembered values were used."""
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
            area = available_area(window)
            if area.intersects(window.frameGeometry()):
                return True
            log.info("remembered window place is off every screen: filling the screen")
        area = available_area(window)
        window.setGeometry(area)
        return False

    def restore_docks(self, window: QMainWindow) -> None:
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)

    def save_window(self, window: QMainWindow) -> None:
        self.settings.setValue("window/geometry", window.saveGeometry())
        self.settings.setValue("window/state", window.saveState())
        self.save_splitters(window)
        self.settings.sync()

    def save_splitters(self, root: QWidget) -> None:
        for splitter in named_splitters(root):
            self.settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())

    def restore_splitters(self, root: QWidget) -> None:
        for splitter in named_splitters(root):
            state = self.settings.value(f"splitters/{splitter.objectName()}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)


def named_splitters(root: QWidget) -> list[QSplitter]:
    """The splitters under ``root`` that have an object name (the key they are kept under)."""
    found = root.findChildren(QSplitter)
    if isinstance(root, QSplitter):
        found.insert(0, root)
    return [splitter for splitter in found if splitter.objectName()]
