"""What a change of settings means for the running desk: scanning and sounds configured again,
the devices reconfigured, the language, text size and contrast applied, the backup and notice
timers and the idle lock set anew; a database or desk change waits for a restart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desk.ui.devices_config import DEVICE_SETTINGS, reconfigure

if TYPE_CHECKING:
    from desk.ui.mainwindow import MainWindow


def apply_settings(window: MainWindow, changed: set[str]) -> None:
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
        apply_appearance(QApplication.instance(), config.get("text_size_percent"),
                         config.get("high_contrast"))
        window.reflow_later()
    if "idle_lock_minutes" in changed:
        window.idle_lock.configure(config.get("idle_lock_minutes"))
    if changed & {"database_url", "desk"}:
        window.show_status(QCoreApplication.translate(
            "MainWindow", "Database and desk changes apply after a restart."), "warning")
