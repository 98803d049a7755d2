"""Whether a patron may borrow (or renew) an item, and until when: pure functions over ``facts``.

``decide_checkout`` gives the one refusal no override lifts (the item cannot be lent), the
refusals a supervisor may override (the patron's record, the limits, a hold for another), the
due date and the warnings of a loan. The online checkout raises or lends on it; the offline
desk shows the same notices as warnings; the replay decides with ``now`` the slip's time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desk.circulation.calendar import Calendar
from desk.wording import status_name
from desk.wording import text as message_text
from desk.circulation.notices import Notice
from desk.circulation.policy import Policy
from desk.circulation.rules.due import is_shortened, loan_due, renewal_due
from desk.circulation.rules.facts import ItemFacts, LoanFacts, PatronFacts, RuleFacts

UNLENDABLE_STATUSES = ("lost", "missing", "withdrawn", "in_transit", "claims_returned",
                       "in_delivery")


@dataclass(frozen=True)
class CheckoutDecision:
    """What the rules say of one checkout. ``refusal`` stops it whatever a supervisor says;
    ``reasons`` stop it unless overridden; otherwise it is lent until ``due_at`` with
    ``warnings`` (``due_at`` is None only when no rule lends the item type to the patron)."""

    refusal: Notice | None
    reasons: list[Notice] = field(default_factory=list)
    due_at: datetime | None = None
    warnings: list[Notice] = field(default_factory=list)

    @property
    def refusals(self) -> list[Notice]:
        """What the desk is told first: the final refusal alone, else the overridable ones."""
        return [self.refusal] if self.refusal is not None else list(self.reasons)


def block_in_force(patron: PatronFacts, today: date) -> bool:
    """Whether the patron's block stops loans on ``today``: a timed block has lifted itself on
    its ``blocked_until`` day (no job clears the flag; the rule reads the date)."""
    return patron.blocked and (patron.blocked_until is None or today < patron.blocked_until)


def patron_block_reasons(patron: PatronFacts, today: date, policy: Policy) -> list[Notice]:
    """Why this patron may not borrow now (each overridable by a supervisor)."""
    reasons: list[Notice] = []
    if patron.expires_on is not None and patron.expires_on < today:
        reasons.append(Notice.make("patron_expired", expires=patron.expires_on.isoformat()))
    if block_in_force(patron, today):
        message = patron.block_message or ""
        if patron.blocked_until is not None:
            message += message_text("block_lifts_on", day=patron.blocked_until.isoformat())
        reasons.append(Notice.make("patron_blocked", message=message))
    if patron.overdue:
        reasons.append(Notice.make("patron_has_overdue", count=patron.overdue))
    if patron.balance > policy.max_outstanding_fines:
        reasons.append(Notice.make("patron_owes_fines", amount=policy.money(patron.balance)))
    deadline = patron.first_claim_deadline
    if deadline is not None and deadline < today:
        reasons.append(Notice.make("patron_lost_item_pending", deadline=deadline.isoformat()))
    return reasons


def item_refusal(patron: PatronFacts, item: ItemFacts, rule: RuleFacts | None) -> Notice | None:
    """Why this item cannot be lent to this patron at all (no override lifts it), or None."""
    refusal = item_state_refusal(item, patron.barcode)
    if refusal is None and (rule is None or rule.max_items == 0):
        refusal = Notice.make("item_not_loanable", barcode=item.barcode,
                              detail=f"no loans of {item.item_type} to {patron.category} patrons")
    return refusal


def item_state_refusal(item: ItemFacts, patron_barcode: str) -> Notice | None:
    """Why this item cannot be lent to anyone now (it is out, gone or for use in the library),
    or None; ``patron_barcode`` names a loan to the patron at the counter as theirs."""
    if item.loan_patron is not None:
        to = "" if item.loan_patron != patron_barcode else message_text("loan_to_this_patron")
        return Notice.make("item_checked_out", barcode=item.barcode, to=to)
    if item.status in UNLENDABLE_STATUSES:
        return Notice.make("item_status", barcode=item.barcode, status=status_name(item.status))
    if not item.loanable:
        return Notice.make("item_not_loanable", barcode=item.barcode, detail="in-library use only")
    return None


def limit_reasons(patron: PatronFacts, item: ItemFacts, rule: RuleFacts) -> list[Notice]:
    """The loan limits this loan would pass: per item type, in all, and over the card's life."""
    reasons: list[Notice] = []
    same_type = item.patron_loans_of_type if patron.open_loans >= rule.max_items else 0
    if same_type >= rule.max_items:
        reasons.append(Notice.make("patron_loan_limit", count=same_type, limit=rule.max_items,
                                   item_type=item.item_type_name))
    total_limit = patron.max_items_total
    if total_limit is not None and patron.open_loans >= total_limit and not reasons:
        reasons.append(Notice.make("patron_loan_limit", count=patron.open_loans,
                                   limit=total_limit, item_type=message_text("all_item_types")))
    lifetime_limit = patron.lifetime_item_limit
    if lifetime_limit is not None and patron.lifetime_loans >= lifetime_limit:
        reasons.append(Notice.make("card_lifetime_limit", count=patron.lifetime_loans,
                                   limit=lifetime_limit))
    return reasons


