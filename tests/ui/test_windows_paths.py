"""On Windows (``sys.platform`` patched to ``win32``): settings and data in the user's AppData
through platformdirs, no POSIX-only call on the way (``os.getuid``, ``/run/user``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs
import pytest
from platformdirs import windows as windows_dirs
from platformdirs.windows import Windows

from desk import config as desk_config
from desk.ui.sounds import audio_server_running


@pytest.fixture
def on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``win32`` with platformdirs' Windows rules over fake %APPDATA% and %LOCALAPPDATA%."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delattr(os, "getuid", raising=False)
    for name in ("DESK_CONFIG", "DESK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    # Windows' shell-folder lookup (ctypes/winreg) is not here: read the folders as set above.
    monkeypatch.setattr(windows_dirs, "get_win_folder", windows_dirs.get_win_folder_from_env_vars)
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda app: Windows(app).user_config_dir)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda app: Windows(app).user_data_dir)
    return tmp_path


def test_settings_and_data_go_to_appdata(on_windows: Path) -> None:
    assert desk_config.config_path().is_relative_to(on_windows / "Local")
    assert desk_config.config_path().name == "settings.toml"
    data = desk_config.data_dir()
    assert data.is_dir() and data.is_relative_to(on_windows / "Local")
    assert data.relative_to(on_windows / "Local").parts[-1] == desk_config.APP_NAME


def test_sounds_need_no_getuid_on_windows(on_windows: Path) -> None:
    assert audio_server_running()
