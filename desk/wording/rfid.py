"""RFID wording (English, 繁體中文): the tag data model, the reader, the pad, securing tags and
programming them. Part of the one catalogue of ``desk.wording``."""

from __future__ import annotations

RFID_NONE = "rfid_none"
RFID_READY = "rfid_ready"
RFID_STOPPED = "rfid_stopped"
RFID_PORT_GONE = "rfid_port_gone"
RFID_READER_GONE = "rfid_reader_gone"
RFID_TIMEOUT = "rfid_timeout"
RFID_GARBLED = "rfid_garbled"
RFID_TAG_FAILED = "rfid_tag_failed"
RFID_AFI_NOT_KEPT = "rfid_afi_not_kept"
RFID_UNREADABLE = "rfid_unreadable"
RFID_NOT_DANISH = "rfid_not_danish"
RFID_BAD_CRC = "rfid_bad_crc"
RFID_BAD_FIELD = "rfid_bad_field"
RFID_BAD_PARTS = "rfid_bad_parts"
RFID_FIELD_NOT_ASCII = "rfid_field_not_ascii"
RFID_FIELD_TOO_LONG = "rfid_field_too_long"
RFID_NO_IDENTIFIER = "rfid_no_identifier"
RFID_TOO_SHORT = "rfid_too_short"
RFID_READER_VERSION = "rfid_reader_version"
RFID_NOT_ON_PAD = "rfid_not_on_pad"
RFID_PROGRAM_NO_BLANK = "rfid_program_no_blank"
RFID_PROGRAM_MANY = "rfid_program_many"
RFID_PROGRAM_NOT_BLANK = "rfid_program_not_blank"
RFID_PROGRAMMED = "rfid_programmed"
RFID_VERIFY_FAILED = "rfid_verify_failed"

CATALOGUE: dict[str, tuple[str, str]] = {
    RFID_NONE: ("No RFID pad", "未設定 RFID 感應板"),
    RFID_READY: ("RFID pad ready on {port}", "RFID 感應板已就緒：{port}"),
    RFID_STOPPED: ("RFID pad stopped", "RFID 感應板已停止"),
    RFID_PORT_GONE: ("The RFID reader on {port} cannot be used: {detail}",
                     "無法使用 {port} 的 RFID 讀取器：{detail}"),
    RFID_READER_GONE: ("The RFID reader on {port} is not answering ({detail}); trying again "
                       "every {interval:g} s.",
                       "{port} 的 RFID 讀取器沒有回應（{detail}）；每 {interval:g} 秒重試。"),
    RFID_TIMEOUT: ("The RFID reader did not answer within {timeout:g} s.",
                   "RFID 讀取器在 {timeout:g} 秒內沒有回應。"),
    RFID_GARBLED: ("The RFID reader answered something unexpected: {detail}",
                   "RFID 讀取器回應非預期內容：{detail}"),
    RFID_TAG_FAILED: ("Tag {uid} did not answer: it left the pad or is damaged.",
                      "標籤 {uid} 沒有回應：已離開感應板或已損壞。"),
    RFID_AFI_NOT_KEPT: ("Tag {uid} did not keep its security setting (wrote {afi}, read {seen}).",
                        "標籤 {uid} 的防盜設定未寫入成功（寫入 {afi}，讀回 {seen}）。"),
    RFID_UNREADABLE: ("Tag {uid} cannot be read: {detail}", "無法讀取標籤 {uid}：{detail}"),
    RFID_NOT_DANISH: ("This tag is not in the Danish data model (ISO 28560-3; first byte "
                      "{first}). ISO 28560-2 tags are not supported: re-tag the item.",
                      "此標籤不是丹麥資料模型（ISO 28560-3；首位元組 {first}）。不支援 "
                      "ISO 28560-2 標籤，請重新貼標。"),
    RFID_BAD_CRC: ("The tag's data is damaged (check sum {stored}, expected {computed}).",
                   "標籤資料已損壞（檢查碼 {stored}，應為 {computed}）。"),
    RFID_BAD_FIELD: ("The tag's {field} is not valid: {value}", "標籤的 {field} 不正確：{value}"),
    RFID_BAD_PARTS: ("Part {part} of {parts} is not a valid part of a set.",
                     "第 {part} 件（共 {parts} 件）不是有效的套件編號。"),
    RFID_FIELD_NOT_ASCII: ("The tag's {field} may hold only ASCII characters: {value}",
                           "標籤的 {field} 只能使用 ASCII 字元：{value}"),
    RFID_FIELD_TOO_LONG: ("The tag's {field} holds at most {length} printable characters: "
                          "{value}",
                          "標籤的 {field} 最多 {length} 個可列印字元：{value}"),
    RFID_NO_IDENTIFIER: ("The tag has no item identifier.", "標籤沒有資料識別碼。"),
    RFID_TOO_SHORT: ("The tag gave {length} bytes; the data model needs {size}.",
                     "標籤只回傳 {length} 位元組；資料模型需要 {size} 位元組。"),
    RFID_READER_VERSION: ("3M 810 reader {version} on {port}", "3M 810 讀取器 {version}：{port}"),
    RFID_NOT_ON_PAD: ("The tags of {barcode} are not on the pad.",
                      "{barcode} 的標籤不在感應板上。"),
    RFID_PROGRAM_NO_BLANK: ("Put one blank tag on the pad.", "請在感應板上放一張空白標籤。"),
    RFID_PROGRAM_MANY: ("{count} tags are on the pad: leave only the one to write.",
                        "感應板上有 {count} 張標籤：只留下要寫入的那一張。"),
    RFID_PROGRAM_NOT_BLANK: ("The tag on the pad already holds {barcode}.",
                             "感應板上的標籤已寫入 {barcode}。"),
    RFID_PROGRAMMED: ("Tag {uid} now carries {barcode}, part {part} of {parts}.",
                      "標籤 {uid} 已寫入 {barcode}（第 {part} 件，共 {parts} 件）。"),
    RFID_VERIFY_FAILED: ("Tag {uid} read back differently from what was written.",
                         "標籤 {uid} 讀回的資料與寫入的不同。"),
}
