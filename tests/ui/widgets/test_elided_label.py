"""``ElidedLabel``: a text too long for the width ends in "…" (never cut mid-word silently),
``text()`` stays whole, and it fits again when the label grows or its font changes."""

from __future__ import annotations

from PySide6.QtGui import QFont

from desk.ui.widgets.elided_label import ElidedLabel

OUTCOME = "✔ Done: I90002 Python 資料分析實戰: SHELVE"


def test_a_long_text_is_cut_with_an_ellipsis_and_kept_whole(qtbot) -> None:  # noqa: ANN001
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.show()
    label.resize(label.fontMetrics().horizontalAdvance(OUTCOME) // 2, 30)
    label.setText(OUTCOME)
    assert label.text() == OUTCOME
    assert label.shown_text().endswith("…")
    assert OUTCOME.startswith(label.shown_text()[:-1])
    label.resize(label.fontMetrics().horizontalAdvance(OUTCOME) + 40, 30)
    assert label.shown_text() == OUTCOME


def test_a_bigger_font_fits_the_text_again(qtbot) -> None:  # noqa: ANN001
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.show()
    label.resize(label.fontMetrics().horizontalAdvance(OUTCOME) + 10, 30)
    label.setText(OUTCOME)
    assert label.shown_text() == OUTCOME
    bigger = QFont(label.font())
    bigger.setPointSizeF(bigger.pointSizeF() * 2)
    label.setFont(bigger)
    assert label.shown_text().endswith("…")


def test_clear_empties_the_whole_text(qtbot) -> None:  # noqa: ANN001
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText(OUTCOME)
    label.clear()
    assert label.text() == "" and label.shown_text() == ""
