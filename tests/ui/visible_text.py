"""What a person at the counter can read on a window, and the checks a Chinese screen must pass.

``visible_texts`` walks every visible widget of a window (labels, buttons, fields, tables and
their headings, lists, combo boxes, tabs, group boxes, text views, tool bars, menus, the status
bar) and returns its text. ``untranslated`` finds what must never be there when the desk runs in
Traditional Chinese: an internal snake_case code (``patron_has_overdue``), an English word that
the desk's catalogues translate (``Due``, ``day(s)``), or a whole visible string of ASCII letters
that is a catalogue's English text with a translation (``Take payment``, ``Quit the circulation
desk?…``): a string someone forgot to pass through ``tr()`` or ``text()``. Data is not the desk's wording: titles,
names and notes typed by people may be in any language, so the caller passes them to be ignored.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel,
                               QLineEdit, QMainWindow, QPlainTextEdit, QTabBar, QTextEdit,
                               QToolBar, QWidget)

from desk.wording import circulation, money, offline

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "translations" / "desk_zh_TW.ts"

SNAKE_CASE = re.compile(r"(?<![\w./@:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.@-])")
WORD = re.compile(r"[A-Za-z][A-Za-z']*(?:\([a-z]\))?")
PLACEHOLDER = re.compile(r"%\d+|%n|\{[a-z_]+\}|&(?=\w)")
# Words the desk shows in both languages on purpose: key names, units and brands.
KEPT = {"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12", "Esc", "Ctrl",
        "Shift", "Alt", "Enter", "Tab", "NT", "SOP", "PDF", "CSV", "OK", "ID", "ISBN", "EasyCard",
        "USB", "CD", "DVD", "TWD", "koc", "Koha", "ESC", "POS", "RTS", "DTR", "YYYY", "MM", "DD",
        "RFID", "AFI", "ISIL", "SIP2", "ISO"}


def translated_words() -> set[str]:
    """English words that have a different Traditional Chinese wording in a catalogue: the
    one-word sources of the Qt catalogue, and every word of the circulation catalogues' units
    and of the Qt catalogue's short phrases."""
    sources: list[str] = []
    for message in ET.parse(CATALOGUE).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and (translation.text or "").strip() and \
                translation.text.strip() != source.strip():
            sources.append(source)
    sources += [pair[0] for pair in circulation.UNITS.values()]
    sources += [pair[0] for pair in circulation.STATUS_NAMES.values()]
    words: set[str] = set()
    for source in sources:
        cleaned = PLACEHOLDER.sub(" ", source)
        found = WORD.findall(cleaned)
        # Single words and short labels ("Due", "Former borrower") are the tell-tale ones; long
        # sentences are caught by their words being in the short labels anyway.
        if 1 <= len(found) <= 3:
            words.update(word for word in found if len(word) >= 3 or "(" in word)
    return words - KEPT


ASCII_TEXT = re.compile(r"[A-Za-z][\x20-\x7e\u2026\u2014]*")
QUOTED = re.compile(r"「[^」]*」")
PATH = re.compile(r"\S*[/\\]\S*")
MNEMONIC = re.compile(r"&(?=[^&\s])")


def _plain(text: str) -> str:
    """A text as compared: mnemonics (``&Quit``), key hints ("(F11)") and the ends trimmed."""
    text = MNEMONIC.sub("", text).strip()
    return re.sub(r"\s*\((?:Alt|Ctrl|Shift|F\d+)[^)]*\)$", "", text).strip(" …:.")


def translated_sources() -> set[str]:
    """Every English text with a different translation, in the Qt catalogue and the message
    catalogues (placeholders left in), as ``_plain`` makes it."""
    found: set[str] = set()
    for message in ET.parse(CATALOGUE).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and (translation.text or "").strip() and \
                translation.text.strip() != source.strip():
            found.add(_plain(source))
    for catalogue in (circulation.CATALOGUE, money.CATALOGUE, offline.CATALOGUE):
        for english, chinese in catalogue.values():
            if english != chinese and "{" not in english:
                found.add(_plain(english))
    return {text for text in found if text and text not in KEPT}


def english_sentences() -> list[str]:
    """Every English message of the circulation catalogues, as a pattern matching its fixed
    text: a notice left in English on a Chinese screen."""
    patterns = []
    for catalogue in (circulation.CATALOGUE, money.CATALOGUE, offline.CATALOGUE):
        for english, _ in catalogue.values():
            fixed = [part for part in re.split(r"\{[a-z_]+\}", english) if len(part.strip()) >= 8]
            patterns += [part.strip() for part in fixed]
    return patterns


def _model_texts(model: QAbstractItemModel) -> Iterable[str]:
    for column in range(model.columnCount()):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value


def visible_texts(window: QWidget) -> list[str]:
    """Every text a person can read on ``window`` and its visible children."""
    texts: list[str] = [window.windowTitle()]
    widgets = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += list(_model_texts(widget.model()))
        elif isinstance(widget, QToolBar):
            texts += [action.text() for action in widget.actions()]
        if widget.toolTip():
            texts.append(widget.toolTip())
    if isinstance(window, QMainWindow):
        texts.append(window.statusBar().currentMessage())
        for menu_action in window.menuBar().actions():
            texts.append(menu_action.text())
            if menu_action.menu() is not None:
                texts += [action.text() for action in menu_action.menu().actions()]
    return [text for text in texts if text]


def untranslated(texts: Iterable[str], data: Iterable[str], codes: Iterable[str] = ()) -> list[str]:
    """What is wrong on a Chinese screen, one line per finding; ``data`` are strings that came
    from the library's records (titles, names, notes) and are shown as they are; ``codes`` are
    the library's own codes (item types, patron categories, statuses), which must be shown by
    their names, never as they are."""
    words = translated_words()
    sentences = english_sentences()
    sources = translated_sources()
    known = sorted({d for d in data if d and len(d) >= 2}, key=len, reverse=True)
    code_set = {code for code in codes if code}
    findings: list[str] = []
    for text in texts:
        if text.strip() in code_set:
            findings.append(f"internal code {text.strip()!r} shown as it is")
        if ASCII_TEXT.fullmatch(text.strip()) and _plain(text) in sources \
                and text.strip() not in known:
            findings.append(f"English text {text.strip()!r} (it has a translation)")
        rest = text
        for value in known:
            if value in rest:
                rest = rest.replace(value, " ")
        rest = PATH.sub(" ", rest)       # file paths and addresses are data (forms/MC-1.pdf)
        rest = QUOTED.sub(" ", rest)     # 「none」: a value or command typed as it is
        for code in SNAKE_CASE.findall(rest):
            findings.append(f"internal code {code!r} in {text!r}")
        for word in WORD.findall(rest):
            if word in words:
                findings.append(f"English {word!r} in {text!r}")
        for sentence in sentences:
            if sentence in rest:
                findings.append(f"English notice {sentence!r} in {text!r}")
    return sorted(set(findings))
