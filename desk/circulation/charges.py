"""Charges at the desk: the names staff read for charge kinds and payment methods, a charge's
detail as the screens show it, and ``add_charge``, which books a desk fee (card deposit,
inter-library service fee) or, with a supervisor and a written reason, an adjustment.

What a patron owes is read by ``desk.circulation.queries.charges``.
"""

from __future__ import annotations

from desk import wording as messages
from desk.circulation import validation
from desk.circulation.context import OpContext
from desk.circulation.fine_details import FineDetail, fine_text
from desk.circulation.notices import CirculationRefused
from desk.models import Charge, StaffUser

DESK_FEES = ("card_deposit", "ill_fee")
ADDABLE_KINDS = (*DESK_FEES, "adjustment")

KIND_NAMES: dict[str, tuple[str, str]] = {
    "overdue": ("Overdue fine", "逾期滯還金"),
    "overdue_renewal": ("Overdue fine at renewal", "逾期續借滯還金"),
    "billed_overdue": ("Billed overdue (lost item)", "有帳單的逾期"),
    "lost_compensation": ("Lost-item compensation", "遺失賠償金"),
    "lost_handling_fee": ("Replacement handling fee", "賠書處理費"),
    "lost_late": ("Late lost-item compensation", "逾期賠償滯還金"),
    "card_deposit": ("Card deposit", "借書證保證金"),
    "ill_fee": ("Inter-library service fee", "館際服務費"),
    "delivery_fee": ("Delivery fee", "代借服務費"),
    "adjustment": ("Adjustment", "調整"),
    "accruing": ("Fine accruing (item still out)", "滯還金累計中（書未還）"),
    "replacement_bill": ("Replacement bill (item still out)", "重買（書未還）"),
    "lost_claim": ("Lost-item claim open", "遺失賠償中"),
}

# Payment methods as staff read them; a method configured beyond these shows its code.
METHOD_NAMES: dict[str, tuple[str, str]] = {
    "cash": ("Cash", "現金"),
    "easycard": ("EasyCard", "悠遊卡"),
    "ipass": ("iPASS", "一卡通"),
    "card": ("Bank card", "信用卡／金融卡"),
    "transfer": ("Bank transfer", "轉帳"),
}


def method_name(method: str) -> str:
    """A payment method as staff read it, in the current language."""
    pair = METHOD_NAMES.get(method, (method, method))
    return pair[1] if messages.language() == "zh_TW" else pair[0]


def kind_name(kind: str) -> str:
    """The kind of a charge or bill as staff read it, in the current language."""
    pair = KIND_NAMES.get(kind, (kind, kind))
    return pair[1] if messages.language() == "zh_TW" else pair[0]


def charge_detail(kind: str, description: str | None, *, fine: FineDetail | None = None,
                  item_barcode: str | None = None, title: str | None = None) -> str:
    """A charge's detail in the current language. An overdue fine is told from its figures
    (``fine``); a charge for an item names the item; a fee staff described shows their words."""
    if fine is not None:
        return fine_text(fine)
    if kind in ADDABLE_KINDS:
        return description or ""
    if item_barcode:
        return f"{item_barcode} {(title or '')[:80]}".rstrip()
    return (description or "").split(": ", 1)[0]   # "<barcode> <title>: what it is for"


def add_charge(ctx: OpContext, patron_barcode: str, kind: str, amount: int, description: str,
               *, supervisor: StaffUser | None = None, reason: str | None = None,
               item_barcode: str | None = None) -> int:
    """Book a desk fee (card deposit, inter-library service fee) or, with a supervisor and a
    written reason, an adjustment. Returns the charge id."""
    if kind not in ADDABLE_KINDS:
        raise CirculationRefused.one("charge_kind_not_allowed", kind=kind)
    validation.money(amount, "amount", maximum=ctx.policy.max_amount, positive=True)
    patron = ctx.patron(patron_barcode, lock=True)
    item = ctx.item(item_barcode) if item_barcode else None
    text = (description or "").strip()
    if kind == "adjustment":
        approver = ctx.require_approval(supervisor, reason)
        ctx.supervisor, ctx.override_reason = approver, (reason or "").strip()
        text = text or (reason or "").strip()
    if item is not None:
        text = f"{item.barcode} {item.biblio.title[:80]}" + (f": {text}" if text else "")
    charge = Charge(patron_id=patron.id, kind=kind, amount=amount, item_id=item.id if item else None,
                    created_at=ctx.now, desk_id=ctx.desk.id, staff_id=ctx.staff.id,
                    description=text or kind_name(kind))
    ctx.session.add(charge)
    ctx.session.flush()
    return charge.id
