"""The rows of mode buttons at the top of the main window, every one visible at 1280 px (nothing
behind a ``»``): the counter row (the function-key modes) and below it the back-office row (Ctrl
keys or none, and what the window adds there); more rows when large text or a narrow window
needs it (``reflow``). Each button reads "key name", its tool tip says the key again."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from desk.ui.screen import Screen

log = logging.getLogger(__name__)
FUNCTION_KEYS = {f"F{number}" for number in range(1, 36)}
SPARE_MODE_ROWS = 3           # rows for modes beyond the two, for large text
# Keys the window itself uses (DESIGN: Evergreen's map); a mode asking for one does not get it.
RESERVED_KEYS = ("F7", "F8", "F9", "F12", "Esc")
SEPARATOR_WIDTH = 10
UNKNOWN_BUTTON_WIDTH = 120
BUTTON_GAP = 4
MIN_ROW_WIDTH = 200
WINDOW_MARGIN = 24


def is_function_key(key: str) -> bool:
    return key in FUNCTION_KEYS


def label_with_key(action: QAction) -> None:
    """The toolbar button reads "F1 Checkout" and its tool tip ends with the key; the menus
    show the plain name with the key beside it (Qt's own)."""
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    if not key:
        return
    action.setIconText(f"{key} {action.text()}")
    tip = action.toolTip()
    if key not in tip:
        action.setToolTip(f"{tip} ({key})")


def pack(items: Iterable[list[QAction | None]], width: Callable[[QAction | None], int],
         available: int, rows: int) -> list[list[QAction | None]]:
    """The actions (a separator as None) of each group on as few rows of ``available`` pixels
    as they fit, a group starting a row of its own; what is beyond ``rows`` goes on the last."""
    packed: list[list[QAction | None]] = []
    for group in items:
        current: list[QAction | None] = []
        used = 0
        for action in group:
            needed = width(action)
            if current and used + needed > available:
                packed.append(current)
                current, used = [], 0
            if action is None and not current:
                continue
            current.append(action)
            used += needed
        if current:
            packed.append(current)
    if len(packed) > rows:
        packed = packed[:rows - 1] + [[a for row in packed[rows - 1:] for a in row]]
    return packed


class ModeRows(QObject):
    """``counter``, ``office`` and the hidden ``spare`` rows, added to ``window``."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__()          # made anew with the toolbars at each rebuild: not a child
        self.window = window
        self.counter = self._row(self.tr("Counter modes"), "modesToolbar")
        window.addToolBarBreak()
        self.office = self._row(self.tr("Back-office modes"), "officeToolbar")
        # Used only when the two rows do not fit (large text, a narrow window, many modes).
        self.spare: list[QToolBar] = []
        for number in range(SPARE_MODE_ROWS):
            window.addToolBarBreak()
            row = self._row(self.tr("More modes"), f"moreModesToolbar{number + 1}")
            row.hide()
            self.spare.append(row)
        self._items: tuple[list[QAction | None], ...] = ()
        self._rows: list[list[QAction | None]] = []

    def _row(self, title: str, name: str) -> QToolBar:
        row = QToolBar(title)
        row.setObjectName(name)
        row.setMovable(False)
        row.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, row)
        return row

    def add_modes(self, classes: Iterable[type[Screen]],
                  choose: Callable[[str], None]) -> dict[str, QAction]:
        """A checkable action a mode, on the counter row when its key is a function key;
        a key that is reserved or taken is not given (and logged)."""
        group = QActionGroup(self.window)
        used = set(RESERVED_KEYS)
        actions: dict[str, QAction] = {}
        for cls in classes:
            key = QKeySequence(cls.shortcut).toString() if cls.shortcut else ""
            if key and key in used:
                log.warning("mode %s: shortcut %s is taken; the mode gets none",
                            cls.mode_key, key)
                key = ""
            used.add(key)
            action = QAction(cls.mode_title(), self.window)
            action.setObjectName(f"mode_{cls.mode_key}")
            action.setCheckable(True)
            if key:
                action.setShortcut(QKeySequence(key))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            label_with_key(action)
            action.triggered.connect(lambda _=False, mode=cls.mode_key: choose(mode))
            group.addAction(action)
            (self.counter if is_function_key(key) else self.office).addAction(action)
            actions[cls.mode_key] = action
        return actions

    def settle(self) -> None:
        """The rows are filled: remember their contents for ``reflow`` (the toolbars own and
        delete their own separators)."""
        self._items = tuple([None if action.isSeparator() else action
                             for action in row.actions()]
                            for row in (self.counter, self.office))
        self._rows = []

    def reflow(self, window_width: int) -> None:
        """Put the buttons on as many rows (up to five) as ``window_width`` needs, so that none
        is ever behind a ``»``: the counter modes first, the back-office ones after."""
        available = max(MIN_ROW_WIDTH, window_width - WINDOW_MARGIN)
        rows = [self.counter, self.office, *self.spare]
        buttons = {id(action): widget for row in rows for action in row.actions()
                   if (widget := row.widgetForAction(action)) is not None}

        def width(action: QAction | None) -> int:
            if action is None:
                return SEPARATOR_WIDTH
            if not action.isVisible():
                return 0
            button = buttons.get(id(action))
            hint = button.sizeHint().width() if button is not None else UNKNOWN_BUTTON_WIDTH
            return hint + BUTTON_GAP

        packed = pack(self._items, width, available, len(rows))
        if packed == self._rows:
            return
        self._rows = packed
        for row, actions in zip(rows, packed + [[]] * (len(rows) - len(packed))):
            row.clear()
            for action in actions:
                if action is None:
                    row.addSeparator()
                else:
                    row.addAction(action)
            row.setVisible(bool(actions))
