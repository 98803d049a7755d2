"""The one message catalogue (English and Traditional Chinese) of circulation, offline, money
and devices: ``text(code, **params)`` in the language chosen with ``set_language``.

Neither Qt nor circulation: the circulation layer cannot use Qt's translator, and the device
layer must not import circulation, so both take their wording from here. ``desk.ui.i18n``
sets the language once, with the screen's. The data is split by area (``circulation``,
``offline``, ``money``, ``devices``, ``backup``, ``validation``, ``trust``, ``staff``,
``patrons``, ``cards``, ``privacy``, ``patron_notices``, ``patron_records``,
``deliveries``, ``searches``, ``selfcheck``, ``rfid``, ``cli``); codes are unique
across areas, stable, and wording may
change. Placeholders use ``str.format`` names.
"""

from __future__ import annotations

from typing import Any

from desk.wording import (backup, cards, circulation, cli, deliveries, devices, money, offline,
                          patron_notices, patron_records, patrons, privacy, rfid, searches,
                          selfcheck, staff, trust, validation)
from desk.wording.language import LANGUAGES, language, locale_language, pick, set_language
from desk.wording.names import (action_name, claim_kind_name, delivery_status_name,
                                hold_status_name, operation_name, outcome_name, pull_kind_name,
                                request_status_name,
                                reason_name, reason_names, role_name, staff_flag_name,
                                status_name, unit_name)
from desk.wording.validation import expected_name, field_name

CATALOGUE: dict[str, tuple[str, str]] = {
    **circulation.CATALOGUE, **cards.CATALOGUE, **money.CATALOGUE, **offline.CATALOGUE,
    **devices.CATALOGUE, **backup.CATALOGUE, **validation.CATALOGUE, **trust.CATALOGUE,
    **staff.CATALOGUE, **patrons.CATALOGUE, **privacy.CATALOGUE, **patron_notices.CATALOGUE,
    **patron_records.CATALOGUE, **deliveries.CATALOGUE, **searches.CATALOGUE,
    **selfcheck.CATALOGUE, **rfid.CATALOGUE, **cli.CATALOGUE}

__all__ = [
    "CATALOGUE", "LANGUAGES", "action_name", "claim_kind_name", "delivery_status_name",
    "expected_name", "field_name", "hold_status_name",
    "language", "locale_language", "operation_name", "outcome_name", "pick", "pull_kind_name", "reason_name", "request_status_name", "reason_names",
    "role_name", "set_language", "staff_flag_name", "status_name", "text", "unit_name",
]


def text(code: str, /, **params: Any) -> str:
    """The message of ``code`` in the current language, with its parameters filled in (an
    unknown code is shown with its parameters, so nothing is lost)."""
    template = CATALOGUE.get(code)
    if template is None:
        return code + (": " + ", ".join(f"{k}={v}" for k, v in params.items()) if params else "")
    wording = pick(template)
    return wording.format(**params) if params else wording
