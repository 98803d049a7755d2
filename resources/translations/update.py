"""Refreshes the translation catalogues: ``pyside6-lupdate`` collects the strings of the desk's
Qt code into ``desk_zh_TW.ts`` (keeping every existing translation), ``pyside6-lrelease``
compiles it to the ``.qm`` the app loads. Run after changing user-visible strings, translate
the new entries (Qt Linguist or any editor) and run again; commit both files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ("zh_TW",)


def sources() -> list[str]:
    files = [ROOT / "desk" / "app.py", *sorted((ROOT / "desk" / "ui").rglob("*.py"))]
    return [str(path.relative_to(ROOT)) for path in files]


def main() -> int:
    for language in LANGUAGES:
        ts = HERE / f"desk_{language}.ts"
        subprocess.run(["pyside6-lupdate", *sources(), "-ts", str(ts.relative_to(ROOT)),
                        "-no-obsolete", "-locations", "none"], cwd=ROOT, check=True)
        subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
