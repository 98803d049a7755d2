"""Fee paid (37) at a kiosk: the amount in the library's currency, paid through the desk's
``Circulation.pay`` into the terminal's desk's settlement, with the receipt number (BK)."""

from __future__ import annotations

from desk.circulation.notices import CirculationRefused
from desk.sip2.codec import Message
from desk.sip2.formats import parse_sip_money, text_in
from desk.sip2.replies import Fields, Reply, SessionBase

# Payment type (message 37) -> the desk's payment method: cash, else the kiosk's card reader.
PAYMENT_METHODS = {"00": "cash"}
CARD_PAYMENT = "easycard"


class FeeReplies(SessionBase):
    """Answers to fee paid."""

    # --- money ------------------------------------------------------------------------------
    def _fee_paid(self, message: Message, language: str) -> Reply:
        assert self.circulation is not None
        policy = self.library.policy
        patron = message.get("AA")
        given_currency = message.fixed[22:25].strip()
        head: Fields = [("AO", self._institution(message)), ("AA", patron)]
        if given_currency and given_currency != policy.currency:
            return Reply("38", "N" + self._now(), head + [(
                "AF", text_in(language, "sip_currency_wrong", expected=policy.currency,
                              given=given_currency))])
        amount = parse_sip_money(message.get("BV"), policy.currency)
        if amount is None:
            return Reply("38", "N" + self._now(), head + [(
                "AF", text_in(language, "sip_amount_invalid", value=message.get("BV")[:20]))])
        method = PAYMENT_METHODS.get(message.fixed[20:22], CARD_PAYMENT)
        try:
            receipt = self.circulation.pay(patron, amount, method)
        except CirculationRefused as refused:
            return Reply("38", "N" + self._now(), head + [
                ("AF", self._said(language, refused.reasons))])
        return Reply("38", "Y" + self._now(), head + [
            ("BK", receipt),
            ("AF", text_in(language, "sip_fee_paid", amount=policy.money(amount),
                           receipt=receipt))])


__all__ = ["CARD_PAYMENT", "PAYMENT_METHODS", "FeeReplies"]
