"""Checkin (F2): scan returned items one after another; a large banner tells the trolley.

Each row shows the title, the former borrower, the fine and the route; the newest return is
the top row. Items that fill a hold
print a hold slip; the waiting patron's name is shown only as the circulation layer masks it
(``CheckinResult.hold_patron_shown``), on the banner, the row, the notices and the status bar.
Items for another location print a transit slip. A return that charged an overdue fine shows
an amber banner under the route ("Collect the overdue fine NT$350 from …: F11"); F11 from here
opens the Fines screen with that patron (``handoff``), until the next scan. The return of a
book lent for reading in the library (SOP 5.12.5.1) shows an amber banner naming the ID kept
at the desk to hand back (the ``reading_id_kept`` notice), with a warning sound, until the next
scan. Book-drop mode backdates the returns to a
chosen day (default: the previous open day, ``Circulation.bookdrop_date()``) and stays visibly on
until switched off; items with accessories then go to staff (SOP 5.3.6).

An item with accessories stops the counter checkin with a blocking prompt
(``AccessoriesDialog``): all present -> the return goes on as usual; missing ->
``Circulation.accessories_missing`` and the item goes to staff. Scans and results that arrive
while the prompt is open wait for it, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDateEdit, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from desk.circulation import CheckinResult, CirculationRefused
from desk.circulation.calendar import bookdrop_returned_at
from desk.circulation.notices import Notice
from desk.circulation.results import AccessoriesMissingResult
from desk.devices.slip_builders import hold_slip, transit_slip
from desk.ui import offline_support as offline
from desk.ui.accessories_dialog import AccessoriesDialog
from desk.ui.context import DeskContext
from desk.ui.devices_config import slip_library
from desk.ui.devices_strip import StripColumn
from desk.ui.formatting import date_text, local, money, slip_time
from desk.ui.screen import Screen
from desk.ui.slips import ScreenSlip
from desk.ui.widgets.route_banner import RouteBanner

# Amber, with a sign and words: a fine at checkin is not a reason to stop the shelving, but
# it must not be missed on a green "shelve" banner.
FINE_BANNER_STYLE = ("#fineBanner { background: #fff1c2; color: #5c3c00; border: 2px solid #bf8700;"
                     " border-radius: 6px; padding: 8px; font-size: 16pt; font-weight: bold; }")
# A reading loan's return: the ID the patron left at the desk goes back to them.
ID_NOTICE = "reading_id_kept"
ID_SOUND = "warning.checkin.id_kept"
ROUTE_SOUNDS = {"shelve": "success.checkin", "holds_shelf": "info.checkin.holds_shelf",
                "transit": "info.checkin.transit", "staff": "warning.checkin.staff"}


class CheckinScreen(Screen):
    mode_key = "checkin"
    shortcut = "F2"
    title_text = QT_TRANSLATE_NOOP("CheckinScreen", "Checkin")
    row_added = Signal(str)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(self.tr("Scan returned items"))
        self.scan_field.returnPressed.connect(self._typed)
        self.bookdrop = QCheckBox(self.tr("Book drop (F7)"))
        self.bookdrop.setObjectName("bookdropToggle")
        toggle = QShortcut(QKeySequence("F7"), self)
        toggle.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        toggle.activated.connect(self.bookdrop.toggle)
        self.bookdrop.toggled.connect(self._bookdrop_toggled)
        self.bookdrop_day = QDateEdit()
        self.bookdrop_day.setObjectName("bookdropDate")
        self.bookdrop_day.setCalendarPopup(True)
        self.bookdrop_day.setDisplayFormat("yyyy-MM-dd")
        self.bookdrop_day.setEnabled(False)
        today = context.library.local_today()
        self.bookdrop_day.setDate(QDate(today.year, today.month, today.day))
        self.bookdrop_day.dateChanged.connect(lambda _: self._update_bookdrop_bar())
        self.bookdrop_bar = QLabel()
        self.bookdrop_bar.setObjectName("bookdropBar")
        self.bookdrop_bar.hide()
        self.banner = RouteBanner()
        self.fine_banner = QLabel()
        self.fine_banner.setObjectName("fineBanner")
        self.fine_banner.setWordWrap(True)
        self.fine_banner.setStyleSheet(FINE_BANNER_STYLE)
        self.fine_banner.hide()
        self.fine_patron: str | None = None      # whose fine the banner asks to collect
        self.id_banner = QLabel()
        self.id_banner.setObjectName("idBanner")
        self.id_banner.setWordWrap(True)
        self.id_banner.setStyleSheet(FINE_BANNER_STYLE.replace("#fineBanner", "#idBanner"))
        self.id_banner.hide()
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("checkinRows")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Barcode"), self.tr("Title"), self.tr("Former borrower"), self.tr("Fine"),
             self.tr("Route"), self.tr("Notices"), self.tr("Strip")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        # The strip is re-sensitized after the return is committed; a failure leaves it.
        self.strip = StripColumn(self, self.table, 6, "resensitize")
        top = QHBoxLayout()
        top.addWidget(self.scan_field, 1)
        top.addWidget(self.strip.button)
        top.addWidget(self.bookdrop)
        top.addWidget(self.bookdrop_day)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.bookdrop_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.fine_banner)
        layout.addWidget(self.id_banner)
        layout.addWidget(self.table, 1)
        self.results: list[CheckinResult] = []
        self.accessories_prompt: AccessoriesDialog | None = None
        self._last_prompt: AccessoriesDialog | None = None
        self.queued: list[str] = []                  # scans made while the prompt was open
        self._held: list[Callable[[], None]] = []    # answers that came back meanwhile
        self._recording = False                      # accessories_missing on its way

    # --- Screen -----------------------------------------------------------------------------
    def activate(self) -> None:
        self.scan_field.setFocus()

    def reset(self) -> None:
        self._show_fine(None)
        self._show_kept_id(None)
        self.results = []
        self.table.setRowCount(0)
        self.scan_field.clear()
        self.banner.show_route("idle", self.tr("Scan returned items"), "")

    def handoff(self, mode_key: str) -> str | None:
        """The patron whose fine the banner asks to collect goes to the Fines screen (F11);
        the banner has done its job then (the Fines screen shows the balance from there)."""
        if mode_key != "fines" or self.fine_patron is None:
            return None
        card = self.fine_patron
        self._show_fine(None)
        return card

    def handle_scan(self, code: str) -> None:
        code = code.strip()
        if not code:
            return
        if self._blocked:
            self.queued.append(code)
            self.context.messages.info.emit(
                self.tr("%1 waits until the accessories are checked.").replace("%1", code))
            return
        self.checkin(code)

    def _typed(self) -> None:
        code = self.scan_field.text()
        self.scan_field.clear()
        self.handle_scan(code)

    # --- book drop ----------------------------------------------------------------------------
    @property
    def bookdrop_on(self) -> bool:
        return self.bookdrop.isChecked()

    def bookdrop_date(self) -> date:
        return self.bookdrop_day.date().toPython()

    def returned_at(self) -> datetime | None:
        """When the book-drop returns are dated (the circulation rule, which needs no database,
        so it holds offline too), or None: returned now."""
        if not self.bookdrop_on:
            return None
        library = self.context.library
        return bookdrop_returned_at(self.bookdrop_date(), library.policy.tz, library.now())

    def set_bookdrop(self, on: bool) -> None:
        self.bookdrop.setChecked(on)

    def _bookdrop_toggled(self, on: bool) -> None:
        self.bookdrop_day.setEnabled(on)
        if on:
            self.context.tasks.run(self.context.circulation.bookdrop_date,
                                   on_done=self._bookdrop_default)
        self._update_bookdrop_bar()
        self.scan_field.setFocus()

    def _bookdrop_default(self, day: date) -> None:
        self.bookdrop_day.setDate(QDate(day.year, day.month, day.day))
        self._update_bookdrop_bar()

    def _update_bookdrop_bar(self) -> None:
        self.bookdrop_bar.setVisible(self.bookdrop_on)
        self.bookdrop_bar.setText(self.tr("BOOK DROP ON: returns are dated %1. Switch off with F7.")
                                  .replace("%1", date_text(self.bookdrop_date())))

    # --- checkin ----------------------------------------------------------------------------
    def checkin(self, item: str) -> None:
        circulation = self.context.circulation
        returned_at = self.returned_at()
        bookdrop = self.bookdrop_on
        self.context.tasks.run(
            lambda: circulation.checkin(item, returned_at=returned_at, bookdrop=bookdrop),
            on_done=self._returned, on_error=lambda exc: self._refused(item, exc))

    def _returned(self, result: CheckinResult) -> None:
        if result.patron_barcode and not result.offline:
            # committed: a fine or a closed loan changes the former borrower's record now
            self.context.messages.patron_changed.emit(result.patron_barcode, self.mode_key)
        if self._blocked:                 # shown after the accessories prompt, in order
            self._held.append(lambda: self._returned(result))
            return
        if accessories_to_check(result):
            self._ask_accessories(result)
            return
        self._show(result)

    def _show(self, result: CheckinResult) -> None:
        self.results.append(result)
        if result.offline:
            self._returned_offline(result)
            return
        route = self.banner.names().get(result.route, result.route)
        if result.route == "holds_shelf" and result.hold_patron_shown:
            route += " · " + result.hold_patron_shown
        elif result.route == "transit" and result.destination:
            route += " → " + result.destination
        elif result.route == "staff" and any(n.code == "accessories_bookdrop"
                                             for n in result.notices):
            route = self.tr("TO STAFF: check accessories")
        elif result.route == "shelve" and any(n.code == "course_reserve_shelf"
                                              for n in result.notices):
            route = self.tr("SHELVE: course-reserve shelf")
        self._add_row(result, result.route, route,
                      " ".join(notice.message for notice in result.notices))
        kept = kept_id_notice(result)
        if kept is not None:      # the patron's ID to hand back: a task, not just a route
            self.context.messages.sound.emit(ID_SOUND)
            self.context.messages.warning.emit(f"{result.item_barcode} {result.title}: "
                                               f"{kept.message}")
        else:
            self.context.messages.sound.emit(ROUTE_SOUNDS.get(result.route, "success.checkin"))
            self.context.messages.info.emit(f"{result.item_barcode} {result.title}: {route}")
        if result.route == "holds_shelf":
            self._hold_slip(result)
        elif result.route == "transit":
            self._transit_slip(result)

    def _add_row(self, result: CheckinResult, route_key: str, route: str, notices: str) -> None:
        """One row for ``result`` and the banner saying where it goes."""
        library = self.context.library
        fine = money(library, result.fine) if result.fine else ""
        row = 0                           # the newest return on top, where the eye is
        self.table.insertRow(row)
        for column, text in enumerate((result.item_barcode, result.title,
                                       result.patron_name or "", fine, route, notices)):
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, route_key)
            self.table.setItem(row, column, cell)
        self.strip.start(row, result.has_strip)
        self.table.scrollToTop()
        detail = f"{result.item_barcode}  {result.title}"
        if notices:
            detail += "\n" + notices
        self.banner.show_route(route_key, route, detail)
        self._show_fine(result if result.fine and result.patron_barcode else None)
        self._show_kept_id(result)
        self.row_added.emit(result.item_barcode)

    # --- accessories (SOP 5.3.6) ------------------------------------------------------------
    @property
    def _blocked(self) -> bool:
        """The accessories prompt is open or its answer is being recorded."""
        return self.accessories_prompt is not None or self._recording

    def _ask_accessories(self, result: CheckinResult) -> None:
        what = accessories_to_check(result)
        if self._last_prompt is not None:
            self._last_prompt.deleteLater()
        prompt = AccessoriesDialog(self.context, result.item_barcode, result.title, what, self)
        prompt.confirmed.connect(lambda: self._accessories_answered(result, None))
        prompt.missing.connect(lambda text: self._accessories_answered(result, text))
        prompt.scanned.connect(self.handle_scan)
        self.accessories_prompt = self._last_prompt = prompt
        self.banner.show_route("staff", self.tr("CHECK THE ACCESSORIES"),
                               f"{result.item_barcode}  {result.title}\n{what}")
        self.context.messages.sound.emit("warning.checkin.accessories")
        prompt.open()

    def _accessories_answered(self, result: CheckinResult, missing: str | None) -> None:
        self.accessories_prompt = None
        if missing is None:
            self._show(result)
            self._take_waiting()
            return
        self._recording = True
        circulation = self.context.circulation
        self.context.tasks.run(
            lambda: circulation.accessories_missing(result.item_barcode, missing),
            on_done=lambda done: self._missing_recorded(result, done),
            on_error=lambda error: self._missing_failed(result, error))

    def _missing_recorded(self, result: CheckinResult, done: AccessoriesMissingResult) -> None:
        self._recording = False
        self.results.append(result)
        kept = [n.message for n in result.notices if n.code not in ROUTING_NOTICES]
        notices = " ".join([*kept, self.tr("Missing: %1").replace("%1", done.missing),
                            *(n.message for n in done.notices)])
        route = self.tr("TO STAFF: accessories missing")
        self._add_row(result, "staff", route, notices)
        self.context.messages.sound.emit(ROUTE_SOUNDS["staff"])
        self.context.messages.warning.emit(f"{result.item_barcode} {result.title}: {route}")
        self._take_waiting()

    def _missing_failed(self, result: CheckinResult, error: BaseException) -> None:
        """The return is recorded but the missing accessories are not: staff take it anyway."""
        self._recording = False
        self.results.append(result)
        text = str(error) or type(error).__name__
        route = self.tr("TO STAFF: accessories missing (not recorded)")
        if result.offline:    # journalled: its row and manual receipt
            self._returned_offline(result, headline=route)
        else:
            self._add_row(result, "staff", route, text)
        self.context.messages.sound.emit("error.checkin.accessories")
        self.context.messages.error.emit(f"{result.item_barcode}: {text}")
        self._take_waiting()

    def _take_waiting(self) -> None:
        """After the prompt: the answers that came back meanwhile, then the scans made."""
        while not self._blocked and (self._held or self.queued):
            if self._held:
                self._held.pop(0)()
            else:
                self.checkin(self.queued.pop(0))

    def _returned_offline(self, result: CheckinResult, headline: str | None = None) -> None:
        """Journalled while the database is down: the route is known only after the replay."""
        self._show_fine(None)
        self._show_kept_id(None)
        text = offline.offline_result_text(result)
        headline = headline or self.tr("RETURNED OFFLINE: set aside")
        row = 0
        self.table.insertRow(row)
        for column, value in enumerate((result.item_barcode, result.title, "", "",
                                        headline, text)):
            cell = QTableWidgetItem(value)
            cell.setData(Qt.ItemDataRole.UserRole, "staff")
            self.table.setItem(row, column, cell)
        self.strip.start(row, result.has_strip)
        self.table.scrollToTop()
        self.banner.show_route("staff", headline, f"{result.item_barcode}  {result.title}\n"
                               + self.tr("Shelf, holds shelf or transit is known after the "
                                         "replay.") + "\n" + text)
        self.row_added.emit(result.item_barcode)
        offline.print_fallback_receipt(self.context, result)
        self.context.messages.sound.emit("warning.checkin.staff")
        self.context.messages.warning.emit(f"{result.item_barcode}: {text}")

    def _show_fine(self, result: CheckinResult | None) -> None:
        """The amber banner asking to collect this return's overdue fine (or none)."""
        self.fine_patron = result.patron_barcode if result is not None else None
        self.fine_banner.setVisible(result is not None)
        if result is None:
            self.fine_banner.clear()
            return
        self.fine_banner.setText(
            self.tr("$ Collect the overdue fine %1 from %2 — F11 takes you there with this "
                    "patron").replace("%1", money(self.context.library, result.fine))
            .replace("%2", result.patron_name or result.patron_barcode or ""))

    def _show_kept_id(self, result: CheckinResult | None) -> None:
        """The amber banner asking to hand back the ID kept for a reading loan (or none)."""
        kept = kept_id_notice(result) if result is not None else None
        self.id_banner.setVisible(kept is not None)
        if result is None or kept is None:
            self.id_banner.clear()
            return
        self.id_banner.setText(self.tr("🪪 Hand back the ID kept at the desk to %1: %2")
                               .replace("%1", result.patron_name or result.patron_barcode or "")
                               .replace("%2", str(kept.params.get("id_kept", ""))))

    def _refused(self, item: str, error: BaseException) -> None:
        if self._blocked:                 # said after the accessories prompt, in order
            self._held.append(lambda: self._refused(item, error))
            return
        self._show_fine(None)
        self._show_kept_id(None)
        text = str(error)
        self.banner.show_route("refused", None, f"{item}\n{text}")
        if isinstance(error, CirculationRefused):
            self.context.messages.sound.emit(f"error.checkin.{error.codes[0]}")
        self.context.messages.error.emit(text)

    # --- slips --------------------------------------------------------------------------------
    def _hold_slip(self, result: CheckinResult) -> None:
        """The hold slip (a ``desk.devices`` slip): masked name, last 4 card digits."""
        library = self.context.library
        now = slip_time(library.policy.tz, library.now())
        until = (local(library, result.shelf_expires_at).date()
                 if result.shelf_expires_at is not None else now.date())
        slip = hold_slip(library=slip_library(self.context.config),
                         patron_name=result.hold_patron_shown or "",
                         card=result.hold_patron_barcode or "", item_barcode=result.item_barcode,
                         title=result.title, pickup_location=result.destination or "",
                         hold_until=until, when=now)
        self.context.slips.print_slip(ScreenSlip.from_device(slip))

    def _transit_slip(self, result: CheckinResult) -> None:
        library = self.context.library
        slip = transit_slip(library=slip_library(self.context.config),
                            item_barcode=result.item_barcode, title=result.title,
                            from_location=self.context.circulation.desk_code,
                            to_location=result.destination or "",
                            when=slip_time(library.policy.tz, library.now()))
        self.context.slips.print_slip(ScreenSlip.from_device(slip))


# Notices that tell where the item would have gone: void once it goes to staff instead.
ROUTING_NOTICES = ("hold_trapped", "hold_in_transit", "other_location")


def kept_id_notice(result: CheckinResult) -> Notice | None:
    """The notice of a reading loan's return naming the ID kept at the desk, or None."""
    return next((n for n in result.notices if n.code == ID_NOTICE), None)


def accessories_to_check(result: CheckinResult) -> str:
    """What must be taken back at the counter with this return (its ``accessories`` notice),
    or "" (none, or a book-drop return, which goes to staff instead)."""
    for notice in result.notices:
        if notice.code == "accessories":
            return str(notice.params.get("accessories") or result.accessories or "")
    return ""
