"""Benchmark: time and peak memory of the semester sync (``python -m desk import patrons FILE
--update``) for files of growing size, each in its own process (``file_memory.measure``): the
patrons are first imported plainly, then a file changing every one's expiry and e-mail is synced
(every line an update, one audit row each), then the same file again (nothing to change). Flat
memory means the peak does not grow with the file.

    python benchmarks/sync_memory.py [--rows 2000 20000 100000] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from file_memory import measure  # noqa: E402

from desk.circulation.barcodes import with_check_digit  # noqa: E402


def write(path: Path, rows: int, expires: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("barcode,name,category,expires,email\n")
        for n in range(rows):
            out.write(f"{with_check_digit(f'2999{n:09d}')},讀者 Reader {n},student,{expires},"
                      f"r{n}.{expires[:4]}@example.tw\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 20000, 100000])
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "desk-syncbench")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    env = dict(os.environ, DESK_DATA_DIR=str(args.work / "data"),
               DESK_CONFIG=str(args.work / "settings.toml"), PYTHONPATH=str(HERE))
    (args.work / "settings.toml").write_text("import_max_bytes = 1073741824\n",
                                             encoding="utf-8")
    template = args.work / "template.sqlite"       # the demo's categories and locations
    subprocess.run([sys.executable, "-m", "desk", "demo", "--url", f"sqlite:///{template}",
                    "--patrons", "60", "--items", "300"], cwd=HERE, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    results = []
    for rows in args.rows:
        copy = args.work / f"library-{rows}.sqlite"
        shutil.copy(template, copy)
        url = f"sqlite:///{copy}"
        base, term = args.work / "base.csv", args.work / "term.csv"
        write(base, rows, "2026-01-31")
        write(term, rows, "2026-07-31")
        command = [sys.executable, "-m", "desk", "import", "patrons"]
        setup = measure([*command, str(base), "--url", url], HERE, env)
        sync = measure([*command, str(term), "--update", "--url", url], HERE, env)
        again = measure([*command, str(term), "--update", "--url", url], HERE, env)
        figures = {"rows": rows, "bytes": term.stat().st_size, "import": setup, "sync": sync,
                   "sync_again": again}
        print(json.dumps(figures), flush=True)
        results.append(figures)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
