"""Disputed loans (SOP 5.10): the patron claims to have returned an item, or never to have
borrowed it. The problem form's number (F-K08-045, 問題處理程序單) is recorded; the loan stops
accruing fines at the claim; the item shows ``claims_returned``; the patron's record gets a
message with the form number. A later checkin of the item resolves the claim
(``resolve_on_checkin``)."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update

from desk.circulation.cards import new_message
from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.models import LoanClaim, Loan, LostClaim, PatronMessage, StaffUser
from desk.models.cards import CLAIM_KINDS
from desk.wording import claim_kind_name, text

CLAIM_STATUS = "claims_returned"


def make_claim(ctx: OpContext, item_barcode: str, kind: str, form_no: str,
               supervisor: StaffUser | None) -> int:
    """Record the claim ``kind`` on the open loan of ``item_barcode``; returns the claim id."""
    if kind not in CLAIM_KINDS:
        raise ValueError(f"kind must be one of {CLAIM_KINDS}, not {kind!r}")
    if ctx.policy.claims_need_supervisor or supervisor is not None:
        ctx.supervisor = ctx.require_supervisor(supervisor)
    item = ctx.item(item_barcode, lock=True)
    session = ctx.session
    loan = session.scalars(select(Loan).where(
        Loan.item_id == item.id, Loan.returned_at.is_(None))).first()
    if loan is None or loan.patron_id is None:   # only a returned loan loses its patron
        raise CirculationRefused.one("item_not_on_loan", barcode=item.barcode)
    if loan.claimed_at is not None:
        raise CirculationRefused.one("claim_exists", barcode=item.barcode)
    if session.scalars(select(LostClaim.id).where(LostClaim.loan_id == loan.id,
                                                  LostClaim.status == "open")).first():
        raise CirculationRefused.one("lost_claim_exists", barcode=item.barcode)
    message_id = new_message(ctx, loan.patron_id, text(
        "claim_message", kind=claim_kind_name(kind), form_no=form_no, barcode=item.barcode,
        title=item.biblio.title[:80], day=ctx.today.isoformat()))
    claim = LoanClaim(loan_id=loan.id, item_id=item.id, patron_id=loan.patron_id, kind=kind,
                      form_no=form_no, claimed_at=ctx.now, staff_id=ctx.staff.id,
                      message_id=message_id)
    session.add(claim)
    loan.claimed_at = ctx.now
    item.status = CLAIM_STATUS
    session.flush()
    return claim.id


_OPEN_CLAIM = (select(LoanClaim.id, LoanClaim.kind, LoanClaim.form_no, LoanClaim.message_id)
               .where(LoanClaim.loan_id == bindparam("loan_id"), LoanClaim.resolved_at.is_(None))
               .order_by(LoanClaim.id).limit(1))
_RESOLVE = (update(LoanClaim).where(LoanClaim.id == bindparam("claim_id"))
            .values(resolved_at=bindparam("at")))
_MESSAGE_DONE = (update(PatronMessage)
                 .where(PatronMessage.id == bindparam("message_id"),
                        PatronMessage.acknowledged_at.is_(None))
                 .values(acknowledged_at=bindparam("at"), acknowledged_by=bindparam("staff_id")))


def resolve_on_checkin(ctx: OpContext, loan_id: int) -> None:
    """The claimed item came back: the claim is resolved (its message acknowledged, the
    dispute being over) and the checkin says so with ``claim_resolved``."""
    connection = ctx.session.connection()
    row = connection.execute(_OPEN_CLAIM, {"loan_id": loan_id}).first()
    if row is None:
        return
    claim_id, kind, form_no, message_id = row
    connection.execute(_RESOLVE, {"claim_id": claim_id, "at": ctx.now})
    if message_id is not None:
        connection.execute(_MESSAGE_DONE, {"message_id": message_id, "at": ctx.now,
                                           "staff_id": ctx.staff.id})
    ctx.notice("claim_resolved", kind=claim_kind_name(kind), form_no=form_no)
