"""Notices: what the desk told patrons or will tell them. Three lists - the outbox (waiting,
with the next try and the last temporary error), sent (by e-mail or printed) and failed (with
the server's answer) - and *Retry* for a failed notice once its cause is fixed (the patron's
address corrected, the mail server's settings). Reading and retrying run on the worker thread
through ``desk.circulation.queries.notices``; sending itself is ``python -m desk notices send``
or the desk's timer (``desk.ui.notice_schedule``)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.circulation import CirculationRefused
from desk.circulation.queries.notices import NoticeRow, notices_list, retry_failed
from desk.ui.context import DeskContext
from desk.ui.formatting import local
from desk.ui.screen import Screen
from desk.ui.widgets.tables import fill_table, make_table, selected_rows

log = logging.getLogger(__name__)


class NoticesScreen(Screen):
    mode_key = "notices"
    title_text = QT_TRANSLATE_NOOP("NoticesScreen", "Notices")

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.rows: list[NoticeRow] = []
        self.show_list = QComboBox()
        self.show_list.setObjectName("noticeList")
        for key, label in (("outbox", self.tr("Outbox")), ("sent", self.tr("Sent")),
                           ("failed", self.tr("Failed"))):
            self.show_list.addItem(label, key)
        self.show_list.currentIndexChanged.connect(self.refresh)
        self.table = make_table("noticesTable", [
            self.tr("Patron"), self.tr("Notice"), self.tr("Title"), self.tr("State"),
            self.tr("Tries"), self.tr("Queued"), self.tr("Sent / next try"),
            self.tr("Last error")], stretch=7)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refreshNotices")
        self.refresh_button.clicked.connect(self.refresh)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("retryNotice")
        self.retry_button.clicked.connect(self.retry)
        self.message = QLabel()
        self.message.setObjectName("noticesMessage")
        self.message.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.show_list)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Notices to patrons: e-mailed by 'python -m desk notices send' (or by the desk on "
            "its timer), printed for patrons without an e-mail address.")))
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self._selection_changed()

    def activate(self) -> None:
        self.refresh()

    def reset(self) -> None:
        self.message.clear()

    @property
    def showing(self) -> str:
        return str(self.show_list.currentData())

    def refresh(self) -> None:
        self.context.tasks.run(notices_list, self.context.library, self.showing,
                               on_done=self._show, on_error=self._failed)

    def _when(self, row: NoticeRow) -> str:
        moment = row.sent_at if row.sent_at is not None else row.next_attempt_at
        if row.state == "failed":
            return ""
        return f"{local(self.context.library, moment):%Y-%m-%d %H:%M}"

    def _show(self, rows: list[NoticeRow]) -> None:
        self.rows = rows
        library = self.context.library
        fill_table(self.table, [
            [f"{r.patron_name} ({r.patron_barcode})", r.kind_name, r.title, r.state_name,
             str(r.attempts), f"{local(library, r.created_at):%Y-%m-%d %H:%M}", self._when(r),
             r.last_error or ""] for r in rows])
        empty = self.tr("No notices in this list.")
        if not rows and self.message.text() in ("", empty):   # what was just done stays said
            self.message.setText(empty)
        elif rows and self.message.text() == empty:
            self.message.clear()
        self._selection_changed()

    def current(self) -> NoticeRow | None:
        picked = selected_rows(self.table)
        return self.rows[picked[0]] if picked and picked[0] < len(self.rows) else None

    def _selection_changed(self) -> None:
        row = self.current()
        self.retry_button.setEnabled(row is not None and row.state == "failed")

    def retry(self) -> None:
        row = self.current()
        if row is None:
            return

        def done(_: object) -> None:
            self._say(self.tr("Notice %1 goes out again at the next sending.")
                      .replace("%1", str(row.id)))
            self.refresh()

        self.context.tasks.run(retry_failed, self.context.library, row.id, on_done=done,
                               on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, CirculationRefused):
            self._say(str(error), error=True)
            return
        log.error("notices screen: %r", error)
        self._say(self.tr("The notices cannot be read now; the database did not answer. Try "
                          "again."), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        (self.context.messages.error if error else self.context.messages.info).emit(text)
