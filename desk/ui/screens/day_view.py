"""The supervisor's view of a business day (Ctrl+D; today unless another day is chosen): the
counter's work that day (books lent and returned, holds placed and put on the shelf), running
totals per payment method, every desk with its takings and whether it is settled, the payments
booked to the day (each with the time it was taken and its business date), a note naming the
payments taken that day after a desk's close and so booked to a later day, and a chart of the
day's collections by hour, one colour per method (drawn with QPainter: stacked bars, labelled
axes, a legend)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.circulation.charges import method_name
from desk.circulation.queries.money import DayOverview, day_overview
from desk.ui.context import DeskContext
from desk.ui.formatting import money
from desk.ui.screen import Screen
from desk.ui.widgets.tables import fill_table, make_table

COLOURS = ("#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457")
FIRST_HOUR, LAST_HOUR = 7, 22
ONE_DAY = timedelta(days=1)


class HourChart(QWidget):
    """Collections by hour, stacked by method."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hourChart")
        self.setMinimumHeight(180)
        self.by_hour: dict[int, dict[str, int]] = {}
        self.methods: list[str] = []

    def set_data(self, by_hour: dict[int, dict[str, int]], methods: list[str]) -> None:
        self.by_hour = by_hour
        self.methods = list(methods) + sorted({m for v in by_hour.values() for m in v} - set(methods))
        self.update()

    def hours(self) -> list[int]:
        first = min([FIRST_HOUR, *self.by_hour])
        last = max([LAST_HOUR, *self.by_hour])
        return list(range(first, last + 1))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        hours = self.hours()
        left, bottom, top, right = 50.0, 24.0, 24.0, 10.0
        width = max(self.width() - left - right, 1.0)
        height = max(self.height() - top - bottom, 1.0)
        peak = max([sum(v.values()) for v in self.by_hour.values()] + [1])
        slot = width / len(hours)
        painter.setPen(QPen(QColor("#888888")))
        painter.drawLine(int(left), int(top + height), int(left + width), int(top + height))
        painter.drawText(QRectF(0, top - 6, left - 4, 14), Qt.AlignmentFlag.AlignRight,
                         f"{peak:,}")
        for index, hour in enumerate(hours):
            x = left + index * slot
            y = top + height
            for colour, method in zip(COLOURS * 3, self.methods):
                amount = self.by_hour.get(hour, {}).get(method, 0)
                bar = height * amount / peak
                painter.fillRect(QRectF(x + slot * 0.15, y - bar, slot * 0.7, bar), QColor(colour))
                y -= bar
            painter.setPen(QPen(QColor("#444444")))
            painter.drawText(QRectF(x, top + height + 4, slot, 16),
                             Qt.AlignmentFlag.AlignHCenter, f"{hour}")
        x = left
        for colour, method in zip(COLOURS * 3, self.methods):
            painter.fillRect(QRectF(x, 4, 10, 10), QColor(colour))
            painter.drawText(QRectF(x + 14, 0, 120, 18), Qt.AlignmentFlag.AlignLeft,
                             method_name(method))
            x += 130
        painter.end()


