"""The audit log's hash chain (issue 13 item 4): every audit row is chained however it is
written, ``verify_chain`` names the first row tampered with by plain SQL, concurrent writers
keep one chain, the migration chains rows written before it, and ``audit verify`` exits 0 or 1.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, insert, select, text, update

from desk.circulation import CirculationRefused, Library
from desk.cli import run as cli
from desk.models import AuditEvent, audit_chain
from desk.models.audit_chain import AuditChainError, check_chain, verify_chain
from desk.models.database import alembic_config, make_engine, upgrade
from tests.support.small_library import Desk

AT = datetime(2026, 11, 2, 3, 4, 5, 678901, tzinfo=timezone.utc)


@pytest.fixture
def audited(any_desk: Desk) -> Iterator[Desk]:
    """The small library with a few operations of each kind in its audit log (Core rows, the
    PostgreSQL checkout's one-statement row, ORM refusal rows)."""
    main = any_desk.main
    main.checkout("P001", "B001")
    main.checkout("P002", "B002")
    main.checkin("B001")
    with pytest.raises(CirculationRefused):
        main.checkout("P001", "NO-SUCH-ITEM")
    main.renew("B002")
    main.checkout("P003", "B003")
    main.checkin("B002")
    yield any_desk


def _engine(desk: Desk) -> Engine:
    return desk.library.engine


def _ids(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return list(connection.execute(select(AuditEvent.id).order_by(AuditEvent.id)).scalars())


def _broken(engine: Engine) -> audit_chain.BrokenLink | None:
    with engine.connect() as connection:
        return verify_chain(connection)


def _sql(engine: Engine, statement: str, **params: object) -> None:
    with engine.begin() as connection:
        connection.execute(text(statement), params)


def test_every_audit_row_is_chained_and_the_chain_verifies(audited: Desk) -> None:
    engine = _engine(audited)
    ids = _ids(engine)
    # the fixture's seven operations, after the set-up's own rows (staff added, sign-ins)
    assert len(ids) >= 7 and ids == list(range(ids[0], ids[0] + len(ids)))   # consecutive
    with engine.connect() as connection:
        report = check_chain(connection)
        head = connection.execute(select(audit_chain.HEAD_TABLE)).one()
    assert report.broken is None and report.rows == len(ids) and report.last_id == ids[-1]
    assert (head.last_id, head.row_count, head.last_hash) == (ids[-1], len(ids), report.last_hash)
    assert "intact" in report.message and f"{len(ids)} rows" in report.message


def test_an_updated_reason_is_named(audited: Desk) -> None:
    engine = _engine(audited)
    target = _ids(engine)[4]
    _sql(engine, "UPDATE audit_events SET reason = 'nothing happened' WHERE id = :id", id=target)
    broken = _broken(engine)
    assert broken is not None and (broken.row_id, broken.reason) == (target, "audit_row_altered")
    assert f"row {target} was changed" in broken.message


def test_a_deleted_middle_row_is_named(audited: Desk) -> None:
    engine = _engine(audited)
    ids = _ids(engine)
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=ids[3])
    broken = _broken(engine)
    assert broken is not None
    assert (broken.row_id, broken.reason, broken.after) == (ids[4], "audit_row_missing", ids[2])


def test_a_deleted_first_row_is_named(audited: Desk) -> None:
    engine = _engine(audited)
    ids = _ids(engine)
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=ids[0])
    broken = _broken(engine)
    assert broken is not None and (broken.row_id, broken.reason) == (ids[1], "audit_row_missing")
    assert "rows before it were deleted" in broken.message


def test_a_forged_row_is_named(audited: Desk) -> None:
    engine = _engine(audited)
    ids = _ids(engine)
    with engine.connect() as connection:
        last = connection.execute(select(AuditEvent.row_hash).where(AuditEvent.id == ids[-1])).scalar_one()
    # A forger copying the look of a real row, with the last row's hash as its link.
    _sql(engine, "INSERT INTO audit_events (id, at, action, outcome, prev_hash, row_hash) "
                 "VALUES (:id, :at, 'waive', 'done', :prev, :prev)",
         id=ids[-1] + 1, at=AT.replace(tzinfo=None), prev=last)
    broken = _broken(engine)
    assert broken is not None and (broken.row_id, broken.reason) == (ids[-1] + 1, "audit_row_forged")


def test_a_forged_row_that_also_moved_the_head_is_named(audited: Desk) -> None:
    engine = _engine(audited)
    ids = _ids(engine)
    _sql(engine, "INSERT INTO audit_events (id, at, action, outcome, prev_hash, row_hash) "
                 "VALUES (:id, :at, 'waive', 'done', :h, :h)",
         id=ids[-1] + 1, at=AT.replace(tzinfo=None), h="f" * 64)
    _sql(engine, "UPDATE audit_chain_head SET last_id = last_id + 1, row_count = row_count + 1")
    broken = _broken(engine)
    assert broken is not None and (broken.row_id, broken.reason) == (ids[-1] + 1, "audit_row_altered")


