"""The desk in Traditional Chinese, every screen with the demo library's data: no internal code
(``patron_has_overdue``, ``cd``) and no English word that has a translation may be visible.

The demo library is built once (60 patrons, 300 items, ninety days of activity) with a fixed
clock; each screen is then driven the way counter staff use it, so that its lists, notices and
refusals are filled with real results before its visible text is read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget
from sqlalchemy import select

from desk.app import setup_appearance
from desk.circulation import Library, Override, open_library
from desk.config import Config
from desk.demo import build_demo
from desk.models import (Biblio, Charge, Hold, Item, ItemType, Loan, Location, Patron,
                         PatronCategory, StaffUser)
from desk.ui import i18n
from desk.ui.context import DeskContext
from desk.ui.mainwindow import MainWindow
from desk.ui.modes import screen_classes
from desk.ui.message import MessageBridge
from desk.ui.slips import PreviewSlipSink
from desk.ui.tasks import TaskRunner
from tests.support.clock import TAIPEI, FakeClock
from tests.ui.visible_text import untranslated, visible_texts

NOW = datetime(2026, 12, 1, 14, 0, tzinfo=TAIPEI)     # a Tuesday, the library open


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.db"
    url = f"sqlite:///{path}"
    build_demo(url, patrons=60, items=300, now=NOW - timedelta(hours=1))
    return url


@pytest.fixture
def library(demo_url: str) -> Iterator[Library]:
    library = open_library(demo_url, clock=FakeClock(NOW))
    yield library
    library.close()


def record_codes(library: Library) -> set[str]:
    """The library's codes for item types, patron categories and locations, and the status
    codes of items, loans and holds: a screen names them, it never shows the code."""
    codes = {"available", "on_loan", "on_holds_shelf", "in_transit", "holds_cleared", "lost",
             "missing", "withdrawn", "pending", "waiting", "fulfilled", "cancelled", "expired",
             "cash", "easycard"}
    with library.sessions() as session:
        for column in (ItemType.code, PatronCategory.code):
            codes.update(session.scalars(select(column)))
    return codes


def record_strings(library: Library) -> set[str]:
    """Everything the library's records say in their own words: shown as they are."""
    strings: set[str] = set()
    with library.sessions() as session:
        for column in (Biblio.title, Biblio.author, Biblio.publisher, Patron.name,
                       Patron.block_message, Patron.message, Location.name, PatronCategory.name,
                       ItemType.name, StaffUser.name, Item.call_number, Item.accessories):
            strings.update(value for value in session.scalars(select(column).distinct())
                           if isinstance(value, str))
    return strings


def setting_values() -> set[str]:
    """The values a setting may be given, written in the settings file as they are (``none``,
    ``starttls``): the Settings dialog offers them in that form."""
    from desk.configdata import SETTINGS
    values = {"none", "wedge"}
    for setting in SETTINGS:
        values.update(str(choice) for choice in setting.choices or ())
    return values


class Counter:
    """The main window in Chinese, signed in as the clerk at MAIN-1, and what it shows."""

    def __init__(self, qtbot, library: Library, login: str = "clerk") -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.library = library
        staff = library.sign_in(login, login)      # the demo's passwords are the logins
        self.supervisor = library.sign_in("super", "super")
        messages = MessageBridge()
        self.context = DeskContext(library=library, circulation=library.circulation("MAIN-1", staff),
                                   config=Config(path=None), messages=messages,
                                   tasks=TaskRunner(messages), slips=PreviewSlipSink())
        self.window = MainWindow(self.context)
        qtbot.addWidget(self.window)
        self.window.switch_language("zh_TW")
        self.window.resize(1280, 800)
        self.window.show()
        qtbot.waitExposed(self.window)
        # The slip header lines are the library's own words (a setting), printed as they are.
        self.data = record_strings(library) | set(self.context.config.get("slip_header")) \
            | setting_values()
        self.codes = record_codes(library)
        self.findings: dict[str, list[str]] = {}

    def settle(self) -> None:
        for _ in range(5):
            self.context.tasks.wait()
            self.qtbot.wait(30)

    def mode(self, key: str) -> None:
        self.window.set_mode(key)
        self.settle()

    def scan(self, code: str) -> None:
        self.window.scan(code)
        self.settle()

    def look(self, where: str) -> None:
        """Read every visible text now (the window and any dialog open over it), on every tab
        of the screen's tab widgets in turn."""
        texts: list[str] = []
        for tabs in self.window.findChildren(QTabWidget):
            if tabs.isVisible():
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    texts += visible_texts(tabs)
        texts += visible_texts(self.window)
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                texts += visible_texts(widget)
        found = untranslated(texts, self.data, self.codes)
        if found:
            self.findings[where] = found

    def one(self, statement):  # noqa: ANN001, ANN201
        with self.library.sessions() as session:
            return session.execute(statement.limit(1)).first()