class DayView(QWidget):
    """Totals, desks, payments and the hour chart of one business day (today by default)."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.overview: DayOverview | None = None
        self.day: date | None = None            # None: today
        self.previous_button = QPushButton(self.tr("◀ Previous day"))
        self.previous_button.setObjectName("previousDay")
        self.previous_button.clicked.connect(lambda: self.show_day(self._shown_day() - ONE_DAY))
        self.next_button = QPushButton(self.tr("Next day ▶"))
        self.next_button.setObjectName("nextDay")
        self.next_button.clicked.connect(lambda: self.show_day(self._shown_day() + ONE_DAY))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setObjectName("todayButton")
        self.today_button.clicked.connect(lambda: self.show_day(None))
        self.later_note = QLabel()
        self.later_note.setObjectName("bookedLaterNote")
        self.later_note.setWordWrap(True)
        self.later_note.setStyleSheet("color: #5c4400; font-weight: bold;")
        self.later_note.hide()
        self.payments = make_table("dayPayments", [
            self.tr("Receipt"), self.tr("Paid at"), self.tr("Booked to"), self.tr("Desk"),
            self.tr("Method"), self.tr("Amount"), self.tr("Status")], stretch=6, fit=True)
        self.heading = QLabel()
        self.heading.setObjectName("dayHeading")
        self.totals = QLabel()
        self.totals.setObjectName("dayTotals")
        self.totals.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.activity = QLabel()
        self.activity.setObjectName("dayActivity")
        self.activity.setStyleSheet("font-size: 14pt;")
        self.open_desks = QLabel()
        self.open_desks.setObjectName("openDesks")
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("refreshDay")
        self.refresh_button.clicked.connect(self.refresh)
        self.desks = make_table("desksTable", [self.tr("Desk"), self.tr("Settled"),
                                               self.tr("Payments"), self.tr("Unsettled"),
                                               self.tr("Takings")], stretch=4)
        # self-check machines (desk.sip2), shown when the library has any
        self.terminals_label = QLabel(self.tr("Self-check terminals"))
        self.terminals = make_table("terminalsTable", [
            self.tr("Terminal"), self.tr("Desk"), self.tr("Checkouts"), self.tr("Returns"),
            self.tr("Renewals"), self.tr("Refused"), self.tr("Payments"), self.tr("Takings")],
            stretch=7)
        self.chart = HourChart()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for button in (self.previous_button, self.today_button, self.next_button,
                       self.refresh_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.activity)
        layout.addWidget(self.totals)
        layout.addWidget(self.open_desks)
        layout.addWidget(self.later_note)
        layout.addWidget(self.desks, 1)
        layout.addWidget(self.terminals_label)
        layout.addWidget(self.terminals, 1)
        layout.addWidget(QLabel(self.tr("Payments booked to this day")))
        layout.addWidget(self.payments, 1)
        layout.addWidget(QLabel(self.tr("Collections by hour")))
        layout.addWidget(self.chart, 1)

    def refresh(self) -> None:
        self.context.tasks.run(day_overview, self.context.library, self.day,
                               on_done=self.show_overview, on_error=self._failed)

    def show_day(self, day: date | None) -> None:
        """Show another business day (None: today)."""
        self.day = day
        self.refresh()

    def _shown_day(self) -> date:
        if self.overview is not None:
            return self.overview.day
        return self.day or self.context.library.local_today()

    def _failed(self, error: BaseException) -> None:
        self.context.messages.error.emit(str(error) or type(error).__name__)

    def _sum(self, totals: dict[str, int]) -> str:
        library = self.context.library
        return " · ".join(f"{method_name(method)} {money(library, amount)}"
                          for method, amount in sorted(totals.items())) or money(library, 0)

    def show_overview(self, overview: DayOverview) -> None:
        self.overview = overview
        library = self.context.library
        self.heading.setText(self.tr("Business day %1").replace("%1", overview.day.isoformat()))
        self.totals.setText(self.tr("Collected so far: %1 (%2)").replace(
            "%1", money(library, sum(overview.totals.values()))).replace(
            "%2", self._sum(overview.totals)))
        work = overview.activity
        self.activity.setText(self.tr("Lent %1 · Returned %2 · Holds placed %3 · Put on the "
                                      "holds shelf %4").replace("%1", str(work.loans))
                              .replace("%2", str(work.returns))
                              .replace("%3", str(work.holds_placed))
                              .replace("%4", str(work.holds_trapped)) if work else "")
        self.open_desks.setText(self.tr("Not settled: %1").replace(
            "%1", ", ".join(overview.open_desks) or self.tr("none")))
        fill_table(self.desks, [[
            desk.desk, self.tr("yes") if desk.closed else self.tr("no"), str(desk.count),
            str(desk.open_payments), self._sum(desk.totals)] for desk in overview.desks])
        fill_table(self.terminals, [[
            t.login, t.desk, str(t.checkouts), str(t.checkins), str(t.renewals), str(t.refused),
            str(t.payments), self._sum(t.totals)] for t in overview.terminals])
        self.terminals_label.setVisible(bool(overview.terminals))
        self.terminals.setVisible(bool(overview.terminals))
        fill_table(self.payments, [[
            p.receipt_no, f"{p.paid_at:%Y-%m-%d %H:%M}", p.business_date.isoformat(), p.desk,
            method_name(p.method), money(library, p.amount), self.tr("void") if p.voided else ""]
            for p in overview.payments])
        later = overview.booked_later
        if later:
            text = (self.tr("1 payment taken on this day after the close is booked to a later "
                            "day: %1.") if len(later) == 1 else
                    self.tr("%2 payments taken on this day after the close are booked to later "
                            "days: %1.").replace("%2", str(len(later))))
            self.later_note.setText(text.replace("%1", ", ".join(
                f"{p.receipt_no} ({p.business_date.isoformat()})" for p in later)))
        self.later_note.setVisible(bool(later))
        self.chart.set_data(overview.by_hour, list(library.policy.payment_methods))


class DayViewScreen(Screen):
    mode_key = "day_view"
    shortcut = "Ctrl+D"
    title_text = QT_TRANSLATE_NOOP("DayViewScreen", "Day view")

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.view = DayView(context)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def activate(self) -> None:
        self.view.refresh()