def checkout_due(item: ItemFacts, rule: RuleFacts, now: datetime, calendar: Calendar) -> datetime:
    """When a loan of ``item`` made at ``now`` falls due: shortened when others wait."""
    return loan_due(rule, now, calendar, others_waiting=_others_waiting(item))


def _others_waiting(item: ItemFacts) -> bool:
    # A hold trapped for another, once overridden, goes back in line: that patron waits too.
    return item.others_waiting or item.trapped_for_other


def set_incomplete(item: ItemFacts, parts_seen: int | None) -> Notice | None:
    """``set_incomplete`` when fewer of the item's pieces are at the counter than it has
    (``parts_seen``: the tags an RFID pad read; None when nobody counted, as with a barcode)."""
    if parts_seen is None or parts_seen >= item.parts:
        return None
    return Notice.make("set_incomplete", barcode=item.barcode, seen=parts_seen,
                       parts=item.parts)


def decide_checkout(patron: PatronFacts, item: ItemFacts, rule: RuleFacts | None, *,
                    now: datetime, calendar: Calendar, policy: Policy,
                    parts_seen: int | None = None) -> CheckoutDecision:
    """The rules' decision on lending ``item`` to ``patron`` at ``now`` (``calendar``: the
    lending desk's). The overridable reasons, the due date and the warnings are given even
    beside a final refusal, for the offline desk, which lends anyway and warns of them all.
    ``parts_seen``: how many of the item's pieces were counted at the counter (RFID)."""
    refusal = item_refusal(patron, item, rule)
    reasons = patron_block_reasons(patron, calendar.local_date(now), policy)
    if rule is not None and rule.max_items > 0:
        reasons += limit_reasons(patron, item, rule)
    incomplete = set_incomplete(item, parts_seen)
    if incomplete is not None:
        reasons.append(incomplete)
    if item.trapped_for_other:
        reasons.append(Notice.make("item_on_hold_for_other", barcode=item.barcode))
    due_at = checkout_due(item, rule, now, calendar) if rule is not None else None
    warnings: list[Notice] = []
    if due_at is not None and rule is not None and _others_waiting(item) and is_shortened(rule):
        warnings.append(Notice.make(
            "due_shortened_by_holds", due=due_at.astimezone(calendar.tz).strftime("%Y-%m-%d")))
    if item.accessories:
        warnings.append(Notice.make("accessories", accessories=item.accessories))
    warnings += patron_notices(patron, calendar, policy)
    return CheckoutDecision(refusal, reasons, due_at, warnings)


def patron_notices(patron: PatronFacts, calendar: Calendar, policy: Policy) -> list[Notice]:
    """What staff are told of the patron at every checkout: each message not yet acknowledged
    (with its author and date), and ``patron_claims`` once the patron has made
    ``claims_warning_threshold`` claims (0: never)."""
    notices = [Notice.make("patron_message", message=m.text, message_id=m.id,
                           author=m.author or message_text("message_no_author"),
                           date=calendar.local_date(m.created_at).isoformat())
               for m in patron.messages]
    threshold = policy.claims_warning_threshold
    if threshold > 0 and patron.claims >= threshold:
        notices.append(Notice.make("patron_claims", count=patron.claims))
    return notices


@dataclass(frozen=True)
class RenewalDecision:
    """What the rules say of one renewal: ``refusal`` stops it, ``reasons`` stop it unless
    overridden; otherwise the loan is due at ``due_at`` (and, ``overdue``, fined now)."""

    refusal: Notice | None
    reasons: list[Notice] = field(default_factory=list)
    due_at: datetime | None = None
    overdue: bool = False


def decide_renewal(loan: LoanFacts, rule: RuleFacts | None, *, now: datetime,
                   calendar: Calendar) -> RenewalDecision:
    """The rules' decision on renewing ``loan`` at ``now`` (SOP 5.4)."""
    if rule is None or rule.renewals == 0:
        return RenewalDecision(Notice.make("renewal_not_allowed",
                                           detail="no renewals for this card"))
    if loan.hourly:
        return RenewalDecision(Notice.make("renewal_not_allowed", detail="hourly loan"))
    reasons: list[Notice] = []
    if loan.renewals >= rule.renewals:
        reasons.append(Notice.make("renewal_limit", count=loan.renewals, limit=rule.renewals))
    if loan.others_waiting:
        reasons.append(Notice.make("renewal_on_hold"))
    # SOP 5.4.2.2: an overdue renewal only at the desk, its fine charged.
    return RenewalDecision(None, reasons, renewal_due(rule, now, calendar),
                           overdue=loan.due_at < now)
