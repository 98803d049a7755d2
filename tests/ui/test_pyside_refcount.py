"""The installed PySide6 must not leak references to None (6.12.0 does: the desk then aborts)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_null_returns_keep_none_alive(qtbot) -> None:  # noqa: ANN001
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(1000):
        assert widget.parentWidget() is None
    assert before - sys.getrefcount(None) < 10
