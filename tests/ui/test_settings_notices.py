"""Settings → Notices: the mail server and the desk's sending timer are set in the dialog and
saved; a bad value is refused with the setting's message and changes nothing."""

from __future__ import annotations

from pathlib import Path

from desk.config import Config
from desk.ui.settings_dialog import NOTICE_SETTINGS, SettingsDialog


def test_the_notices_tab_sets_the_mail_server_and_the_timer(qtbot, tmp_path: Path) -> None:
    config = Config({}, path=tmp_path / "desk.toml")
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Notices" in tabs and set(NOTICE_SETTINGS) <= set(dialog.editors)
    assert "smtp_password" not in dialog.editors
    dialog.editors["smtp_host"].setText("smtp.example.edu.tw")
    dialog.editors["notices_send_every_minutes"].setValue(15)
    tls = dialog.editors["smtp_tls"]
    tls.setCurrentIndex(tls.findData("ssl"))
    dialog.apply()
    assert (config.get("smtp_host"), config.get("notices_send_every_minutes"),
            config.get("smtp_tls")) == ("smtp.example.edu.tw", 15, "ssl")
    assert 'smtp_host = "smtp.example.edu.tw"' in (tmp_path / "desk.toml").read_text("utf-8")


def test_a_port_out_of_range_is_refused(qtbot, tmp_path: Path) -> None:
    config = Config({}, path=tmp_path / "desk.toml")
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    dialog.editors["smtp_port"].setValue(70000)
    dialog.apply()
    assert config.get("smtp_port") == 587
    assert not dialog.error.isHidden() and "smtp_port" in dialog.error.text()
