"""Finding a font that has Traditional Chinese, for receipts, PDFs and rendered previews.

Looked for in order: ``$DESK_CJK_FONT``, ``resources/fonts/`` in the source tree, then the Debian
packages ``fonts-wqy-microhei`` (5 MB, the one the desk requires) and ``fonts-noto-cjk``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

RESOURCE_FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
SYSTEM_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """A TrueType/OpenType file with CJK glyphs, or FileNotFoundError saying what to install."""
    candidates: list[Path] = []
    if os.environ.get("DESK_CJK_FONT"):
        candidates.append(Path(os.environ["DESK_CJK_FONT"]))
    if RESOURCE_FONTS.is_dir():
        candidates += sorted(p for p in RESOURCE_FONTS.iterdir() if p.suffix.lower() in (".ttf", ".ttc", ".otf"))
    candidates += SYSTEM_FONTS
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        "No CJK font found: install the Debian package fonts-wqy-microhei, or set DESK_CJK_FONT.")
