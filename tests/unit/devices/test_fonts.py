"""The CJK font search order: Windows JhengHei/MingLiU, then the installer's font, then Debian."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk.devices import fonts

DEBIAN_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
needs_debian_font = pytest.mark.skipif(not DEBIAN_FONT.is_file(), reason="fonts-wqy-microhei not installed")


def windows(tmp_path: Path, *names: str) -> dict[str, str]:
    """A fake %WINDIR% whose Fonts folder holds the Debian CJK font under the given names."""
    (tmp_path / "Fonts").mkdir(exist_ok=True)
    for name in names:
        (tmp_path / "Fonts" / name).symlink_to(DEBIAN_FONT)
    return {"WINDIR": str(tmp_path)}


@needs_debian_font
def test_windows_prefers_jhenghei(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    environ = windows(tmp_path, "mingliu.ttc", "msjh.ttc")
    assert fonts.find_cjk_font(environ=environ, bundled=tmp_path / "none") == tmp_path / "Fonts" / "msjh.ttc"


@needs_debian_font
def test_windows_falls_back_to_mingliu_then_the_bundled_font(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    environ = windows(tmp_path, "mingliu.ttc")
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / "wqy-microhei.ttc").symlink_to(DEBIAN_FONT)
    assert fonts.find_cjk_font(environ=environ, bundled=bundled) == tmp_path / "Fonts" / "mingliu.ttc"
    (tmp_path / "Fonts" / "mingliu.ttc").unlink()
    assert fonts.find_cjk_font(environ=environ, bundled=bundled) == bundled / "wqy-microhei.ttc"


@needs_debian_font
def test_windows_never_looks_at_debian_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    environ = windows(tmp_path)
    assert not any(str(p).startswith("/usr/share") for p in fonts.font_candidates(environ=environ))
    with pytest.raises(FileNotFoundError, match="msjh.ttc"):
        fonts.find_cjk_font(environ=environ, bundled=tmp_path / "none")


def test_environment_variable_comes_first(tmp_path: Path) -> None:
    chosen = tmp_path / "my.ttf"
    for platform in ("win32", "darwin", "linux"):
        assert fonts.font_candidates(platform, {"DESK_CJK_FONT": str(chosen), "WINDIR": "C:\\Windows"},
                                     tmp_path)[0] == chosen


@needs_debian_font
def test_linux_order_unchanged(tmp_path: Path) -> None:
    assert fonts.find_cjk_font("linux", {}, tmp_path / "none") == DEBIAN_FONT
    assert fonts.font_candidates("darwin", {}, tmp_path / "none")[0] == Path("/System/Library/Fonts/PingFang.ttc")


@needs_debian_font
def test_pdf_slip_with_the_windows_font_extracts_chinese(tmp_path: Path) -> None:
    # A fresh interpreter: reportlab registers the desk's CJK font once per process.
    windows(tmp_path, "msjh.ttc")
    script = f"""
import json, sys
sys.platform = "win32"
from datetime import date, datetime
from desk.devices.fonts import cjk_font_path
from desk.devices.printer.pdf import slip_to_pdf
from desk.devices.slip_builders import hold_slip
slip = hold_slip(library=("國立臺灣大學圖書館", "Main Library"), patron_name="陳大明",
                 card="21234000000422", item_barcode="31234000000016", title="紅樓夢",
                 pickup_location="總圖書館 1F", hold_until=date(2025, 3, 21),
                 when=datetime(2025, 3, 14, 9, 30))
slip_to_pdf(slip, {str(tmp_path / "slip.pdf")!r}, "a4")
print(json.dumps(str(cjk_font_path())))
"""
    env = {k: v for k, v in os.environ.items() if k != "DESK_CJK_FONT"} | {"WINDIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True,
                         env=env, cwd=Path(__file__).resolve().parents[3]).stdout
    assert Path(json.loads(out.strip().splitlines()[-1])) == tmp_path / "Fonts" / "msjh.ttc"
    text = PdfReader(tmp_path / "slip.pdf").pages[0].extract_text()
    for expected in ("國立臺灣大學圖書館", "陳○明", "紅樓夢", "總圖書館"):
        assert expected in text


def test_the_advice_when_no_font_is_found_is_per_platform(tmp_path: Path) -> None:
    empty = tmp_path / "resources" / "fonts"
    with pytest.raises(FileNotFoundError) as raised:
        fonts.find_cjk_font("win32", {"WINDIR": str(tmp_path)}, empty)
    advice = str(raised.value)
    assert "msjh.ttc" in advice and "mingliu.ttc" in advice and str(empty) in advice
    assert "DESK_CJK_FONT" in advice and "fonts-wqy-microhei" not in advice
    linux = fonts.missing_font_message("linux", empty)
    assert "fonts-wqy-microhei" in linux and "msjh" not in linux
    assert "PingFang" in fonts.missing_font_message("darwin", empty)


def test_the_advice_in_chinese() -> None:
    from desk import wording
    wording.set_language("zh_TW")
    try:
        advice = fonts.missing_font_message("win32", Path(r"C:\Program Files\circulation-desk\_internal\resources\fonts"))
    finally:
        wording.set_language("en")
    assert advice.startswith("找不到中文字型") and "微軟正黑體（msjh.ttc）" in advice
    assert r"C:\Program Files\circulation-desk\_internal\resources\fonts" in advice
