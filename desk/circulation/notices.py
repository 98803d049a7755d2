"""Notices, refusals and overrides: how the circulation layer explains every rule it applies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desk import wording

# Refusals a supervisor may override (DESIGN.md section 5). Everything else is final.
OVERRIDABLE = frozenset({
    "patron_expired", "patron_blocked", "patron_has_overdue", "patron_owes_fines",
    "patron_lost_item_pending", "patron_loan_limit", "item_on_hold_for_other",
    "renewal_limit", "renewal_on_hold", "set_incomplete",
})
# Refusals about the patron, not the item: an override of one holds for the rest of the visit
# (every further item of that patron would be refused for the same reason).
PATRON_LEVEL_CODES = frozenset({
    "patron_expired", "patron_blocked", "patron_has_overdue", "patron_owes_fines",
    "patron_lost_item_pending", "patron_loan_limit",
})


@dataclass(frozen=True)
class Notice:
    """One reason or message: a stable snake_case code, whether a supervisor may override it,
    and the message in the user's language."""

    code: str
    overridable: bool
    message: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def make(cls, code: str, /, **params: Any) -> "Notice":
        return cls(code, code in OVERRIDABLE, wording.text(code, **params), params)

    def __str__(self) -> str:
        return self.message


def notice(code: str, /, *, overridable: bool = False, **params: Any) -> Notice:
    """A ``Notice`` whose caller decides whether it may be overridden (the offline checks and
    the replay: a rule's refusal offline is not the supervisor's to override there)."""
    return Notice(code, overridable, wording.text(code, **params), params)


class CirculationRefused(Exception):
    """An operation was refused; nothing was changed. ``reasons`` says why."""

    def __init__(self, reasons: list[Notice]) -> None:
        self.reasons = list(reasons)
        # The refused item's title, when the operation got as far as finding the item.
        self.item_title: str | None = None
        super().__init__("; ".join(n.message for n in self.reasons))

    @classmethod
    def one(cls, code: str, /, **params: Any) -> "CirculationRefused":
        return cls([Notice.make(code, **params)])

    @property
    def codes(self) -> list[str]:
        return [n.code for n in self.reasons]

    @property
    def overridable(self) -> bool:
        return bool(self.reasons) and all(n.overridable for n in self.reasons)


@dataclass(frozen=True)
class Override:
    """A supervisor's permission to go past the refusals ``codes``, with a written reason.
    ``supervisor`` is a staff user returned by ``Library.sign_in``."""

    codes: frozenset[str] | set[str] | list[str] | tuple[str, ...]
    supervisor: Any
    reason: str


class AuthenticationFailed(Exception):
    """Wrong login or password (deliberately not saying which)."""
