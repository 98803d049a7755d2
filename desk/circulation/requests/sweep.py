"""The deadlines of searches and retrievals applied outside a desk session (the command line's
``searches sweep``): one transaction, with an audit row naming no staff member."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desk.circulation.requests.retrievals import expire_retrievals
from desk.circulation.requests.searches import expire_searches
from desk.models import AuditEvent

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore


@dataclass(frozen=True)
class SweepResult:
    """Items now missing (searches ended unfound) and items to take back to the withdrawn
    area (retrievals not collected)."""

    missing: list[str] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)


def sweep_requests(library: "LibraryStore") -> SweepResult:
    """End the searches and retrievals whose deadlines have passed, in all locations."""
    with library.sessions.begin() as session:
        now = library.now()
        result = SweepResult(missing=expire_searches(session, now),
                             returned=expire_retrievals(session, now))
        session.add(AuditEvent(at=now, action="requests_sweep", outcome="done",
                               detail={"missing": result.missing,
                                       "returned": result.returned}))
    return result


__all__ = ["SweepResult", "sweep_requests"]
