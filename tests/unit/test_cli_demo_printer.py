"""The demo gives a new user a PDF slip printer into a folder, so slips appear somewhere; a
printer already configured is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.cli.demo import demo_slip_printer
from desk.config import Config
from desk.devices.printer.pdf import PdfPrinter
from desk.devices.registry import build_printer, parse_url


def test_the_demo_sets_a_pdf_printer_into_a_folder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))
    folder = demo_slip_printer()
    assert folder == tmp_path / "data" / "slips" and folder.is_dir()
    setting = Config.load().get("printer_device")
    printer = build_printer(parse_url("printer", setting))
    assert isinstance(printer, PdfPrinter) and printer.directory == folder


def test_a_configured_printer_is_left_alone(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))
    config = Config.load()
    config.set("printer_device", "tcp://10.0.0.9:9100")
    config.save()
    assert demo_slip_printer() is None
    assert Config.load().get("printer_device") == "tcp://10.0.0.9:9100"
