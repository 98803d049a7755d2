"""The command line speaks the desk's language: ``python -m desk`` run for real, in a
subprocess, with the ``language`` setting (``DESK_LANGUAGE``, the settings file, or ``system``
and the locale) set both ways, refusing a bad settings file, a bad database URL, a malformed
.koc file and a bad CSV import: the message in that language, a non-zero exit, nothing
changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk import wording
from desk.circulation import Library
from desk.cli import language
from desk.models import Loan, Patron
from tests.support.small_library import PASSWORDS, Desk

REPO = Path(__file__).resolve().parents[2]


def has_cjk(message: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in message)


def desk_cli(tmp_path: Path, *argv: str, lang: str | None = None,
             **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m desk ARGV`` with its own settings file and data folder; ``lang``:
    ``DESK_LANGUAGE``; ``env``: more variables (``LANG`` is C.UTF-8 unless given)."""
    environ = {k: v for k, v in os.environ.items()
               if not k.startswith(("DESK_", "LC_", "LANG"))}
    environ.update(DESK_CONFIG=str(tmp_path / "settings.toml"), DESK_DATA_DIR=str(tmp_path / "data"),
                   PYTHONPATH=str(REPO), LANG="C.UTF-8")
    if lang is not None:
        environ["DESK_LANGUAGE"] = lang
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "desk", *argv], cwd=tmp_path, env=environ,
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)


def _refused(done: subprocess.CompletedProcess[str], code: int) -> str:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done.stderr + done.stdout


# --- choosing the language ---------------------------------------------------------------------
@pytest.mark.parametrize(("name", "expected"), [
    ("zh_TW", "zh_TW"), ("zh_TW.UTF-8", "zh_TW"), ("zh_HK", "zh_TW"), ("zh_Hant_TW", "zh_TW"),
    ("zh_CN.UTF-8", "en"), ("zh_SG", "en"), ("en_US.UTF-8", "en"), ("C.UTF-8", "en"), ("", "en")])
def test_a_locale_gives_the_language_the_window_would(name: str, expected: str) -> None:
    assert wording.locale_language(name) == expected


