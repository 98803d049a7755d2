"""The desk's automatic backups with real widgets: the timer makes a backup when the last one is
too old, a day close makes one at once, and the status bar warns about a stale backup or a
folder that cannot be written; the Settings dialog has the backup folder."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from desk.backup import backups_in
from desk.ui.backup_schedule import BackupScheduler
from desk.ui.settings_dialog import SettingsDialog


def _scheduler(window, interval_ms: int = 50) -> BackupScheduler:  # noqa: ANN001
    scheduler = BackupScheduler(window.context, window, interval_ms=interval_ms)
    window.backups = scheduler
    return scheduler


def test_the_timer_makes_a_backup_when_the_last_is_too_old(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    old = folder / f"library-{(datetime.now() - timedelta(hours=30)):%Y%m%d-%H%M%S}.sqlite"
    folder.mkdir()
    old.write_bytes(b"an old backup")
    window.context.config.set("backup_dir", str(folder))
    scheduler = _scheduler(window)
    scheduler.timer.start()
    qtbot.waitUntil(lambda: len(backups_in(folder)) == 2, timeout=20000)
    qtbot.waitUntil(lambda: not scheduler.running, timeout=10000)
    scheduler.timer.stop()
    assert "Library backed up" in window.status_text.text()
    newest = backups_in(folder)[-1]
    assert newest.path.stat().st_size > 10000
    # fresh now: the next looks make none
    scheduler.check()
    qtbot.waitUntil(lambda: not scheduler.running, timeout=10000)
    assert len(backups_in(folder)) == 2


def test_a_day_close_makes_a_backup_at_once(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    window.context.config.set("backup_dir", str(folder))
    window.context.config.set("backup_every_hours", 0)          # no timer backups
    scheduler = _scheduler(window)
    scheduler.check()
    qtbot.waitUntil(lambda: not scheduler.running, timeout=10000)
    assert backups_in(folder) == []
    window.context.messages.day_closed.emit()
    qtbot.waitUntil(lambda: len(backups_in(folder)) == 1, timeout=20000)


def test_the_status_bar_warns_about_a_stale_backup(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    when = datetime.now() - timedelta(hours=72, minutes=5)
    (folder / f"library-{when:%Y%m%d-%H%M%S}.sqlite").write_bytes(b"old")
    config = window.context.config
    config.set("backup_dir", str(folder))
    config.set("backup_every_hours", 0)
    config.set("backup_max_age_hours", 48)
    scheduler = _scheduler(window)
    scheduler.check()
    qtbot.waitUntil(lambda: "72 hours old" in window.status_text.text(), timeout=10000)
    assert window.status_text.property("level") == "warning"


def test_the_status_bar_warns_about_an_unwritable_folder(qtbot, window, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    window.context.config.set("backup_dir", str(blocker))
    scheduler = _scheduler(window)
    scheduler.check()
    qtbot.waitUntil(lambda: "cannot be written" in window.status_text.text(), timeout=10000)
    assert window.status_text.property("level") == "warning"
    assert str(blocker) in window.status_text.text()


def test_the_backup_folder_is_a_setting(qtbot, window, tmp_path: Path) -> None:
    dialog = SettingsDialog(window.context.config, window)
    qtbot.addWidget(dialog)
    editor = dialog.editors["backup_dir"]
    editor.setText(str(tmp_path / "second-disk"))
    dialog.apply()
    assert window.context.config.get("backup_dir") == str(tmp_path / "second-disk")


def test_a_running_backup_never_holds_up_the_desks_own_tasks(qtbot, window) -> None:
    """Backups have a worker of their own: the desk's runner (scans) answers while one runs."""
    import threading

    scheduler = _scheduler(window)
    release = threading.Event()
    scheduler.tasks.run(lambda: release.wait(20))
    answered: list[str] = []
    window.context.tasks.run(lambda: "scan answered", on_done=answered.append)
    try:
        qtbot.waitUntil(lambda: answered == ["scan answered"], timeout=5000)
        assert scheduler.tasks.pending == 1
    finally:
        release.set()
        scheduler.tasks.wait()
