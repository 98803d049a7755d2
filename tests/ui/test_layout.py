"""The desk fits the counter's screens: at 1280x800 and 1920x1080, in English and Chinese, every
mode is on the toolbar (nothing behind a ``»``), the barcode, patron-name and due-date columns
show their whole values for the demo library's data (each cell's width compared with the font
metrics of its text), the window opens sized to the screen and remembers its size and splitters
on this PC, and the key help lists the keys the screen really has."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QSplitter, QTableWidget, QToolBar, QToolButton
from sqlalchemy import func, select

from desk.app import setup_appearance
from desk.circulation import Library, open_library
from desk.config import Config
from desk.demo import build_demo
from desk.models import Item, Loan, Patron
from desk.ui import i18n
from desk.ui.context import DeskContext
from desk.ui.mainwindow import MainWindow
from desk.ui.message import MessageBridge
from desk.ui.slips import PreviewSlipSink
from desk.ui.tasks import TaskRunner
from desk.ui.widgets.tables import is_cut, text_room, text_width
from tests.support.clock import TAIPEI, FakeClock

NOW = datetime(2026, 12, 1, 14, 0, tzinfo=TAIPEI)
SIZES = [(1280, 800), (1920, 1080)]
# Headings (English, Chinese) of the columns that must never be cut.
WHOLE = {"Barcode", "Due", "Former borrower", "Card", "Name", "Item", "Patron", "New due",
         "條碼", "到期日", "原借閱者", "借書證", "姓名", "館藏", "讀者", "新到期日"}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("layout") / "demo.db"
    url = f"sqlite:///{path}"
    build_demo(url, patrons=60, items=300, now=NOW - timedelta(hours=1))
    return url


@pytest.fixture
def library(demo_url: str) -> Iterator[Library]:
    library = open_library(demo_url, clock=FakeClock(NOW))
    yield library
    library.close()


@pytest.fixture
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own desk PC: the window's remembered state starts empty."""
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "pc"))
    return tmp_path / "pc"


class Counter:
    def __init__(self, qtbot, library: Library, language: str) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.library = library
        messages = MessageBridge()
        staff = library.sign_in("clerk", "clerk")
        self.context = DeskContext(library=library, circulation=library.circulation("MAIN-1", staff),
                                   config=Config(path=None), messages=messages,
                                   tasks=TaskRunner(messages), slips=PreviewSlipSink())
        self.window = MainWindow(self.context)
        qtbot.addWidget(self.window)
        if language != "en":
            self.window.switch_language(language)

    def show(self, width: int, height: int) -> None:
        self.window.resize(width, height)
        self.window.show()
        self.qtbot.waitExposed(self.window)
        self.window.activateWindow()
        self.settle()

    def settle(self) -> None:
        for _ in range(5):
            self.context.tasks.wait()
            self.qtbot.wait(20)

    def scan(self, code: str) -> None:
        self.window.scan(code)
        self.settle()


