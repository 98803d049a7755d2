"""Switching the desk's language switches the device messages and slips with it."""

from __future__ import annotations

from desk.devices import messages
from desk.ui import i18n


def test_language_switch_reaches_device_messages(qapp) -> None:  # noqa: ANN001
    try:
        i18n.install("zh_TW")
        assert messages.tr(messages.PRINTER_PAPER_OUT) == "印表機缺紙。"
        i18n.install("en")
        assert messages.tr(messages.PRINTER_PAPER_OUT) == "The printer is out of paper."
    finally:
        i18n.install("en")
