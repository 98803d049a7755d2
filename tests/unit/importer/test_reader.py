"""Reading import files: encodings, byte-order mark, line numbers, malformed records."""

from __future__ import annotations

from desk.importer.reader import read_csv


def test_reads_utf8_with_and_without_bom(write_csv) -> None:
    for bom in (False, True):
        parsed = read_csv(write_csv("Barcode,Name\nP1,陳小明\n", bom=bom))
        assert parsed.header == ["barcode", "name"]
        assert list(parsed.records) == [(2, {"barcode": "P1", "name": "陳小明"})]
        assert parsed.errors == []


def test_non_utf8_lines_are_reported_by_number(write_csv) -> None:
    text = "barcode,name\nP1,Ann\nP2,陳小明\nP3,Bob\n"
    parsed = read_csv(write_csv(text, encoding="big5"))
    assert [e.line for e in parsed.errors] == [3]
    assert "not UTF-8" in parsed.errors[0].message and "Big5" in parsed.errors[0].message
    assert 3 in parsed.bad_lines


def test_wrong_number_of_fields_and_blank_lines(write_csv) -> None:
    parsed = read_csv(write_csv("barcode,name\nP1\n\nP2,Ann\nP3,Bob,extra\n"))
    assert [(e.line, e.message.split(",")[0]) for e in parsed.errors] == [
        (2, "1 fields"), (5, "3 fields")]
    assert list(parsed.records) == [(4, {"barcode": "P2", "name": "Ann"})]


def test_multi_line_values_keep_the_starting_line(write_csv) -> None:
    parsed = read_csv(write_csv('barcode,name\nP1,"Ann\nLee"\nP2,Bob\n'))
    assert [line for line, _ in list(parsed.records)] == [2, 4]
    assert list(parsed.records)[0][1]["name"] == "Ann\nLee"


def test_empty_file_and_binary_file(write_csv) -> None:
    assert "empty" in read_csv(write_csv("")).errors[0].message
    utf16 = read_csv(write_csv("barcode,name\n", encoding="utf-16"))
    assert utf16.header == [] and utf16.errors
