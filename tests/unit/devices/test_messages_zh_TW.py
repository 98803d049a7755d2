"""Every device message has Traditional Chinese with the same placeholders, and a slip printed
on the Chinese desk reads in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest

from desk import wording
from desk.devices.slip_builders import hold_slip
from desk.wording import devices


@pytest.fixture
def chinese() -> Iterator[None]:
    wording.set_language("zh_TW")
    yield
    wording.set_language("en")


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    codes = [value for name, value in vars(devices).items()
             if name.isupper() and isinstance(value, str)]
    assert len(codes) == len(devices.CATALOGUE)
    for code in codes:
        english, chinese = devices.CATALOGUE[code]
        assert chinese and chinese != english, code
        assert set(re.findall(r"\{(\w+)", english)) == set(re.findall(r"\{(\w+)", chinese)), code


def test_hold_slip_in_chinese(chinese: None) -> None:
    slip = hold_slip(library="國立政治大學圖書館", patron_name="陳小明", card="20001000000079",
                     item_barcode="30001000000010", title="三國演義", pickup_location="總圖書館",
                     hold_until=datetime(2026, 12, 1), when=datetime(2026, 11, 24, 10, 0))
    text = "\n".join(slip.text_lines())
    assert slip.title == "預約書條"
    assert "讀者: 陳○明" in text and "取書地點: 總圖書館" in text and "保留至: 2026-12-01" in text
    assert "0079" in text and "20001000000079" not in text


def test_english_is_restored(chinese: None) -> None:
    assert wording.text(devices.SLIP_HOLD) == "預約書條"
    wording.set_language("en")
    assert wording.text(devices.SLIP_HOLD) == "Hold"
