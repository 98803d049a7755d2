"""The examples and the column tables of docs/import.md match the importer."""

from __future__ import annotations

import re
from pathlib import Path

from desk.circulation import Library
from desk.importer import import_file
from desk.importer.columns import item_columns, patron_columns

DOC = Path(__file__).resolve().parents[3] / "docs" / "import.md"


def examples() -> list[str]:
    return re.findall(r"```csv\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_every_column_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for column in patron_columns() + item_columns("TWD"):
        required = "| yes |" if column.required else "| |"
        assert f"| `{column.name}` {required}" in text, column.name


def test_the_examples_import(ref_library: Library, tmp_path: Path) -> None:
    ref_library.add_location("SOC", "社會科學資料中心")
    patrons, items = examples()
    for kind, text in (("patrons", patrons), ("items", items)):
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        assert import_file(ref_library, kind, path).count == 2
