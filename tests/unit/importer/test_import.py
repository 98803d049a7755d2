"""Importing patrons and items: good files land in one go, bad files change nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desk.circulation import Library
from desk.importer import ImportFailed, import_file
from desk.models import AuditEvent, Biblio, Item, Patron, PatronMessage
from tests.unit.importer.conftest import item_code, patron_code

PATRON_HEADER = "barcode,name,category,expires,email,phone,department,home_location,message\n"
ITEM_HEADER = ("barcode,title,item_type,location,price,author,isbn,publisher,year,foreign,"
               "call_number,accessories,has_strip,staff_flag\n")


def counts(library: Library) -> tuple[int, int, int, int]:
    with library.sessions() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (Patron, Item, Biblio, AuditEvent))


def errors_of(library: Library, kind: str, path) -> dict[int, str]:
    before = counts(library)
    with pytest.raises(ImportFailed) as failed:
        import_file(library, kind, path)
    assert counts(library) == before, "a refused file must change nothing"
    errors: dict[int, str] = {}
    for error in failed.value.errors:
        errors[error.line] = "; ".join(filter(None, [errors.get(error.line), error.message]))
    return errors


def test_patrons_with_every_column(ref_library: Library, write_csv) -> None:
    path = write_csv(PATRON_HEADER
                     + f"{patron_code(1)},陳小明,student,2027-06-30,ming@example.edu.tw,"
                       f"02-1234-5678,資訊工程學系,MAIN,請補繳證件照\n"
                     + f"{patron_code(2)},Prof. Ann Lee,faculty,,,,,,\n", bom=True)
    result = import_file(ref_library, "patrons", path)
    assert (result.kind, result.count) == ("patrons", 2)
    with ref_library.sessions() as session:
        ming = session.scalars(select(Patron).where(Patron.barcode == patron_code(1))).one()
        assert (ming.name, ming.category, ming.expires_on) == ("陳小明", "student", date(2027, 6, 30))
        assert (ming.email, ming.department, ming.message) == (
            "ming@example.edu.tw", "資訊工程學系", "請補繳證件照")
        assert ming.home_location_id is not None
        # the note is a message shown at checkout until acknowledged (issue 15)
        assert session.scalars(select(PatronMessage.text).where(
            PatronMessage.patron_id == ming.id)).all() == ["請補繳證件照"]
        assert len(session.scalars(select(PatronMessage)).all()) == 1     # Lee has none
        lee = session.scalars(select(Patron).where(Patron.barcode == patron_code(2))).one()
        assert lee.expires_on is None and lee.email is None
        audit = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "import_patrons")).one()
        assert audit.detail["count"] == 2


def test_items_share_title_records_and_convert_values(ref_library: Library, write_csv) -> None:
    path = write_csv(ITEM_HEADER
                     + f"{item_code(1)},三國演義,book,MAIN,350,羅貫中,978-957-00-0001-3,遠流,2019,no,"
                       "857.4523 8536,,yes,\n"
                     + f"{item_code(2)},三國演義,book,LAW,\"1,200\",羅貫中,9789570000013,遠流,2019,0,"
                       "857.4523 8536 c.2,,,\n"
                     + f"{item_code(3)},Dune,cd,MAIN,NT$900,Frank Herbert,,Ace,1965,yes,,1 CD-ROM,no,"
                       "cataloguing\n")
    assert import_file(ref_library, "items", path).count == 3
    with ref_library.sessions() as session:
        items = {i.barcode: i for i in session.scalars(select(Item))}
        first, second, dune = items[item_code(1)], items[item_code(2)], items[item_code(3)]
        assert first.biblio_id == second.biblio_id
        assert (first.price, second.price, dune.price) == (350, 1200, 900)
        assert first.biblio.isbn == "9789570000013" and first.biblio.year == 2019
        assert dune.biblio.foreign and not first.biblio.foreign
        assert (dune.accessories, dune.has_strip, dune.staff_flag) == ("1 CD-ROM", False, "cataloguing")
        assert first.has_strip and second.has_strip


def test_every_bad_patron_line_is_reported(ref_library: Library, write_csv) -> None:
    good = patron_code(1)
    bad_digit = patron_code(2)[:-1] + str((int(patron_code(2)[-1]) + 1) % 10)
    path = write_csv(
        "barcode,name,category,expires,email,home_location\n"
        f"{good},陳小明,student,2027-06-30,,\n"                    # 2 fine
        f"{patron_code(3)},王大同,undergrad,,,\n"                   # 3 unknown category
        f"{patron_code(4)},李四,student,2027/06/30,,\n"             # 4 bad date format
        f"{patron_code(5)},張三,student,2027-02-30,,\n"             # 5 no such day
        f"{bad_digit},趙六,student,,,\n"                           # 6 check digit
        f"{good},陳小明,student,,,\n"                               # 7 duplicate in file
        f"{patron_code(8)},,student,,,\n"                           # 8 missing name
        f"{patron_code(9)},{'長' * 201},student,,,\n"                # 9 too long
        f"{patron_code(10)},林七,student,,not-an-email,\n"          # 10 bad e-mail
        f"{patron_code(11)},周八,student,,,MOON\n"                   # 11 unknown location
        f"{patron_code(12)},吳九\n"                                  # 12 missing fields
        f"{'9' * 70},鄭十,student,,,\n")                             # 13 over-long barcode
    errors = errors_of(ref_library, "patrons", path)
    assert sorted(errors) == list(range(3, 14))
    assert "unknown category 'undergrad'" in errors[3]
    assert "YYYY-MM-DD" in errors[4] and "no such day" in errors[5]
    assert "check digit" in errors[6]
    assert "also on line 2" in errors[7]
    assert "missing name" in errors[8]
    assert "too long" in errors[9]
    assert "e-mail" in errors[10]
    assert "unknown location 'MOON'" in errors[11]
    assert "2 fields, but the header has 6" in errors[12]
    assert "at most 64" in errors[13]


def test_duplicate_of_a_patron_already_in_the_library(ref_library: Library, write_csv) -> None:
    ref_library.add_patron(patron_code(1), "陳小明", "student")
    path = write_csv(f"barcode,name,category\n{patron_code(2)},Ann,student\n"
                     f"{patron_code(1)},陳小明,student\n")
    errors = errors_of(ref_library, "patrons", path)
    assert list(errors) == [3] and "already in the library" in errors[3]


def test_every_bad_item_line_is_reported(ref_library: Library, write_csv) -> None:
    path = write_csv(
        ITEM_HEADER
        + f"{item_code(1)},好書,book,MAIN,350,,,,,,,,,\n"             # 2 fine
        + f"{item_code(2)},好書,dvd,MAIN,350,,,,,,,,,\n"              # 3 unknown item type
        + f"{item_code(3)},好書,book,MAIN,12.5,,,,,,,,,\n"            # 4 decimals in TWD
        + f"{item_code(4)},好書,book,MAIN,-3,,,,,,,,,\n"              # 5 negative price
        + f"{item_code(5)},好書,book,MAIN,abc,,,,,,,,,\n"             # 6 not a number
        + f"{item_code(6)},好書,book,MAIN,1,,12345,,,,,,,\n"          # 7 bad ISBN
        + f"{item_code(7)},好書,book,MAIN,1,,,,20,,,,,\n"             # 8 bad year
        + f"{item_code(8)},好書,book,MAIN,1,,,,,maybe,,,,\n"          # 9 bad yes/no
        + f"{item_code(9)},好書,book,MAIN,1,,,,,,,,,lost\n"           # 10 bad staff flag
        + f"{item_code(10)},,book,,1,,,,,,,,,\n")                     # 11 missing title+location
    errors = errors_of(ref_library, "items", path)
    assert sorted(errors) == list(range(3, 12))
    assert "unknown item type 'dvd'" in errors[3]
    assert "at most 0 decimals" in errors[4]
    assert "0 or more" in errors[5] and "bad price" in errors[6]
    assert "ISBN" in errors[7] and "year" in errors[8] and "yes/no" in errors[9]
    assert "staff_flag" in errors[10]
    assert "missing title" in errors[11] and "missing location" in errors[11]


def test_header_problems(ref_library: Library, write_csv) -> None:
    errors = errors_of(ref_library, "patrons",
                       write_csv(f"barcode,name,categry\n{patron_code(1)},Ann,student\n"))
    assert "unknown column(s) 'categry'" in errors[1] and "missing column(s) category" in errors[1]
    errors = errors_of(ref_library, "items", write_csv("barcode,title,item_type,location\n"))
    assert "no records" in errors[0]


def test_non_utf8_file_changes_nothing(ref_library: Library, write_csv) -> None:
    path = write_csv(f"barcode,name,category\n{patron_code(1)},Ann,student\n"
                     f"{patron_code(2)},陳小明,student\n", encoding="big5")
    errors = errors_of(ref_library, "patrons", path)
    assert list(errors) == [3] and "not UTF-8" in errors[3]


def test_unknown_kind(ref_library: Library, write_csv) -> None:
    with pytest.raises(ValueError, match="unknown import kind"):
        import_file(ref_library, "loans", write_csv("barcode\n1\n"))


def test_items_with_parts(ref_library: Library, write_csv) -> None:
    path = write_csv("barcode,title,item_type,location,parts\n"
                     f"{item_code(1)},語言課程,book,MAIN,3\n"
                     f"{item_code(2)},三國演義,book,MAIN,\n")
    assert import_file(ref_library, "items", path).count == 2
    with ref_library.sessions() as session:
        parts = dict(session.execute(select(Item.barcode, Item.parts)).all())
    assert parts == {item_code(1): 3, item_code(2): 1}
    for bad in ("0", "256", "two", "-1"):
        path = write_csv("barcode,title,item_type,location,parts\n"
                         f"{item_code(3)},Boxed set,book,MAIN,{bad}\n")
        assert "parts" in errors_of(ref_library, "items", path)[2]
