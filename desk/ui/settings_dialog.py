"""The settings dialog, generated from the declarations in ``desk.configdata``: one editor per
setting chosen by its type (choices → list, bool → check box, int → number, str/list → text),
its documentation as the tool tip. Values are checked by ``Config.set`` before anything is
saved; a bad one is named and nothing changes."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget)

from desk.config import Config, ConfigError
from desk.configdata import BY_NAME, Setting

GROUPS = (
    ("Desk", ("database_url", "desk", "language")),
    ("Scanner", ("scanner_prefix", "scanner_suffix", "patron_pattern", "item_pattern",
                 "wedge_max_interval_ms", "wedge_min_length", "duplicate_scan_ms")),
    ("Sounds", ("sounds",)),
)
PATTERNS = ("patron_pattern", "item_pattern")


class SettingsDialog(QDialog):
    """``applied(set of changed names)`` after the changes were checked and saved."""

    applied = Signal(object)

    def __init__(self, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.editors: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        titles = {"Desk": self.tr("Desk"), "Scanner": self.tr("Scanner"),
                  "Sounds": self.tr("Sounds")}
        for group, names in GROUPS:
            box = QGroupBox(titles[group])
            form = QFormLayout(box)
            for name in names:
                setting = BY_NAME[name]
                editor = self._editor(setting, config.get(name))
                editor.setObjectName(f"setting_{name}")
                editor.setToolTip(setting.doc)
                self.editors[name] = editor
                form.addRow(self._label(name), editor)
            layout.addWidget(box)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _label(self, name: str) -> str:
        labels = {
            "database_url": self.tr("Database URL"), "desk": self.tr("Desk code"),
            "language": self.tr("Language"), "scanner_prefix": self.tr("Scanner prefix"),
            "scanner_suffix": self.tr("Scanner suffix"),
            "patron_pattern": self.tr("Patron card pattern"),
            "item_pattern": self.tr("Item barcode pattern"),
            "wedge_max_interval_ms": self.tr("Longest gap in a scan (ms)"),
            "wedge_min_length": self.tr("Shortest scan (characters)"),
            "duplicate_scan_ms": self.tr("Ignore a repeated scan within (ms)"),
            "sounds": self.tr("Play sounds"),
        }
        return labels.get(name, name)

    def _choice_text(self, name: str, value: Any) -> str:
        if name == "language":
            return {"system": self.tr("System default"), "zh_TW": "繁體中文",
                    "en": "English"}.get(value, str(value))
        return str(value)

    def _editor(self, setting: Setting, value: Any) -> QWidget:
        if setting.choices:
            combo = QComboBox()
            for choice in setting.choices:
                combo.addItem(self._choice_text(setting.name, choice), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if setting.type is bool:
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if setting.type is int:
            spin = QSpinBox()
            spin.setRange(0, 1_000_000)
            spin.setValue(int(value))
            return spin
        edit = QLineEdit(", ".join(value) if isinstance(value, list) else str(value))
        return edit

    def value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        text = editor.text()
        if BY_NAME[name].type is list:
            return [part.strip() for part in text.split(",") if part.strip()]
        return text.strip() if name not in ("scanner_prefix", "scanner_suffix") else text

    def apply(self) -> None:
        new = {name: self.value(name) for name in self.editors}
        changed = {name for name, value in new.items() if value != self.config.get(name)}
        for name in PATTERNS:
            try:
                re.compile(new[name])
            except re.error as error:
                self._fail(self.tr("%1 is not a valid pattern: %2")
                           .replace("%1", self._label(name)).replace("%2", str(error)))
                return
        trial = Config(self.config.as_dict())
        try:
            for name in changed:
                trial.set(name, new[name])
        except ConfigError as error:
            self._fail(str(error))
            return
        old = {name: self.config.get(name) for name in changed}
        try:
            for name in changed:
                self.config.set(name, new[name])
            if changed:
                self.config.save()
        except OSError as error:
            for name, value in old.items():
                self.config.set(name, value)
            self._fail(self.tr("Cannot save the settings: %1").replace("%1", str(error)))
            return
        self.applied.emit(changed)
        self.accept()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
