"""The status bar on its own: the first message after a scan is that scan's outcome (large, with
an icon and a word, until the next scan), other messages go beside it with their level, the busy
bar shows only when work takes longer than ``BUSY_DELAY_MS``, and the devices' reports are said
in words."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from desk.ui.status_bar import BUSY_DELAY_MS, StatusBar


def status_bar(qtbot) -> tuple[QMainWindow, StatusBar]:  # noqa: ANN001
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = StatusBar(window.statusBar(), window)
    bar.build(None)
    window.show()
    qtbot.waitExposed(window)
    return window, bar


def test_the_first_message_after_a_scan_is_its_outcome(qtbot) -> None:  # noqa: ANN001
    _window, bar = status_bar(qtbot)
    bar.show("Signed in", "info")
    assert bar.status_text.text() == "Signed in" and bar.scan.label.text() == ""
    bar.scan.taken("B001")
    assert bar.scan.label.text() == "… B001"
    assert bar.scan.label.property("outcome") == "waiting"
    bar.show("Item not found", "error")
    assert bar.scan.label.text() == "✖ Refused: B001 — Item not found"
    assert bar.scan.label.property("outcome") == "error"
    assert bar.scan.label.toolTip() == "Item not found"
    assert not bar.status_text.isVisible()
    bar.show("Slip printed", "info")                      # not an outcome: beside it
    assert bar.scan.label.text() == "✖ Refused: B001 — Item not found"
    assert bar.status_text.isVisible() and bar.status_text.text() == "Slip printed"
    assert bar.status_text.property("level") == "info"
    bar.scan.clear()
    assert bar.scan.label.text() == "" and not bar.scan.waiting


def test_the_busy_bar_waits_before_it_shows(qtbot) -> None:  # noqa: ANN001
    _window, bar = status_bar(qtbot)
    bar.set_busy(True)
    assert not bar.busy_bar.isVisible()
    qtbot.waitUntil(bar.busy_bar.isVisible, timeout=BUSY_DELAY_MS * 20)
    bar.set_busy(False)
    assert not bar.busy_bar.isVisible()
    bar.set_busy(True)
    bar.set_busy(False)                                   # quick work: never shown
    qtbot.wait(BUSY_DELAY_MS * 2)
    assert not bar.busy_bar.isVisible()


def test_a_drawer_that_did_not_open_and_a_waiting_slip_are_said(qtbot) -> None:  # noqa: ANN001
    _window, bar = status_bar(qtbot)
    bar.drawer_finished(True, "")
    assert bar.status_text.text() == ""
    bar.drawer_finished(False, "no paper")
    assert bar.status_text.text() == "The cash drawer did not open: no paper"
    assert bar.status_text.property("level") == "warning"
    bar.print_queue_changed(2, "2 slips are waiting to print")
    assert bar.status_text.text() == "2 slips are waiting to print"


def test_a_rebuild_leaves_one_set_of_widgets(qtbot) -> None:  # noqa: ANN001
    window, bar = status_bar(qtbot)
    first = bar.status_text
    bar.build(None)
    qtbot.waitUntil(lambda: first not in window.statusBar().findChildren(type(first)))
    assert bar.status_text is not first and bar.device_status is None
