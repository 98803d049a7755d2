"""Notices delivered to a real SMTP server (aiosmtpd on a free port), on SQLite and
PostgreSQL: the hold-ready notice a checkin writes, in the patron's language; a server that
refuses (4xx) then accepts; a permanent refusal (5xx); a server that is down; two senders at
once; and exactly-once across a SIGKILL of the sender between the server's DATA and the mark."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, update

from desk.circulation import Library
from desk.circulation.notices import CirculationRefused
from desk.circulation.outbox import queue_notice
from desk.circulation.outbox.run import send_notices
from desk.circulation.outbox.sender import INTERRUPTED, Sender, retry_notice
from desk.circulation.outbox.smtp import SmtpSettings, SmtpTransport
from desk.config import Config
from desk.models import Patron, PatronNotice
from tests.support.clock import FakeClock
from tests.support.small_library import Desk
from tests.support.smtp_server import Recorder, free_port, smtp_server

ROOT = Path(__file__).resolve().parents[2]


def _config(port: int, **more: object) -> Config:
    return Config({"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_tls": "none",
                   "notice_from": "總圖書館 <library@example.edu.tw>",
                   "notice_library_name": "總圖書館", **more})


def _set_patron(library: Library, barcode: str, **values: object) -> int:
    with library.sessions.begin() as session:
        session.execute(update(Patron).where(Patron.barcode == barcode).values(**values))
        return int(session.scalars(select(Patron.id).where(Patron.barcode == barcode)).one())


def _notices(library: Library) -> list[PatronNotice]:
    with library.sessions() as session:
        return list(session.scalars(select(PatronNotice).order_by(PatronNotice.id)))


def _queue(library: Library, patron_id: int, count: int) -> None:
    with library.sessions.begin() as session:
        for number in range(count):
            queue_notice(session, patron_id, "hold_ready",
                         {"title": f"書 {number}", "location": "總圖", "until": "2026-11-20"},
                         now=library.now())


def _no_printing(letters: object) -> Path:
    raise AssertionError("nothing should be printed here")


def test_a_trapped_hold_tells_its_patron_in_the_patrons_language(any_desk: Desk) -> None:
    library = any_desk.library
    _set_patron(library, "P002", email="p002@example.edu.tw")          # zh_TW by default
    _set_patron(library, "P003", email="lee@example.edu.tw", language="en")
    any_desk.main.checkout("P001", "B100")
    any_desk.main.checkout("P001", "B101")
    any_desk.main.place_hold("P002", "B100")
    any_desk.main.place_hold("P003", "B100")
    assert _notices(library) == []                 # placing a hold tells nobody anything yet
    any_desk.main.checkin("B100")                  # trapped for P002
    any_desk.main.checkin("B101")                  # trapped for P003
    stored = _notices(library)
    assert [(n.kind, n.language, n.state) for n in stored] == [
        ("hold_ready", "zh_TW", "pending"), ("hold_ready", "en", "pending")]

    with smtp_server() as (recorder, port):
        report = send_notices(library, _config(port), print_letters=_no_printing)
    assert report.sent == 2 and report.failed == [] and report.server_down is None
    chinese, english = recorder.messages
    assert chinese["Message-ID"] == stored[0].message_id
    assert english["Message-ID"] == stored[1].message_id
    assert chinese["To"].addresses[0].addr_spec == "p002@example.edu.tw"
    assert chinese["To"].addresses[0].display_name == "王大同"
    assert chinese["Subject"] == "預約書到館通知：三國演義"
    assert chinese["Content-Language"] == "zh-TW"
    assert chinese["From"].addresses[0].addr_spec == "library@example.edu.tw"
    body = chinese.get_body(("plain",)).get_content()
    assert "王大同 您好" in body and "三國演義" in body and "總圖" in body and "總圖書館" in body
    assert chinese.get_body(("html",)) is not None
    assert english["Subject"] == "Your hold is ready: 三國演義"
    assert english["Content-Language"] == "en"
    assert "Dear Prof. Lee" in english.get_body(("plain",)).get_content()
    assert {n.state for n in _notices(library)} == {"sent"}
    assert all(n.sent_at is not None for n in _notices(library))


def test_a_server_that_refuses_for_now_gets_the_notice_later(any_desk: Desk,
                                                             clock: FakeClock) -> None:
    library = any_desk.library
    patron = _set_patron(library, "P002", email="p002@example.edu.tw")
    _queue(library, patron, 2)
    with smtp_server() as (recorder, port):
        recorder.refuse = ["451 4.3.0 try again later"]
        first = send_notices(library, _config(port), print_letters=_no_printing)
        assert first.sent == 1 and first.deferred == 1
        waiting = [n for n in _notices(library) if n.state == "pending"]
        assert len(waiting) == 1 and "451" in (waiting[0].last_error or "")
        assert waiting[0].next_attempt_at > clock.now and waiting[0].attempts == 1
        again = send_notices(library, _config(port), print_letters=_no_printing)
        assert again.sent == 0                      # not before its back-off
        clock.advance(minutes=6)
        last = send_notices(library, _config(port), print_letters=_no_printing)
        assert last.sent == 1
    assert {n.state for n in _notices(library)} == {"sent"}
    assert sorted(recorder.message_ids()) == sorted(n.message_id for n in _notices(library))


def test_a_permanent_refusal_fails_the_notice_and_retry_sends_it(any_desk: Desk) -> None:
    library = any_desk.library
    patron = _set_patron(library, "P002", email="nobody@example.edu.tw")
    _queue(library, patron, 1)
    with smtp_server() as (recorder, port):
        recorder.refuse = ["550 5.1.1 no such user"]
        report = send_notices(library, _config(port), print_letters=_no_printing)
        assert report.sent == 0 and len(report.failed) == 1 and "550" in report.failed[0][2]
        (failed,) = _notices(library)
        assert failed.state == "failed" and "550" in (failed.last_error or "")
        with library.sessions.begin() as session:
            with pytest.raises(CirculationRefused) as refused:
                retry_notice(session, failed.id + 1000, library.now())
            assert refused.value.codes == ["notice_not_found"]
            retry_notice(session, failed.id, library.now())
        assert send_notices(library, _config(port), print_letters=_no_printing).sent == 1
        with library.sessions.begin() as session:
            with pytest.raises(CirculationRefused) as refused:
                retry_notice(session, failed.id, library.now())
            assert refused.value.codes == ["notice_not_failed"]
    assert len(recorder.messages) == 1


def test_a_server_that_is_down_keeps_every_notice_for_later(any_desk: Desk) -> None:
    library = any_desk.library
    patron = _set_patron(library, "P002", email="p002@example.edu.tw")
    _queue(library, patron, 3)
    report = send_notices(library, _config(free_port()), print_letters=_no_printing)
    assert report.server_down and report.sent == 0 and report.deferred == 3
    assert {(n.state, n.attempts) for n in _notices(library)} == {("pending", 1)}


def test_an_address_that_is_not_an_e_mail_fails_that_notice_only(any_desk: Desk) -> None:
    library = any_desk.library
    bad = _set_patron(library, "P002", email="not an address")
    good = _set_patron(library, "P003", email="lee@example.edu.tw")
    _queue(library, bad, 1)
    _queue(library, good, 1)
    with smtp_server() as (recorder, port):
        report = send_notices(library, _config(port), print_letters=_no_printing)
    assert report.sent == 1 and len(report.failed) == 1
    assert [n.state for n in _notices(library)] == ["failed", "sent"]


def test_two_senders_at_once_never_send_one_notice_twice(any_desk: Desk) -> None:
    library = any_desk.library
    patron = _set_patron(library, "P002", email="p002@example.edu.tw")
    _queue(library, patron, 120)
    with smtp_server() as (recorder, port):
        settings = SmtpSettings.from_config(_config(port))

        def one_sender() -> None:
            Sender(library.sessions, library.now, connect=lambda: SmtpTransport(settings),
                   sender=settings.sender, batch=10).run()

        threads = [threading.Thread(target=one_sender) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    ids = recorder.message_ids()
    assert len(ids) == 120 and len(set(ids)) == 120
    assert {n.state for n in _notices(library)} == {"sent"}


def _send_command(url: str, port: int, tmp_path: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, DESK_CONFIG=str(tmp_path / "none.toml"),
               DESK_DATA_DIR=str(tmp_path / "data"), DESK_SMTP_HOST="127.0.0.1",
               DESK_SMTP_PORT=str(port), DESK_SMTP_TLS="none", DESK_LANGUAGE="en",
               DESK_NOTICE_FROM="library@example.edu.tw",
               DESK_NOTICES_PDF_DIR=str(tmp_path / "printed"))
    return subprocess.Popen([sys.executable, "-m", "desk", "notices", "send", "--url", url],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.mark.slow
def test_a_sender_killed_between_data_and_mark_resends_with_the_same_message_id(
        any_desk: Desk, tmp_path: Path) -> None:
    library = any_desk.library
    patron = _set_patron(library, "P002", email="p002@example.edu.tw")
    _queue(library, patron, 6)
    url = library.url
    with smtp_server() as (recorder, port):
        sender = _send_command(url, port, tmp_path)
        recorder.kill_pid, recorder.kill_after = sender.pid, 3
        sender.communicate(timeout=120)
        assert sender.returncode == -9               # killed after the 3rd DATA
        states = [n.state for n in _notices(library)]
        # the 3rd reached the server but was not marked; the rest were claimed, not begun
        assert states == ["sent", "sent", "sending", "claimed", "claimed", "claimed"]
        killed = _notices(library)[2]

        again = _send_command(url, port, tmp_path)
        out, err = again.communicate(timeout=120)
        assert again.returncode == 0, err
    ids = recorder.message_ids()
    notices = _notices(library)
    assert len(set(ids)) == len(notices) == 6          # every notice, each its own Message-ID
    assert ids.count(killed.message_id) == 2            # the interrupted one, sent again as is
    assert len(ids) == 7
    assert {n.state for n in notices} == {"sent"}
    assert f"Message-ID {killed.message_id}" in out and "1 sent again" in out, out
    assert INTERRUPTED not in {n.last_error for n in notices}
