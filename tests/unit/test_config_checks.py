"""Settings are checked on load (issue 13, finding 9): types, each setting's natural range, a
known time zone and currency, payment methods; one message per bad value naming the file, the
key and what is allowed; an unreadable settings file is one clear message; every command of
``python -m desk`` exits 2 with the messages and no traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, time
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.circulation.policy import Policy
from desk.cli import run
from desk.config import Config, ConfigError
from desk.configdata import BY_NAME, SETTINGS
from tests.support.boundary_inputs import ACCEPTED, REFUSED, classify_settings, toml_values

REPO = Path(__file__).resolve().parents[2]


def load(tmp_path: Path, content: str) -> Config:
    path = tmp_path / "settings.toml"
    path.write_text(content, encoding="utf-8")
    return Config.load(path, environ={})


@pytest.mark.parametrize("content, key, allowed", [
    ("max_outstanding_fines = -100\n", "max_outstanding_fines", "from 0"),
    ("payment_methods = []\n", "payment_methods", "non-empty list"),
    ('payment_methods = ["cash", "cash"]\n', "payment_methods", "unique"),
    ('payment_methods = ["cash", 5]\n', "payment_methods", "payment codes"),
    ('currency = "ZZZ"\n', "currency", "ISO 4217"),
    ('currency = "twd"\n', "currency", "ISO 4217"),
    ('timezone = "Mars/Olympus"\n', "timezone", "IANA time zone"),
    ('timezone = "../../etc/passwd"\n', "timezone", "IANA time zone"),
    ('timezone = ""\n', "timezone", "IANA time zone"),
    ("holds_shelf_open_days = 0\n", "holds_shelf_open_days", "from 1"),
    ("wedge_min_length = 100000\n", "wedge_min_length", "to 100"),
    ("scanner_baud = 12345\n", "scanner_baud", "baud rate"),
    ('patron_pattern = "(["\n', "patron_pattern", "regular expression"),
    ('desk = ""\n', "desk", "non-empty text"),
    ('slip_header = ["a", 3]\n', "slip_header", "list of at most 10 lines"),
    ('database_url = "mysql://u@h/db"\n', "database_url", "postgresql+psycopg://"),
    ("koc_max_bytes = 0\n", "koc_max_bytes", "from 1,024"),
    ("history_keep_days = -1\n", "history_keep_days", "from 0 to 36,500"),
])
def test_a_value_out_of_range_is_named_with_the_file_the_key_and_what_is_allowed(
        tmp_path: Path, content: str, key: str, allowed: str) -> None:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, content)
    [problem] = error.value.problems
    assert problem.startswith(f"{tmp_path / 'settings.toml'}: {key} must be ")
    assert allowed in problem


def test_every_bad_value_gets_its_own_message(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, 'max_outstanding_fines = -1\ncurrency = "ZZZ"\npayment_methods = []\n'
                       'timezone = "Nowhere/City"\nno_such = 1\n')
    keys = [problem.split(": ")[1].split(" ")[0] for problem in error.value.problems]
    assert sorted(keys) == ["currency", "max_outstanding_fines", "payment_methods",
                            "timezone", "unknown"]


def test_good_values_in_range_are_accepted(tmp_path: Path) -> None:
    config = load(tmp_path, 'max_outstanding_fines = 0\ncurrency = "USD"\ntimezone = "UTC"\n'
                            'payment_methods = ["cash"]\nscanner_baud = 115200\n')
    policy = Policy.from_config(config)
    assert policy.money(1250) == "USD 12.50" and policy.payment_methods == ("cash",)
    assert Policy(currency="KWD").money(1250) == "KWD 1.250"


def test_an_environment_value_is_checked_too(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="DESK_MAX_OUTSTANDING_FINES: max_outstanding_fines"):
        Config.load(tmp_path / "none.toml", environ={"DESK_MAX_OUTSTANDING_FINES": "-5"})
    with pytest.raises(ConfigError, match="DESK_PAYMENT_METHODS: payment_methods must be a list"):
        Config.load(tmp_path / "none.toml", environ={"DESK_PAYMENT_METHODS": "[not json"})


def test_the_settings_dialog_path_refuses_an_out_of_range_value() -> None:
    config = Config()
    with pytest.raises(ConfigError, match="max_outstanding_fines"):
        config.set("max_outstanding_fines", -100)
    assert config.get("max_outstanding_fines") == 0


def test_a_huge_value_is_not_echoed_whole(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, f'currency = "{"X" * 1_000_000}"\n')
    assert len(str(error.value)) < 500


@pytest.mark.parametrize("make, message", [
    (lambda p: p.mkdir(), "is a folder, not a settings file"),
    (lambda p: p.write_bytes(b"desk = \"\xff\xfe\"\n"), "not a UTF-8 text file"),
    (lambda p: p.write_text("desk = [\n"), "not a valid TOML settings file"),
])
def test_a_settings_file_that_cannot_be_read_is_one_clear_message(tmp_path: Path, make,
                                                                   message: str) -> None:
    path = tmp_path / "settings.toml"
    make(path)
    with pytest.raises(ConfigError, match=message):
        Config.load(path, environ={})


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_settings_file_without_permission_is_a_clear_message(locked: str) -> None:
    """The file cannot be read, or its folder cannot even be looked into."""
    folder = Path(tempfile.mkdtemp(prefix="desk-settings-"))   # under /tmp: others may enter
    try:
        folder.chmod(0o755)
        path = folder / "settings.toml"
        path.write_text('desk = "MAIN-1"\n')
        (path if locked == "file" else folder).chmod(0)
        if os.geteuid() != 0:
            with pytest.raises(ConfigError, match="cannot read the settings file"):
                Config.load(path, environ={})
            return
        # root reads any file: read it as an unprivileged user instead
        probe = ("from pathlib import Path\nfrom desk.config import Config, ConfigError\n"
                 f"try:\n    Config.load(Path({str(path)!r}), environ={{}})\n"
                 "except ConfigError as error:\n    print('refused:', error)\n")
        done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                               sys.executable, "-c", probe],
                              cwd=Path(__file__).resolve().parents[2],
                              capture_output=True, text=True, timeout=60)
        assert "refused:" in done.stdout and "cannot read the settings file" in done.stdout, \
            done.stdout + done.stderr
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


# --- every command exits 2 with the messages -------------------------------------------------
COMMANDS = [
    ["demo"], ["import", "patrons", "x.csv"], ["offline", "export"],
    ["offline", "import", "x.koc", "--staff", "clerk"],
]


@pytest.mark.parametrize("argv", COMMANDS)
@pytest.mark.parametrize("settings_text", [
    "max_outstanding_fines = -100\n", 'timezone = "Nowhere/Else"\n', "desk = [\n", "DIR"])
def test_every_command_exits_2_with_the_message(tmp_path: Path, monkeypatch, capsys,
                                                argv: list[str], settings_text: str) -> None:
    path = tmp_path / "settings.toml"
    if settings_text == "DIR":
        path.mkdir()
    else:
        path.write_text(settings_text, encoding="utf-8")
    (tmp_path / "x.csv").write_text("barcode,name,category\n")
    (tmp_path / "x.koc").write_text("Version=1.0\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DESK_CONFIG", str(path))
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESK_STAFF_PASSWORD", "x")
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert "settings error: " in err and "Traceback" not in err


def test_offline_export_in_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('currency = "ZZZ"\n')
    env = dict(os.environ, DESK_CONFIG=str(tmp_path / "settings.toml"),
               DESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "desk", "offline", "export"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "currency must be an ISO 4217 currency code" in done.stderr
    assert "Traceback" not in done.stderr


# --- fuzz: any TOML value for any key is accepted or refused with a message ------------------
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(sorted(BY_NAME)) | st.text(max_size=12), value=toml_values)
def test_fuzz_any_value_is_a_clear_refusal_or_accepted(tmp_path: Path, key: str,
                                                       value: object) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_text(tomli_w.dumps({key: value}), encoding="utf-8")
    outcome = classify_settings(path, {}, str(path), key)
    assert outcome.kind in (ACCEPTED, REFUSED), outcome.detail


def test_every_default_passes_its_own_check() -> None:
    for setting in SETTINGS:
        assert setting.check is None or setting.check(setting.default) is None, setting.name
    assert isinstance(date.today(), date) and isinstance(time(), time)


@pytest.mark.parametrize("name", sorted(s.name for s in SETTINGS if s.type is list))
def test_a_list_inside_a_list_setting_is_refused_with_a_message(tmp_path: Path,
                                                                 name: str) -> None:
    """Found by the fuzz: a nested list made the check itself fail (unhashable) instead of
    refusing the value."""
    with pytest.raises(ConfigError) as error:
        load(tmp_path, f"{name} = [[]]\n")
    [problem] = error.value.problems
    assert f"{name} must be " in problem
