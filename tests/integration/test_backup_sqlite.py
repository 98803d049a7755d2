"""Backups and restores of a SQLite library through ``python -m desk backup`` / ``restore``
(real files, real processes): a round trip gives identical rows in every table; a damaged,
truncated or foreign file is refused and changes nothing; a library with data is replaced only
with --force and an administrator; a running desk blocks the restore; the old file is kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desk.backup import BackupError, backups_in, inspect_backup, restore, run_backup
from desk.circulation import open_library
from tests.integration.backup_support import all_rows, desk_cli
from tests.support.small_library import PASSWORDS, Desk


@pytest.fixture
def busy_desk(desk: Desk) -> Desk:
    """The small library with loans, a return, a fine payment."""
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P002", "B002")
    desk.main.checkout("P003", "B003")
    desk.main.checkin("B002")
    return desk


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def test_backup_then_restore_gives_identical_rows(busy_desk: Desk, sqlite_url: str,
                                                  tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    done = desk_cli("--url", sqlite_url, "backup", "--to", str(backups), config_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    [backup] = backups_in(backups)
    assert backup.path.name.startswith("library-") and backup.path.suffix == ".sqlite"
    assert not list(backups.glob(".*"))          # no temporary file left
    before = all_rows(sqlite_url)
    target = f"sqlite:///{tmp_path / 'restored' / 'library.sqlite'}"
    done = desk_cli("--url", target, "restore", str(backup.path), config_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "3 loans (2 open)" in done.stdout and "Last transaction" in done.stdout
    assert all_rows(target) == before
    # the restored library is a working desk library
    library = open_library(target)
    try:
        circulation = library.circulation("MAIN-1", library.sign_in("clerk", "clerk-pass"))
        circulation.checkin("B001")
    finally:
        library.close()


def test_a_backup_is_consistent_and_checked(busy_desk: Desk, sqlite_url: str,
                                            tmp_path: Path) -> None:
    result = run_backup(sqlite_url, tmp_path, keep_daily=14, keep_weekly=8)
    connection = sqlite3.connect(result.path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("SELECT count(*) FROM loans").fetchone()[0] == 3
    finally:
        connection.close()
    assert result.snapshot.counts["loans"] == 3
    assert inspect_backup(result.path, sqlite_url) == result.snapshot


@pytest.mark.parametrize("damage", ["truncated", "flipped", "text", "empty"])
def test_a_damaged_backup_is_refused_and_changes_nothing(
        busy_desk: Desk, sqlite_url: str, tmp_path: Path, damage: str) -> None:
    result = run_backup(sqlite_url, tmp_path / "backups", keep_daily=14, keep_weekly=8)
    data = result.path.read_bytes()
    bad = tmp_path / f"bad-{damage}.sqlite"
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":      # garbage over pages in the middle of the file
        middle = len(data) // 2
        bad.write_bytes(data[:middle] + b"\xff" * 8192 + data[middle + 8192:])
    elif damage == "text":
        bad.write_text("loans,items\n1,2\n")
    else:
        bad.write_bytes(b"")
    target = tmp_path / "target.sqlite"
    done = desk_cli("--url", f"sqlite:///{target}", "restore", str(bad), config_dir=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert ("damaged or incomplete" in done.stderr or "is not a backup of a library"
            in done.stderr), done.stderr
    assert not target.exists()
    assert [p.name for p in tmp_path.glob(".target*")] == []


def test_replacing_a_library_needs_force_and_an_admin(busy_desk: Desk, sqlite_url: str,
                                                      tmp_path: Path) -> None:
    library = busy_desk.library
    library.add_staff("root", "管理者", "admin", "Admin-pass-1",
                      by=library.sign_in("admin", PASSWORDS["admin"]))
    result = run_backup(sqlite_url, tmp_path / "backups", keep_daily=14, keep_weekly=8)
    busy_desk.main.checkout("P001", "B004")      # after the backup
    library.close()
    after = all_rows(sqlite_url)
    args = ("--url", sqlite_url, "restore", str(result.path))
    refused = desk_cli(*args, config_dir=tmp_path)
    assert refused.returncode == 1 and "--force" in refused.stderr
    clerk = desk_cli(*args, "--force", config_dir=tmp_path,
                     env={"DESK_ADMIN_LOGIN": "boss", "DESK_ADMIN_PASSWORD": "boss-pass"})
    assert clerk.returncode == 1 and "not an administrator" in clerk.stderr
    wrong = desk_cli(*args, "--force", config_dir=tmp_path,
                     env={"DESK_ADMIN_LOGIN": "root", "DESK_ADMIN_PASSWORD": "nope"})
    assert wrong.returncode == 1 and "Wrong login or password" in wrong.stderr
    # nothing changed by the refusals but the record of the sign-ins they asked for
    refused_rows = all_rows(sqlite_url)
    signing_in = {"audit_events", "audit_chain_head", "sign_in_attempts"}
    assert {k: v for k, v in refused_rows.items() if k not in signing_in} == \
        {k: v for k, v in after.items() if k not in signing_in}
    known_ids = {row[0] for row in after["audit_events"]}
    new_audit = [row for row in refused_rows["audit_events"] if row[0] not in known_ids]
    assert new_audit and {row[2] for row in new_audit} <= {"sign_in", "sign_in_failed"}
    done = desk_cli(*args, "--force", config_dir=tmp_path,
                    env={"DESK_ADMIN_LOGIN": "root", "DESK_ADMIN_PASSWORD": "Admin-pass-1"})
    assert done.returncode == 0, done.stderr
    [kept] = _path(sqlite_url).parent.glob("library.sqlite.before-restore-*")
    # the replaced library is kept whole (with the admin's sign-in that approved the restore)
    kept_rows = all_rows(f"sqlite:///{kept}")
    assert {k: v for k, v in kept_rows.items() if k not in signing_in} == \
        {k: v for k, v in after.items() if k not in signing_in}
    assert {row[0] for row in refused_rows["audit_events"]} < \
        {row[0] for row in kept_rows["audit_events"]}
    restored = all_rows(sqlite_url)
    assert len(restored["loans"]) == len(after["loans"]) - 1


def test_a_running_desk_blocks_the_restore(busy_desk: Desk, sqlite_url: str,
                                           tmp_path: Path) -> None:
    result = run_backup(sqlite_url, tmp_path / "backups", keep_daily=14, keep_weekly=8)
    expected = inspect_backup(result.path, sqlite_url)
    busy_desk.library.desks()               # the desk's connection is open
    with pytest.raises(BackupError) as refused:
        restore(result.path, sqlite_url, expected)
    assert refused.value.code == "restore_target_in_use"
    assert not list(_path(sqlite_url).parent.glob("library.sqlite.before-restore-*"))
    assert not list(_path(sqlite_url).parent.glob(".library.sqlite.restoring-*"))
    busy_desk.library.close()
    restore(result.path, sqlite_url, expected)


def test_an_unwritable_backup_folder_is_a_clear_refusal(busy_desk: Desk, sqlite_url: str,
                                                        tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(BackupError) as refused:
        run_backup(sqlite_url, blocker / "backups", keep_daily=1, keep_weekly=1)
    assert refused.value.code == "backup_dir_unwritable"
    done = desk_cli("--url", sqlite_url, "backup", "--to", str(blocker), config_dir=tmp_path)
    assert done.returncode == 1 and "cannot be written" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_library_whose_audit_log_was_tampered_with_is_not_backed_up(
        busy_desk: Desk, sqlite_url: str, tmp_path: Path) -> None:
    """The copy's audit chain is verified before it gets a backup's name: a log rewritten with
    plain SQL is said (naming the row), and no backup is made of it."""
    connection = sqlite3.connect(_path(sqlite_url))
    try:
        with connection:
            row = connection.execute("SELECT min(id) FROM audit_events").fetchone()[0]
            connection.execute("UPDATE audit_events SET reason = 'nothing to see' WHERE id = ?",
                               (row,))
    finally:
        connection.close()
    backups = tmp_path / "backups"
    with pytest.raises(BackupError) as refused:
        run_backup(sqlite_url, backups, keep_daily=14, keep_weekly=8)
    assert f"row {row}" in str(refused.value)
    assert backups_in(backups) == []
    assert not backups.exists() or list(backups.iterdir()) == []   # nor a temporary file