def test_two_rows_with_their_contents_swapped_are_named(audited: Desk) -> None:
    engine = _engine(audited)
    ids = _ids(engine)
    first, second = ids[2], ids[5]
    columns = "action, outcome, patron_barcode, item_barcode, detail"
    with engine.begin() as connection:
        rows = {row.id: row for row in connection.execute(text(
            f"SELECT id, {columns} FROM audit_events WHERE id IN (:a, :b)"), {"a": first, "b": second})}
        for target, source in ((first, second), (second, first)):
            row = rows[source]
            connection.execute(update(AuditEvent).where(AuditEvent.id == target).values(
                action=row.action, outcome=row.outcome, patron_barcode=row.patron_barcode,
                item_barcode=row.item_barcode))
    broken = _broken(engine)
    assert broken is not None and (broken.row_id, broken.reason) == (first, "audit_row_altered")


def test_rows_moved_out_of_order_are_named(audited: Desk) -> None:
    engine = _engine(audited)
    ids = _ids(engine)
    # Row ids[3] and ids[4] trade ids, hashes and all: each still matches its own content
    # except the id, so the first of them reads as altered.
    _sql(engine, "UPDATE audit_events SET id = -1 WHERE id = :a", a=ids[3])
    _sql(engine, "UPDATE audit_events SET id = :a WHERE id = :b", a=ids[3], b=ids[4])
    _sql(engine, "UPDATE audit_events SET id = :b WHERE id = -1", b=ids[4])
    broken = _broken(engine)
    assert broken is not None and broken.row_id == ids[3]
    assert broken.reason == "audit_row_altered"


def test_the_newest_rows_deleted_are_seen_through_the_head(audited: Desk) -> None:
    engine = _engine(audited)
    ids = _ids(engine)
    _sql(engine, "DELETE FROM audit_events WHERE id >= :id", id=ids[-2])
    broken = _broken(engine)
    assert broken is not None and broken.reason == "audit_tail_missing"
    assert (broken.row_id, broken.expected_last) == (ids[-2], ids[-1])


def test_a_head_rewritten_to_hide_a_deleted_tail_is_named(audited: Desk) -> None:
    engine = _engine(audited)
    ids = _ids(engine)
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=ids[-1])
    _sql(engine, "UPDATE audit_chain_head SET last_id = :id, row_count = row_count - 1", id=ids[-2])
    broken = _broken(engine)
    assert broken is not None and broken.reason == "audit_head_mismatch"


def test_the_orm_refuses_to_change_or_delete_an_audit_row(audited: Desk) -> None:
    library = audited.library
    with library.sessions() as session, pytest.raises(AuditChainError, match="append-only"):
        with session.begin():
            session.scalars(select(AuditEvent)).first().reason = "edited"  # type: ignore[union-attr]
    with library.sessions() as session, pytest.raises(AuditChainError, match="append-only"):
        with session.begin():
            session.delete(session.scalars(select(AuditEvent)).first())
    assert _broken(_engine(audited)) is None


def test_a_core_insert_around_the_chain_fails(audited: Desk) -> None:
    with pytest.raises(Exception, match="(?i)null"):
        with _engine(audited).begin() as connection:
            connection.execute(insert(AuditEvent).values(id=10_000, at=AT, action="x",
                                                         outcome="done"))
    assert _broken(_engine(audited)) is None


def test_orm_rows_are_chained_with_their_detail_as_stored(audited: Desk) -> None:
    library = audited.library
    with library.sessions() as session, session.begin():
        session.add(AuditEvent(at=AT, action="import_items", outcome="done",
                               detail={"b": (1, 2), 3: "three", "nested": {"z": 1, "a": None}}))
        session.add(AuditEvent(at=AT, action="import_items", outcome="done", reason="二"))
    assert _broken(_engine(audited)) is None


def test_verify_streams_in_batches(audited: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_chain, "VERIFY_BATCH", 2)
    engine = _engine(audited)
    assert _broken(engine) is None
    target = _ids(engine)[-3]
    _sql(engine, "UPDATE audit_events SET item_barcode = 'X' WHERE id = :id", id=target)
    broken = _broken(engine)
    assert broken is not None and broken.row_id == target


def test_writers_racing_in_threads_keep_one_chain(any_library: Library) -> None:
    """Eight threads, each its own session and transaction, append 25 rows each at once."""
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(25):
                with any_library.sessions() as session, session.begin():
                    if i % 2:
                        session.add(AuditEvent(at=AT, action="race", outcome="done",
                                               detail={"writer": n, "i": i}))
                    else:
                        audit_chain.insert_audit(session.connection(), [dict(
                            at=AT, action="race", outcome="done", detail={"writer": n, "i": i})])
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with any_library.engine.connect() as connection:
        report = check_chain(connection)
    assert report.broken is None and report.rows == 200


