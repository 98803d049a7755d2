"""Codes by the names staff use for them, in the current language: refusal reasons, audit
actions and outcomes, hold and item statuses, staff flags, time units, suspended operations.
An unknown code is shown as it is."""

from __future__ import annotations

from collections.abc import Iterable

from desk.wording.circulation import (ACTION_NAMES, HOLD_STATUS_NAMES, OUTCOME_NAMES,
                                      REASON_NAMES, STAFF_FLAG_NAMES, STATUS_NAMES, UNITS)
from desk.wording.cards import ACTION_NAMES as CARD_ACTION_NAMES
from desk.wording.cards import CLAIM_KIND_NAMES
from desk.wording.deliveries import ACTION_NAMES as DELIVERY_ACTION_NAMES
from desk.wording.deliveries import DELIVERY_STATUS_NAMES, PULL_KIND_NAMES
from desk.wording.language import language, pick
from desk.wording.offline import OPERATIONS
from desk.wording.patron_records import ACTION_NAMES as PATRON_RECORD_ACTION_NAMES
from desk.wording.patrons import ACTION_NAMES as PATRON_ACTION_NAMES
from desk.wording.privacy import ACTION_NAMES as PRIVACY_ACTION_NAMES
from desk.wording.searches import ACTION_NAMES as SEARCH_ACTION_NAMES
from desk.wording.searches import RETRIEVAL_STATUS_NAMES, SEARCH_STATUS_NAMES
from desk.wording.selfcheck import ACTION_NAMES as SELFCHECK_ACTION_NAMES
from desk.wording.staff import ACTION_NAMES as STAFF_ACTION_NAMES
from desk.wording.staff import ROLE_NAMES


def reason_name(code: str) -> str:
    """A refusal's reason code as staff say it ("overdue items"); an unknown code as it is."""
    pair = REASON_NAMES.get(code)
    return pick(pair) if pair else code


def reason_names(codes: Iterable[str]) -> str:
    """Several reason codes by name, in the current language's list separator."""
    return ("、" if language() == "zh_TW" else ", ").join(reason_name(code) for code in codes)


def action_name(action: str) -> str:
    pair = (ACTION_NAMES.get(action) or STAFF_ACTION_NAMES.get(action)
            or PATRON_ACTION_NAMES.get(action) or CARD_ACTION_NAMES.get(action)
            or PRIVACY_ACTION_NAMES.get(action) or PATRON_RECORD_ACTION_NAMES.get(action)
            or DELIVERY_ACTION_NAMES.get(action) or SEARCH_ACTION_NAMES.get(action)
            or SELFCHECK_ACTION_NAMES.get(action))
    return pick(pair) if pair else action


def role_name(role: str) -> str:
    """A staff role (``staff``, ``supervisor``, ``admin``) as staff say it."""
    return pick(ROLE_NAMES.get(role, (role, role)))


def outcome_name(outcome: str) -> str:
    return pick(OUTCOME_NAMES.get(outcome, (outcome, outcome)))


def hold_status_name(status: str) -> str:
    return pick(HOLD_STATUS_NAMES.get(status, (status, status)))


def staff_flag_name(flag: str) -> str:
    return pick(STAFF_FLAG_NAMES.get(flag, (flag, flag)))


def unit_name(unit: str) -> str:
    return pick(UNITS[unit])


def status_name(status: str) -> str:
    return pick(STATUS_NAMES.get(status, (status, status)))


def delivery_status_name(status: str) -> str:
    """A delivery request's state (``requested``, ``pulled``, ``failed``, ``refunded``)."""
    return pick(DELIVERY_STATUS_NAMES.get(status, (status, status)))


def request_status_name(kind: str, status: str) -> str:
    """A request's state as staff say it, for ``kind`` "delivery", "search" or "retrieval"."""
    names = {"delivery": DELIVERY_STATUS_NAMES, "search": SEARCH_STATUS_NAMES,
             "retrieval": RETRIEVAL_STATUS_NAMES}.get(kind, {})
    return pick(names.get(status, (status, status)))


def pull_kind_name(kind: str) -> str:
    """A pull list entry's kind (``hold``, ``delivery``, ``search``, ``retrieval``)."""
    return pick(PULL_KIND_NAMES.get(kind, (kind, kind)))


def claim_kind_name(kind: str) -> str:
    """A claim's kind (``returned``, ``never_borrowed``) as staff say it (宣稱已還 / 宣稱未借)."""
    return pick(CLAIM_KIND_NAMES.get(kind, (kind, kind)))


def operation_name(operation: str) -> str:
    """An operation suspended offline ("Renewal"); any other as "This operation"."""
    return pick(OPERATIONS.get(operation, OPERATIONS["other"]))
