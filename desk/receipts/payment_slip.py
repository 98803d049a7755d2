"""A payment receipt (``desk.circulation.queries.money.PaymentReceipt``) as the devices' slip.

Built with the devices' ``payment_receipt`` builder (the receipt number printed as a Code 128
barcode for look-ups and voids), with the cash handed over and the change added for cash
payments, the business date the payment is booked to when it is not the day printed on the
receipt (a payment taken after the desk's day was closed), and VOID marked on a reprint of a
voided receipt.
"""

from __future__ import annotations

from dataclasses import replace

from desk.circulation.queries.money import PaymentReceipt
from desk.devices.slip_builders import SlipCharge, payment_receipt
from desk.devices.slips import Slip, SlipLine, format_money

METHOD_NAMES = {"cash": "現金 Cash", "easycard": "悠遊卡 EasyCard"}
# The business day the payment is booked to, printed when it is not the receipt's own date.
BOOKED_TO = "入帳日 Booked to"


def receipt_slip(receipt: PaymentReceipt, *, library: str = "", currency: str = "TWD",
                 reprint: bool = False) -> Slip:
    charges = [SlipCharge(f"{line.kind_name}: {line.description}"[:120], line.amount)
               for line in receipt.lines]
    slip = payment_receipt(
        library=library, receipt_no=receipt.receipt_no, patron_name=receipt.patron_name,
        card=receipt.patron_barcode, charges=charges, paid_minor=receipt.amount,
        currency=currency, method=METHOD_NAMES.get(receipt.method, receipt.method),
        when=receipt.paid_at, balance_minor=receipt.balance_after, desk=receipt.desk,
        staff=receipt.cashier)
    extra: list[SlipLine] = []
    if receipt.tendered is not None:
        extra += [SlipLine("收取 Tendered", format_money(receipt.tendered, currency)),
                  SlipLine("找零 Change", format_money(receipt.change, currency))]
    if receipt.business_date != receipt.paid_at.date():
        extra.append(SlipLine(BOOKED_TO, receipt.business_date.isoformat()))
    footer = list(slip.footer)
    if reprint:
        footer.insert(0, "補印 REPRINT")
    if receipt.voided:
        footer.insert(0, f"作廢 VOID: {receipt.void_reason or ''}")
    lines = list(slip.lines)
    method = METHOD_NAMES.get(receipt.method, receipt.method)
    at = next((i + 1 for i, line in enumerate(lines) if line.value == method), len(lines))
    return replace(slip, lines=tuple(lines[:at] + extra + lines[at:]), footer=tuple(footer))