@pytest.fixture
def counter(qtbot, qapp, library: Library) -> Iterator[Counter]:  # noqa: ANN001
    setup_appearance(qapp)
    counter = Counter(qtbot, library)
    yield counter
    counter.settle()
    i18n.install("en")


def test_every_screen_in_chinese_shows_no_code_and_no_english(counter: Counter) -> None:
    now = NOW.astimezone(TAIPEI)
    overdue = counter.one(select(Patron.barcode, Item.barcode).join(Loan, Loan.patron_id == Patron.id)
                          .join(Item, Loan.item_id == Item.id)
                          .where(Loan.returned_at.is_(None), Loan.due_at < now,
                                 Loan.hourly.is_(False), Patron.blocked.is_(False)))
    on_loan = counter.one(select(Item.barcode).join(Loan, Loan.item_id == Item.id)
                          .where(Loan.returned_at.is_(None), Loan.due_at > now))
    cd = counter.one(select(Item.barcode).where(Item.item_type == "cd",
                                                Item.status == "available",
                                                Item.accessories.is_not(None)))
    debtor = counter.one(select(Patron.barcode).join(Charge, Charge.patron_id == Patron.id)
                         .where(Charge.amount > Charge.paid + Charge.waived))
    reserve = counter.one(select(Item.barcode).where(Item.item_type == "reserve"))
    waiting = counter.one(select(Item.barcode, Patron.barcode.label("patron"))
                          .join(Hold, Hold.item_id == Item.id)
                          .join(Patron, Hold.patron_id == Patron.id)
                          .where(Hold.status == "waiting", Patron.blocked.is_(False)))
    pending = counter.one(select(Item.barcode).join(Loan, Loan.item_id == Item.id)
                          .join(Hold, Hold.biblio_id == Item.biblio_id)
                          .where(Loan.returned_at.is_(None), Hold.status == "pending"))
    assert all(row is not None for row in (overdue, on_loan, cd, debtor, reserve, waiting,
                                           pending)), "the demo library lacks a case"

    # F1: a patron with an overdue book is refused, then lent with a supervisor's approval; a
    # book already on loan is refused; a CD with accessories is lent.
    counter.mode("checkout")
    counter.scan(overdue.barcode)
    counter.scan(cd.barcode)
    counter.look("checkout, refused patron")
    checkout = counter.window.screens["checkout"]
    approval = checkout.ask_override(cd.barcode)                 # the supervisor's dialog
    assert approval is not None
    counter.settle()
    counter.look("checkout, supervisor approval dialog")
    approval.reject()
    checkout.checkout(cd.barcode, Override(codes=frozenset({"patron_has_overdue"}),
                                           supervisor=counter.supervisor, reason="老師急用"))
    counter.settle()
    counter.scan(on_loan.barcode)
    counter.look("checkout, approved and refused books")
    checkout.done()                                  # a refusal is left: the desk asks first
    counter.settle()
    assert checkout.finish_question is not None and checkout.finish_question.isVisible()
    counter.look("checkout, finishing with a refusal left")
    checkout.finish_question.go_back.click()                   # Enter: back to the visit
    counter.settle()
    checkout.finish()                                          # then ended all the same
    counter.settle()
    # The patron a book on the holds shelf waits for takes it: the hold is filled.
    counter.scan(waiting.patron)
    counter.scan(waiting.barcode)
    assert any(n.code == "hold_filled" for result in checkout.results for n in result.warnings)
    counter.look("checkout, a hold filled")

    # F2: the overdue book comes back (fine), a book another patron waits for (holds shelf).
    counter.mode("checkin")
    counter.scan(overdue[1])
    counter.scan(pending.barcode)
    counter.look("checkin")
    counter.scan(cd.barcode)                         # accessories: the desk stops for them
    checkin = counter.window.screens["checkin"]
    assert checkin.accessories_prompt is not None
    counter.look("checkin, accessories prompt")
    checkin.accessories_prompt.ask_missing()
    counter.settle()
    counter.look("checkin, accessories missing")
    checkin.accessories_prompt.back()
    counter.settle()
    checkin.accessories_prompt.all_present()
    counter.settle()
    counter.look("checkin, accessories checked")

    # F3: renew the patron's books.
    counter.mode("renew")
    counter.scan(overdue.barcode)
    counter.look("renew")

    # F4 and F5: a patron search, an item's status (a course reserve, a CD).
    counter.mode("patron_search")
    counter.scan(debtor.barcode)
    counter.look("patron search")
    record = counter.window.screens["patron_search"].record
    record.ask_add_proxy()                          # the proxy dialog over the patron screen
    counter.settle()
    counter.look("patron screen, register a proxy")
    record.dialog.reject()
    counter.mode("item_status")
    counter.scan(reserve.barcode)
    counter.look("item status, course reserve")
    counter.scan(cd.barcode)
    counter.look("item status, CD")

    # F6 and F11: the holds shelf, a patron's fines.
    counter.mode("holds_shelf")
    counter.look("holds shelf")
    counter.mode("fines")
    counter.scan(debtor.barcode)
    counter.look("fines")

    # The rest: manual slips, replay, settlement, the day view.
    for key in ("manual_slips", "replay", "settlement", "day_view"):
        if key in counter.window.screens:
            counter.mode(key)
            counter.look(key)
    assert set(counter.window.screens) >= {"manual_slips", "replay", "settlement", "day_view"}

    report = "\n".join(f"{where}: {finding}" for where, found in counter.findings.items()
                       for finding in found)
    assert not counter.findings, "visible on Chinese screens:\n" + report


