"""The one message catalogue: every code in both languages with the same placeholders, codes
unique across areas, one language switch for circulation, offline, money and devices."""

from __future__ import annotations

import re

import pytest

from desk import wording
from desk.circulation.notices import Notice
from desk.wording import (backup, cards, circulation, cli, deliveries, devices, money, offline,
                          patron_notices, patron_records, patrons, privacy, rfid, searches,
                          selfcheck, staff, trust, validation)

AREAS = {"circulation": circulation.CATALOGUE, "cards": cards.CATALOGUE, "money": money.CATALOGUE,
         "offline": offline.CATALOGUE, "devices": devices.CATALOGUE,
         "backup": backup.CATALOGUE, "validation": validation.CATALOGUE,
         "trust": trust.CATALOGUE, "staff": staff.CATALOGUE,
         "patrons": patrons.CATALOGUE, "privacy": privacy.CATALOGUE,
         "patron_notices": patron_notices.CATALOGUE, "patron_records": patron_records.CATALOGUE,
         "deliveries": deliveries.CATALOGUE, "searches": searches.CATALOGUE,
         "selfcheck": selfcheck.CATALOGUE, "rfid": rfid.CATALOGUE, "cli": cli.CATALOGUE}


def _placeholders(template: str) -> set[str]:
    return set(re.findall(r"\{(\w+)", template))


def test_codes_are_unique_across_areas_and_all_in_the_catalogue() -> None:
    seen: dict[str, str] = {}
    for area, catalogue in AREAS.items():
        for code in catalogue:
            assert code not in seen, f"{code} is in both {seen[code]} and {area}"
            seen[code] = area
    assert set(wording.CATALOGUE) == set(seen)


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for code, (english, chinese) in wording.CATALOGUE.items():
        assert english.strip() and chinese.strip(), code
        assert _placeholders(english) == _placeholders(chinese), code


def test_one_language_for_every_area() -> None:
    wording.set_language("zh_TW")
    try:
        assert wording.text("item_not_on_loan", barcode="B1") == "館藏 B1 未借出。"
        assert wording.text("float_invalid") == "找零金必須為零或正數。"
        assert wording.text("slip_needs_items") == "單據至少要有一個館藏條碼。"
        assert wording.text(devices.PRINTER_PAPER_OUT) == "印表機缺紙。"
        assert Notice.make("item_not_on_loan", barcode="B1").message == "館藏 B1 未借出。"
        assert wording.operation_name("renew") == "續借"
    finally:
        wording.set_language("en")
    assert wording.language() == "en"
    assert wording.text("item_not_on_loan", barcode="B1") == "Item B1 is not on loan."
    assert wording.text(devices.SCAN_TOO_LONG, length=40, limit=32) == \
        "Scan too long: 40 characters, at most 32."
    assert wording.operation_name("anything else") == "This operation"


def test_an_unknown_code_keeps_its_parameters() -> None:
    assert wording.text("no_such_code", barcode="B1") == "no_such_code: barcode=B1"
    assert wording.text("no_such_code") == "no_such_code"


def test_an_unsupported_language_is_refused_and_changes_nothing() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        wording.set_language("fr")
    assert wording.language() == "en"


def test_every_notice_template_has_both_languages_with_the_same_placeholders() -> None:
    from desk.wording.patron_notices import KIND_NAMES, TEMPLATES, render
    for kind, (english, chinese) in TEMPLATES.items():
        for part in (0, 1):
            assert _placeholders(english[part]) == _placeholders(chinese[part]), kind
        assert kind in KIND_NAMES
        params = {name: f"<{name}>" for name in patron_notices.needed(kind)}
        subject, body = render(kind, "zh_TW", params)
        assert subject and "<name>" in body and "\n" not in subject
        english_subject, _ = render(kind, "en", params)
        assert english_subject != subject


def test_the_settings_chinese_docs_name_declared_settings_and_follow_the_language() -> None:
    from desk.configdata import BY_NAME
    from desk.wording.settings import DOCS_ZH, setting_doc
    assert set(DOCS_ZH) <= set(BY_NAME)                  # no doc for a setting that is gone
    english = BY_NAME["sounds"].doc
    try:
        wording.set_language("zh_TW")
        assert setting_doc("sounds", english) == DOCS_ZH["sounds"]
        assert setting_doc("koc_max_bytes", "the English doc") == "the English doc"
        wording.set_language("en")
        assert setting_doc("sounds", english) == english
    finally:
        wording.set_language("en")
