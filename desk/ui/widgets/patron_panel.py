"""The patron panel of the checkout screen: the photo, large (or a silhouette marked "No photo —
ask for ID"), name, category and department (to tell two students of one name apart), card
expiry, counts, balance, the books waiting for them on the holds shelf by title, and the
patron's messages and blocks highlighted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk.circulation import Library
from desk.circulation.queries import PatronSummary
from desk.ui.accessibility import describe
from desk.ui.formatting import date_text, money
from desk.ui.patron_actions import KEYS
from desk.ui.widgets.patron_photo import PatronPhoto

# Large enough to tell the holder from the card (SOP 5.3.1).
PHOTO_SIZE = (150, 188)


class PatronPanel(QFrame):
    """Shows one ``PatronSummary``; empty until a card is scanned."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("patronPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.photo = PatronPhoto(*PHOTO_SIZE)
        self.name = QLabel()
        self.name.setObjectName("patronName")
        self.card = QLabel()
        self.category = QLabel()
        self.expiry = QLabel()
        self.counts = QLabel()
        self.balance = QLabel()
        self.alerts = QLabel()
        self.alerts.setObjectName("patronAlerts")
        self.alerts.setWordWrap(True)
        self.waiting = QLabel()
        self.waiting.setObjectName("patronWaitingHolds")
        self.waiting.setWordWrap(True)
        for label in (self.name, self.card, self.category, self.expiry, self.counts,
                      self.balance, self.alerts, self.waiting):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = QGridLayout()
        details.addWidget(self.name, 0, 0, 1, 2)
        details.addWidget(self.card, 1, 0)
        details.addWidget(self.category, 1, 1)
        details.addWidget(self.expiry, 2, 0)
        details.addWidget(self.balance, 2, 1)
        details.addWidget(self.counts, 3, 0, 1, 2)
        column = QVBoxLayout()
        column.addLayout(details)
        column.addWidget(self.waiting)
        column.addWidget(self.alerts)
        column.addStretch(1)
        row = QHBoxLayout(self)
        row.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)
        self.summary: PatronSummary | None = None
        self.clear()

    def clear(self) -> None:
        self.summary = None
        self.photo.clear()
        self.name.setText(self.tr("No patron"))
        for label in (self.card, self.category, self.expiry, self.counts, self.balance):
            label.clear()
        self.alerts.hide()
        self.waiting.clear()
        self.waiting.hide()
        self._set_state("empty")
        describe(self, self.tr("Patron"), self.name.text())

    def show_summary(self, summary: PatronSummary) -> None:
        self.summary = summary
        self.photo.show_photo(summary.photo)
        self.name.setText(summary.name)
        self.card.setText(self.tr("Card: %1").replace("%1", summary.barcode))
        category = summary.category_name
        if summary.department:
            category += " · " + summary.department
        self.category.setText(self.tr("Category: %1").replace("%1", category))
        expiry = date_text(summary.expires_on) or self.tr("no expiry")
        self.expiry.setText(self.tr("Expires: %1").replace("%1", expiry))
        self.expiry.setProperty("alert", summary.expired)
        self.counts.setText(
            self.tr("Loans %1 · Overdue %2 · Holds %3 (waiting %4)")
            .replace("%1", str(summary.loans_count)).replace("%2", str(summary.overdue_count))
            .replace("%3", str(summary.holds_count))
            .replace("%4", str(summary.waiting_holds_count)))
        self.counts.setProperty("alert", summary.overdue_count > 0)
        waiting = [hold for hold in summary.holds if hold.status == "waiting"]
        self.waiting.setText("★ " + self.tr("On the holds shelf for them: %1").replace(
            "%1", "; ".join(
                hold.title + (" " + self.tr("(pick up by %1)").replace(
                    "%1", date_text(hold.shelf_expires_at.astimezone(
                        self.library.policy.tz).date()))
                    if hold.shelf_expires_at is not None else "")
                for hold in waiting)) if waiting else "")
        self.waiting.setVisible(bool(waiting))
        self.balance.setText(self.tr("Balance: %1").replace(
            "%1", money(self.library, summary.balance)))
        self.balance.setProperty("alert", summary.balance > 0)
        alerts = [f"⚠ {notice.message}" for notice in summary.block_reasons]
        for message in summary.messages:
            author = message.author or self.tr("earlier note")
            alerts.append("✉ " + self.tr("%1, %2: %3").replace("%1", author).replace(
                "%2", date_text(message.created_at.astimezone(self.library.policy.tz).date()))
                .replace("%3", message.text))
        if summary.messages:
            alerts.append(self.tr("%1 acknowledges the oldest message.").replace(
                "%1", QKeySequence(KEYS["acknowledge"]).toString(
                    QKeySequence.SequenceFormat.NativeText)))
        self.alerts.setText("\n".join(alerts))
        self.alerts.setVisible(bool(alerts))
        self._set_state("blocked" if summary.block_reasons else
                        "message" if summary.messages else "ok")
        describe(self, self.tr("Patron"), "\n".join(
            label.text() for label in (self.name, self.card, self.category, self.expiry,
                                       self.counts, self.balance, self.alerts) if label.text()))

    def _set_state(self, state: str) -> None:
        self.setProperty("state", state)
        for widget in (self, self.expiry, self.counts, self.balance):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
