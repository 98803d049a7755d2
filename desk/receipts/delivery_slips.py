"""The slips of a delivery between locations (SOP 5.3.9) from what the circulation layer
returns: the fee's temporary receipt (代借圖書臨時收據, F-K08-034), the delivery slip put in
the pulled book (圖書代借回擲單, F-K08-043) and the refund's receipt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from desk.circulation.queries.money import PaymentReceipt
from desk.circulation.requests.deliveries import DeliveryPulled, DeliveryRefund
from desk.devices.slip_builders import delivery_slip
from desk.devices.slips import Slip, SlipKind, SlipLine, format_money, mask_card
from desk.receipts.payment_slip import METHOD_NAMES, receipt_slip
from desk.wording import devices, text


def temporary_receipt(receipt: PaymentReceipt, request_ids: Sequence[int], pickup: str, *,
                      library: str = "", currency: str = "TWD") -> Slip:
    """The payment receipt of the delivery fees, titled and noted as the temporary receipt
    the patron brings to collect the books or to have the fee refunded."""
    slip = receipt_slip(receipt, library=library, currency=currency)
    extra = (SlipLine(text("delivery_slip_request"), ", ".join(str(i) for i in request_ids)),
             SlipLine(text("delivery_slip_pickup"), pickup))
    return replace(slip, title=text("delivery_receipt_title"), lines=extra + slip.lines,
                   footer=(text("delivery_receipt_note"), *slip.footer))


def pulled_slip(pulled: DeliveryPulled, *, library: str = "") -> Slip:
    """The delivery slip (F-K08-043) of a pulled item."""
    return delivery_slip(library=library, request_no=str(pulled.request_id),
                         item_barcode=pulled.item_barcode, title=pulled.title,
                         call_number=pulled.call_number, from_location=pulled.from_location,
                         pickup_location=pulled.pickup_location,
                         patron_name=pulled.patron_shown, card=pulled.patron_card,
                         requested=pulled.requested_at, when=pulled.pulled_at)


def refund_receipt(refund: DeliveryRefund, *, library: str = "", currency: str = "TWD",
                   when: datetime | None = None) -> Slip:
    """The receipt of a refunded delivery fee: the original receipt's number (as a barcode),
    the request and the amount paid out."""
    lines = (SlipLine(text("delivery_refund_of"), refund.receipt_no),
             SlipLine(text("delivery_slip_request"), str(refund.request_id)),
             SlipLine(text(devices.SLIP_PATRON), refund.patron_name),
             SlipLine(text(devices.SLIP_CARD), mask_card(refund.patron_barcode)),
             SlipLine(text(devices.SLIP_TITLE), refund.title),
             SlipLine(text("delivery_refund_amount"), format_money(refund.amount, currency)),
             SlipLine(text(devices.SLIP_METHOD), METHOD_NAMES.get(refund.method, refund.method)))
    return Slip(SlipKind.PAYMENT, text("delivery_refund_title"),
                (library,) if library else (), lines, refund.receipt_no, (),
                when or refund.refunded_at)


__all__ = ["pulled_slip", "refund_receipt", "temporary_receipt"]
