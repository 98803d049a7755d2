"""Patron-record wording (English, 繁體中文): the patron's photo (SOP 5.3.1) and proxies
(SOP 5.3.2) — refusals, and the names of their audit actions.

Part of the one catalogue of ``desk.wording``.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "photo_not_image": ("The photo is not a JPEG or PNG image.",
                        "照片不是 JPEG 或 PNG 圖檔。"),
    "photo_too_big": ("The photo is {size:,} bytes; at most {limit:,} bytes are kept.",
                      "照片大小 {size:,} 位元組，上限為 {limit:,} 位元組。"),
    "photo_too_small": ("The photo is only {size} bytes: not a whole image.",
                        "照片只有 {size} 位元組：不是完整的圖檔。"),
    "photo_bad_size": ("The photo is {width}×{height} pixels; it must be 16 to {limit} pixels "
                       "on each side (the desk scales it when taken or loaded).",
                       "照片為 {width}×{height} 像素；每邊須介於 16 至 {limit} 像素（由櫃台"
                       "拍攝或載入時會自動縮放）。"),
    "proxy_self": ("A patron cannot be their own proxy.", "讀者不能委託自己代借。"),
    "proxy_exists": ("{proxy} is already a proxy for {patron}.",
                     "{proxy} 已是 {patron} 的代借人。"),
    "proxy_until_past": ("The authorisation cannot end in the past ({until}).",
                         "委託期限不可早於今天（{until}）。"),
    "proxy_not_found": ("No current proxy authorisation {proxy_id}.",
                        "查無有效的代借委託 {proxy_id}。"),
}
ACTION_NAMES: dict[str, tuple[str, str]] = {
    "set_patron_photo": ("photo set", "設定照片"),
    "add_proxy": ("proxy registered", "登記代借人"),
    "end_proxy": ("proxy ended", "終止代借"),
}
