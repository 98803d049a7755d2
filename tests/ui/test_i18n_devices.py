"""Switching the desk's language switches the device messages and slips with it."""

from __future__ import annotations

from desk import wording
from desk.ui import i18n
from desk.wording import devices


def test_language_switch_reaches_device_messages(qapp) -> None:  # noqa: ANN001
    try:
        i18n.install("zh_TW")
        assert wording.text(devices.PRINTER_PAPER_OUT) == "印表機缺紙。"
        i18n.install("en")
        assert wording.text(devices.PRINTER_PAPER_OUT) == "The printer is out of paper."
    finally:
        i18n.install("en")
