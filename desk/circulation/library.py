"""Opening a library database and setting it up: locations, desks, staff, patrons, items,
rules and calendars, and signing staff in. ``Library`` is that facade over a
``desk.circulation.store.Store`` (engine, sessions, clock, cached reference data);
``Library.circulation`` hands the store to the desk-and-staff session of
``desk.circulation.service``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from desk.circulation import validation as valid
from desk.circulation.checkin import COUNTER_FLAGS, STAFF_FLAGS
from desk.circulation.calendar import Calendar
from desk.circulation.catalogue import BiblioFinder
from desk.circulation import signin, staff_admin, terminals
from desk.circulation.notices import CirculationRefused
from desk.circulation.policy import Policy
from desk.circulation.registration import REGISTRATIONS, REQUIRABLE_FIELDS
from desk.circulation.service import Circulation
from desk.circulation.store import Clock, Store, location_id_of, system_clock
from desk.models import (CirculationRule, ClosedDay, Desk, Item, ItemType, Location,
                         Patron, PatronCategory, PatronMessage, Proxy, ReplacedCard,
                         StaffUser)
from desk.database_urls import LibraryUnavailable, read_only_message
from desk.models.database import check_writable, is_read_only_error, open_engine, upgrade
from desk.models.item import ITEM_STATUSES

T = TypeVar("T")

class Library:
    """One library database: setup writes and sign-in over its ``store``. Thread-safe to share;
    each operation opens its own session.

    It answers as a ``LibraryStore`` too (each of those names hands on to ``store``), so that
    screens, scripts and tests may give it to the queries and reports."""

    def __init__(self, engine: Engine, *, policy: Policy | None = None,
                 clock: Clock | None = None) -> None:
        self.store = Store(engine, policy=policy, clock=clock)

    # --- the store's names ----------------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        return self.store.engine

    @property
    def policy(self) -> Policy:
        return self.store.policy

    @property
    def clock(self) -> Clock:
        return self.store.clock

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.store.sessions

    @property
    def read_sessions(self) -> sessionmaker[Session]:
        return self.store.read_sessions

    @property
    def url(self) -> str:
        return self.store.url

    def now(self) -> datetime:
        return self.store.now()

    def local_today(self) -> date:
        return self.store.local_today()

    def close(self) -> None:
        self.store.close()

    def rule(self, session: Session, category: str, item_type: str) -> CirculationRule | None:
        return self.store.rule(session, category, item_type)

    def calendar(self, session: Session, location_id: int) -> Calendar:
        return self.store.calendar(session, location_id)

    def location_name(self, session: Session, location_id: int) -> str:
        return self.store.location_name(session, location_id)

    def desk_row(self, session: Session, desk_id: int) -> Desk:
        return self.store.desk_row(session, desk_id)

    def staff_row(self, session: Session, staff_id: int) -> StaffUser:
        return self.store.staff_row(session, staff_id)

    def previous_open_day(self, location: str, day: date) -> date:
        return self.store.previous_open_day(location, day)

    # --- setup ---------------------------------------------------------------------------------
    def _write(self, fn: Callable[[Session], T], *,
               unique: tuple[str, str] | None = None) -> T:
        """Run ``fn`` in a transaction. ``unique`` (field, value): what a unique constraint
        failing means (another desk added the same code meanwhile), refused as a duplicate."""
        try:
            with self.sessions() as session, session.begin():
                result = fn(session)
        except IntegrityError:
            if unique is None:
                raise
            raise valid.refuse("duplicate_code", field=unique[0], code=unique[1]) from None
        self.store.forget_cached()
        return result

    def add_location(self, code: str, name: str) -> int:
        code = valid.code(code, "code")
        name = valid.text(name, "name")

        def add(session: Session) -> int:
            if session.scalars(select(Location.id).where(Location.code == code)).first():
                raise valid.refuse("duplicate_code", field="location", code=code)
            location = Location(code=code, name=name)
            session.add(location)
            session.flush()
            return location.id
        return self._write(add, unique=("location", code))

    def add_desk(self, code: str, location: str) -> int:
        code = valid.code(code, "desk")
        location = valid.code(location, "location")

        def add(session: Session) -> int:
            if session.scalars(select(Desk.id).where(Desk.code == code)).first():
                raise valid.refuse("duplicate_code", field="desk", code=code)
            desk = Desk(code=code, location_id=location_id_of(session, location))
            session.add(desk)
            session.flush()
            return desk.id
        return self._write(add, unique=("desk", code))

    def add_staff(self, login: str, name: str, role: str, password: str, *,
                  by: StaffUser | None = None) -> int:
        """Add a staff account (role ``staff``, ``supervisor`` or ``admin``); its id. ``by``:
        a signed-in administrator; only the first account of a library with no staff (an
        admin) is added without. Refused (``CirculationRefused``): a duplicate or malformed
        login, a weak password (``weak_password``; not on the demo library)."""
        return staff_admin.add_staff(self.store, login, name, role, password, by=by)

    def add_category(self, code: str, name: str | None = None, *,
                     lifetime_item_limit: int | None = None,
                     max_items_total: int | None = None,
                     card_valid_days: int | None = None, term_days: int | None = None,
                     registration: str | None = None, deposit: int | None = None,
                     required_fields: Iterable[str] = ()) -> None:
        """Add or update a patron category. ``card_valid_days``: a new card may borrow for this
        many days (a virtual inter-library card: 3); ``lifetime_item_limit``: items it may
        borrow in its whole life (a virtual card: 5). Registration at the desk
        (``desk.circulation.registration``): ``term_days`` (a new card's default expiry and
        what an extension adds), ``registration`` (``check``: registration checked, who and
        when recorded; ``guarantee``: a guarantor or a ``deposit``; ``None``: neither) and the
        ``required_fields`` (of email, phone, department, birth_date)."""
        code = valid.code(code, "category")
        name = valid.optional_text(name, "name")
        lifetime_item_limit = valid.optional_whole_number(lifetime_item_limit,
                                                          "lifetime_item_limit")
        max_items_total = valid.optional_whole_number(max_items_total, "max_items_total")
        card_valid_days = valid.optional_whole_number(card_valid_days, "card_valid_days",
                                                      high=valid.MAX_DAYS)
        term_days = valid.optional_whole_number(term_days, "term_days", low=1,
                                                high=valid.MAX_DAYS)
        registration = valid.optional_choice(registration, "registration", REGISTRATIONS)
        deposit = valid.optional_money(deposit, "deposit", maximum=self.policy.max_amount)
        if isinstance(required_fields, str):
            raise valid.wrong_type("required_fields", "text", required_fields)
        required = [valid.choice(f, "required_fields", REQUIRABLE_FIELDS)
                    for f in required_fields]

        def add(session: Session) -> None:
            category = session.get(PatronCategory, code) or PatronCategory(code=code, name=name or code)
            category.name = name or category.name
            category.lifetime_item_limit = lifetime_item_limit
            category.max_items_total = max_items_total
            category.card_valid_days = card_valid_days
            category.term_days = term_days
            category.registration = registration
            category.deposit = deposit
            category.required_fields = ",".join(required) or None
            session.add(category)
        self._write(add)

    def add_item_type(self, code: str, name: str | None = None) -> None:
        code = valid.code(code, "item_type")
        name = valid.optional_text(name, "name")

        def add(session: Session) -> None:
            if session.get(ItemType, code) is None:
                session.add(ItemType(code=code, name=name or code))
        self._write(add)

    def set_rule(self, patron_category: str, item_type: str, *, loan_days: int | None = None,
                 loan_hours: int | None = None, max_items: int, renewals: int,
                 renewal_days: int, fine_per_day: int, fine_cap: int | None = None,
                 grace_days: int = 0, holds_allowed: bool = True,
                 held_loan_days: int | None = None) -> None:
        """Set the rule of one cell of the matrix (creating the category and type if new)."""
        patron_category = valid.code(patron_category, "patron_category")
        item_type = valid.code(item_type, "item_type")
        if (loan_days is None) == (loan_hours is None):
            raise ValueError("give exactly one of loan_days and loan_hours")
        days, most = valid.MAX_DAYS, self.policy.max_amount
        numbers: dict[str, int | None] = dict(
            loan_days=valid.optional_whole_number(loan_days, "loan_days", high=days),
            loan_hours=valid.optional_whole_number(loan_hours, "loan_hours", high=days * 24),
            max_items=valid.whole_number(max_items, "max_items"),
            renewals=valid.whole_number(renewals, "renewals"),
            renewal_days=valid.whole_number(renewal_days, "renewal_days", high=days),
            fine_per_day=valid.money(fine_per_day, "fine_per_day", maximum=most),
            fine_cap=valid.optional_money(fine_cap, "fine_cap", maximum=most),
            grace_days=valid.whole_number(grace_days, "grace_days", high=days),
            held_loan_days=valid.optional_whole_number(held_loan_days, "held_loan_days",
                                                       high=days))
        holds_allowed = valid.flag(holds_allowed, "holds_allowed")

        def write(session: Session) -> None:
            if session.get(PatronCategory, patron_category) is None:
                session.add(PatronCategory(code=patron_category, name=patron_category))
            if session.get(ItemType, item_type) is None:
                session.add(ItemType(code=item_type, name=item_type))
            session.flush()
            rule = session.scalars(select(CirculationRule).where(
                CirculationRule.patron_category == patron_category,
                CirculationRule.item_type == item_type)).first()
            if rule is None:
                rule = CirculationRule(patron_category=patron_category, item_type=item_type)
                session.add(rule)
            for key, value in numbers.items():
                setattr(rule, key, value)
            rule.holds_allowed = holds_allowed
        self._write(write)

    def set_closed_days(self, location: str, dates: Iterable[date]) -> None:
        """Add closed days to a location's calendar."""
        location = valid.code(location, "location")
        days = valid.dates(dates, "dates")

        def write(session: Session) -> None:
            location_id = location_id_of(session, location)
            known = set(session.scalars(select(ClosedDay.day).where(
                ClosedDay.location_id == location_id)))
            for day in sorted(set(days) - known):
                session.add(ClosedDay(location_id=location_id, day=day))
        self._write(write)

    def _barcode(self, code: object, field: str = "barcode") -> str:
        return valid.barcode(code, field, check_digits=self.policy.check_digits)

    def add_patron(self, barcode: str, name: str, category: str, *, expires: date | None = None,
                   **details: Any) -> int:
        """Add a patron. ``details``: email, phone, department, photo (bytes), home_location
        (code), blocked, block_message, message, language (of notices: 'zh_TW', the default,
        or 'en'). A virtual-card category's card expires after
        3 days unless ``expires`` says otherwise."""
        barcode = self._barcode(barcode)
        name = valid.text(name, "name")
        category = valid.code(category, "category")
        expires = valid.optional_date(expires, "expires")
        details = _patron_details(details)

        def add(session: Session) -> int:
            category_row = session.get(PatronCategory, category)
            if category_row is None:
                raise ValueError(f"unknown patron category {category!r}")
            if session.scalars(select(Patron.id).where(Patron.barcode == barcode)).first():
                raise valid.refuse("duplicate_code", field="patron_barcode", code=barcode)
            if session.scalars(select(ReplacedCard.id)
                               .where(ReplacedCard.barcode == barcode)).first():
                raise valid.refuse("duplicate_code", field="patron_barcode", code=barcode)
            values = dict(details)
            home = location_id_of(session, values.pop("home_location", None))
            now = self.now()
            expires_on = expires
            if expires_on is None and category_row.card_valid_days is not None:
                expires_on = now.astimezone(self.policy.tz).date() + timedelta(
                    days=category_row.card_valid_days)
            patron = Patron(barcode=barcode, name=name, category=category,
                            expires_on=expires_on, home_location_id=home, created_at=now,
                            lifetime_loans=0, **values)
            session.add(patron)
            session.flush()
            if patron.message:   # shown at checkout until acknowledged, as any message
                session.add(PatronMessage(patron_id=patron.id, text=patron.message,
                                          created_at=now))
            return patron.id
        return self._write(add, unique=("patron_barcode", barcode))

    def add_proxy(self, patron_barcode: str, proxy_barcode: str, *,
                  valid_until: date | None = None, note: str | None = None) -> int:
        """Record that ``proxy`` may borrow for ``patron`` (the SOP's authorisation form)."""
        patron_barcode = self._barcode(patron_barcode, "patron_barcode")
        proxy_barcode = self._barcode(proxy_barcode, "proxy_barcode")
        valid_until = valid.optional_date(valid_until, "valid_until")
        note = valid.optional_text(note, "note", multiline=True)

        def add(session: Session) -> int:
            ids = {}
            for code in (patron_barcode, proxy_barcode):
                found = session.scalars(select(Patron.id).where(Patron.barcode == code)).first()
                if found is None:
                    raise ValueError(f"unknown patron {code!r}")
                ids[code] = found
            proxy = Proxy(patron_id=ids[patron_barcode], proxy_id=ids[proxy_barcode],
                          valid_until=valid_until, note=note)
            session.add(proxy)
            session.flush()
            return proxy.id
        return self._write(add)

    def add_item(self, barcode: str, title: str, *, item_type: str = "book",
                 location: str | None = None, price: int = 0, **details: Any) -> int:
        """Add an item (a copy). Copies with the same ISBN, or the same title and author, share
        one bibliographic record, so a hold on the title is filled by any copy. ``details``:
        author, isbn, publisher, year, foreign, call_number, accessories, has_strip, staff_flag,
        loanable, status, parts (the pieces lent together, each with its own RFID tag)."""
        barcode = self._barcode(barcode)
        title = valid.text(title, "title")
        item_type = valid.code(item_type, "item_type")
        location = valid.optional_code(location, "location")
        price = valid.money(price, "price", maximum=self.policy.max_amount)
        details = _item_details(details)
        item_keys = ITEM_DETAILS

        def add(session: Session) -> int:
            if session.get(ItemType, item_type) is None:
                raise ValueError(f"unknown item type {item_type!r}")
            if session.scalars(select(Item.id).where(Item.barcode == barcode)).first():
                raise valid.refuse("duplicate_code", field="item_barcode", code=barcode)
            location_id = location_id_of(session, location)
            if location_id is None:
                location_id = session.scalars(select(Location.id).order_by(Location.id)).first()
                if location_id is None:
                    raise ValueError("add a location before adding items")
            biblio = BiblioFinder(session).find(title, details)
            item = Item(barcode=barcode, biblio=biblio, item_type=item_type,
                        location_id=location_id, price=price,
                        **{k: v for k, v in details.items() if k in item_keys})
            session.add(item)
            session.flush()
            return item.id
        return self._write(add, unique=("item_barcode", barcode))

    # --- staff and desks ------------------------------------------------------------------------
    def sign_in(self, login: str, password: str, *, desk: str | None = None) -> StaffUser:
        """The staff user, issued to this library object (the only kind approvals and desk
        sessions accept); ``AuthenticationFailed`` for a wrong login or password or a disabled
        account, ``CirculationRefused`` (``sign_in_locked``) while the login is locked after 5
        wrong passwords in 15 minutes. Every attempt is audited; ``desk`` says where."""
        return signin.sign_in(self.store, login, password, desk=desk)

    def authorize(self, login: str, password: str, *, desk: str | None = None) -> StaffUser:
        """A supervisor's approval at the counter (an override, a waiver): ``sign_in``'s
        checks, lockout and audit (as ``authorize``), and the user must be a supervisor or an
        admin (``supervisor_required``). The result goes in ``supervisor=`` or an
        ``Override``."""
        return signin.sign_in(self.store, login, password, desk=desk, action="authorize",
                              supervisor_only=True)

    def add_terminal(self, login: str, password: str, *, desk: str, encoding: str = "utf-8",
                     by: StaffUser) -> int:
        """Add a self-check terminal's account (``desk.circulation.terminals``) bound to
        ``desk``; ``encoding`` (utf-8 or big5) is how its machine writes text. ``by``: an
        administrator. Its staff id."""
        return terminals.add_terminal(self.store, login, password, desk=desk,
                                      encoding=encoding, by=by)

    def sign_in_terminal(self, login: str, password: str) -> terminals.Terminal:
        """A self-check terminal's sign-in (SIP2 message 93): ``sign_in``'s checks, lockout and
        audit (as ``sip_login``); only a terminal's account passes."""
        return terminals.sign_in_terminal(self.store, login, password)

    def sign_out(self, staff: StaffUser) -> None:
        """``staff`` is no longer accepted for approvals or new desk sessions (shift change)."""
        self.store.issued.revoke(staff)

    def issued_staff_id(self, staff: object) -> int | None:
        return self.store.issued_staff_id(staff)

    def sign_in_locked_until(self, login: str) -> datetime | None:
        """Until when ``login`` is locked out, or ``None``."""
        return signin.locked_until(self.store, login)

    def set_staff_password(self, login: str, new: str, *, by: StaffUser,
                           old: str | None = None) -> None:
        """Set a password: ``by`` an administrator for anyone, or ``by`` the staff member
        themselves with their current password ``old`` (an administrator changing their own
        password gives ``old`` too). The policy applies (``weak_password``)."""
        staff_admin.set_staff_password(self.store, login, new, by=by, old=old)

    def disable_staff(self, login: str, *, by: StaffUser) -> None:
        """Disable an account (it can no longer sign in or approve); ``by`` an administrator.
        The last active administrator cannot be disabled (``last_admin``)."""
        staff_admin.set_staff_active(self.store, login, False, by=by)

    def enable_staff(self, login: str, *, by: StaffUser) -> None:
        staff_admin.set_staff_active(self.store, login, True, by=by)

    def set_staff_role(self, login: str, role: str, *, by: StaffUser) -> None:
        """Change an account's role; ``by`` an administrator. The last active administrator
        cannot be demoted (``last_admin``)."""
        staff_admin.set_staff_role(self.store, login, role, by=by)

    def circulation(self, desk: str, staff: StaffUser) -> Circulation:
        """The session of ``desk`` for ``staff``, who must come from this library's
        ``sign_in`` (else ``approval_not_authenticated``)."""
        return Circulation(self.store, desk, staff)

    def desks(self) -> list[tuple[str, str]]:
        """(desk code, location code) of every desk."""
        with self.read_sessions() as session:
            return [(d.code, d.location.code) for d in session.scalars(select(Desk).order_by(Desk.code))]

    def desk_location(self, desk: str) -> tuple[str, str] | None:
        """(location code, location name) of ``desk``; None when the library has no such desk
        (the sign-in dialog says where the desk stands rather than the database's path)."""
        with self.read_sessions() as session:
            found = session.scalars(select(Desk).where(Desk.code == desk)).first()
            return (found.location.code, found.location.name) if found is not None else None


