"""The settings dialog, generated from the declarations in ``desk.configdata``: one editor per
setting chosen by its type (choices → list, bool → check box, int → number, str → text,
list → one item per line, so an item may contain commas, e.g. an address in the slip header),
its documentation as the tool tip. Values are checked by ``Config.set`` before anything is
saved; a bad one is named and nothing changes.

The *Devices* page holds the scanner, strip-unit and printer settings and a *Test* button per
device, which runs ``DeviceHub.test`` on the devices as they run now (apply changed settings
with OK first) and shows the outcome next to the button. The scanner and strip-unit ports are
editable lists offering this computer's serial ports (``desk.devices.serial_ports``: ``COM3`` on
Windows, ``/dev/ttyUSB0`` on Linux); any pyserial URL can still be typed. The printer's list
offers ``none``, ``system``, each Windows printer queue as ``win32raw:NAME``
(``desk.devices.windows_printers``, none off Windows) and the serial ports; any printer URL can
still be typed (``tcp://HOST:9100``, ``system:NAME``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from desk.config import Config, ConfigError
from desk.configdata import BY_NAME, Setting
from desk.devices.serial_ports import available_ports
from desk.devices.windows_printers import queue_names
from desk.devices.registry import ConfigError as DeviceConfigError
from desk.ui.devices_config import check as check_devices
from desk.wording.settings import setting_doc

if TYPE_CHECKING:
    from desk.devices.hub import DeviceHub

GROUPS = (
    ("Desk", ("database_url", "desk", "language", "idle_lock_minutes")),
    ("Scanner", ("scanner_prefix", "scanner_suffix", "scanner_strip_aim", "patron_pattern",
                 "item_pattern", "wedge_max_interval_ms", "wedge_min_length",
                 "duplicate_scan_ms")),
    ("Backups", ("backup_dir", "backup_every_hours", "backup_max_age_hours",
                 "backup_keep_daily", "backup_keep_weekly")),
)
# the Screen and sounds tab: what the clerk sees and hears
SCREEN_GROUPS = (
    ("Screen", ("text_size_percent", "high_contrast")),
    ("Sounds", ("sounds", "sound_volume", "flash")),
)
# Number settings whose editor cannot go beyond their range (``desk.configdata``'s check).
SPIN_RANGES = {"text_size_percent": (100, 200), "sound_volume": (0, 100)}
# the Notices tab (the password stays in the settings file or DESK_SMTP_PASSWORD)
NOTICE_SETTINGS = ("notices_send_every_minutes", "smtp_host", "smtp_port", "smtp_tls",
                   "smtp_user", "notice_from", "notice_library_name", "notice_courtesy_days",
                   "notices_pdf_dir")
DEVICE_GROUPS = (
    ("scanner", ("scanner_device", "scanner_baud", "scanner_terminator")),
    ("strip", ("strip_device", "strip_desensitize_command", "strip_resensitize_command",
               "strip_ack", "strip_nak", "strip_timeout_ms", "strip_retries", "strip_pulse_ms")),
    ("rfid", ("rfid_device", "rfid_afi_in_library", "rfid_afi_on_loan", "rfid_timeout_ms",
              "rfid_retries", "rfid_poll_ms", "rfid_country", "rfid_isil")),
    ("printer", ("printer_device", "printer_cjk", "slip_header")),
)
RAW_TEXT = ("scanner_prefix", "scanner_suffix", "strip_desensitize_command",
            "strip_resensitize_command", "strip_ack", "strip_nak")
PATTERNS = ("patron_pattern", "item_pattern")
# Port settings: an editable list of these keywords and the computer's serial ports.
PORT_KEYWORDS = {"scanner_device": ("wedge", "none"), "strip_device": ("none",),
                 "rfid_device": ("none",),
                 "printer_device": ("none", "system")}


class SettingsDialog(QDialog):
    """``applied(set of changed names)`` after the changes were checked and saved."""

    applied = Signal(object)

    def __init__(self, config: Config, parent: QWidget | None = None, *,
                 devices: DeviceHub | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.devices = devices
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.editors: dict[str, QWidget] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        self.test_results: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        layout.addWidget(self.tabs)
        general = QWidget()
        general_layout = QVBoxLayout(general)
        titles = {"Desk": self.tr("Desk"), "Scanner": self.tr("Scanner"),
                  "Sounds": self.tr("Sounds"), "Screen": self.tr("Screen"),
                  "Backups": self.tr("Backups")}
        for group, names in GROUPS:
            box = QGroupBox(titles[group])
            self._add_rows(QFormLayout(box), names)
            general_layout.addWidget(box)
        self.tabs.addTab(general, self.tr("General"))
        screen = QWidget()
        screen.setObjectName("screenPage")
        screen_layout = QVBoxLayout(screen)
        for group, names in SCREEN_GROUPS:
            box = QGroupBox(titles[group])
            self._add_rows(QFormLayout(box), names)
            screen_layout.addWidget(box)
        screen_layout.addStretch(1)
        self.tabs.addTab(screen, self.tr("Screen and sounds"))
        self.tabs.addTab(self._devices_page(), self.tr("Devices"))
        notices = QWidget()
        notices_form = QFormLayout(notices)
        self._add_rows(notices_form, NOTICE_SETTINGS)
        self.tabs.addTab(notices, self.tr("Notices"))
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

    def _add_rows(self, form: QFormLayout, names: tuple[str, ...]) -> None:
        for name in names:
            setting = BY_NAME[name]
            editor = self._editor(setting, self.config.get(name))
            editor.setObjectName(f"setting_{name}")
            editor.setToolTip(setting_doc(name, setting.doc))
            self.editors[name] = editor
            form.addRow(self._label(name), editor)

    def _devices_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("devicesPage")
        page_layout = QVBoxLayout(page)
        titles = {"scanner": self.tr("Barcode scanner"), "strip": self.tr("Security-strip unit"),
                  "printer": self.tr("Receipt printer"), "rfid": self.tr("RFID pad")}
        for device, names in DEVICE_GROUPS:
            box = QGroupBox(titles[device])
            form = QFormLayout(box)
            self._add_rows(form, names)
            button = QPushButton(self.tr("Test"))
            button.setObjectName(f"test_{device}")
            button.setEnabled(self.devices is not None)
            button.clicked.connect(lambda _=False, device=device: self.test_device(device))
            result = QLabel()
            result.setObjectName(f"testResult_{device}")
            result.setWordWrap(True)
            row = QHBoxLayout()
            row.addWidget(button)
            row.addWidget(result, 1)
            form.addRow(row)
            self.test_buttons[device] = button
            self.test_results[device] = result
            page_layout.addWidget(box)
        note = QLabel(self.tr("Test checks the devices as they run now: press OK to apply "
                              "changed settings first."))
        note.setWordWrap(True)
        page_layout.addWidget(note)
        page_layout.addStretch(1)
        if self.devices is not None:
            self.devices.test_finished.connect(self._tested)
        return page

    def test_device(self, device: str) -> None:
        """Run the device's *Test* in the background; the outcome shows next to the button."""
        if self.devices is None:
            return
        self.test_buttons[device].setEnabled(False)
        self.test_results[device].setText(self.tr("Testing…"))
        self.test_results[device].setProperty("level", "")
        self.devices.test(device)

    def _tested(self, device: str, ok: bool, detail: str) -> None:
        if device not in self.test_results:
            return
        self.test_buttons[device].setEnabled(True)
        label = self.test_results[device]
        label.setText(("✔ " if ok else "✘ ") + detail)
        label.setProperty("level", "info" if ok else "error")
        label.setStyleSheet("color: #1b7f3b;" if ok else "color: #b3261e;")

    def _label(self, name: str) -> str:
        labels = {
            "database_url": self.tr("Database URL"), "desk": self.tr("Desk code"),
            "language": self.tr("Language"),
            "idle_lock_minutes": self.tr("Lock the desk after idle minutes (0: never)"),
            "scanner_prefix": self.tr("Scanner prefix"),
            "scanner_suffix": self.tr("Scanner suffix"),
            "scanner_strip_aim": self.tr("Strip the AIM identifier (]C1…)"),
            "patron_pattern": self.tr("Patron card pattern"),
            "item_pattern": self.tr("Item barcode pattern"),
            "wedge_max_interval_ms": self.tr("Longest gap in a scan (ms)"),
            "wedge_min_length": self.tr("Shortest scan (characters)"),
            "duplicate_scan_ms": self.tr("Ignore a repeated scan within (ms)"),
            "sounds": self.tr("Play sounds"),
            "sound_volume": self.tr("Volume (%)"),
            "flash": self.tr("Flash the window on a refusal"),
            "text_size_percent": self.tr("Text size (%, 100 to 200)"),
            "high_contrast": self.tr("High contrast"),
            "scanner_device": self.tr("Scanner"), "scanner_baud": self.tr("Baud rate"),
            "scanner_terminator": self.tr("End of scan"),
            "strip_device": self.tr("Strip unit"),
            "strip_desensitize_command": self.tr("Desensitize command"),
            "strip_resensitize_command": self.tr("Re-sensitize command"),
            "strip_ack": self.tr("Acknowledgement"), "strip_nak": self.tr("Refusal"),
            "strip_timeout_ms": self.tr("Answer within (ms)"),
            "strip_retries": self.tr("Retries"), "strip_pulse_ms": self.tr("Pulse (ms)"),
            "rfid_device": self.tr("RFID reader (3M 810)"),
            "rfid_afi_in_library": self.tr("AFI in the library"),
            "rfid_afi_on_loan": self.tr("AFI on loan"),
            "rfid_timeout_ms": self.tr("Answer within (ms)"),
            "rfid_retries": self.tr("Retries"), "rfid_poll_ms": self.tr("Read the pad every (ms)"),
            "rfid_country": self.tr("Country on new tags"),
            "rfid_isil": self.tr("Library ISIL on new tags"),
            "printer_device": self.tr("Printer"), "printer_cjk": self.tr("Chinese text"),
            "slip_header": self.tr("Slip header lines"),
            "backup_dir": self.tr("Backup folder"),
            "backup_every_hours": self.tr("Back up every (hours)"),
            "backup_max_age_hours": self.tr("Warn when the last backup is older than (hours)"),
            "backup_keep_daily": self.tr("Daily backups kept"),
            "backup_keep_weekly": self.tr("Weekly backups kept"),
            "notices_send_every_minutes": self.tr("Send notices every (minutes, 0: never)"),
            "smtp_host": self.tr("Mail server"), "smtp_port": self.tr("Port"),
            "smtp_tls": self.tr("Encryption"), "smtp_user": self.tr("Login"),
            "notice_from": self.tr("Sender address"),
            "notice_library_name": self.tr("Signed by (library name)"),
            "notice_courtesy_days": self.tr("Courtesy reminder days before due (0: none)"),
            "notices_pdf_dir": self.tr("Folder of printed notices"),
        }
        return labels.get(name, name)

    def _choice_text(self, name: str, value: Any) -> str:
        if name == "language":
            return {"system": self.tr("System default"), "zh_TW": "繁體中文",
                    "en": "English"}.get(value, str(value))
        return str(value)

    def _port_editor(self, name: str, value: Any) -> QComboBox:
        """Editable: the keywords, the Windows printer queues (printer) and this computer's
        serial ports offered, anything typed kept (``rts:COM3``, ``socket://HOST:PORT``, any
        pyserial URL, ``tcp://HOST:9100``)."""
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for keyword in PORT_KEYWORDS[name]:
            combo.addItem(keyword)
        if name == "printer_device":
            for queue in queue_names():
                combo.addItem(f"win32raw:{queue}")
        for port in available_ports():
            combo.addItem(port.name)
            if port.description and port.description != port.name:
                combo.setItemData(combo.count() - 1, port.description, Qt.ItemDataRole.ToolTipRole)
        combo.setEditText(str(value))
        return combo

    def _editor(self, setting: Setting, value: Any) -> QWidget:
        if setting.name in PORT_KEYWORDS:
            return self._port_editor(setting.name, value)
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
            spin.setRange(*SPIN_RANGES.get(setting.name, (0, 1_000_000)))
            spin.setValue(int(value))
            return spin
        if setting.type is list:
            lines = QPlainTextEdit("\n".join(value))
            lines.setTabChangesFocus(True)        # the dialog stays usable without a mouse
            lines.setFixedHeight(lines.fontMetrics().lineSpacing() * 4 + 12)
            return lines
        return QLineEdit(str(value))

    def value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QComboBox) and editor.isEditable():
            return editor.currentText().strip()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QPlainTextEdit):
            return [line.strip() for line in editor.toPlainText().splitlines() if line.strip()]
        assert isinstance(editor, QLineEdit)
        text = editor.text()
        return text.strip() if name not in RAW_TEXT else text

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
        try:
            check_devices(trial)
        except DeviceConfigError as error:
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
