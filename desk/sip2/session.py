"""One terminal's SIP2 conversation: each request answered through the desk's API.

After login (93) the terminal works as its desk's ``Circulation`` under its own account, so a
self-check loan is a desk loan: the same rules, refusal codes, audit rows, fines and
settlement. Refusals and notices go back as screen messages (AF) in the patron's language.
``handle`` blocks (database work): the server runs it in a worker thread.

When the database cannot be reached, 99 is answered with on-line status N and every
circulation message with its refusal and the screen message ``sip_offline``, so machines
switch to their own offline mode. Any other unexpected error is logged with its traceback and
answered as a refusal (``sip_failed``): never a raw error on a patron's screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import DBAPIError

from desk.circulation.library import Library
from desk.circulation.notices import AuthenticationFailed, CirculationRefused, Notice
from desk.circulation.offline.desk import is_database_outage
from desk.circulation.queries.items import item_status
from desk.circulation.queries.rows import ItemStatus
from desk.circulation.queries.selfcheck import (SelfCheckPatron, SelfCheckStatus,
                                                database_answers, item_home, patron_language,
                                                selfcheck_patron, selfcheck_status)
from desk.circulation.results import CheckinResult
from desk.circulation.service import Circulation
from desk.circulation.terminals import Terminal
from desk.sip2.codec import Message
from desk.sip2.formats import (LANGUAGE_CODES, SIP_LANGUAGES, notice_in,
                               parse_sip_datetime, parse_sip_money, sip_datetime, sip_money,
                               text_in, yes_no)

log = logging.getLogger(__name__)

# The messages this server answers, in the order of the 99 reply's BX field (2.00 spec):
# patron status, checkout, checkin, block patron, SC/ACS status, resend, login, patron
# information, end session, fee paid, item information, item status update, patron enable,
# hold, renew, renew all.
SUPPORTED = "YYYYYYYYYYYNNYYY"
# SIP2 circulation status of an item (message 18), by the desk's item status.
CIRCULATION_STATUS = {
    "available": "03", "checked_out": "04", "on_holds_shelf": "08", "in_transit": "10",
    "in_delivery": "10", "claims_returned": "11", "lost": "12", "missing": "13",
}
# Payment type (message 37) -> the desk's payment method: cash, else the kiosk's card reader.
PAYMENT_METHODS = {"00": "cash"}
CARD_PAYMENT = "easycard"
ROUTES = ("shelve", "holds_shelf", "transit", "staff")


Fields = list[tuple[str, object | None]]


class NotSignedIn(Exception):
    """A circulation message before a successful login: the server closes the connection."""


@dataclass(frozen=True)
class Reply:
    """An answer: its code, its fixed fields (one string) and its variable fields."""

    code: str
    fixed: str
    fields: Fields = field(default_factory=list)


@dataclass(frozen=True)
class ServerRules:
    """What the server's settings say about answers."""

    institution: str = ""                      # sip_institution_id ('' = any accepted)
    sort_bins: tuple[str, ...] = ("1", "2", "3", "4")
    timeout_period: int = 10                   # told to the terminal in 98, in seconds


