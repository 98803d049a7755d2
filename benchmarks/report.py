"""Render a benchmark result (the JSON ``run.py`` writes) as a markdown summary for the README.

    python benchmarks/report.py benchmarks/results/sqlite.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

LABELS = {
    "checkout": "checkout",
    "checkout_500": "checkout, patron with 500+ loans",
    "checkout_history": "checkout, patron with a long history (returned loans)",
    "renew": "renew",
    "renew_500": "renew, patron with 500+ loans",
    "checkin": "checkin (existing loans: fines, holds, transit)",
    "checkin_new": "checkin (the loans just made)",
}


def _mib(count: int) -> str:
    return f"{count / 2**20:,.0f} MiB"


def markdown(result: dict[str, Any]) -> str:
    gen = result["generation"]
    rows = gen["rows"]
    lines = [
        f"### {result['backend']} ({result['size']} library, measured {result['measured_at'][:10]})",
        "",
        f"Library: {rows['items']:,} items, {rows['biblios']:,} titles, {rows['patrons']:,} patrons, "
        f"{gen['size']['loans']:,} open loans (+{rows['loans'] - gen['size']['loans']:,} returned), "
        f"{rows['holds']:,} holds, {gen['size']['heavy_patrons']} patrons with "
        f"{gen['size']['heavy_loans']} open loans each, {gen['size'].get('history_patrons', 0)} with "
        f"{gen['size'].get('history_loans', 0):,} returned loans each; generated in {gen['seconds']:,.0f} s "
        f"(peak RSS {gen['peak_rss_mib']:,.0f} MiB).",
        "",
        "| operation | n | median | p95 | p99 | max | CPU median | refused |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, label in LABELS.items():
        op = result["operations"].get(key)
        if not op or not op.get("n"):
            continue
        refused = ", ".join(f"{code} x{count}" for code, count in op["refused"].items()) or "-"
        lines.append(f"| {label} | {op['n']:,} | {op['median_ms']:.1f} ms | {op['p95_ms']:.1f} ms "
                     f"| {op['p99_ms']:.1f} ms | {op['max_ms']:.1f} ms "
                     f"| {op.get('cpu_median_ms', 0):.1f} ms | {refused} |")
    size = result["database_size"]
    if "file_bytes" in size:
        db = f"{_mib(size['file_bytes'])} (+ WAL {_mib(size['wal_bytes'])})"
    else:
        db = _mib(size["database_bytes"])
    machine = result["machine"]
    lines += ["", f"Database size: {db}. Peak memory of the measuring process: "
              f"{result['peak_rss_mib']:,.0f} MiB RSS. Machine: {machine['cpus']} CPUs, "
              f"Python {machine['python']}, load average {machine.get('load_average_before', ['?'])[0]} "
              f"before and {machine.get('load_average_after', ['?'])[0]} after the run "
              "(other work on the machine inflates wall-clock latency; CPU median is this "
              "process's own CPU time per operation).", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(json.loads(Path(sys.argv[1]).read_text())))
