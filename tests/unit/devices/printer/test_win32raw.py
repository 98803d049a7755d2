"""Raw ESC/POS to a Windows printer queue (``win32raw:NAME``) through a fake ``win32print``
that records the spooler calls; and the clear refusal where there is no ``win32print``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime

import pytest

from desk import wording
from desk.devices.printer import EscposPrinter, PrinterError
from desk.devices.registry import ConfigError, build_printer, parse_url
from desk.devices.slip_builders import SlipItem, checkout_slip, transit_slip
from desk.devices.status import DeviceState
from desk.devices.windows_printers import queue_names
from tests.support import fake_win32print
from tests.support.fake_win32print import FakeWin32Print

QUEUE = "EPSON TM-T82III Receipt"
SLIP = transit_slip(library="國立臺灣大學圖書館", item_barcode="31234000000016", title="紅樓夢",
                    from_location="總圖", to_location="法律學院", when=datetime(2025, 3, 14, 9, 30))
DRAWER_KICK = b"\x1bp\x00\x32\x32"   # ESC p 0 50 50: pin 2, 100 ms on, 100 ms off


@pytest.fixture
def spooler(monkeypatch: pytest.MonkeyPatch) -> FakeWin32Print:
    return fake_win32print.install(monkeypatch, [QUEUE, "Microsoft Print to PDF"])


@pytest.fixture
def no_win32print(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "win32print", None)   # import raises ImportError, as on Linux


@pytest.fixture
def chinese() -> Iterator[None]:
    wording.set_language("zh_TW")
    yield
    wording.set_language("en")


def windows_printer(setting: str = f"win32raw:{QUEUE}") -> EscposPrinter:
    printer = build_printer(setting)
    assert isinstance(printer, EscposPrinter)
    return printer


def dummy_bytes(slip: object) -> bytes:
    """What the Dummy connection collects for ``slip`` with the same default layout."""
    printer = build_printer({"kind": "escpos_dummy"})
    assert isinstance(printer, EscposPrinter)
    printer.print_slip(slip)  # type: ignore[arg-type]
    return bytes(printer.connection.output)  # type: ignore[attr-defined]


def one_job(spooler: FakeWin32Print, data: bytes) -> list[tuple[str, tuple[object, ...]]]:
    handle = spooler.handles[-1]
    return [("OpenPrinter", (QUEUE,)),
            ("StartDocPrinter", (handle, 1, ("Circulation Desk", None, "RAW"))),
            ("StartPagePrinter", (handle,)),
            ("WritePrinter", (handle, data)),
            ("EndPagePrinter", (handle,)),
            ("EndDocPrinter", (handle,)),
            ("ClosePrinter", (handle,))]


def test_the_url_and_the_settings_dict() -> None:
    assert parse_url("printer", f"win32raw:{QUEUE}") == {"kind": "escpos_win32raw",
                                                          "printer_name": QUEUE}
    assert parse_url("printer", r"Win32Raw: \\LIBSRV\Counter 2 ") == {
        "kind": "escpos_win32raw", "printer_name": r"\\LIBSRV\Counter 2"}
    printer = build_printer({"kind": "escpos_win32raw", "printer_name": QUEUE, "drawer_pin": 5,
                             "cjk": "big5"})
    assert isinstance(printer, EscposPrinter)
    assert printer.description == f"win32raw:{QUEUE}" and printer.close_after_job
    assert printer.drawer_pin == 5 and printer.layout.cjk == "big5"
    assert not printer.reads_status          # a spooler queue answers no DLE EOT


@pytest.mark.parametrize("setting", ["win32raw:", "win32raw:   ",
                                     {"kind": "escpos_win32raw"}])
def test_a_queue_must_be_named(setting: object) -> None:
    """No fallback to the default printer: raw ESC/POS on an office printer prints garbage."""
    with pytest.raises(ConfigError, match="printer_name"):
        build_printer(setting)


def test_a_slip_is_one_raw_job_with_the_dummy_printers_bytes(spooler: FakeWin32Print) -> None:
    printer = windows_printer()
    printer.print_slip(SLIP)
    expected = dummy_bytes(SLIP)
    assert expected.startswith(b"\x1b@") and expected.endswith(b"\x1dV\x00")
    assert spooler.calls == one_job(spooler, expected)
    assert spooler.printed == [expected]
    assert printer.status.state is DeviceState.CONNECTED
    assert printer.status.detail == f"Printer ready: win32raw:{QUEUE}"
    assert all(handle.closed for handle in spooler.handles)


def test_each_slip_and_each_drawer_kick_is_its_own_job(spooler: FakeWin32Print) -> None:
    printer = windows_printer()
    slip = checkout_slip(library="國立政治大學圖書館", patron_name="陳小明", card="20001000000079",
                         items=[SlipItem("30001000000010", "三國演義", datetime(2026, 12, 15, 23, 59))],
                         when=datetime(2026, 12, 1, 10, 0))
    printer.print_slip(slip)
    printer.open_drawer()
    printer.print_slip(SLIP)
    assert spooler.printed == [dummy_bytes(slip), DRAWER_KICK, dummy_bytes(SLIP)]
    assert spooler.names.count("StartDocPrinter") == spooler.names.count("EndDocPrinter") == 3
    assert spooler.names.count("OpenPrinter") == spooler.names.count("ClosePrinter") == 3
    kick = [args for name, args in spooler.calls if name == "WritePrinter"][1]
    assert kick[1] == DRAWER_KICK


def test_an_unknown_queue_is_a_printer_error_and_nothing_is_printed(spooler: FakeWin32Print) -> None:
    printer = windows_printer("win32raw:EPSON TM-T88V")
    with pytest.raises(PrinterError) as raised:
        printer.print_slip(SLIP)
    assert raised.value.message == ("The printer cannot be reached: Device not found (EPSON TM-T88V: "
                                    "OpenPrinter: The printer name is invalid.)")
    assert printer.status.state is DeviceState.ERROR
    assert spooler.names == ["OpenPrinter"] and spooler.printed == []
    with pytest.raises(PrinterError, match="printer name is invalid"):
        printer.test()


def test_a_failed_write_deletes_the_job_instead_of_printing_half(spooler: FakeWin32Print) -> None:
    printer = windows_printer()
    spooler.fail_writes = True
    with pytest.raises(PrinterError, match="cannot be reached.*WritePrinter"):
        printer.print_slip(SLIP)
    handle = spooler.handles[0]
    assert spooler.names == ["OpenPrinter", "StartDocPrinter", "StartPagePrinter", "WritePrinter",
                             "AbortPrinter", "ClosePrinter"]
    assert spooler.printed == [] and handle.closed
    spooler.fail_writes = False
    printer.print_slip(SLIP)                      # the queue's next job goes through
    assert spooler.printed == [dummy_bytes(SLIP)]


def test_the_test_button_opens_the_queue_without_printing(spooler: FakeWin32Print) -> None:
    printer = windows_printer()
    detail = printer.test()
    assert detail == (f"Printer ready: win32raw:{QUEUE}. This printer does not report its status.")
    handle = spooler.handles[0]
    assert spooler.calls == [("OpenPrinter", (QUEUE,)), ("ClosePrinter", (handle,))]
    assert spooler.printed == []


def test_queues_are_listed_for_the_settings(spooler: FakeWin32Print) -> None:
    assert queue_names() == ["EPSON TM-T82III Receipt", "Microsoft Print to PDF"]
    flags, name, level = spooler.calls[0][1]
    assert flags == fake_win32print.PRINTER_ENUM_LOCAL | fake_win32print.PRINTER_ENUM_CONNECTIONS
    assert name is None and level == 4


def test_without_win32print_no_queue_is_listed(no_win32print: None) -> None:
    assert queue_names() == []


def test_without_win32print_the_printer_says_why(no_win32print: None) -> None:
    printer = windows_printer()                   # built: the settings are fine
    message = (f"The Windows printer '{QUEUE}' cannot be used here: printing to a Windows printer "
               "queue needs Windows with the pywin32 package.")
    with pytest.raises(PrinterError) as raised:
        printer.print_slip(SLIP)
    assert raised.value.message == message
    assert printer.status.state is DeviceState.ERROR and printer.status.detail == message
    with pytest.raises(PrinterError) as raised:
        printer.open_drawer()
    assert raised.value.message == message
    with pytest.raises(PrinterError) as raised:
        printer.test()
    assert raised.value.message == message
    assert not isinstance(raised.value.__cause__, AssertionError)


def test_without_win32print_in_chinese(no_win32print: None, chinese: None) -> None:
    printer = windows_printer()
    with pytest.raises(PrinterError) as raised:
        printer.print_slip(SLIP)
    assert raised.value.message == (
        f"無法使用 Windows 印表機 '{QUEUE}'：列印到 Windows 印表機佇列需要 Windows 及 pywin32 套件。")
    assert printer.status.detail == raised.value.message
