"""Starting the desk: the self-test of the real entry point, languages, sounds, bad settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLocale

from desk.ui import i18n
from desk.ui.resources import resource
from desk.ui.sounds import SoundPlayer, resolve

ROOT = Path(__file__).resolve().parents[2]


def desk_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, DESK_DATA_DIR=str(tmp_path / "data"),
               DESK_CONFIG=str(tmp_path / "settings.toml"), QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


def test_self_test_opens_the_database_and_builds_the_window(tmp_path):
    run = subprocess.run([sys.executable, "-m", "desk.app", "--self-test"], cwd=ROOT,
                         env=desk_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "self-test ok" in run.stdout
    assert "checkout" in run.stdout and "checkin" in run.stdout
    assert (tmp_path / "data" / "library.sqlite").exists()


def test_bad_settings_are_named_and_exit_2(tmp_path):
    (tmp_path / "settings.toml").write_text('wedge_min_length = "many"\n')
    run = subprocess.run([sys.executable, "-m", "desk.app", "--self-test"], cwd=ROOT,
                         env=desk_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "wedge_min_length" in run.stderr


def test_unusable_database_fails_with_a_message(tmp_path):
    run = subprocess.run([sys.executable, "-m", "desk.app", "--self-test", "--database",
                          "postgresql+psycopg://nobody@/nothing?host=/nonexistent"], cwd=ROOT,
                         env=desk_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "Cannot open the database" in run.stderr


def test_language_follows_the_setting_then_the_system_locale():
    assert i18n.resolve("en", QLocale("zh_TW")) == "en"
    assert i18n.resolve("zh_TW", QLocale("en_US")) == "zh_TW"
    assert i18n.resolve("system", QLocale("zh_TW")) == "zh_TW"
    assert i18n.resolve("system", QLocale("zh_HK")) == "zh_TW"
    assert i18n.resolve("system", QLocale("en_GB")) == "en"
    assert i18n.resolve("system", QLocale("zh_CN")) == "en"


# The classes of the main window, sign-in, checkout and checkin (this package's own screens).
OWN_CONTEXTS = {"MainWindow", "SignInDialog", "OverrideDialog", "SettingsDialog", "CheckoutScreen",
                "CheckinScreen", "PatronPanel", "RefusalBox", "RouteBanner"}


def test_translations_are_complete_and_compiled():
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QTranslator
    ts = resource("translations", "desk_zh_TW.ts")
    qm = resource("translations", "desk_zh_TW.qm")
    contexts = {ctx.findtext("name"): ctx for ctx in ET.parse(ts).getroot()}
    assert OWN_CONTEXTS <= set(contexts)
    for name in OWN_CONTEXTS:
        for message in contexts[name].findall("message"):
            translation = message.find("translation")
            assert translation.get("type") != "unfinished", (name, message.findtext("source"))
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("CheckinScreen", "Checkin") == "還書"
    assert translator.translate("RouteBanner", "HOLDS SHELF") == "預約架"


def test_sound_names_fall_back_to_their_parents(tmp_path):
    sounds = resource("sounds")
    assert resolve("error.checkout.patron_blocked", sounds).stem == "error.checkout.patron_blocked"
    assert resolve("error.checkout.patron_expired", sounds).stem == "error"
    assert resolve("info.checkin.transit", sounds).stem == "info.checkin.transit"
    assert resolve("success.renew", sounds).stem == "success"
    assert resolve("nonsense", sounds) is None
    player = SoundPlayer(enabled=True)
    player.play("warning.checkin.staff")
    player.play("success.checkout")
    assert player.played == ["warning.checkin.staff", "success"]
    player.enabled = False
    player.play("error")
    assert player.played == ["warning.checkin.staff", "success"]


def test_bundled_sounds_are_small_valid_wav_files():
    import wave
    files = sorted(resource("sounds").glob("*.wav"))
    assert {"success", "info", "warning", "error"} <= {f.stem for f in files}
    for path in files:
        with wave.open(str(path)) as sound:
            assert sound.getnchannels() == 1 and 0.05 < sound.getnframes() / sound.getframerate() < 1
        assert path.stat().st_size < 64_000


def test_a_cjk_font_is_available(qapp):
    from PySide6.QtGui import QFontDatabase, QFontMetrics

    from desk.app import setup_appearance
    family = setup_appearance(qapp)
    assert family is not None, "install fonts-wqy-microhei (see .ci/apt-packages.txt)"
    assert QFontMetrics(qapp.font()).inFont("借")
    assert family in QFontDatabase.families()


def test_the_missing_font_warning_gives_windows_advice_on_windows(qapp, caplog, monkeypatch):
    """No CJK family known to Qt: the warning says what to do on this platform, not apt-get."""
    from desk import app
    monkeypatch.setattr(app, "CJK_FAMILIES", ("No Such Family",))
    monkeypatch.setattr(sys, "platform", "win32")
    font = qapp.font()
    try:
        with caplog.at_level("WARNING", logger="desk.app"):
            assert app.setup_appearance(qapp) is None
    finally:
        qapp.setFont(font)
    warning = " ".join(r.getMessage() for r in caplog.records if r.name == "desk.app")
    assert "msjh.ttc" in warning and "DESK_CJK_FONT" in warning
    assert "fonts-wqy-microhei" not in warning
