"""How the desk looks, from the settings: the style sheet at the chosen text size (100-200 %)
and, with ``high_contrast``, the black-and-white style on top.

Every text size in ``resources/style/desk.qss`` is written in points; the text size multiplies
each of them and the application font, so the whole desk grows alike (not only the widgets
that were given a size). Applying again (the Settings dialog's OK) starts from the files, never
from the sizes already scaled.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from desk.ui.resources import resource

POINTS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)pt\b")
BASE_FONT_PROPERTY = "deskBaseFontPoints"


def scaled(style: str, percent: int) -> str:
    """``style`` with every size in points multiplied by ``percent`` / 100."""
    if percent == 100:
        return style
    def grow(match: re.Match[str]) -> str:
        size = float(match.group(1)) * percent / 100
        return f"{size:.1f}pt"
    return POINTS.sub(grow, style)


def style_sheet(percent: int = 100, high_contrast: bool = False) -> str:
    parts = []
    for name, wanted in (("desk.qss", True), ("high_contrast.qss", high_contrast)):
        path = resource("style", name)
        if wanted and path.exists():
            parts.append(path.read_text(encoding="utf-8"))
    return scaled("\n".join(parts), percent)


def apply_appearance(app: QApplication, percent: int = 100, high_contrast: bool = False) -> None:
    """The style sheet and the application font at ``percent`` of their size."""
    font = app.font()
    base = app.property(BASE_FONT_PROPERTY)
    if not isinstance(base, float):
        base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        app.setProperty(BASE_FONT_PROPERTY, base)
    font.setPointSizeF(base * percent / 100)
    app.setFont(font)
    app.setStyleSheet(style_sheet(percent, high_contrast))
