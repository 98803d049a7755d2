"""Finding a font that has Traditional Chinese, for receipts, PDFs and rendered previews.

One search order, the first file that exists wins:

1. ``$DESK_CJK_FONT`` (a path to a .ttf/.ttc/.otf file);
2. the system's own Traditional Chinese fonts — on Windows Microsoft JhengHei (微軟正黑體,
   ``%WINDIR%\\Fonts\\msjh.ttc``, ``msjh.ttf`` before Windows 8) then MingLiU (細明體,
   ``mingliu.ttc``); on macOS PingFang, then Heiti TC; none on Linux;
3. the fonts the installer ships: ``resources/fonts/`` in the source tree or in the PyInstaller
   bundle (``build_installer.spec`` copies ``resources/`` whole);
4. on Linux, the Debian packages ``fonts-wqy-microhei`` (5 MB, the one the desk requires),
   ``fonts-noto-cjk`` and ``fonts-wqy-zenhei``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from desk.wording import devices as messages
from desk.wording import text as tr

FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
WINDOWS_FONTS = ("msjh.ttc", "msjh.ttf", "mingliu.ttc")
MACOS_FONTS = (
    Path("/System/Library/Fonts/PingFang.ttc"),
    Path("/System/Library/Fonts/STHeiti Medium.ttc"),
    Path("/System/Library/Fonts/STHeiti Light.ttc"),
)
LINUX_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)


def bundled_fonts_dir() -> Path:
    """``resources/fonts`` next to the package, or inside the PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)   # set by PyInstaller only
    root = Path(frozen) if frozen else Path(__file__).resolve().parents[2]
    return root / "resources" / "fonts"


RESOURCE_FONTS = bundled_fonts_dir()


def system_fonts(platform: str, environ: Mapping[str, str]) -> list[Path]:
    """The platform's own Traditional Chinese fonts, preferred first (step 2 of the order)."""
    if platform == "win32":
        fonts_dir = Path(environ.get("WINDIR") or environ.get("SYSTEMROOT") or r"C:\Windows") / "Fonts"
        return [fonts_dir / name for name in WINDOWS_FONTS]
    if platform == "darwin":
        return list(MACOS_FONTS)
    return []


def font_candidates(platform: str | None = None, environ: Mapping[str, str] | None = None,
                    bundled: Path | None = None) -> list[Path]:
    """Every place looked at, in the documented order (the module docstring)."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    bundled = RESOURCE_FONTS if bundled is None else bundled
    candidates: list[Path] = []
    if environ.get("DESK_CJK_FONT"):
        candidates.append(Path(environ["DESK_CJK_FONT"]))
    candidates += system_fonts(platform, environ)
    if bundled.is_dir():
        candidates += sorted(p for p in bundled.iterdir() if p.suffix.lower() in FONT_SUFFIXES)
    if platform.startswith("linux"):
        candidates += LINUX_FONTS
    return candidates


def find_cjk_font(platform: str | None = None, environ: Mapping[str, str] | None = None,
                  bundled: Path | None = None) -> Path:
    """The first candidate that is a file, or FileNotFoundError saying what to install."""
    platform = sys.platform if platform is None else platform
    for candidate in font_candidates(platform, environ, bundled):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(missing_font_message(platform, bundled))


def missing_font_message(platform: str | None = None, bundled: Path | None = None) -> str:
    """What to do when no CJK font is found, for this platform, in the user's language: the
    Windows fonts or the installer's font folder on Windows, the Debian package on Linux."""
    platform = sys.platform if platform is None else platform
    advice = {"win32": messages.FONT_ADVICE_WINDOWS, "darwin": messages.FONT_ADVICE_MACOS}.get(
        platform, messages.FONT_ADVICE_LINUX)
    folder = RESOURCE_FONTS if bundled is None else bundled
    return tr(messages.FONT_MISSING, advice=tr(advice, folder=folder))


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """A TrueType/OpenType file with CJK glyphs, or FileNotFoundError saying what to install."""
    return find_cjk_font()
