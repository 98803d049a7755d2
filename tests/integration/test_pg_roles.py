"""The two PostgreSQL roles (issue 13 item 4) on the real server: ``db grant`` makes an app
role the desk connects as; it circulates, the server refuses it UPDATE, DELETE and TRUNCATE of
the audit log, a missing privilege reaches the desk as a clear refusal, and a schema behind the
code gets a message telling the administrator to upgrade as the owner."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from desk.circulation import CirculationRefused, Policy, open_library
from desk.cli import run as cli
from desk.models.audit_chain import verify_chain
from desk.models.database import SchemaNotCurrent
from tests.support import small_library
from tests.support.clock import FakeClock

ROLE = "desk_audit_app_test"
PASSWORD = "s3cret pass'word"


def _drop_role(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": ROLE}).scalar():
            connection.exec_driver_sql(f"DROP OWNED BY {ROLE}")
            connection.exec_driver_sql(f"DROP ROLE {ROLE}")
    engine.dispose()


@pytest.fixture
def granted(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """(owner URL, app-role URL) of the small library, its app role granted by the CLI."""
    _drop_role(pg_url)
    library = open_library(pg_url, clock=FakeClock(), policy=Policy())
    small_library.build(library)
    library.close()
    monkeypatch.setenv("DESK_TEST_APP_PASSWORD", PASSWORD)
    assert cli(["db", "grant", "--url", pg_url, "--role", ROLE,
                "--password-env", "DESK_TEST_APP_PASSWORD"]) == 0
    app_url = make_url(pg_url).set(username=ROLE, password=PASSWORD).render_as_string(
        hide_password=False)
    yield pg_url, app_url
    _drop_role(pg_url)


def test_the_app_role_circulates_and_may_not_rewrite_the_audit_log(
        granted: tuple[str, str]) -> None:
    owner_url, app_url = granted
    library = open_library(app_url, clock=FakeClock(), policy=Policy())  # current: no migration
    try:
        clerk = library.sign_in("clerk", small_library.PASSWORDS["clerk"])
        desk = library.circulation("MAIN-1", clerk)
        desk.checkout("P001", "B001")
        desk.checkin("B001")
        with library.engine.connect() as connection:
            assert connection.execute(text("SELECT current_user")).scalar() == ROLE
            assert verify_chain(connection) is None
        for statement in ("UPDATE audit_events SET reason = 'x'", "DELETE FROM audit_events",
                          "TRUNCATE audit_events", "DELETE FROM audit_chain_head",
                          "UPDATE alembic_version SET version_num = '0001'"):
            with pytest.raises(ProgrammingError, match="permission denied"):
                with library.engine.begin() as connection:
                    connection.execute(text(statement))
    finally:
        library.close()


def test_a_privilege_the_role_lacks_is_a_clear_refusal(granted: tuple[str, str]) -> None:
    owner_url, app_url = granted
    owner = create_engine(owner_url)
    with owner.begin() as connection:
        connection.exec_driver_sql(f"REVOKE INSERT ON loans FROM {ROLE}")
    owner.dispose()
    library = open_library(app_url, clock=FakeClock(), policy=Policy())
    try:
        desk = library.circulation("MAIN-1", library.sign_in("clerk", "clerk-pass"))
        with pytest.raises(CirculationRefused) as refused:
            desk.checkout("P001", "B001")
        assert refused.value.codes == ["db_permission_denied"]
        assert "permission denied for table loans" in str(refused.value)
        with library.engine.connect() as connection:   # the refusal itself is audited, chained
            assert verify_chain(connection) is None
            assert connection.execute(text(
                "SELECT codes FROM audit_events ORDER BY id DESC LIMIT 1")).scalar() == \
                "db_permission_denied"
    finally:
        library.close()


def test_the_cli_reports_a_denial_without_a_traceback(
        granted: tuple[str, str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _owner_url, app_url = granted
    monkeypatch.setenv("DESK_ADMIN_LOGIN", "boss")   # wrong role: refused before any wipe
    monkeypatch.setenv("DESK_ADMIN_PASSWORD", "boss-pass")
    assert cli(["demo", "--force", "--url", app_url]) == 1
    assert "boss is not an administrator" in capsys.readouterr().err
    from desk.cli.demo import wipe
    with pytest.raises(ProgrammingError, match="must be owner|permission denied"):
        wipe(app_url)   # the app role cannot drop the library's tables either


def test_a_schema_behind_tells_the_admin_to_upgrade_as_the_owner(
        granted: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    owner_url, app_url = granted
    owner = create_engine(owner_url)
    with owner.begin() as connection:
        current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        connection.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    with pytest.raises(SchemaNotCurrent, match="python -m desk db upgrade --url OWNER_URL"):
        open_library(app_url, clock=FakeClock(), policy=Policy())
    assert cli(["audit", "verify", "--url", app_url]) == 0   # verify reads as it is
    with owner.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :current"),
                           {"current": current})
    owner.dispose()
    open_library(app_url, clock=FakeClock(), policy=Policy()).close()


def test_grant_refuses_sqlite_and_bad_role_names(
        sqlite_url: str, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["db", "grant", "--url", sqlite_url, "--role", "desk_app"]) == 2
    assert "PostgreSQL only" in capsys.readouterr().err
    assert cli(["db", "grant", "--url", pg_url, "--role", "x; DROP TABLE loans"]) == 2
    assert "is not a role name" in capsys.readouterr().err
    assert cli(["db", "grant", "--url", pg_url, "--role", ROLE, "--password-env",
                "DESK_TEST_UNSET_VARIABLE"]) == 2
    assert cli(["db", "upgrade", "--url", sqlite_url]) == 0
    assert "newest revision" in capsys.readouterr().out
