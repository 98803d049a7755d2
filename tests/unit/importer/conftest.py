"""A library with the references an import needs (categories, locations, item types)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.circulation import Library
from desk.circulation.barcodes import with_check_digit


@pytest.fixture
def ref_library(any_library: Library) -> Library:
    library = any_library
    library.add_location("MAIN", "總圖書館")
    library.add_location("LAW", "法學分館")
    library.add_category("student", "學生")
    library.add_category("faculty", "教職員")
    library.add_item_type("book", "圖書")
    library.add_item_type("cd", "光碟")
    return library


def patron_code(serial: int) -> str:
    return with_check_digit(f"20001{serial:08d}")


def item_code(serial: int) -> str:
    return with_check_digit(f"30001{serial:08d}")


@pytest.fixture
def write_csv(tmp_path: Path):
    def write(text: str, name: str = "in.csv", *, encoding: str = "utf-8",
              bom: bool = False) -> Path:
        path = tmp_path / name
        data = text.encode(encoding)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        return path
    return write
