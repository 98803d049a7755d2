"""What a change of settings means for the running desk: scanning and sounds configured again,
the devices reconfigured, the language, text size and contrast applied, the backup and notice
timers and the idle lock set anew; a database or desk change waits for a restart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desk.ui.context import DeskContext
from desk.ui.devices_config import DEVICE_SETTINGS, reconfigure

if TYPE_CHECKING:
    from desk.ui.backup_schedule import BackupScheduler
    from desk.ui.idle_lock import IdleLock
    from desk.ui.notice_schedule import NoticeScheduler


class SettingsWindow(Protocol):
    """What a change of settings needs of the main window."""

    context: DeskContext
    backups: BackupScheduler | None
    notices: NoticeScheduler | None
    idle_lock: IdleLock

    def configure_scanning(self) -> None: ...

    def show_status(self, text: str, level: str) -> None: ...

    def switch_language(self, setting: str) -> str: ...

    def reflow_later(self) -> None: ...


def apply_settings(window: SettingsWindow, changed: set[str]) -> None:
    """``changed``: the names of the settings the Settings dialog changed."""
    config = window.context.config
    window.configure_scanning()
    if window.context.devices is not None and changed & set(DEVICE_SETTINGS):
        error = reconfigure(window.context.devices, config)
        if error:
            window.show_status(error, "error")
    if "language" in changed:
        window.switch_language(config.get("language"))
    if window.backups is not None and any(name.startswith("backup_") for name in changed):
        window.backups.check()
    if window.notices is not None and "notices_send_every_minutes" in changed:
        window.notices.start()
    if changed & {"text_size_percent", "high_contrast"}:
        from desk.ui.appearance import apply_appearance
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, config.get("text_size_percent"), config.get("high_contrast"))
        window.reflow_later()
    if "idle_lock_minutes" in changed:
        window.idle_lock.configure(config.get("idle_lock_minutes"))
    if changed & {"database_url", "desk"}:
        window.show_status(QCoreApplication.translate(
            "MainWindow", "Database and desk changes apply after a restart."), "warning")
