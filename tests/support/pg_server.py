"""Stopping and starting the test PostgreSQL server for real (crash and outage tests).

Only a server this test run started itself (``scripts/pg-start.sh`` sets ``DESK_PG_STARTED=1``)
may be stopped: others may be using a shared one, so the test is skipped there.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url


@dataclass(frozen=True)
class PgServer:
    as_owner: list[str]     # how to run a command as the server's owner
    pg_ctl: str             # pg_ctl -D <data directory>
    start_options: str

    def stop_immediately(self) -> None:
        """``pg_ctl -m immediate``: the server dies as in a crash or power cut."""
        self._run("-m immediate -w stop")

    def start(self) -> None:
        self._run(f"{self.start_options} -w start")

    def _run(self, arguments: str) -> None:
        subprocess.run(self.as_owner + [f"{self.pg_ctl} {arguments}"], check=True,
                       capture_output=True, timeout=60)


def pg_server_or_skip() -> PgServer:
    needed = ("DESK_TEST_PG_URL", "DESK_TEST_PG_BIN", "DESK_TEST_PG_DATA")
    if not all(os.environ.get(name) for name in needed) or os.environ.get("DESK_PG_STARTED") != "1":
        pytest.skip("stopping the server needs one this test run started itself "
                    "(scripts/pg-start.sh with DESK_PG_STARTED=1): others may be using it")
    url = make_url(os.environ["DESK_TEST_PG_URL"])
    pg_ctl = str(Path(os.environ["DESK_TEST_PG_BIN"]) / "pg_ctl")
    data = os.environ["DESK_TEST_PG_DATA"]
    options = f"-k {url.query['host']} -p {url.query['port']}"
    as_owner = ["su", "postgres", "-s", "/bin/bash", "-c"] if os.getuid() == 0 else ["bash", "-c"]
    log = Path(data).parent / "log"
    return PgServer(as_owner, f"{pg_ctl} -D {data}", f"-o '{options}' -l {log}")
