"""Wedge-scanner detection: a fast burst ending in Enter/Tab is a scan wherever focus is;
typing by hand stays typing; a double read is taken once. (Cleaning the burst — prefix, suffix,
Codabar, check digit — is the devices layer's: tests/ui/test_scan_path.py.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMainWindow, QVBoxLayout, QWidget

from desk.ui.wedge import DuplicateGuard, WedgeFilter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make_window(qtbot, qapp, **options):
    window = QMainWindow()
    body = QWidget()
    layout = QVBoxLayout(body)
    field, other = QLineEdit(), QLineEdit()
    layout.addWidget(field)
    layout.addWidget(other)
    window.setCentralWidget(body)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wedge = WedgeFilter(window, **options)
    qapp.installEventFilter(wedge)
    scans: list[str] = []
    wedge.burst.connect(scans.append)
    return window, field, other, wedge, scans


def test_fast_burst_is_a_scan_and_leaves_no_text_behind(qtbot, qapp):
    window, field, other, wedge, scans = make_window(qtbot, qapp)
    entered: list[str] = []
    other.returnPressed.connect(lambda: entered.append(other.text()))
    other.setText("note: ")
    other.setFocus()
    qtbot.keyClicks(other, "3123456789012")
    qtbot.keyClick(other, Qt.Key.Key_Return)
    assert scans == ["3123456789012"]
    assert other.text() == "note: "           # the burst was taken back out
    assert entered == []                      # Enter was swallowed
    qapp.removeEventFilter(wedge)


def test_tab_also_ends_a_scan_and_the_burst_is_handed_on_as_typed(qtbot, qapp):
    window, field, other, wedge, scans = make_window(qtbot, qapp)
    qtbot.keyClicks(field, "*P0042#")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert scans == ["*P0042#"]               # prefix and suffix are the cleaner's to strip
    assert field.text() == ""
    qapp.removeEventFilter(wedge)


def test_hand_typing_is_not_a_scan(qtbot, qapp):
    clock = Clock()
    window, field, other, wedge, scans = make_window(qtbot, qapp)
    wedge.clock = clock
    entered: list[str] = []
    field.returnPressed.connect(lambda: entered.append(field.text()))
    field.setFocus()
    for char in "B001":
        clock.now += 0.15                     # 150 ms between keys: a person
        qtbot.keyClick(field, char)
    clock.now += 0.2
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == []
    assert entered == ["B001"]                # the line edit got its Enter as usual
    qapp.removeEventFilter(wedge)


def test_real_delays_are_measured(qtbot, qapp):
    window, field, other, wedge, scans = make_window(qtbot, qapp, max_interval_ms=35)
    qtbot.keyClicks(field, "B001", delay=80)  # 80 ms per key with the real clock
    qtbot.keyClick(field, Qt.Key.Key_Return, delay=80)
    assert scans == []
    assert field.text() == "B001"
    qapp.removeEventFilter(wedge)


def test_short_bursts_are_typing(qtbot, qapp):
    window, field, other, wedge, scans = make_window(qtbot, qapp, min_length=4)
    qtbot.keyClicks(field, "ok")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == [] and field.text() == "ok"
    qapp.removeEventFilter(wedge)


def test_duplicate_guard():
    clock = Clock()
    guard = DuplicateGuard(800, clock=clock)
    assert guard.accept("B001")
    clock.now += 0.3
    assert not guard.accept("B001")
    assert guard.accept("B002")
    clock.now += 0.3
    assert guard.accept("B001")               # another code came between
    clock.now += 0.9
    assert guard.accept("B001")               # long enough after
    guard.forget()
    assert guard.accept("B001")


def test_shift_pressed_for_capitals_stays_inside_the_burst(qtbot, qapp):
    """A keyboard wedge types a capital as Shift down, the letter, Shift up (Codabar's A...B
    start/stop, letters in call numbers): the Shift key itself must not end the burst."""
    window, field, other, wedge, scans = make_window(qtbot, qapp)
    field.setFocus()
    shift = Qt.KeyboardModifier.ShiftModifier
    for char in "A30001000000119B":
        if char.isupper():
            qtbot.keyPress(field, Qt.Key.Key_Shift, shift)
            qtbot.keyClick(field, char, shift)
            qtbot.keyRelease(field, Qt.Key.Key_Shift)
        else:
            qtbot.keyClick(field, char)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == ["A30001000000119B"]
    assert field.text() == ""
    qapp.removeEventFilter(wedge)