@pytest.fixture(params=["en", "zh_TW"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    yield request.param
    i18n.install("en")


@pytest.fixture
def counter(qtbot, qapp, library: Library, language: str,  # noqa: ANN001
            own_data_dir: Path) -> Iterator[Counter]:
    setup_appearance(qapp)
    counter = Counter(qtbot, library, language)
    yield counter
    counter.settle()


def overflowing(bar: QToolBar) -> bool:
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    return extension is not None and extension.isVisible()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_mode_is_on_the_toolbar_with_its_key(counter: Counter, size: tuple[int, int]
                                                   ) -> None:
    counter.show(*size)
    window = counter.window
    bars = [bar for bar in window.findChildren(QToolBar) if bar.isVisible()]
    assert not [bar.objectName() for bar in bars if overflowing(bar)]
    actions = [*window.actions_by_mode.values(), window.last_patron_action,
               window.reprint_action, window.key_help_action]
    for action in actions:
        if not action.isVisible():               # the Staff screen: administrators only
            continue
        buttons = [bar.widgetForAction(action) for bar in bars if action in bar.actions()]
        assert buttons and buttons[0] is not None and buttons[0].isVisible(), action.text()
        key = action.shortcut().toString()
        if key:
            assert key in buttons[0].text() and key in action.toolTip(), action.toolTip()
        right = buttons[0].mapTo(window, buttons[0].rect().topRight()).x()
        assert right <= window.width(), action.text()


def test_large_text_moves_modes_to_another_row_never_behind_a_chevron(counter: Counter,
                                                                       qapp) -> None:  # noqa: ANN001
    from desk.ui.appearance import apply_appearance
    counter.show(1280, 800)
    window = counter.window
    try:
        apply_appearance(qapp, 200)
        counter.settle()
        window.reflow_modes()
        counter.settle()
        bars = [bar for bar in window.findChildren(QToolBar) if bar.isVisible()]
        assert not [bar.objectName() for bar in bars if overflowing(bar)]
        for action in window.actions_by_mode.values():
            if action.isVisible():
                buttons = [bar.widgetForAction(action) for bar in bars if action in bar.actions()]
                assert buttons and buttons[0].isVisible(), action.text()
                right = buttons[0].mapTo(window, buttons[0].rect().topRight()).x()
                assert right <= window.width(), action.text()
    finally:
        apply_appearance(qapp)
    counter.settle()
    window.reflow_modes()
    assert not any(row.isVisible() for row in window.more_toolbars)    # back to two rows


def whole_columns(table: QTableWidget) -> list[int]:
    return [column for column in range(table.columnCount())
            if (heading := table.horizontalHeaderItem(column)) is not None
            and heading.text() in WHOLE]


def cut_cells(table: QTableWidget) -> list[str]:
    """The barcode, name and due cells whose text is wider than their column."""
    found = []
    for column in whole_columns(table):
        for row in range(table.rowCount()):
            cell = table.item(row, column)
            if cell is None or not cell.text():
                continue
            index = table.model().index(row, column)
            if is_cut(table, index, cell.text()):
                found.append(f"{table.objectName()}[{row},{column}] {cell.text()!r}: "
                             f"{text_width(table, index, cell.text())} px in "
                             f"{text_room(table, index)} px")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_barcode_name_and_due_are_never_cut(counter: Counter, library: Library,
                                            size: tuple[int, int]) -> None:
    with library.sessions() as session:
        # The demo patron with the longest name borrows, then returns, at this desk.
        longest = session.execute(
            select(Patron.barcode, Patron.name).where(Patron.blocked.is_(False))
            .order_by(func.length(Patron.name).desc(), Patron.barcode)).first()
        on_loan = select(Loan.item_id).where(Loan.returned_at.is_(None))
        available = session.scalars(
            select(Item.barcode).where(Item.status == "available", Item.id.not_in(on_loan),
                                       Item.item_type == "book")
            .order_by(Item.barcode).limit(3)).all()
    assert longest is not None and len(available) == 3
    counter.show(*size)
    window = counter.window
    window.set_mode("checkout")
    counter.scan(longest.barcode)
    for barcode in available:
        counter.scan(barcode)
    checkout = window.screens["checkout"]
    assert checkout.table.rowCount() >= 1
    assert whole_columns(checkout.table)
    assert not cut_cells(checkout.table)
    window.set_mode("renew")
    counter.scan(longest.barcode)
    renew = window.screens["renew"]
    assert not cut_cells(renew.table)
    window.set_mode("checkin")
    for barcode in available:
        counter.scan(barcode)
    checkin = window.screens["checkin"]
    assert checkin.table.rowCount() >= 1
    names = [checkin.table.item(row, column).text()
             for column in whole_columns(checkin.table) for row in range(checkin.table.rowCount())
             if checkin.table.item(row, column) is not None]
    assert longest.name in names
    assert not cut_cells(checkin.table)
    # The banners tell a screen reader what they show.
    assert checkin.banner.accessibleName() and \
        checkin.banner.headline.text() in checkin.banner.accessibleDescription()
    assert longest.name in checkout.panel.accessibleDescription()
    window.set_mode("patron_search")
    counter.scan(longest.barcode)
    for table in window.screens["patron_search"].findChildren(QTableWidget):
        if table.isVisible():
            assert not cut_cells(table)


@pytest.mark.qt_log_ignore("This plugin does not support raise")   # the tool tip, offscreen
def test_a_cut_cell_tells_its_whole_text(counter: Counter, qtbot) -> None:  # noqa: ANN001
    counter.show(1280, 800)
    checkout = counter.window.screens["checkout"]
    table = checkout.table
    table.setRowCount(1)
    from PySide6.QtWidgets import QTableWidgetItem
    long_title = "A title far too long for its column " * 8
    table.setItem(0, 1, QTableWidgetItem(long_title))
    index = table.model().index(0, 1)
    assert is_cut(table, index, long_title)
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtWidgets import QToolTip
    rect = table.visualRect(index)
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), table.viewport().mapToGlobal(
        rect.center()))
    QApplication.sendEvent(table.viewport(), event)
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text() == long_title)


