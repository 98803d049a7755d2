"""Issue 13, item 7 on a real PostgreSQL: a NUL byte scanned is refused before any SQL (and its
refusal audited), and a statement the database refuses (a DataError) is a clear refusal, not an
outage: the failover desk stays online. A lost connection still sends it offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from desk.circulation import CirculationRefused, Policy, open_library
from desk.circulation.offline.desk import FailoverDesk, OfflineDesk
from desk.circulation.offline.journal import Journal
from desk.circulation.results import CheckoutResult
from desk.circulation.service import Circulation
from tests.support import small_library
from tests.support.clock import FakeClock


class FaultyDesk(Circulation):
    """A desk whose checkout runs a statement PostgreSQL refuses (division by zero: DataError),
    or, with ``unreachable``, one on a connection that cannot be made."""

    unreachable = False

    def checkout(self, patron_barcode: str, item_barcode: str, *, override: object = None,
                 proxy_barcode: str | None = None,
                 parts_seen: int | None = None) -> CheckoutResult:
        if self.unreachable:
            from sqlalchemy import create_engine
            engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
            with engine.connect():
                pass
        with self.library.sessions() as session:
            session.execute(text("SELECT 1 / 0"))
        raise AssertionError("not reached")


def test_data_error_is_refused_and_the_desk_stays_online(pg_url: str, tmp_path: Path) -> None:
    library = open_library(pg_url, clock=FakeClock(), policy=Policy())
    try:
        built = small_library.build(library)
        offline = OfflineDesk(Journal(tmp_path / "journal.jsonl", "MAIN-1"), clock=library.clock,
                              tz=library.policy.tz)
        failover = FailoverDesk(library.circulation("MAIN-1", built.clerk), offline)
        with pytest.raises(CirculationRefused) as error:
            failover.checkout("P001", "B0\x0001")
        assert error.value.codes == ["barcode_invalid"] and not failover.offline

        faulty = FailoverDesk(FaultyDesk(library.store, "MAIN-1", built.clerk), offline)
        with pytest.raises(CirculationRefused) as error:
            faulty.checkout("P001", "B001")
        assert error.value.codes == ["database_refused"] and not faulty.offline
        assert "DivisionByZero" in str(error.value) and "SELECT" not in str(error.value)

        FaultyDesk.unreachable = True
        try:
            result = faulty.checkout("P001", "B001")
        finally:
            FaultyDesk.unreachable = False
        assert faulty.offline and result.offline
    finally:
        library.close()
