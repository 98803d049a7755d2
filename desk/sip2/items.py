"""Item messages of a terminal's session: checkout (11), checkin (09) with its sort bin,
item information (17), item status update (19, refused), renew (29), renew all (65) and
placing a hold (15), each through the desk's ``Circulation``."""

from __future__ import annotations

from datetime import datetime

from desk.circulation.library import Library
from desk.circulation.notices import CirculationRefused
from desk.circulation.queries.items import item_status
from desk.circulation.queries.rows import ItemStatus
from desk.circulation.queries.selfcheck import item_home
from desk.circulation.results import CheckinResult
from desk.sip2.codec import Message
from desk.sip2.formats import notice_in, parse_sip_datetime, sip_datetime, text_in, yes_no
from desk.sip2.replies import ROUTES, Fields, Reply, SessionBase

# SIP2 circulation status of an item (message 18), by the desk's item status.
CIRCULATION_STATUS = {
    "available": "03", "checked_out": "04", "on_holds_shelf": "08", "in_transit": "10",
    "in_delivery": "10", "claims_returned": "11", "lost": "12", "missing": "13",
}


class ItemReplies(SessionBase):
    """Answers to the item messages."""

    # --- items ------------------------------------------------------------------------------
    def _checkout(self, message: Message, language: str) -> Reply:
        assert self.circulation is not None
        patron, item = message.get("AA"), message.get("AB")
        head: Fields = [("AO", self._institution(message)), ("AA", patron), ("AB", item)]
        try:
            result = self.circulation.checkout(patron, item)
        except CirculationRefused as refused:
            same_patron = [n for n in refused.reasons
                           if n.code == "item_checked_out" and n.params.get("to")]
            if same_patron and message.fixed[0:1] == "Y":   # SC renewal policy: renew it
                return self._renew(message, language, reply_code="12")
            return Reply("12", "0NUN" + self._now(), head + [
                ("AJ", refused.item_title or ""), ("AH", ""),
                ("AF", self._said(language, refused.reasons))])
        due = (sip_datetime(result.due_at, self.library.policy.tz) if result.due_at else "")
        shown_due = _shown_date(result.due_at, self.library)
        screen = [text_in(language, "sip_checked_out", title=result.title, due=shown_due)]
        screen += self._said(language, result.warnings)
        return Reply("12", "1NN" + yes_no(result.has_strip) + self._now(), head + [
            ("AJ", result.title), ("AH", due), ("BK", str(result.loan_id or "")),
            ("AF", screen)])

    def _checkin(self, message: Message, language: str) -> Reply:
        assert self.circulation is not None
        item = message.get("AB")
        returned_at: datetime | None = None
        if message.fixed[0:1] == "Y":   # no block: returned while the machine was offline
            returned_at = parse_sip_datetime(message.fixed[19:37], self.library.policy.tz)
        try:
            result = self.circulation.checkin(item, returned_at=returned_at, bookdrop=True)
        except CirculationRefused as refused:
            return Reply("10", "0NUY" + self._now(), [
                ("AO", self._institution(message)), ("AB", item), ("AQ", ""),
                ("AJ", refused.item_title or ""), ("CL", self._bin("staff")),
                ("AF", self._said(language, refused.reasons))])
        return self._checkin_reply(message, language, result)

    def _checkin_reply(self, message: Message, language: str, result: CheckinResult) -> Reply:
        home = item_home(self.library, result.item_barcode or message.get("AB")) or ""
        route = result.route if result.route in ROUTES else "staff"
        # a book read in the library against an ID kept at the counter: the reader collects
        # the ID there (the machine does not show which ID), staff see the book first
        id_kept = any(n.code == "reading_id_kept" for n in result.notices)
        if id_kept and route == "shelve":
            route = "staff"
        alert = route != "shelve"
        screen = [text_in(language, "sip_checked_in", title=result.title)]
        if route == "holds_shelf":
            screen.append(text_in(language, "sip_to_holds_shelf"))
        elif route == "transit":
            screen.append(text_in(language, "sip_to_transit",
                                  place=result.destination or ""))
        elif route == "staff":
            screen.append(text_in(language, "sip_to_staff"))
        screen += [notice_in(language, n) for n in result.notices
                   if n.code in ("fine_charged", "accessories", "accessories_bookdrop")]
        if id_kept:
            screen.append(text_in(language, "sip_collect_id"))
        # CV (alert type, 3M extension): 01 hold here, 02 hold elsewhere, 04 transit, 99 other
        alert_type = {"holds_shelf": "01", "transit": "02" if result.hold_id else "04",
                      "staff": "99"}.get(route)
        return Reply("10", "1" + yes_no(result.has_strip) + "N" + yes_no(alert) + self._now(), [
            ("AO", self._institution(message)), ("AB", result.item_barcode),
            ("AQ", home), ("AJ", result.title),
            ("CL", self._bin(route)), ("AA", result.patron_barcode),
            ("CT", result.destination if route in ("transit", "holds_shelf") else None),
            ("CV", alert_type), ("AF", screen)])

    def _item_information(self, message: Message, language: str) -> Reply:
        try:
            status = item_status(self.library, message.get("AB"), history=0)
        except CirculationRefused as refused:
            return self._failure(message, language, self._said(language, refused.reasons))
        return Reply("18", _circulation_status(status) + ("02" if status.has_strip else "01")
                     + "01" + self._now(), [
            ("CF", str(status.holds_count)),
            ("AH", sip_datetime(status.due_at, self.library.policy.tz)
             if status.due_at else None),
            ("AB", status.barcode), ("AJ", status.title), ("AQ", status.location_code),
            ("AP", status.current_location or status.location_code),
            ("CK", "001"), ("AF", [status.status_name])])

    def _item_status_update(self, message: Message, language: str) -> Reply:
        # Item properties are kept by staff in the catalogue, not by machines.
        return self._failure(message, language, text_in(language, "sip_not_supported"))

    def _renew(self, message: Message, language: str, *, reply_code: str = "30") -> Reply:
        assert self.circulation is not None
        patron, item = message.get("AA"), message.get("AB")
        head: Fields = [("AO", self._institution(message)), ("AA", patron), ("AB", item)]
        refused_fixed = "0NUN" + self._now()
        try:
            status = item_status(self.library, item, history=0)
            if status.borrower_barcode != patron:
                return Reply(reply_code, refused_fixed, head + [
                    ("AJ", status.title), ("AF", text_in(language, "sip_not_your_loan",
                                                         title=status.title))])
            result = self.circulation.renew(item)
        except CirculationRefused as refused:
            return Reply(reply_code, refused_fixed, head + [
                ("AJ", refused.item_title or ""), ("AF", self._said(language, refused.reasons))])
        due = _shown_date(result.due_at, self.library)
        return Reply(reply_code, "1YN" + yes_no(status.has_strip) + self._now(), head + [
            ("AJ", result.title or status.title),
            ("AH", sip_datetime(result.due_at, self.library.policy.tz)),
            ("AF", [text_in(language, "sip_renewed", title=result.title or status.title,
                            due=due)] + self._said(language, result.notices))])

    def _renew_all(self, message: Message, language: str) -> Reply:
        assert self.circulation is not None
        try:
            patron = self._patron(message)
        except CirculationRefused as refused:
            return self._failure(message, language, self._said(language, refused.reasons))
        renewed: list[str] = []
        unrenewed: list[str] = []
        for loan in patron.summary.loans:
            try:
                self.circulation.renew(loan.item_barcode)
            except CirculationRefused:
                unrenewed.append(loan.item_barcode)
            else:
                renewed.append(loan.item_barcode)
        return Reply("66", "1" + f"{min(len(renewed), 9999):04d}"
                     + f"{min(len(unrenewed), 9999):04d}" + self._now(), [
            ("AO", self._institution(message)), ("BM", renewed or None),
            ("BN", unrenewed or None),
            ("AF", text_in(language, "sip_renewed_count", renewed=len(renewed),
                           unrenewed=len(unrenewed)))])

    def _hold(self, message: Message, language: str) -> Reply:
        assert self.circulation is not None
        if message.fixed[0:1] != "+":   # changing or cancelling a hold is the counter's
            return self._failure(message, language, text_in(language, "sip_not_supported"))
        patron, item = message.get("AA"), message.get("AB")
        pickup = message.get("BS") or None
        try:
            self.circulation.place_hold(patron, item, pickup_location=pickup)
        except CirculationRefused as refused:
            return self._failure(message, language, self._said(language, refused.reasons))
        status = item_status(self.library, item, history=0)
        return Reply("16", "1" + yes_no(status.status == "available") + self._now(), [
            ("BR", str(status.holds_count)), ("BS", pickup),
            ("AO", self._institution(message)), ("AA", patron), ("AB", item),
            ("AJ", status.title), ("AF", text_in(language, "sip_hold_placed",
                                                 title=status.title))])


def _circulation_status(status: ItemStatus) -> str:
    if status.due_at is not None:
        return "04"
    return CIRCULATION_STATUS.get(status.status, "01")


def _shown_date(moment: datetime | None, library: Library) -> str:
    if moment is None:
        return ""
    return moment.astimezone(library.policy.tz).strftime("%Y-%m-%d")


__all__ = ["CIRCULATION_STATUS", "ItemReplies"]