def _seed_at_0007(url: str) -> Engine:
    engine = make_engine(url)
    command.upgrade(alembic_config(engine), "0007")
    old = [dict(at=AT, action="checkout", outcome="done", patron_barcode="P1", item_barcode="I1",
                detail={"loan_id": n, "due_at": "2026-11-30T15:59:00+00:00"}) for n in range(5)]
    old.append(dict(at=AT, action="pay", outcome="refused", codes="a,b", reason="理由", detail=None))
    with engine.begin() as connection:
        for n, row in enumerate(old):
            values = ", ".join(f":{k}" for k in row)
            connection.execute(text(f"INSERT INTO audit_events (id, {', '.join(row)}) "
                                    f"VALUES ({n * 3 + 1}, {values})"),   # ids with gaps
                               {**row, "at": AT.replace(tzinfo=None),
                                "detail": None if row["detail"] is None else
                                json.dumps(row["detail"])})
    return engine


def test_the_migration_chains_rows_written_before_it(any_url: str) -> None:
    engine = _seed_at_0007(any_url)
    upgrade(engine)
    with engine.connect() as connection:
        report = check_chain(connection)
    assert report.broken is None and report.rows == 6 and report.last_id == 16
    with engine.begin() as connection:   # and the desk goes on chaining after them
        (new_id,) = audit_chain.insert_audit(connection, [dict(at=AT, action="x", outcome="done")])
    assert new_id == 17 and _broken(engine) is None
    _sql(engine, "UPDATE audit_events SET codes = 'a' WHERE id = 16")
    broken = _broken(engine)
    assert broken is not None and broken.row_id == 16
    engine.dispose()


def test_audit_verify_exit_codes(audited: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    url = audited.library.url
    engine = _engine(audited)
    assert cli(["audit", "verify", "--url", url]) == 0
    assert "The audit log is intact" in capsys.readouterr().out
    target = _ids(engine)[2]
    _sql(engine, "UPDATE audit_events SET reason = 'x' WHERE id = :id", id=target)
    assert cli(["audit", "verify", "--url", url]) == 1
    assert f"Audit row {target} was changed" in capsys.readouterr().err


def test_audit_verify_refuses_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["audit", "verify", "--url", f"sqlite:///{tmp_path}/none.sqlite"]) == 2
    assert "no library at" in capsys.readouterr().err


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty (0 bytes)"),
    (b"not a database at all", "not an SQLite file"),
    (None, "does not exist (a network share"),
])
def test_audit_verify_leaves_what_is_not_a_library_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None,
        message: str) -> None:
    """Found by benchmarks/boundaries.py: verify opened a 0-byte file with SQLite, which wrote
    a database header into it (4,096 bytes) while saying it had no audit log."""
    path = tmp_path / "library.sqlite"
    if content is None:
        path = tmp_path / "not-mounted" / "library.sqlite"
    else:
        path.write_bytes(content)
    assert cli(["audit", "verify", "--url", f"sqlite:///{path}"]) == 2
    assert message in capsys.readouterr().err
    assert (path.read_bytes() if content is not None else path.parent.exists()) == (
        content if content is not None else False)


def test_audit_verify_speaks_chinese(audited: Desk, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_LANGUAGE", "zh_TW")
    assert cli(["audit", "verify", "--url", audited.library.url]) == 0
    assert "稽核紀錄完整" in capsys.readouterr().out


# --- any content the database stores hashes the same when read back -------------------------
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=40)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2 ** 70), 2 ** 70) | _TEXT
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_TEXT, children, max_size=4),
    max_leaves=12)
_ROW = st.fixed_dictionaries({
    "at": st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1),
                       timezones=st.just(timezone.utc)),
    "action": st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                      min_size=1, max_size=40),
    "outcome": st.sampled_from(["done", "refused", "overridden"]),
    "patron_barcode": st.none() | _TEXT,
    "reason": st.none() | _TEXT,
    "detail": st.none() | st.dictionaries(_TEXT, _JSON, max_size=5),
})


def test_any_row_the_database_stores_verifies(any_library: Library) -> None:
    """Round trips through both databases (times to the microsecond, JSON numbers and text,
    Chinese) give back exactly the content that was hashed."""
    engine = any_library.engine

    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(rows=st.lists(_ROW, min_size=1, max_size=3), orm=st.booleans())
    def check(rows: list[dict[str, object]], orm: bool) -> None:
        with any_library.sessions() as session, session.begin():
            if orm:
                session.add_all(AuditEvent(**row) for row in rows)
            else:
                audit_chain.insert_audit(session.connection(), rows)
        broken = _broken(engine)
        assert broken is None, (broken, rows)

    check()
