"""On Windows (``sys.platform`` patched to ``win32``): settings and data in the user's AppData
through platformdirs, no POSIX-only call on the way (``os.getuid``, ``/run/user``); the embedded
database's URL built from a Windows path (or any folder name) names that very file."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

import platformdirs
import pytest
from sqlalchemy.engine import make_url
from platformdirs import windows as windows_dirs
from platformdirs.windows import Windows

from desk import config as desk_config
from desk.circulation import open_library
from desk.models.database import default_sqlite_url
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


@pytest.mark.parametrize("folder", [
    r"C:\Users\陳小明\AppData\Local\circulation-desk",
    r"C:\Users\Lin #2\AppData\Local\circulation-desk 100%",
    r"\\LIBSRV\desks\counter 1",
])
def test_the_embedded_database_url_from_a_windows_path(folder: str) -> None:
    url = make_url(default_sqlite_url(PureWindowsPath(folder)))
    assert url.get_backend_name() == "sqlite" and not url.query
    assert url.database == folder + "\\library.sqlite"


def test_the_embedded_database_is_that_very_file(tmp_path: Path) -> None:
    """A folder with '#', '%' and '?' (allowed on Linux; '#' and '%' on Windows too) holds the
    library, and staff see the path as it is written."""
    folder = tmp_path / "desk #1 100% sure?"
    folder.mkdir()
    library = open_library(default_sqlite_url(folder))
    try:
        library.add_location("MAIN", "總館")
        assert (folder / "library.sqlite").stat().st_size > 0
        assert library.url == f"sqlite:///{folder / 'library.sqlite'}"
    finally:
        library.engine.dispose()
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]


def test_the_data_folder_on_windows_gives_a_usable_url(on_windows: Path) -> None:
    url = make_url(default_sqlite_url(desk_config.data_dir()))
    assert Path(url.database).parent == desk_config.data_dir()
    assert Path(url.database).is_relative_to(on_windows / "Local")