def test_the_window_fills_the_screen_then_remembers_this_pc(qtbot, qapp, library: Library,  # noqa: ANN001
                                                            own_data_dir: Path) -> None:
    setup_appearance(qapp)
    first = Counter(qtbot, library, "en")
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert first.window.geometry().size() == area.size()     # not a fixed 1180x760
    first.show(area.width() - 100, area.height())
    assert first.window.width() < area.width()
    first.window.set_mode("item_status")
    splitter = first.window.findChild(QSplitter, "itemStatusSplitter")
    assert splitter is not None
    total = sum(splitter.sizes())
    splitter.setSizes([total // 4, total - total // 4])
    remembered = splitter.sizes()
    # what the window is when it closes (a screen wider than the window grows it to fit)
    wanted = (first.window.width(), first.window.height())
    assert wanted[0] < area.width()
    first.window.close()
    assert (own_data_dir / "window.ini").exists()

    second = Counter(qtbot, library, "en")
    # The width exactly; the height less at most the title bar the test screen has no room for.
    assert second.window.width() == wanted[0]
    assert wanted[1] - 30 <= second.window.height() <= wanted[1]
    second.window.show()
    qtbot.waitExposed(second.window)
    second.window.set_mode("item_status")
    again = second.window.findChild(QSplitter, "itemStatusSplitter")
    assert again is not None
    # The same share (the window may be a few pixels shorter, see above).
    assert abs(again.sizes()[0] / sum(again.sizes()) - remembered[0] / sum(remembered)) < 0.02
    second.window.close()


def test_key_help_lists_the_screens_keys_in_the_desks_language(counter: Counter, language: str,
                                                               qtbot) -> None:  # noqa: ANN001
    counter.show(1280, 800)
    window = counter.window
    window.set_mode("checkout")
    checkout = window.screens["checkout"]
    checkout.table.setFocus()                       # not a text field: ? opens the help
    qtbot.keyClicks(checkout.table, "?")
    qtbot.waitUntil(lambda: window.key_help is not None and window.key_help.isVisible())
    rows = dict(window.key_help.rows())
    # The keys the window and the screen really have, each with what it does.
    for action in (*window.actions_by_mode.values(), window.reprint_action,
                   window.last_patron_action):
        if action.isVisible() and action.shortcut().toString():
            assert action.shortcut().toString() in rows
    assert {"F12", "Esc", "Ctrl+O"} <= set(rows)
    assert all(description.strip() for description in rows.values()), rows
    if language == "zh_TW":
        assert rows["F1"].startswith("借書") and rows["F12"].startswith("完成"), rows
    window.key_help.reject()
    qtbot.waitUntil(lambda: window.key_help is None or not window.key_help.isVisible())
    # In the scan field ? is a character, not the help.
    window.key_help = None
    checkout.scan_field.setFocus()
    qtbot.keyClicks(checkout.scan_field, "?")
    assert window.key_help is None and "?" in checkout.scan_field.text()
    qtbot.keyClick(checkout.scan_field, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.key_help is not None and window.key_help.isVisible())
    window.key_help.reject()


def test_every_key_of_every_screen_says_what_it_does(counter: Counter) -> None:
    """Each screen there is (``screen_classes``, so screens added later are walked too)."""
    from desk.ui.key_help import collect_keys
    counter.show(1280, 800)
    window = counter.window
    missing: dict[str, list[str]] = {}
    for key in list(window.screens):
        window.set_mode(key)
        counter.settle()
        screen = window.active_screen
        if screen is None or screen.mode_key != key:
            continue                                  # administrators only
        entries = collect_keys(window, screen)
        blank = [entry.key for entry in entries if not entry.description.strip()]
        if blank:
            missing[key] = blank
    assert not missing, missing


def test_every_interactive_widget_of_every_screen_has_an_accessible_name(counter: Counter
                                                                        ) -> None:
    """Walks the window and each screen there is (screens added later included)."""
    from desk.ui.accessibility import unnamed
    counter.show(1280, 800)
    window = counter.window
    found: dict[str, list[str]] = {}
    for key in list(window.screens):
        window.set_mode(key)
        counter.settle()
        screen = window.screens.get(key)
        if screen is None:
            continue
        missing = unnamed(screen)
        if missing:
            found[key] = [f"{type(widget).__name__} {widget.objectName()!r}" for widget in missing]
    chrome = [widget for widget in unnamed(window)
              if not any(screen.isAncestorOf(widget) for screen in window.screens.built().values())]
    if chrome:
        found["window"] = [f"{type(widget).__name__} {widget.objectName()!r}" for widget in chrome]
    assert not found, "\n".join(f"{key}: {', '.join(names)}" for key, names in found.items())


def test_text_size_high_contrast_volume_and_flash_are_set_in_settings(counter: Counter,
                                                                      qapp) -> None:  # noqa: ANN001
    """The Settings dialog's Screen and sounds tab changes the whole desk at once."""
    from desk.ui.appearance import apply_appearance
    from desk.ui.settings_dialog import SettingsDialog
    counter.show(1280, 800)
    window = counter.window
    checkout = window.screens["checkout"]
    before = checkout.scan_field.fontInfo().pointSizeF()
    dialog = SettingsDialog(counter.context.config, window)
    dialog.applied.connect(window._settings_applied)
    dialog.editors["text_size_percent"].setValue(150)
    dialog.editors["high_contrast"].setChecked(True)
    dialog.editors["sound_volume"].setValue(20)
    dialog.editors["flash"].setChecked(False)
    dialog.apply()
    counter.settle()
    try:
        assert counter.context.config.get("text_size_percent") == 150
        after = checkout.scan_field.fontInfo().pointSizeF()
        assert after == pytest.approx(before * 1.5, rel=0.1)
        assert "6px dashed" in qapp.styleSheet()                   # the high-contrast banners
        assert window.sounds.volume == pytest.approx(0.2)
        flashes = window.flash.count
        counter.context.messages.error.emit("refused")
        assert window.flash.count == flashes                      # no flash: switched off
        # The editors keep to the settings' ranges: 250 % cannot be typed.
        dialog = SettingsDialog(counter.context.config, window)
        dialog.editors["text_size_percent"].setValue(250)
        dialog.editors["sound_volume"].setValue(300)
        assert dialog.value("text_size_percent") == 200 and dialog.value("sound_volume") == 100
        dialog.reject()
    finally:
        apply_appearance(qapp)


def test_the_last_scans_outcome_stays_large_until_the_next_scan(counter: Counter,
                                                                library: Library) -> None:
    with library.sessions() as session:
        patron = session.scalar(select(Patron.barcode).where(Patron.blocked.is_(False))
                                .order_by(Patron.barcode))
        on_loan = select(Loan.item_id).where(Loan.returned_at.is_(None))
        book = session.scalar(select(Item.barcode).where(Item.status == "available",
                                                         Item.id.not_in(on_loan))
                              .order_by(Item.barcode))
    counter.show(1280, 800)
    window = counter.window
    window.set_mode("checkout")
    counter.scan(patron)
    counter.scan(book)
    shown = window.last_scan.text()
    assert book in shown and window.last_scan.property("outcome") == "info"
    assert window.last_scan.font().pointSizeF() > window.status_text.font().pointSizeF()
    window.show_status("Something else happened.", "info")       # not a scan: beside it
    assert window.last_scan.text() == shown and window.status_text.isVisible()
    counter.scan("39999999999999")                               # no such item
    assert window.last_scan.property("outcome") in ("error", "warning")
    assert window.last_scan.text().startswith(("✖", "⚠")) and window.last_scan.text() != shown
    assert window.last_scan.accessibleDescription()


def test_a_patrons_own_screen_fits_1280_px(counter: Counter, qtbot) -> None:  # noqa: ANN001
    """Every tab of the patron's screen (the header's buttons, the tab bar of eight) within a
    1280 px screen: the window never grows past it."""
    counter.show(1280, 800)
    counter.window.set_mode("patron_search")
    search = counter.window.screens["patron_search"]
    with counter.library.read_sessions() as session:
        from sqlalchemy import select

        from desk.models import Patron
        card = session.scalars(select(Patron.barcode).order_by(Patron.id)).first()
    assert card is not None
    counter.window.scan(card)
    qtbot.waitUntil(lambda: search.record.record is not None)
    counter.settle()
    for index in range(search.record.tabs.count()):
        search.record.tabs.setCurrentIndex(index)
        counter.settle()
        assert counter.window.width() <= 1280, search.record.tabs.tabText(index)
