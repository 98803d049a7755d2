"""The Devices settings offer this computer's serial ports (COM3 on Windows) and keep any URL."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from serial.tools import list_ports

from desk.config import Config
from desk.devices.serial_ports import available_ports
from desk.ui.settings_dialog import SettingsDialog


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
