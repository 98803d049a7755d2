"""The Notices screen: the outbox, sent and failed lists from the real database, Retry of a
failed notice (back to the outbox), a refusal shown; and the desk's timer sending through a
real SMTP server off the GUI thread. Patron-screen query: failed notices first."""

from __future__ import annotations

from sqlalchemy import select, update

from desk.circulation.outbox import queue_notice
from desk.circulation.queries.notices import notices_list, patron_notices
from desk.config import Config
from desk.models import Patron, PatronNotice
from desk.ui.notice_schedule import NoticeScheduler
from desk.ui.screens.notices import NoticesScreen
from tests.support.smtp_server import smtp_server


def _queue(desk, barcode: str, title: str, email: str | None = None) -> None:  # noqa: ANN001
    library = desk.library
    with library.sessions.begin() as session:
        session.execute(update(Patron).where(Patron.barcode == barcode).values(email=email))
        patron = session.scalars(select(Patron.id).where(Patron.barcode == barcode)).one()
        queue_notice(session, patron, "hold_ready",
                     {"title": title, "location": "總圖", "until": "2026-11-20"},
                     now=library.now())


def _fail_all(desk) -> None:  # noqa: ANN001
    with desk.library.sessions.begin() as session:
        session.execute(update(PatronNotice).values(state="failed",
                                                    last_error="550 5.1.1 no such user"))


def test_lists_retry_and_a_refusal(qtbot, screen_context, settle, desk) -> None:  # noqa: ANN001
    _queue(desk, "P002", "三國演義", "p002@example.edu.tw")
    screen = NoticesScreen(screen_context)
    qtbot.addWidget(screen)
    screen.activate()
    settle()
    assert screen.table.rowCount() == 1
    assert "王大同" in screen.table.item(0, 0).text()
    assert screen.table.item(0, 2).text() == "三國演義"
    assert screen.table.item(0, 3).text() == "waiting"
    _fail_all(desk)
    screen.show_list.setCurrentIndex(screen.show_list.findData("failed"))
    settle()
    assert screen.table.rowCount() == 1 and "550" in screen.table.item(0, 7).text()
    assert not screen.retry_button.isEnabled()
    screen.table.selectRow(0)
    assert screen.retry_button.isEnabled()
    screen.retry_button.click()
    settle()
    assert screen.table.rowCount() == 0
    assert [n.state for n in notices_list(desk.library, "outbox")] == ["pending"]
    assert "goes out again" in screen.message.text()
    # a notice that is no longer failed cannot be retried: the refusal is said
    screen.rows = notices_list(desk.library, "outbox")
    screen.table.setRowCount(1)
    screen.table.selectRow(0)
    screen.retry()
    settle()
    assert "Only a failed notice" in screen.message.text()


def test_the_patron_screen_query_puts_failed_notices_first(desk) -> None:  # noqa: ANN001
    _queue(desk, "P002", "第一本", "p002@example.edu.tw")
    _fail_all(desk)
    _queue(desk, "P002", "第二本", "p002@example.edu.tw")
    rows = patron_notices(desk.library, "P002")
    assert [(r.title, r.state) for r in rows] == [("第一本", "failed"), ("第二本", "pending")]
    assert patron_notices(desk.library, "P001") == []


def test_the_desk_sends_on_its_timer_off_the_gui_thread(qtbot, screen_context, heard, desk,
                                                        tmp_path) -> None:  # noqa: ANN001
    _queue(desk, "P002", "三國演義", "p002@example.edu.tw")
    _queue(desk, "P003", "紅樓夢", None)            # no e-mail: printed
    with smtp_server() as (recorder, port):
        screen_context.config = Config({
            "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_tls": "none",
            "notice_from": "library@example.edu.tw", "notices_send_every_minutes": 1,
            "notices_pdf_dir": str(tmp_path)})
        scheduler = NoticeScheduler(screen_context)
        scheduler.start()
        assert scheduler.timer.isActive() and scheduler.timer.interval() == 60_000
        scheduler.send()
        qtbot.waitUntil(lambda: scheduler.last is not None, timeout=20000)
        assert len(recorder.messages) == 1
    assert scheduler.last.sent == 1 and scheduler.last.printed == 1
    assert any("Notices to print" in text for text in heard.info)
    assert list(tmp_path.glob("notices-*.pdf"))
    screen_context.config.set("notices_send_every_minutes", 0)
    scheduler.start()
    assert not scheduler.timer.isActive()
