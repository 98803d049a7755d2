"""The desk window's start (issue 13, findings 9 and 10): bad settings and a library that cannot
be used are shown in a dialog before anything else starts, in the user's language, and the desk
exits without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desk import app as desk_app
from desk.ui import i18n


@pytest.fixture
def dialogs(qapp: QApplication) -> list[str]:
    """The text of every message box the start shows (each closed as soon as it is up)."""
    shown: list[str] = []

    def close_it() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, close_it)

    QTimer.singleShot(0, close_it)
    yield shown
    i18n.install("en")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    return tmp_path / "settings.toml"


def test_bad_settings_are_shown_in_a_dialog_in_the_users_language(env: Path, dialogs: list[str],
                                                                  capsys) -> None:
    env.write_text('max_outstanding_fines = -100\ncurrency = "ZZZ"\n', encoding="utf-8")
    assert desk_app.main(["--language", "zh_TW"]) == 2
    [text] = dialogs
    assert text.startswith("流通櫃台無法啟動：設定檔有錯誤")
    assert "max_outstanding_fines must be" in text and "currency must be" in text
    assert "Traceback" not in capsys.readouterr().err


def test_a_missing_library_is_shown_in_a_dialog(env: Path, tmp_path: Path,
                                                dialogs: list[str]) -> None:
    url = f"sqlite:///{tmp_path / 'unmounted' / 'library.sqlite'}"
    assert desk_app.main(["--database", url, "--language", "en"]) == 1
    [text] = dialogs
    assert text.startswith("Cannot open the database.") and "use --create" in text
    assert not (tmp_path / "unmounted").exists()
