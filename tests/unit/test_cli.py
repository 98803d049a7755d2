"""The command line: opening the desk, building the demo library, importing CSV files."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from desk.circulation import Policy, open_library
from desk.circulation.barcodes import with_check_digit
from desk.cli import run, wipe
from desk.models import Patron
from desk.models.database import make_engine

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's settings or embedded database."""
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("DESK_DESK", raising=False)


@pytest.fixture
def ref_url(sqlite_url: str) -> str:
    library = open_library(sqlite_url, policy=Policy())
    library.add_location("MAIN", "總圖書館")
    library.add_category("student", "學生")
    library.add_item_type("book", "圖書")
    library.close()
    return sqlite_url


def patron_csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "patrons.csv"
    path.write_text("barcode,name,category,expires\n" + "".join(r + "\n" for r in rows),
                    encoding="utf-8-sig")
    return path


def patrons_in(url: str) -> int:
    library = open_library(url, policy=Policy())
    try:
        with library.sessions() as session:
            return session.scalar(select(func.count()).select_from(Patron))
    finally:
        library.close()


GOOD = with_check_digit("2000100000001")


def test_demo_builds_then_refuses_to_overwrite_without_force(
        sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    small = ["--patrons", "60", "--items", "300"]
    assert run(["demo", "--url", sqlite_url, *small]) == 0
    out = capsys.readouterr().out
    for account in ("clerk   / clerk", "super   / super", "admin   / admin"):
        assert account in out
    assert "open loans" in out and "NT$" in out
    assert patrons_in(sqlite_url) == 60

    assert run(["--url", sqlite_url, "demo", *small]) == 1
    assert "--force" in capsys.readouterr().err
    assert run(["demo", "--url", sqlite_url, "--if-empty", "--patrons", "70"]) == 0
    assert "leaving it as it is" in capsys.readouterr().out
    assert patrons_in(sqlite_url) == 60
    assert run(["demo", "--url", sqlite_url, "--force", "--patrons", "70", "--items", "300"]) == 0
    assert patrons_in(sqlite_url) == 70


def test_demo_defaults_to_the_embedded_database(tmp_path: Path, capsys) -> None:
    assert run(["demo", "--patrons", "60", "--items", "300", "--seed", "3"]) == 0
    assert (tmp_path / "data" / "library.sqlite").exists()
    assert str(tmp_path / "data" / "library.sqlite") in capsys.readouterr().out


@pytest.mark.parametrize("argv, code, message", [
    (["demo", "--patrons", "0"], 2, "positive"),
    (["demo", "--patrons", "10"], 2, "at least"),
    (["demo", "--patrons", "many"], 2, "invalid int"),
    (["demo", "--url", "nosuchdb://x"], 2, "not a database URL"),
    (["import", "loans", "x.csv"], 2, "invalid choice"),
    (["import", "patrons"], 2, "required"),
    (["frobnicate"], 2, "invalid choice"),
    (["import", "patrons", "x.csv", "--bogus"], 2, "unrecognized arguments: --bogus"),
])
def test_usage_errors(argv: list[str], code: int, message: str, capsys) -> None:
    assert run(argv) == code
    assert message in capsys.readouterr().err


def test_bad_settings_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "settings.toml").write_text("no_such_setting = 1\n", encoding="utf-8")
    assert run(["demo"]) == 2
    assert "no_such_setting" in capsys.readouterr().err


def test_import_good_file(ref_url: str, tmp_path: Path, capsys) -> None:
    path = patron_csv(tmp_path, f"{GOOD},陳小明,student,2027-06-30")
    assert run(["import", "patrons", str(path), "--url", ref_url]) == 0
    assert "Imported 1 patrons" in capsys.readouterr().out
    assert patrons_in(ref_url) == 1


def test_import_bad_file_reports_every_line_and_changes_nothing(ref_url: str, tmp_path: Path,
                                                                 capsys) -> None:
    path = patron_csv(tmp_path, f"{GOOD},陳小明,student,", f"{GOOD[:-1]}0,王大同,student,",
                      f"{with_check_digit('2000100000003')},李四,teacher,2027-02-30")
    assert run(["--url", ref_url, "import", "patrons", str(path)]) == 1
    err = capsys.readouterr().err
    assert "line 3: barcode" in err and "check digit" in err
    assert "line 4: unknown category 'teacher'" in err and "no such day" in err
    assert "nothing was imported" in err
    assert patrons_in(ref_url) == 0


def test_import_missing_file(ref_url: str, tmp_path: Path, capsys) -> None:
    assert run(["import", "items", str(tmp_path / "nope.csv"), "--url", ref_url]) == 1
    assert "no such file" in capsys.readouterr().err


def test_python_m_desk_import_in_a_subprocess(ref_url: str, tmp_path: Path) -> None:
    path = patron_csv(tmp_path, f"{GOOD},陳小明,student,", "P20001,王,nobody,")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "desk", "import", "patrons", str(path),
                           "--url", ref_url], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert "line 3" in done.stderr and "Traceback" not in done.stderr
    fixed = patron_csv(tmp_path, f"{GOOD},陳小明,student,")
    done = subprocess.run([sys.executable, "-m", "desk", "import", "patrons", str(fixed),
                           "--url", ref_url], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert patrons_in(ref_url) == 1


def test_no_command_opens_the_desk_with_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {}

    def app_main(argv: list[str]) -> int:
        seen.update(argv=argv, url=os.environ.get("DESK_DATABASE_URL"),
                    desk=os.environ.get("DESK_DESK"))
        return 0

    monkeypatch.setitem(sys.modules, "desk.app", types.SimpleNamespace(main=app_main))
    assert run(["--url", "sqlite:///x.sqlite", "--desk", "LAW-1", "--language", "en"]) == 0
    assert seen == {"argv": ["--database", "sqlite:///x.sqlite", "--desk", "LAW-1",
                             "--language", "en"],
                    "url": "sqlite:///x.sqlite", "desk": "LAW-1"}
    assert run([]) == 0 and seen["argv"] == []


def test_python_m_desk_opens_the_real_desk_offscreen(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'library.sqlite'}"
    open_library(url).close()
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "desk", "--url", url, "--self-test"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"database: {url}" in done.stdout and "self-test ok" in done.stdout


def test_wipe_sqlite_deletes_the_file(sqlite_url: str) -> None:
    open_library(sqlite_url).close()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    assert path.exists()
    wipe(sqlite_url)
    assert not path.exists()


def test_wipe_postgres_drops_the_tables(pg_url: str) -> None:
    open_library(pg_url).close()
    wipe(pg_url)
    engine = make_engine(pg_url)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
