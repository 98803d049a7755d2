"""What every part of a terminal's session shares: the reply, the server's rules, the
session's state (the library, the signed-in terminal and its desk's ``Circulation``), the
small helpers, and the refusal of any message (``_failure``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desk.circulation.library import Library
from desk.circulation.notices import Notice
from desk.circulation.queries.selfcheck import SelfCheckPatron, selfcheck_patron
from desk.circulation.service import Circulation
from desk.circulation.terminals import Terminal
from desk.sip2.codec import Message
from desk.sip2.formats import LANGUAGE_CODES, notice_in, sip_datetime, yes_no

# The messages this server answers, in the order of the 99 reply's BX field (2.00 spec):
# patron status, checkout, checkin, block patron, SC/ACS status, resend, login, patron
# information, end session, fee paid, item information, item status update, patron enable,
# hold, renew, renew all.
SUPPORTED = "YYYYYYYYYYYNNYYY"
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


class SessionBase:
    """The state of one terminal's conversation and the helpers its replies use."""

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

    def _patron(self, message: Message) -> SelfCheckPatron:
        assert self.terminal is not None
        return selfcheck_patron(self.library, message.get("AA"), desk=self.terminal.desk)

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


__all__ = ["Fields", "NotSignedIn", "ROUTES", "Reply", "SUPPORTED", "ServerRules", "SessionBase"]
