"""Key help (Shift+F1, or ``?`` when no text field has focus): every key the desk answers on
the current screen, in the desk's language.

The list is read from what the keys really are, never kept by hand: the window's actions (the
modes, *Bring patron here*, *Reprint*, the menus) and, on the active screen, its ``QShortcut``
objects (described by their ``whatsThis``), its actions and its buttons with a shortcut. A
shortcut without a description is named by the screen's button that mentions its key ("Done
(F12)"); a key nobody described is still listed, with its key alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QDialog, QDialogButtonBox,
                               QHeaderView, QLabel, QMainWindow, QTableWidget, QTableWidgetItem,
                               QToolBar, QVBoxLayout, QWidget)


@dataclass(frozen=True)
class KeyEntry:
    key: str
    description: str
    scope: str          # "screen" or "desk"


def plain(text: str) -> str:
    """A label without its mnemonic ampersand and line breaks."""
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


def key_text(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def _described_by_button(root: QWidget, key: str) -> str:
    """The text of the button that names this key ("Done (F12)"), or its tool tip's."""
    for button in root.findChildren(QAbstractButton):
        if key and key in button.text():
            return plain(button.text())
    for button in root.findChildren(QAbstractButton):
        if key and key in button.toolTip():
            return plain(button.text() or button.toolTip())
    return ""


def screen_keys(screen: QWidget) -> list[KeyEntry]:
    """The keys of one screen: its shortcuts, actions and buttons with a shortcut."""
    entries: list[KeyEntry] = []
    for shortcut in screen.findChildren(QShortcut):
        if not shortcut.isEnabled():
            continue
        key = key_text(shortcut.key())
        if not key:
            continue
        description = plain(shortcut.whatsThis()) or _described_by_button(screen, key)
        entries.append(KeyEntry(key, description, "screen"))
    for action in screen.findChildren(QAction):
        key = key_text(action.shortcut())
        if key and action.isEnabled():
            entries.append(KeyEntry(key, plain(action.text()), "screen"))
    for button in screen.findChildren(QAbstractButton):
        key = key_text(button.shortcut())
        if key and button.isVisibleTo(screen):
            entries.append(KeyEntry(key, plain(button.text() or button.toolTip()), "screen"))
    return entries


def shown_actions(window: QMainWindow) -> list[QAction]:
    """The actions the window offers now: on its tool bars, in its menus, on itself (an
    action of an earlier build that is in none of them has no key any more)."""
    actions = list(window.actions())
    for bar in window.findChildren(QToolBar):
        if bar.isVisible():
            actions += bar.actions()
    menus = [action.menu() for action in window.menuBar().actions() if action.menu()]
    while menus:
        menu = menus.pop()
        for action in menu.actions():
            if action.menu() is not None:
                menus.append(action.menu())
            else:
                actions.append(action)
    return actions


def window_keys(window: QMainWindow) -> list[KeyEntry]:
    """The keys of the window itself: every action with a shortcut that is shown."""
    seen: set[int] = set()
    entries: list[KeyEntry] = []
    for action in shown_actions(window):
        if id(action) in seen or not action.isVisible() or not action.isEnabled():
            continue
        seen.add(id(action))
        key = key_text(action.shortcut())
        if not key:
            continue
        entries.append(KeyEntry(key, plain(action.text()), "desk"))
    return entries


def collect_keys(window: QMainWindow, screen: QWidget | None) -> list[KeyEntry]:
    """The screen's keys first, then the desk's, each key once (the screen's wins, as Qt's
    widget-with-children shortcuts win over the window's)."""
    entries = (screen_keys(screen) if screen is not None else []) + window_keys(window)
    taken: set[str] = set()
    unique: list[KeyEntry] = []
    for entry in entries:
        if entry.key in taken:
            continue
        taken.add(entry.key)
        unique.append(entry)
    return unique


class KeyHelpDialog(QDialog):
    """The key map of the screen: two columns (key, what it does); Esc, Shift+F1 or ? close."""

    def __init__(self, entries: list[KeyEntry], screen_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyHelp")
        self.setWindowTitle(self.tr("Keys — %1").replace("%1", screen_title))
        self.entries = entries
        heading = QLabel(self.tr("Keys on %1 and everywhere at the desk").replace(
            "%1", screen_title))
        heading.setObjectName("keyHelpHeading")
        self.table = QTableWidget(len(entries), 2)
        self.table.setObjectName("keyHelpTable")
        self.table.setAccessibleName(self.tr("Keys"))
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("What it does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        desk_note = self.tr("(everywhere)")
        for row, entry in enumerate(entries):
            key = QTableWidgetItem(entry.key)
            key.setFont(self._bold())
            description = entry.description
            if entry.scope == "desk":
                description = f"{description} {desk_note}"
            self.table.setItem(row, 0, key)
            self.table.setItem(row, 1, QTableWidgetItem(description))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for key in ("Shift+F1", "?"):
            QShortcut(QKeySequence(key), self).activated.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, min(720, 120 + 30 * len(entries)))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def _bold(self) -> QFont:
        font = self.font()
        font.setBold(True)
        return font

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(row, 0).text(), self.table.item(row, 1).text())
                for row in range(self.table.rowCount())]
