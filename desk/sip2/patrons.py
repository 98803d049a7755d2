"""Patron messages of a terminal's session: patron status (23), patron information (63)
with its lists, block patron (01, a card the machine kept) and patron enable (25, refused:
unblocking is the counter's). The 14 status flags come from the desk's own blocks."""

from __future__ import annotations

from desk.circulation.notices import CirculationRefused, Notice
from desk.circulation.queries.selfcheck import SelfCheckPatron, SelfCheckStatus, selfcheck_status
from desk.sip2.codec import Message
from desk.sip2.formats import LANGUAGE_CODES, sip_money, text_in
from desk.sip2.replies import Fields, Reply, SessionBase


class PatronReplies(SessionBase):
    """Answers to the patron messages."""

    @staticmethod
    def _flags(reasons: list[Notice], loans: int, limit: int | None) -> str:
        """The 14 patron-status flags from the desk's blocks (Y = the privilege is denied or
        the limit reached; blank otherwise)."""
        codes = {n.code for n in reasons}
        denied = bool(codes)
        at_limit = limit is not None and loans >= limit
        flags = [
            denied or at_limit,                                   # charge privileges denied
            bool(codes & {"patron_expired", "patron_blocked", "patron_owes_fines"}),  # renew
            False,                                                # recall privileges denied
            denied,                                               # hold privileges denied
            False,                                                # card reported lost
            at_limit,                                             # too many items charged
            "patron_has_overdue" in codes,                        # too many items overdue
            False,                                                # too many renewals
            False,                                                # too many claims returned
            "patron_lost_item_pending" in codes,                  # too many items lost
            "patron_owes_fines" in codes,                         # excessive fines
            False,                                                # excessive fees
            False,                                                # recall overdue
            False,                                                # too many items billed
        ]
        return "".join("Y" if f else " " for f in flags)

    def _patron_refused(self, message: Message, language: str,
                        refused: CirculationRefused) -> Reply:
        """Patron status of a card that is not (or no longer) a patron's: BL N, and the
        "card reported lost" flag for a replaced card."""
        lost = "card_replaced" in refused.codes
        flags = "YYYY" + ("Y" if lost else " ") + " " * 9
        code = "64" if message.code == "63" else "26" if message.code == "25" else "24"
        fixed = flags + LANGUAGE_CODES[language] + self._now()
        if code == "64":
            fixed += "0000" * 6
        return Reply(code, fixed, [("AO", self._institution(message)),
                                   ("AA", message.get("AA")), ("AE", ""), ("BL", "N"),
                                   ("AF", self._said(language, refused.reasons))])

    def _patron_fields(self, message: Message, patron: SelfCheckPatron | SelfCheckStatus,
                       language: str) -> Fields:
        currency = self.library.policy.currency
        facts = patron.summary if isinstance(patron, SelfCheckPatron) else patron
        screen = self._said(language, facts.block_reasons) or [
            text_in(language, "sip_welcome", name=facts.name)]
        return [("AO", self._institution(message)), ("AA", facts.barcode),
                ("AE", facts.name), ("BL", "Y"),
                ("CQ", "N" if message.get("AD") else None),
                ("BH", currency), ("BV", sip_money(facts.balance, currency)),
                ("AF", screen)]

    def _patron_status(self, message: Message, language: str) -> Reply:
        assert self.terminal is not None
        try:
            patron = selfcheck_status(self.library, message.get("AA"), desk=self.terminal.desk)
        except CirculationRefused as refused:
            return self._patron_refused(message, language or "zh_TW", refused)
        language = language or patron.language
        flags = self._flags(patron.block_reasons, patron.loans, patron.max_items_total)
        return Reply("24", flags + LANGUAGE_CODES[language] + self._now(),
                     self._patron_fields(message, patron, language))

    def _patron_information(self, message: Message, language: str) -> Reply:
        try:
            patron = self._patron(message)
        except CirculationRefused as refused:
            return self._patron_refused(message, language or "zh_TW", refused)
        language = language or patron.language
        summary = patron.summary
        waiting = [h for h in summary.holds if h.status == "waiting"]
        unavailable = [h for h in summary.holds if h.status != "waiting"]
        overdue = [loan for loan in summary.loans if loan.overdue]
        counts = (len(waiting), len(overdue), len(summary.loans), len(summary.charges), 0,
                  len(unavailable))
        fixed = (self._flags(summary.block_reasons, summary.loans_count, patron.max_items_total)
                 + LANGUAGE_CODES[language] + self._now()
                 + "".join(f"{min(c, 9999):04d}" for c in counts))
        wanted = message.fixed[21:31]
        first, last = _range(message)
        lists: Fields = []
        currency = self.library.policy.currency
        if wanted[0:1] == "Y":
            lists.append(("AS", _page([h.item_barcode or h.title for h in waiting], first, last)))
        if wanted[1:2] == "Y":
            lists.append(("AT", _page([loan.item_barcode for loan in overdue], first, last)))
        if wanted[2:3] == "Y":
            lists.append(("AU", _page([loan.item_barcode for loan in summary.loans],
                                      first, last)))
        if wanted[3:4] == "Y":
            lists.append(("AV", _page([f"{c.description or c.kind} "
                                       f"{sip_money(c.outstanding, currency)}"
                                       for c in summary.charges], first, last)))
        if wanted[5:6] == "Y":
            lists.append(("CD", _page([h.item_barcode or h.title for h in unavailable],
                                      first, last)))
        fields = self._patron_fields(message, patron, language)
        limit = patron.max_items_total
        extra: Fields = [
            ("CB", f"{min(limit, 9999):04d}" if limit is not None else None),
            ("BE", summary.email), ("BF", summary.phone)]
        return Reply("64", fixed, fields[:-1] + extra + lists + fields[-1:])

    def _block_patron(self, message: Message, language: str) -> Reply:
        assert self.circulation is not None
        barcode = message.get("AA")
        reason = text_in("zh_TW", "sip_card_retained", barcode=barcode,
                         message=message.get("AL") or "-")
        try:
            self.circulation.block_patron(barcode, reason)
        except CirculationRefused as refused:
            return self._patron_refused(message, language, refused)
        return self._patron_status(message, language)

    def _patron_enable(self, message: Message, language: str) -> Reply:
        # Unblocking is the counter's (a block was put on for a reason staff must read).
        return self._failure(message, language, text_in(language, "sip_not_supported"))


def _range(message: Message) -> tuple[int, int]:
    """The 1-based item range (BP start, BQ end) of a patron-information list."""
    def number(field_id: str, default: int) -> int:
        value = message.get(field_id).strip()
        return int(value) if value.isdigit() and 0 < int(value) < 100_000 else default
    first = number("BP", 1)
    return first, max(first, number("BQ", first + 49))


def _page(values: list[str], first: int, last: int) -> list[str] | None:
    return values[first - 1:last] or None


__all__ = ["PatronReplies"]
