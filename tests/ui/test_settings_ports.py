"""The Devices settings offer this computer's serial ports (COM3 on Windows) and, for the
printer, its Windows printer queues (win32raw:NAME), and keep any URL."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from serial.tools import list_ports

from desk.config import Config
from desk.devices.serial_ports import available_ports
from desk.ui.devices_config import hub_config
from desk.ui.settings_dialog import SettingsDialog
from tests.support import fake_win32print


@pytest.fixture
def windows_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(list_ports, "comports", lambda: [
        SimpleNamespace(device="COM4", description="Prolific USB-to-Serial Comm Port (COM4)"),
        SimpleNamespace(device="COM3", description="USB-SERIAL CH340 (COM3)")])


def offered(dialog: SettingsDialog, name: str) -> list[str]:
    combo = dialog.editors[name]
    return [combo.itemText(i) for i in range(combo.count())]


def test_com_ports_are_offered_and_chosen(qtbot, tmp_path: Path, windows_ports: None) -> None:
    config = Config({}, path=tmp_path / "desk.toml")
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    assert offered(dialog, "scanner_device") == ["wedge", "none", "COM3", "COM4"]
    assert offered(dialog, "strip_device") == ["none", "COM3", "COM4"]
    scanner = dialog.editors["scanner_device"]
    assert scanner.currentText() == "wedge"                          # the setting as it was
    assert scanner.itemData(2, Qt.ItemDataRole.ToolTipRole) == "USB-SERIAL CH340 (COM3)"
    scanner.setCurrentIndex(2)
    dialog.editors["strip_device"].setEditText(" rts:COM4 ")         # typed, not in the list
    dialog.apply()
    assert config.get("scanner_device") == "COM3"
    assert config.get("strip_device") == "rts:COM4"
    assert "scanner_device = \"COM3\"" in (tmp_path / "desk.toml").read_text(encoding="utf-8")


def test_any_pyserial_url_can_still_be_typed(qtbot, tmp_path: Path, windows_ports: None) -> None:
    config = Config({"scanner_device": "socket://127.0.0.1:7000"}, path=tmp_path / "desk.toml")
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    assert dialog.editors["scanner_device"].currentText() == "socket://127.0.0.1:7000"
    dialog.editors["scanner_device"].setEditText("rfc2217://192.168.1.20:4001")
    dialog.apply()
    assert config.get("scanner_device") == "rfc2217://192.168.1.20:4001"


def test_a_failing_port_listing_offers_none(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[object]:
        raise OSError("no SetupAPI")
    monkeypatch.setattr(list_ports, "comports", broken)
    assert available_ports() == []


def test_windows_printer_queues_and_com_ports_are_offered_for_the_printer(
        qtbot, tmp_path: Path, windows_ports: None, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_win32print.install(monkeypatch, ["Microsoft Print to PDF", "EPSON TM-T82III Receipt"])
    config = Config({}, path=tmp_path / "desk.toml")
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    assert offered(dialog, "printer_device") == [
        "none", "system", "win32raw:EPSON TM-T82III Receipt", "win32raw:Microsoft Print to PDF",
        "COM3", "COM4"]
    printer = dialog.editors["printer_device"]
    assert printer.currentText() == "none"
    printer.setCurrentIndex(2)
    dialog.apply()
    assert config.get("printer_device") == "win32raw:EPSON TM-T82III Receipt"
    assert hub_config(config)["printer"] == {"kind": "escpos_win32raw", "cjk": "raster",
                                             "printer_name": "EPSON TM-T82III Receipt"}


def test_a_printer_on_a_com_port_is_chosen_from_the_list(qtbot, tmp_path: Path,
                                                         windows_ports: None) -> None:
    config = Config({}, path=tmp_path / "desk.toml")
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    printer = dialog.editors["printer_device"]
    printer.setCurrentIndex(offered(dialog, "printer_device").index("COM4"))
    dialog.apply()
    assert hub_config(config)["printer"] == {"kind": "escpos_serial", "url": "COM4", "cjk": "raster"}


def test_a_misspelt_printer_setting_is_refused_and_nothing_saved(qtbot, tmp_path: Path,
                                                                 windows_ports: None) -> None:
    config = Config({}, path=tmp_path / "desk.toml")
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    dialog.editors["printer_device"].setEditText("win32raw:")
    dialog.apply()
    assert not dialog.error.isHidden() and "printer_name" in dialog.error.text()
    assert config.get("printer_device") == "none" and not (tmp_path / "desk.toml").exists()
