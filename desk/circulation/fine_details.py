"""An overdue fine's figures as a charge keeps them, and their text in the current language.

``checkin.charge_overdue`` writes the figures into the charge's ``fine_*`` columns; screens and
slips read them back as a ``FineDetail`` (times in the library's time zone) and tell the fine
with ``fine_text``, in English or Traditional Chinese, never by reading the stored sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from desk import wording as messages

LOCAL_MINUTE = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class FineDetail:
    """How late, at what rate, from which due date to which return (local, to the minute)."""

    units: int                      # open days or started hours late
    unit: str                       # 'day' or 'hour'
    rate: int | None                # per day / hour, minor units (None: an old capped fine)
    due: str                        # local "YYYY-MM-DD HH:MM"
    returned: str                   # local "YYYY-MM-DD HH:MM": returned, or renewed
    capped: bool = False            # the fine reached its rule's cap


def fine_columns(units: int, unit: str, rate: int, due_at: datetime, returned_at: datetime,
                 capped: bool) -> dict[str, Any]:
    """The ``Charge`` columns of an overdue fine."""
    return {"fine_units": units, "fine_unit": unit, "fine_rate": rate, "fine_due_at": due_at,
            "fine_returned_at": returned_at, "fine_capped": capped}


def fine_detail(charge: Any, tz: tzinfo) -> FineDetail | None:
    """The fine details of ``charge`` (a ``Charge`` row), or None when it is not a fine."""
    if charge.fine_units is None or charge.fine_due_at is None or charge.fine_returned_at is None:
        return None
    return FineDetail(units=charge.fine_units, unit=charge.fine_unit or "day",
                      rate=charge.fine_rate,
                      due=f"{charge.fine_due_at.astimezone(tz):{LOCAL_MINUTE}}",
                      returned=f"{charge.fine_returned_at.astimezone(tz):{LOCAL_MINUTE}}",
                      capped=bool(charge.fine_capped))


def fine_text(detail: FineDetail) -> str:
    """'18 days late: due …, returned … (capped …)' in the current language."""
    text = messages.text("fine_detail", units=detail.units, unit=messages.unit_name(detail.unit),
                         due=detail.due, returned=detail.returned)
    return text + (messages.text("fine_capped") if detail.capped else "")
