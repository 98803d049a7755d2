"""The victim of the journal crash test: appends offline checkouts as fast as it can.

    python -m tests.integration.outage_journal_child JOURNAL_PATH

After each ``Journal.append`` returned (the entry is fsync'd) it prints ``OK <txn_id>``,
flushed at once; the parent SIGKILLs it at a random moment.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone

from desk.circulation.offline.journal import Journal


def main(path: str) -> int:
    journal = Journal(path, "MAIN-1")
    print("READY", flush=True)
    n = 0
    while True:
        n += 1
        entry = journal.append("checkout", f"B{n:06d}", patron="P001", staff="clerk",
                               at=datetime.now(timezone.utc), note="x" * (n % 700))
        print("OK", entry.txn_id, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
