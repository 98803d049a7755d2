"""``python -m desk sip2 add-terminal LOGIN --desk CODE`` and ``sip2 serve``'s usage errors:
the password from DESK_SIP_PASSWORD, an administrator's sign-in, exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.circulation import Policy, open_library
from desk.cli import run
from desk.cli.sip2 import listen_address
from desk.cli.common import UsageError
from tests.support import small_library
from tests.support.clock import FakeClock


@pytest.fixture
def url(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.delenv("DESK_SIP_PASSWORD", raising=False)
    monkeypatch.setenv("DESK_ADMIN_LOGIN", "admin")
    monkeypatch.setenv("DESK_ADMIN_PASSWORD", small_library.PASSWORDS["admin"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    library = open_library(sqlite_url, clock=FakeClock(), policy=Policy())
    small_library.build(library)
    library.close()
    return sqlite_url


def test_add_terminal_with_the_password_from_the_environment(
        url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DESK_SIP_PASSWORD", "kiosk-pass-2026")
    assert run(["sip2", "add-terminal", "kiosk1", "--desk", "LAW-1", "--encoding", "big5",
                "--url", url]) == 0
    assert "kiosk1" in capsys.readouterr().out
    library = open_library(url, policy=Policy(), create=False)
    try:
        terminal = library.sign_in_terminal("kiosk1", "kiosk-pass-2026")
        assert (terminal.desk, terminal.encoding) == ("LAW-1", "big5")
    finally:
        library.close()


def test_add_terminal_refusals(url: str, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["sip2", "add-terminal", "kiosk1", "--desk", "MAIN-1", "--url", url]) == 1
    assert "DESK_SIP_PASSWORD" in capsys.readouterr().err          # no password, no terminal
    monkeypatch.setenv("DESK_SIP_PASSWORD", "kiosk-pass-2026")
    assert run(["sip2", "add-terminal", "kiosk1", "--desk", "NOPE-1", "--url", url]) == 1
    assert "NOPE-1" in capsys.readouterr().err
    monkeypatch.setenv("DESK_ADMIN_PASSWORD", "wrong")
    assert run(["sip2", "add-terminal", "kiosk1", "--desk", "MAIN-1", "--url", url]) == 1
    assert capsys.readouterr().err.startswith("error:")
    monkeypatch.setenv("DESK_ADMIN_LOGIN", "clerk")
    monkeypatch.setenv("DESK_ADMIN_PASSWORD", small_library.PASSWORDS["clerk"])
    assert run(["sip2", "add-terminal", "kiosk1", "--desk", "MAIN-1", "--url", url]) == 1
    assert "Only an administrator" in capsys.readouterr().err
    assert run(["sip2", "add-terminal", "kiosk1", "--url", url]) == 2   # --desk is required


def test_serve_usage_errors(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["sip2", "serve", "--url", url, "--listen", "nonsense"]) == 2
    assert "HOST:PORT" in capsys.readouterr().err
    assert listen_address("0.0.0.0:6001") == ("0.0.0.0", 6001)
    assert listen_address("[::1]:6001") == ("::1", 6001)
    for bad in ("6001", ":6001", "host:", "host:70000", "host:-1"):
        with pytest.raises(UsageError):
            listen_address(bad)


def test_serve_refuses_half_a_tls_setting(url: str, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DESK_SIP_TLS_CERTIFICATE", "/nonexistent/cert.pem")
    assert run(["sip2", "serve", "--url", url, "--listen", "127.0.0.1:0"]) == 2
    assert "sip_tls_key" in capsys.readouterr().err
