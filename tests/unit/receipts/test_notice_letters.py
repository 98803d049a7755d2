"""Printed notices for patrons without e-mail: ``notices send`` prints them to a PDF batch
(address block, subject and body in the patron's language, Chinese in the embedded font) and
marks them printed; read back by extracting the PDF's text."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select, update

from desk.circulation.outbox import queue_notice
from desk.circulation.outbox.run import send_notices
from desk.config import Config
from desk.models import Patron, PatronNotice
from desk.receipts.notice_letters import letters_printer
from tests.support.small_library import Desk


def test_notices_of_patrons_without_e_mail_are_printed(desk: Desk, tmp_path: Path) -> None:
    library = desk.library
    with library.sessions.begin() as session:
        session.execute(update(Patron).where(Patron.barcode == "P003").values(language="en"))
        session.execute(update(Patron).where(Patron.barcode == "P002")
                        .values(department="資訊工程學系"))
        ids = {barcode: id_ for barcode, id_ in session.execute(select(Patron.barcode, Patron.id))}
        queue_notice(session, ids["P002"], "overdue",
                     {"title": "紅樓夢", "due": "2026-11-01", "days": 7}, now=library.now())
        queue_notice(session, ids["P003"], "courtesy",
                     {"title": "Dream of the Red Chamber", "due": "2026-11-05", "days": 3},
                     now=library.now())
    config = Config({"notice_library_name": "總圖書館"})   # no mail server: printing only
    report = send_notices(library, config, print_letters=letters_printer(
        tmp_path, library.now, library.policy.tz, "總圖書館"))
    assert report.printed == 2 and report.sent == 0 and report.printed_to is not None
    assert report.printed_to.parent == tmp_path and report.printed_to.suffix == ".pdf"
    pages = [page.extract_text() for page in PdfReader(report.printed_to).pages]
    assert len(pages) == 2
    assert "王大同" in pages[0] and "P002" in pages[0] and "資訊工程學系" in pages[0]
    assert "逾期通知" in pages[0] and "紅樓夢" in pages[0] and "總圖書館" in pages[0]
    assert "Prof. Lee" in pages[1] and "Due soon: Dream of the Red Chamber" in pages[1]
    with library.sessions() as session:
        assert set(session.scalars(select(PatronNotice.state))) == {"printed"}
    again = send_notices(library, config, print_letters=letters_printer(
        tmp_path, library.now, library.policy.tz))
    assert again.printed == 0 and again.printed_to is None   # printed once only
