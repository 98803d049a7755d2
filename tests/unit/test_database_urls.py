"""Database URLs (issue 13, finding 10): a missing folder, a 0-byte or non-database file is
refused instead of silently becoming a new empty library (``--create`` / the demo / the embedded
default's first start may create); a read-only database is reported as such; an unsupported URL
gets a message listing the supported ones. No traceback anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.circulation import LibraryUnavailable, open_library
from desk.cli import run
from tests.conftest import _pg_or_skip, reset_postgres

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)


def patrons_csv(tmp_path: Path) -> Path:
    path = tmp_path / "patrons.csv"
    path.write_text("barcode,name,category\n", encoding="utf-8")
    return path


def test_a_missing_folder_is_refused_and_not_made(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'share' / 'library.sqlite'}"
    with pytest.raises(LibraryUnavailable, match="no library at .*does not exist.*--create"):
        open_library(url)
    assert not (tmp_path / "share").exists()
    open_library(url, create=True).close()
    assert (tmp_path / "share" / "library.sqlite").stat().st_size > 0


def test_a_zero_byte_file_is_refused_unless_creating(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    path.touch()
    with pytest.raises(LibraryUnavailable, match=r"the file is empty \(0 bytes\)"):
        open_library(f"sqlite:///{path}")
    assert path.stat().st_size == 0
    open_library(f"sqlite:///{path}", create=True).close()
    assert path.stat().st_size > 0


def test_a_file_that_is_not_a_database_is_refused_even_when_creating(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list\n")
    for create in (None, False, True):
        with pytest.raises(LibraryUnavailable, match="is not a library database"):
            open_library(f"sqlite:///{path}", create=create)
    assert path.read_text() == "shopping list\n"


def test_create_false_needs_an_existing_library(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'library.sqlite'}"
    with pytest.raises(LibraryUnavailable, match="no library at .*use --create"):
        open_library(url, create=False)
    open_library(url).close()                     # the API's default makes a new file
    open_library(url, create=False).close()       # and then it is there


@pytest.mark.parametrize("url, shown", [
    ("mysql://root@localhost/library", "'mysql' is not supported"),
    ("garbage", "not a database URL"),
    ("postgresql+psycopg2://u@h/db", "unsupported driver"),
])
def test_an_unsupported_url_lists_the_supported_ones(url: str, shown: str) -> None:
    with pytest.raises(LibraryUnavailable) as refused:
        open_library(url)
    assert shown in str(refused.value)
    assert "sqlite:///" in str(refused.value) and "postgresql+psycopg://" in str(refused.value)


@pytest.mark.parametrize("url", ["mysql://root@localhost/library", "garbage", "sqlite://"])
def test_the_command_line_refuses_an_unsupported_url_with_exit_2(tmp_path: Path, capsys,
                                                                 url: str) -> None:
    assert run(["import", "patrons", str(patrons_csv(tmp_path)), "--url", url]) == 2
    err = capsys.readouterr().err
    assert "postgresql+psycopg://" in err and "Traceback" not in err


def test_the_command_line_needs_create_for_a_missing_library(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'share' / 'library.sqlite'}"
    csv = patrons_csv(tmp_path)
    assert run(["import", "patrons", str(csv), "--url", url]) == 2
    assert "use --create" in capsys.readouterr().err
    assert not (tmp_path / "share").exists()
    url = f"sqlite:///{tmp_path / 'library.sqlite'}"
    assert run(["import", "patrons", str(csv), "--url", url]) == 2   # no file yet: refused
    assert not (tmp_path / "library.sqlite").exists()
    run(["import", "patrons", str(csv), "--url", url, "--create"])
    assert (tmp_path / "library.sqlite").stat().st_size > 0


def test_the_demo_may_create_its_library(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'demo.sqlite'}"
    assert run(["demo", "--url", url, "--patrons", "60", "--items", "300"]) == 0


def desk_env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, DESK_DATA_DIR=str(tmp_path / "data"),
                DESK_CONFIG=str(tmp_path / "settings.toml"), QT_QPA_PLATFORM="offscreen")


def test_self_test_fails_on_a_missing_library(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'unmounted' / 'library.sqlite'}"
    done = subprocess.run([sys.executable, "-m", "desk", "--self-test", "--url", url], cwd=REPO,
                          env=desk_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "self-test ok" not in done.stdout and "self-test FAILED" in done.stdout
    assert "no library at" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "unmounted").exists()


def test_self_test_fails_on_an_unsupported_url(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "desk", "--self-test", "--url", "mysql://x/y"],
                          cwd=REPO, env=desk_env(tmp_path), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and "self-test ok" not in done.stdout   # a settings error
    assert "not supported" in done.stderr and "Traceback" not in done.stderr


# --- read-only: a real file the desk's user may not write -------------------------------------
@pytest.fixture
def read_only_library() -> Iterator[Path]:
    """A library file owned by root, read by an unprivileged user (root writes anything)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the desk as another user")
    directory = Path(tempfile.mkdtemp(prefix="desk-ro-"))
    try:
        directory.chmod(0o755)
        open_library(f"sqlite:///{directory / 'library.sqlite'}").close()
        (directory / "library.sqlite").chmod(0o644)
        (directory / "data").mkdir(mode=0o777)
        (directory / "data").chmod(0o777)
        yield directory
    finally:
        shutil.rmtree(directory)


def as_nobody(args: list[str], directory: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DESK_DATA_DIR=str(directory / "data"), HOME=str(directory / "data"),
               DESK_CONFIG=str(directory / "data" / "settings.toml"), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(directory / "data"))
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                           sys.executable, "-m", "desk", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_read_only_library_fails_the_self_test(read_only_library: Path) -> None:
    url = f"sqlite:///{read_only_library / 'library.sqlite'}"
    done = as_nobody(["--self-test", "--url", url], read_only_library)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "self-test FAILED: read-only database" in done.stdout
    assert "read-only" in done.stderr and "Traceback" not in done.stderr


def test_a_read_only_library_is_named_by_the_command_line(read_only_library: Path) -> None:
    csv = read_only_library / "data" / "patrons.csv"
    csv.write_text("barcode,name,category\n")
    url = f"sqlite:///{read_only_library / 'library.sqlite'}"
    done = as_nobody(["import", "patrons", str(csv), "--url", url], read_only_library)
    assert done.returncode == 1
    assert "is read-only" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.postgres
def test_a_read_only_postgres_server_is_named() -> None:
    url = _pg_or_skip()
    reset_postgres(url)
    open_library(url).close()
    joiner = "&" if "?" in url else "?"
    read_only = url + joiner + "options=-c%20default_transaction_read_only%3Don"
    with pytest.raises(LibraryUnavailable) as refused:
        open_library(read_only)
    assert refused.value.read_only and "read-only" in str(refused.value)