def test_the_setting_is_read_even_from_a_settings_file_with_errors(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('language = "zh_TW"\nidle_lock_minutes = -5\nno_such = 1\n', encoding="utf-8")
    assert language.choose({}, path) == "zh_TW"
    assert language.choose({"DESK_LANGUAGE": "en"}, path) == "en"          # the variable wins
    path.write_text('language = "system"\n', encoding="utf-8")
    assert language.choose({"LANG": "zh_TW.UTF-8"}, path) == "zh_TW"
    assert language.choose({"LANG": "zh_TW.UTF-8", "LC_ALL": "en_US.UTF-8"}, path) == "en"
    path.write_bytes(b"language = [not toml")                               # unreadable: system
    assert language.choose({"LC_MESSAGES": "zh_TW.UTF-8"}, path) == "zh_TW"
    path.write_text('language = "klingon"\n', encoding="utf-8")
    assert language.choose({"LANG": "en_GB.UTF-8"}, path) == "en"


# --- a bad settings file -----------------------------------------------------------------------
def test_a_bad_settings_file_is_refused_in_the_desks_language(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('language = "zh_TW"\nidle_lock_minutes = -5\n', encoding="utf-8")
    before = settings.read_bytes()

    said = _refused(desk_cli(tmp_path, "audit", "verify"), 2)     # the file's own language
    assert "設定錯誤" in said and "idle_lock_minutes 必須是 0 至 1,440 的整數" in said

    said = _refused(desk_cli(tmp_path, "audit", "verify", lang="en"), 2)
    assert "settings error:" in said and "must be a whole number from 0 to 1,440" in said
    assert not has_cjk(said)
    assert settings.read_bytes() == before
    assert not list((tmp_path / "data").glob("*.sqlite"))          # no library was made


def test_a_settings_file_that_is_not_toml_follows_the_locale(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_bytes(b"idle_lock_minutes = = 3\n")
    said = _refused(desk_cli(tmp_path, "audit", "verify", LANG="zh_TW.UTF-8"), 2)
    assert "不是有效的 TOML 設定檔" in said
    said = _refused(desk_cli(tmp_path, "audit", "verify", LANG="zh_CN.UTF-8"), 2)
    assert "not a valid TOML settings file" in said


# --- bad database URLs and library files ----------------------------------------------------------
def test_a_bad_database_url_is_refused_in_the_desks_language(tmp_path: Path) -> None:
    said = _refused(desk_cli(tmp_path, "audit", "verify", "--url", "mysql://u@h/x",
                             lang="zh_TW"), 2)
    assert "錯誤：櫃台無法使用這個資料庫網址" in said and "不支援 'mysql'" in said
    said = _refused(desk_cli(tmp_path, "audit", "verify", "--url", "mysql://u@h/x",
                             lang="en"), 2)
    assert "error: not a database URL the desk can use" in said

    missing = tmp_path / "not-mounted" / "library.sqlite"
    for lang, words in (("zh_TW", "沒有圖書館資料庫"), ("en", "no library at")):
        said = _refused(desk_cli(tmp_path, "audit", "verify", "--url", f"sqlite:///{missing}",
                                 lang=lang), 2)
        assert words in said
    assert not missing.parent.exists()                  # nothing was made


# --- a malformed .koc file ------------------------------------------------------------------------
BAD_KOC = ("Version=1.0\tGenerator=kocQt4\tGeneratorVersion=0.2\n"
           "2026-11-02 10:00:00 000\tissue\tP001\tB001\n"
           "2026-11-02 10:01:00 000\tissue\tP001\n"
           "yesterday\treturn\tB002\n")


def test_a_malformed_koc_file_is_reported_in_the_desks_language(
        tmp_path: Path, desk: Desk, library: Library) -> None:
    url = library.url
    koc = tmp_path / "outage.koc"
    koc.write_text(BAD_KOC, encoding="utf-8")
    args = ("offline", "import", str(koc), "--staff", "clerk", "--url", url)
    env = {"DESK_STAFF_PASSWORD": PASSWORDS["clerk"]}

    said = _refused(desk_cli(tmp_path, *args, lang="zh_TW", **env), 1)
    assert "outage.koc:3：錯誤行：欄位數不對" in said
    assert "outage.koc:4：錯誤行：時間格式錯誤 'yesterday'" in said
    assert "錯誤行 2" in said                                   # the summary line
    said = _refused(desk_cli(tmp_path, *args, lang="en", **env), 1)
    assert "outage.koc:3: bad line: wrong column count" in said
    assert "outage.koc:4: bad line: bad timestamp 'yesterday'" in said

    empty = tmp_path / "empty.koc"
    empty.write_text("no header\n", encoding="utf-8")
    said = _refused(desk_cli(tmp_path, "offline", "import", str(empty), "--staff", "clerk",
                             "--url", url, lang="zh_TW", **env), 1)
    assert "缺少標頭行" in said and "沒有可補登的資料" in said

    with library.read_sessions() as session:
        # the good line was lent, once: the refusals changed nothing
        assert session.scalar(select(func.count()).select_from(Loan)) == 1


# --- a bad CSV import -------------------------------------------------------------------------------
def test_a_bad_csv_import_is_refused_in_the_desks_language(tmp_path: Path, desk: Desk,
                                                           library: Library) -> None:
    with library.read_sessions() as session:
        before = session.scalar(select(func.count()).select_from(Patron))
    path = tmp_path / "patrons.csv"
    path.write_text("barcode,name,category,expires\n"
                    "P90001,林新生,student,2027-02-30\n"
                    "P90002,王新生,teacher,\n", encoding="utf-8")
    args = ("import", "patrons", str(path), "--url", library.url)

    said = _refused(desk_cli(tmp_path, *args, lang="zh_TW"), 1)
    assert "第 2 行：expires：日期錯誤 '2027-02-30'：沒有這一天" in said
    assert "第 3 行：沒有這個讀者類別 'teacher'" in said
    assert "2 個問題，未匯入任何資料。" in said
    said = _refused(desk_cli(tmp_path, *args, lang="en"), 1)
    assert "line 3: unknown category 'teacher'" in said and "nothing was imported" in said
    assert not has_cjk(said.replace("林新生", "").replace("王新生", ""))

    header_only = tmp_path / "wrong.csv"
    header_only.write_text("barcode,nombre\n", encoding="utf-8")
    said = _refused(desk_cli(tmp_path, "import", "patrons", str(header_only), "--url",
                             library.url, lang="zh_TW"), 1)
    assert "不明的欄位 'nombre'" in said and "缺少欄位 name, category" in said

    with library.read_sessions() as session:
        assert session.scalar(select(func.count()).select_from(Patron)) == before


def test_the_settings_file_language_reaches_an_import(tmp_path: Path, desk: Desk,
                                                      library: Library) -> None:
    (tmp_path / "settings.toml").write_text('language = "zh_TW"\n', encoding="utf-8")
    missing = tmp_path / "none.csv"
    said = _refused(desk_cli(tmp_path, "import", "patrons", str(missing), "--url", library.url),
                    1)
    assert "沒有這個檔案" in said
    shutil.rmtree(tmp_path / "data", ignore_errors=True)
