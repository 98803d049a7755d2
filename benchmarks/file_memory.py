"""Benchmark: peak memory and time of reading big files brought to the desk (issue 13, finding
11 and 12): a Koha .koc file replayed with ``python -m desk offline import`` and a patron CSV
file imported with ``python -m desk import patrons``, each in its own process (peak resident
memory from ``getrusage(RUSAGE_CHILDREN)``), on a copy of a small demo library.

    python benchmarks/file_memory.py                       # this checkout
    python benchmarks/file_memory.py --repo /work/main     # another checkout, for "before"
    python benchmarks/file_memory.py --koc-mb 30 --csv-mb 50 --long-line-mb 10

The .koc file is returns of barcodes the library does not have (every line a bad line: what an
operator brings from a wrong branch's laptop) plus ten good lines; the CSV file is good patrons
(valid check digits) that are all imported. The figures go to stdout and, with ``--out``, to a
JSON file; the README of this folder quotes them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from desk.circulation.barcodes import with_check_digit  # noqa: E402
from desk.demo import STAFF_ACCOUNTS  # noqa: E402

MEASURE = ("import resource, subprocess, sys, time\n"
           "start = time.perf_counter()\n"
           "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
           "stderr=subprocess.PIPE, text=True)\n"
           "print(done.returncode, time.perf_counter() - start, "
           "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, flush=True)\n"
           "sys.stderr.write(done.stderr[-2000:])\n")


def measure(command: list[str], repo: Path, env: dict[str, str]) -> dict[str, float]:
    """Run ``command`` in ``repo``; its exit code, seconds and peak memory (MB)."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=repo, env=env,
                          capture_output=True, text=True, check=True)
    code, seconds, max_kb = done.stdout.split()
    tail = done.stderr.strip().splitlines()[-3:]
    return {"exit": int(code), "seconds": round(float(seconds), 1),
            "peak_mb": round(int(max_kb) / 1024, 1), "stderr_tail": tail}


def write_koc(path: Path, megabytes: float, long_line_mb: float = 0) -> int:
    lines = 0
    with open(path, "wb") as out:
        out.write(b"Version=1.0\tGenerator=kocQt4\tGeneratorVersion=0.2\n")
        if long_line_mb:
            out.write(b"2026-11-02 10:00:00 000\treturn\t" + b"3" * int(long_line_mb * 2 ** 20)
                      + b"\n")
        n = 0
        while out.tell() < megabytes * 2 ** 20:
            out.write(f"2026-11-02 {10 + n % 8:02d}:{n % 60:02d}:{n % 60:02d} {n % 1000:03d}"
                      f"\treturn\t{with_check_digit(f'3999{n:09d}')}\n".encode())
            n += 1
        lines = n
    return lines


def write_csv(path: Path, megabytes: float) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("barcode,name,category,email\n")
        while out.tell() < megabytes * 2 ** 20:
            out.write(f"{with_check_digit(f'2999{n:09d}')},讀者 Reader {n},student,"
                      f"r{n}@example.tw\n")
            n += 1
    return n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=HERE, help="checkout to measure")
    parser.add_argument("--koc-mb", type=float, default=30)
    parser.add_argument("--csv-mb", type=float, default=50)
    parser.add_argument("--long-line-mb", type=float, default=10,
                        help="also a .koc file of one line this long (0: not)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "desk-filebench")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()
    repo = args.repo.resolve()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    clerk, password = STAFF_ACCOUNTS[0][0], STAFF_ACCOUNTS[0][1]
    env = dict(os.environ, DESK_DATA_DIR=str(args.work / "data"),
               DESK_CONFIG=str(args.work / "settings.toml"), DESK_STAFF_PASSWORD=password,
               PYTHONPATH=str(repo))
    (args.work / "settings.toml").write_text("koc_max_bytes = 1073741824\n"
                                             "import_max_bytes = 1073741824\n"
                                             if repo == HERE else "", encoding="utf-8")
    template = args.work / "template.sqlite"
    subprocess.run([sys.executable, "-m", "desk", "demo", "--url", f"sqlite:///{template}",
                    "--patrons", "60", "--items", "300"], cwd=repo, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    results: dict[str, object] = {"repo": str(repo)}

    def library() -> str:
        copy = args.work / "library.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
        shutil.copy(template, copy)
        return f"sqlite:///{copy}"

    koc = args.work / "outage.koc"
    lines = write_koc(koc, args.koc_mb)
    results["koc"] = {"bytes": koc.stat().st_size, "lines": lines, **measure(
        [sys.executable, "-m", "desk", "--desk", "MAIN-1", "offline", "import", str(koc),
         "--url", library(), "--staff", clerk], repo, env)}
    print("koc", json.dumps(results["koc"]), flush=True)
    if args.long_line_mb:
        long_koc = args.work / "long-line.koc"
        write_koc(long_koc, 0.001, args.long_line_mb)
        results["koc_long_line"] = {"bytes": long_koc.stat().st_size, **measure(
            [sys.executable, "-m", "desk", "--desk", "MAIN-1", "offline", "import",
             str(long_koc), "--url", library(), "--staff", clerk], repo, env)}
        print("koc_long_line", json.dumps(results["koc_long_line"]), flush=True)
    patrons = args.work / "patrons.csv"
    rows = write_csv(patrons, args.csv_mb)
    started = time.perf_counter()
    results["csv"] = {"bytes": patrons.stat().st_size, "rows": rows, **measure(
        [sys.executable, "-m", "desk", "import", "patrons", str(patrons), "--url", library()],
        repo, env)}
    print("csv", json.dumps(results["csv"]), f"({time.perf_counter() - started:.0f} s)",
          flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