def test_every_mode_and_dialog_in_chinese_shows_no_code_and_no_english(
        qtbot, qapp, library: Library) -> None:  # noqa: ANN001
    """Every mode the desk offers (``screen_classes()``, the administrator's too) as it first
    shows, and every dialog and question a key or menu opens over it."""
    from desk.ui.blank_forms import BlankFormsDialog
    from desk.ui.cancel_request_dialog import CancelRequestDialog
    from desk.ui.settings_dialog import SettingsDialog
    from desk.ui.signin import SignInDialog
    setup_appearance(qapp)
    counter = Counter(qtbot, library, login="admin")
    try:
        window = counter.window
        for cls in screen_classes():
            counter.mode(cls.mode_key)
            assert window.active_screen is not None
            assert window.active_screen.mode_key == cls.mode_key, f"{cls.mode_key} not shown"
            counter.look(f"mode {cls.mode_key}")
        dialogs: list[tuple[str, object]] = [
            ("sign-in", SignInDialog(library, "MAIN-1", counter.context.tasks, window)),
            ("settings", SettingsDialog(counter.context.config, window)),
            ("blank forms", BlankFormsDialog(counter.context, Path(counter.context.config.path
                                                                 or ".").parent, window)),
            ("change password", window.change_password()),
            ("quit question", window.ask_quit()),
            ("cancel a search", CancelRequestDialog(counter.context, "search", 1,
                                                    "31234000000017", "三國演義",
                                                    "陳小明", window)),
            ("cancel a retrieval", CancelRequestDialog(counter.context, "retrieval", 1,
                                                       "31234000000017", "三國演義",
                                                       "陳小明", window)),
        ]
        counter.mode("patron_search")
        dialogs.append(("new patron", window.screens["patron_search"].new_patron()))
        for where, dialog in dialogs:
            dialog.show()                                         # type: ignore[attr-defined]
            counter.settle()
            counter.look(f"dialog: {where}")
            dialog.close()                                        # type: ignore[attr-defined]
        report = "\n".join(f"{where}: {finding}" for where, found in counter.findings.items()
                           for finding in found)
        assert not counter.findings, "visible on Chinese screens:\n" + report
    finally:
        counter.settle()
        i18n.install("en")