PATRON_DETAILS = frozenset({"email", "phone", "department", "photo", "home_location", "blocked",
                            "block_message", "message", "language"})
BIBLIO_DETAILS = frozenset({"author", "isbn", "publisher", "year", "foreign"})
ITEM_DETAILS = frozenset({"call_number", "accessories", "has_strip", "staff_flag", "loanable",
                          "status", "parts"})


def _unknown(details: dict[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = set(details) - allowed
    if unknown:
        raise ValueError(f"unknown {what} details {sorted(unknown)}")


def _patron_details(details: dict[str, Any]) -> dict[str, Any]:
    """``add_patron``'s details, checked (``desk.circulation.validation``) and cleaned."""
    _unknown(details, PATRON_DETAILS, "patron")
    checked: dict[str, Any] = {}
    for key, value in details.items():
        if key == "blocked":
            checked[key] = valid.flag(value, key)
        elif key == "photo":
            if value is not None and not isinstance(value, bytes):
                raise valid.wrong_type(key, "bytes", value)
            checked[key] = value
        elif key == "home_location":
            checked[key] = valid.optional_code(value, key)
        elif key == "language":
            checked[key] = valid.notice_language(value)
        elif key == "email":
            checked[key] = valid.email_address(value)
        else:
            checked[key] = valid.optional_text(value, key, multiline=key.endswith("message"))
    return checked


def _item_details(details: dict[str, Any]) -> dict[str, Any]:
    """``add_item``'s details, checked (``desk.circulation.validation``) and cleaned."""
    _unknown(details, BIBLIO_DETAILS | ITEM_DETAILS, "item")
    checked: dict[str, Any] = {}
    for key, value in details.items():
        if key in ("foreign", "has_strip", "loanable"):
            checked[key] = valid.flag(value, key)
        elif key == "year":
            checked[key] = valid.optional_whole_number(value, key, high=9999)
        elif key == "parts":
            checked[key] = valid.whole_number(value, key, low=1, high=255)
        elif key == "status":
            checked[key] = valid.choice(value, key, ITEM_STATUSES)
        elif key == "staff_flag":
            checked[key] = valid.optional_choice(value, key, STAFF_FLAGS + COUNTER_FLAGS)
        else:
            checked[key] = valid.optional_text(value, key)
    return checked


def open_library(url: str | None = None, *, clock: Clock | None = None,
                 policy: Policy | None = None, create: bool | None = None) -> Library:
    """Open (creating and migrating when needed) the library at ``url``; ``None`` means the
    embedded SQLite file in the user data directory, made on the first start.

    ``create`` (SQLite): ``None`` makes a new file in an existing folder but refuses a missing
    folder or a 0-byte file (a share that is not mounted must not look like an empty library);
    ``False`` needs an existing library file (the command line without ``--create``); ``True``
    may make both. A URL the desk does not support, a file that is not a library and a database
    it cannot write are refused with ``LibraryUnavailable`` (read-only: ``read_only`` set)."""
    if url is None:
        from desk.config import data_dir
        from desk.models.database import default_sqlite_url
        url = default_sqlite_url(data_dir())
        create = True if create is None else create
    engine = open_engine(url, create=create)
    try:
        upgrade(engine, timezone=policy.timezone if policy else None)
        check_writable(engine)
    except DBAPIError as error:
        engine.dispose()
        if is_read_only_error(error):
            raise LibraryUnavailable(read_only_message(
                engine.url.render_as_string(hide_password=True)), read_only=True) from None
        raise
    except LibraryUnavailable:
        engine.dispose()
        raise
    return Library(engine, policy=policy, clock=clock)


__all__ = ["Library", "open_library", "system_clock"]
