"""Every device message has Traditional Chinese with the same placeholders, and a slip printed
on the Chinese desk reads in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest

from desk.devices import messages
from desk.devices.messages_zh_TW import ZH_TW, translate
from desk.devices.slip_builders import hold_slip


@pytest.fixture
def chinese() -> Iterator[None]:
    messages.set_translator(translate)
    yield
    messages.set_translator(None)


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    english = [value for name, value in vars(messages).items()
               if name.isupper() and isinstance(value, str)]
    for text in english:
        assert text in ZH_TW, text
        assert set(re.findall(r"\{(\w+)", text)) == set(re.findall(r"\{(\w+)", ZH_TW[text])), text


def test_hold_slip_in_chinese(chinese: None) -> None:
    slip = hold_slip(library="國立政治大學圖書館", patron_name="陳小明", card="20001000000079",
                     item_barcode="30001000000010", title="三國演義", pickup_location="總圖書館",
                     hold_until=datetime(2026, 12, 1), when=datetime(2026, 11, 24, 10, 0))
    text = "\n".join(slip.text_lines())
    assert slip.title == "預約書條"
    assert "讀者: 陳○明" in text and "取書地點: 總圖書館" in text and "保留至: 2026-12-01" in text
    assert "0079" in text and "20001000000079" not in text


def test_english_is_restored(chinese: None) -> None:
    assert messages.tr(messages.SLIP_HOLD) == "預約書條"
    messages.set_translator(None)
    assert messages.tr(messages.SLIP_HOLD) == "Hold"
