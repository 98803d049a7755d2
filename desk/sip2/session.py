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

from sqlalchemy.exc import DBAPIError

from desk.circulation.notices import AuthenticationFailed, CirculationRefused
from desk.circulation.offline.desk import is_database_outage
from desk.circulation.queries.selfcheck import database_answers, patron_language
from desk.sip2.codec import Message
from desk.sip2.formats import SIP_LANGUAGES, text_in
from desk.sip2.fees import FeeReplies
from desk.sip2.items import ItemReplies
from desk.sip2.patrons import PatronReplies
from desk.sip2.replies import SUPPORTED, NotSignedIn, Reply, ServerRules

log = logging.getLogger(__name__)


class Sip2Session(PatronReplies, ItemReplies, FeeReplies):
    """The conversation with one connected terminal (patron, item and fee replies in their
    modules; login, status, end session and the dispatch here)."""

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

    def _end_session(self, message: Message, language: str) -> Reply:
        return Reply("36", "Y" + self._now(), [
            ("AO", self._institution(message)), ("AA", message.get("AA")),
            ("AF", text_in(language, "sip_session_ended"))])


__all__ = ["NotSignedIn", "Reply", "SUPPORTED", "ServerRules", "Sip2Session"]