class Sip2Session:
    """The conversation with one connected terminal."""

    def __init__(self, library: Library, rules: ServerRules) -> None:
        self.library = library
        self.rules = rules
        self.terminal: Terminal | None = None
        self.circulation: Circulation | None = None

    @property
    def encoding(self) -> str:
        """The codec of the terminal's text (UTF-8 until it has signed in)."""
        if self.terminal is not None and self.terminal.encoding == "big5":
            return "cp950"   # Big5 as Taiwan's machines write it (Microsoft's code page 950)
        return "utf-8"

    # --- dispatch ---------------------------------------------------------------------------
    def handle(self, message: Message) -> Reply:
        """The reply to ``message`` (not 97, which the server answers from its last reply).
        ``NotSignedIn``: a circulation message before login."""
        handler = self._handlers().get(message.code)
        if handler is None:
            raise ValueError(f"no handler for {message.code}")
        if message.code not in ("93", "99") and self.circulation is None:
            raise NotSignedIn(message.code)
        language = "zh_TW"
        try:
            language = self._language(message)
            if message.code not in ("93", "99") and self._wrong_institution(message):
                log.warning("SIP2 %s: institution %r is not %r", message.code,
                            message.get("AO")[:64], self.rules.institution)
                return self._failure(message, language, text_in(
                    language or "zh_TW", "sip_institution_wrong", given=message.get("AO")))
            return handler(message, language)
        except DBAPIError as exc:
            if not is_database_outage(exc):
                log.exception("SIP2 %s: the database refused a statement", message.code)
                return self._failure(message, language, text_in(language, "sip_failed"))
            log.warning("SIP2 %s: the database is out of reach: %s", message.code,
                        str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return self._failure(message, language, text_in(language, "sip_offline"),
                                 offline=True)
        except CirculationRefused as refused:   # what a handler did not expect to be refused
            return self._failure(message, language, self._said(language, refused.reasons))
        except Exception:
            log.exception("SIP2 %s failed", message.code)
            return self._failure(message, language, text_in(language, "sip_failed"))

    def _handlers(self) -> dict[str, Callable[[Message, str], Reply]]:
        return {"93": self._login, "99": self._status, "23": self._patron_status,
                "63": self._patron_information, "11": self._checkout, "09": self._checkin,
                "17": self._item_information, "29": self._renew, "65": self._renew_all,
                "37": self._fee_paid, "35": self._end_session, "15": self._hold,
                "19": self._item_status_update, "01": self._block_patron,
                "25": self._patron_enable}

    def _language(self, message: Message) -> str:
        """The patron's language for screen messages: the request's language field when it
        names one, else the patron's record, else Traditional Chinese. For 23 and 63 an empty
        string when the request names none: they read the record with the patron."""
        if message.code in ("23", "63"):
            # the request's language, else the record's (read with the patron: see _patron)
            return SIP_LANGUAGES.get(message.fixed[:3], "")
        barcode = message.get("AA").strip()
        if barcode and self.circulation is not None and message.code not in ("93", "99"):
            try:
                return patron_language(self.library, barcode) or "zh_TW"
            except DBAPIError as exc:
                if not is_database_outage(exc):
                    raise
        return "zh_TW"

    def _said(self, language: str, notices: list[Notice]) -> list[str]:
        return [notice_in(language, n) for n in notices]

    def _now(self) -> str:
        return sip_datetime(self.library.now(), self.library.policy.tz)

    def _institution(self, message: Message) -> str:
        return message.get("AO") or self.rules.institution

    def _wrong_institution(self, message: Message) -> bool:
        """An institution id (AO) that is not ``sip_institution_id`` (when that is set; an
        empty AO, which many machines send, is taken as none)."""
        given = message.get("AO")
        return bool(self.rules.institution) and bool(given) and given != self.rules.institution

    def _bin(self, route: str) -> str:
        return self.rules.sort_bins[ROUTES.index(route)]

    # --- negative answers -------------------------------------------------------------------
    def _failure(self, message: Message, language: str, screen: str | list[str], *,
                 offline: bool = False) -> Reply:
        """The refusal of ``message`` with ``screen`` as its screen message."""
        language = language or "zh_TW"
        af = screen if isinstance(screen, list) else [screen]
        now, ao, aa, ab = self._now(), self._institution(message), message.get("AA"), \
            message.get("AB")
        code = message.code
        if code == "93":
            return Reply("94", "0")
        if code == "99":
            return self._status_reply(message, online=not offline, screen=af)
        if code in ("23", "01", "25"):
            reply = {"23": "24", "01": "24", "25": "26"}[code]
            return Reply(reply, "Y" * 4 + " " * 10 + LANGUAGE_CODES[language] + now,
                         [("AO", ao), ("AA", aa), ("AE", ""), ("BL", "N"), ("AF", af)])
        if code == "63":
            return Reply("64", "Y" * 4 + " " * 10 + LANGUAGE_CODES[language] + now
                         + "0000" * 6,
                         [("AO", ao), ("AA", aa), ("AE", ""), ("BL", "N"), ("AF", af)])
        if code == "11":
            return Reply("12", "0NUN" + now, [("AO", ao), ("AA", aa), ("AB", ab), ("AJ", ""),
                                              ("AH", ""), ("AF", af)])
        if code == "09":
            return Reply("10", "0NUY" + now, [("AO", ao), ("AB", ab), ("AQ", ""),
                                              ("CL", self._bin("staff")), ("AF", af)])
        if code == "17":
            return Reply("18", "01" + "00" + "01" + now, [("AB", ab), ("AJ", ""),
                                                          ("AF", af)])
        if code == "29":
            return Reply("30", "0NUN" + now, [("AO", ao), ("AA", aa), ("AB", ab), ("AJ", ""),
                                              ("AF", af)])
        if code == "65":
            return Reply("66", "0" + "0000" + "0000" + now, [("AO", ao), ("AF", af)])
        if code == "37":
            return Reply("38", "N" + now, [("AO", ao), ("AA", aa), ("AF", af)])
        if code == "35":
            return Reply("36", "Y" + now, [("AO", ao), ("AA", aa), ("AF", af)])
        if code == "15":
            return Reply("16", "0N" + now, [("AO", ao), ("AA", aa), ("AF", af)])
        if code == "19":
            return Reply("20", "0" + now, [("AB", ab), ("AF", af)])
        raise ValueError(f"no refusal for message {code}")

    # --- 93 login, 99 status, 35 end session ------------------------------------------------
    def _login(self, message: Message, language: str) -> Reply:
        login, password = message.get("CN"), message.get("CO")
        if self._wrong_institution(message):
            log.warning("SIP2 login %r: institution %r is not %r", login, message.get("AO"),
                        self.rules.institution)
            return Reply("94", "0")
        try:
            terminal = self.library.sign_in_terminal(login, password)
            circulation = self.library.circulation(terminal.desk, terminal.staff)
        except (AuthenticationFailed, CirculationRefused) as refused:
            log.warning("SIP2 login %r refused: %s", login[:64], refused)
            return Reply("94", "0")
        if self.terminal is not None:
            self.library.sign_out(self.terminal.staff)
        self.terminal, self.circulation = terminal, circulation
        log.info("SIP2 terminal %s signed in for desk %s", terminal.login, terminal.desk)
        return Reply("94", "1")

    def close(self) -> None:
        """The connection ended: the terminal's sign-in is no longer accepted."""
        if self.terminal is not None:
            self.library.sign_out(self.terminal.staff)
            self.terminal = self.circulation = None

    def _status(self, message: Message, language: str) -> Reply:
        try:
            database_answers(self.library)
        except DBAPIError as exc:
            if not is_database_outage(exc):
                raise
            log.warning("SIP2 99: the database is out of reach")
            return self._status_reply(message, online=False,
                                      screen=[text_in(language, "sip_offline")])
        return self._status_reply(message, online=True, screen=[])

    def _status_reply(self, message: Message, *, online: bool, screen: list[str]) -> Reply:
        may = yes_no(online and self.circulation is not None)
        fixed = (yes_no(online) + may + may + may + "N" + "N"
                 + f"{min(self.rules.timeout_period * 10, 999):03d}" + "003"
                 + self._now() + "2.00")
        terminal = self.terminal
        return Reply("98", fixed, [
            ("AO", self.rules.institution or message.get("AO")),
            ("AM", terminal.location if terminal else None),
            ("BX", SUPPORTED),
            ("AN", terminal.login if terminal else None),
            ("AF", screen or None)])

    def _end_session(self, message: Message, language: str) -> Reply:
        return Reply("36", "Y" + self._now(), [
            ("AO", self._institution(message)), ("AA", message.get("AA")),
            ("AF", text_in(language, "sip_session_ended"))])

    # --- patrons ----------------------------------------------------------------------------
    def _patron(self, message: Message) -> SelfCheckPatron:
        assert self.terminal is not None
        return selfcheck_patron(self.library, message.get("AA"), desk=self.terminal.desk)

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


def _range(message: Message) -> tuple[int, int]:
    """The 1-based item range (BP start, BQ end) of a patron-information list."""
    def number(field_id: str, default: int) -> int:
        value = message.get(field_id).strip()
        return int(value) if value.isdigit() and 0 < int(value) < 100_000 else default
    first = number("BP", 1)
    return first, max(first, number("BQ", first + 49))


def _page(values: list[str], first: int, last: int) -> list[str] | None:
    return values[first - 1:last] or None


def _circulation_status(status: ItemStatus) -> str:
    if status.due_at is not None:
        return "04"
    return CIRCULATION_STATUS.get(status.status, "01")


def _shown_date(moment: datetime | None, library: Library) -> str:
    if moment is None:
        return ""
    return moment.astimezone(library.policy.tz).strftime("%Y-%m-%d")


__all__ = ["NotSignedIn", "Reply", "ServerRules", "Sip2Session", "SUPPORTED"]
