"""CSV imports at their edges (issue 13, finding 12): the file is streamed (records re-read, not
kept), a size limit and a line limit, bad lines by number (the first 1,000 listed, the rest
counted), big imports written in batches inside one transaction; fuzzed rows never raise and
never half-apply (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.circulation import Library
from desk.importer import ImportFailed, check_file, import_file
from desk.importer.reader import MAX_LINE_BYTES, MAX_LISTED_ERRORS, Records, read_csv
from desk.models import Patron
from tests.support.boundary_inputs import csv_cell
from tests.unit.importer.conftest import patron_code


def patrons_in(library: Library) -> int:
    with library.sessions() as session:
        return session.scalar(select(func.count()).select_from(Patron))


def test_records_are_read_again_from_the_file_not_kept(write_csv) -> None:
    path = write_csv("barcode,name\n" + "".join(f"P{n},Name {n}\n" for n in range(5000)))
    parsed = read_csv(path)
    assert isinstance(parsed.records, Records) and parsed.record_count == 5000
    assert sum(1 for _ in parsed.records) == 5000 == sum(1 for _ in parsed.records)


def test_a_file_over_the_size_limit_is_refused_unread(ref_library: Library, write_csv) -> None:
    path = write_csv("barcode,name,category\n" + f"{patron_code(1)},Ann,student\n" * 100)
    with pytest.raises(ImportFailed) as failed:
        import_file(ref_library, "patrons", path, max_bytes=1024)
    assert "more than the 1,024" in failed.value.errors[0].message
    assert "import_max_bytes" in failed.value.errors[0].message
    assert patrons_in(ref_library) == 0


def test_an_over_long_line_is_reported_by_number_and_not_echoed(ref_library: Library,
                                                                write_csv) -> None:
    path = write_csv("barcode,name,category\n" + f"{patron_code(1)},Ann,student\n"
                     + f"{patron_code(2)},{'x' * (5 * 1024 * 1024)},student\n"
                     + f"{patron_code(3)},Bob,student\n")
    with pytest.raises(ImportFailed) as failed:
        import_file(ref_library, "patrons", path)
    [error] = failed.value.errors
    assert error.line == 3 and "line too long" in error.message and len(error.message) < 200
    assert patrons_in(ref_library) == 0
    assert MAX_LINE_BYTES < 5 * 1024 * 1024


def test_thousands_of_bad_lines_are_listed_then_counted(ref_library: Library, write_csv) -> None:
    path = write_csv("barcode,name,category\n" + "x\n" * (MAX_LISTED_ERRORS + 20))
    checked = check_file(ref_library, "patrons", path)
    assert checked.error_count == MAX_LISTED_ERRORS + 20
    assert len(checked.errors) == MAX_LISTED_ERRORS + 1
    assert "20 more problems" in checked.errors[-1].message


def test_a_big_good_file_is_written_in_batches_in_one_transaction(ref_library: Library,
                                                                  write_csv) -> None:
    rows = "".join(f"{patron_code(n)},讀者{n},student\n" for n in range(1, 2501))
    path = write_csv("barcode,name,category\n" + rows)
    assert import_file(ref_library, "patrons", path).count == 2500
    assert patrons_in(ref_library) == 2500
    again = write_csv("barcode,name,category\n" + f"{patron_code(9000)},New,student\n" + rows,
                      name="again.csv")
    with pytest.raises(ImportFailed) as failed:               # 2,500 already there
        import_file(ref_library, "patrons", again)
    assert failed.value.errors[0].line == 3 and "already in the library" in str(
        failed.value.errors[0])
    assert patrons_in(ref_library) == 2500                    # and the good one not added


cell = csv_cell(patron_code)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(header=st.permutations(["barcode", "name", "category", "expires", "email"]).map(
           lambda names: names[:3]),
       rows=st.lists(st.lists(cell, min_size=2, max_size=4), max_size=5))
def test_fuzz_rows_are_imported_whole_or_refused_whole(ref_library: Library, write_csv,
                                                       header: list[str],
                                                       rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path = write_csv(buffer.getvalue(), name="fuzz.csv")
    before = patrons_in(ref_library)
    try:
        result = import_file(ref_library, "patrons", path)
    except ImportFailed as failed:
        assert failed.errors and all(str(error) for error in failed.errors)
        assert patrons_in(ref_library) == before
    else:
        assert patrons_in(ref_library) == before + result.count == before + len(
            [row for row in rows if any(c.strip() for c in row)])


def test_fuzz_alphabet_is_printable() -> None:
    assert "," in string.printable
