"""The settings' explanations in Traditional Chinese (the Settings dialog's tooltips).

Each setting is declared once, with its English doc, in ``desk.configdata``; this is only the
Chinese of that doc, by setting name. ``setting_doc`` gives the doc in the current language (the
English one where no Chinese is written yet, so nothing is ever left without a doc)."""

from __future__ import annotations

from desk.wording.language import language

DOCS_ZH: dict[str, str] = {
    "database_url": "圖書館資料庫的 SQLAlchemy 網址。空白：使用者資料夾中的內建 SQLite 檔案。"
                    "多個櫃台共用同一個 PostgreSQL 網址，例如 postgresql+psycopg://desk@dbhost/library。",
    "desk": "本流通櫃台的代碼（新增櫃台時所定的代碼）。",
    "language": "介面語言：「system」依作業系統的語言設定。",
    "idle_lock_minutes": "超過此分鐘數沒有按鍵、滑鼠或掃描，櫃台即顯示鎖定畫面；畫面下的服務保留，"
                         "鎖定時不接受掃描。原館員輸入密碼即可繼續；其他館員在此登入則結束該次服務並接手櫃台。"
                         "0：不鎖定。",
    "scanner_prefix": "掃描器在每個條碼前送出的字元；會被去除。",
    "scanner_suffix": "掃描器在每個條碼後送出的字元；會被去除。",
    "scanner_strip_aim": "去除掃描器加在每個條碼前的 AIM 條碼類型識別碼（]C1、]E0 …），"
                         "鍵盤式與序列埠掃描器皆適用。",
    "patron_pattern": "分辨借書證與館藏條碼的規則運算式。",
    "item_pattern": "館藏條碼的規則運算式。",
    "wedge_max_interval_ms": "鍵盤式掃描器一次掃描中，兩個字元之間最長的間隔。",
    "wedge_min_length": "視為掃描（而非人工輸入）的最短字元數。",
    "duplicate_scan_ms": "在此時間內重複掃描同一條碼，只處理一次。",
    "sounds": "每次掃描的結果都播放提示音。",
    "backup_dir": "資料庫備份的資料夾：最好是另一顆硬碟或網路磁碟。空白：使用者資料夾中的「backups」資料夾。",
    "backup_every_hours": "資料夾中最新的備份超過此時數（每隔幾分鐘檢查一次）時，以及每次日結後，櫃台自動備份。"
                          "0：只在日結後及手動（「python -m desk backup」）備份。",
    "backup_max_age_hours": "最近一次成功的備份超過此時數，狀態列即提出警示。0：不警示。",
    "backup_keep_daily": "保留的備份：最近幾天中每天最新的一份。",
    "backup_keep_weekly": "另外保留的備份：最近幾週中每週最新的一份。",
    "scanner_device": "條碼掃描器：「wedge」（鍵盤式，如同鍵盤輸入）、「none」（不使用），或 RS-232 / "
                      "USB CDC-ACM 掃描器的序列埠（Windows 為 COM3，Linux 為 /dev/ttyACM0，或任何 pyserial 網址）。",
    "scanner_baud": "序列埠掃描器的鮑率。",
    "scanner_terminator": "序列埠掃描器每次掃描的結尾字元。",
    "strip_device": "磁條設備：「none」（不使用）；以指令字串控制的設備填序列埠（Windows 為 COM3，Linux 為 "
                    "/dev/ttyUSB0）；以控制線脈衝觸發的設備填「rts:PORT」或「dtr:PORT」（例如 rts:COM3）。",
    "strip_desensitize_command": "消磁指令（序列埠設備）；可用 \\r、\\n、\\x02 等跳脫字元。",
    "strip_resensitize_command": "上磁指令（序列埠設備）；可用跳脫字元。",
    "strip_ack": "序列埠磁條設備完成時的回應。",
    "strip_nak": "序列埠磁條設備拒絕時的回應（空白：無）。",
    "strip_timeout_ms": "等候磁條設備回應的時間。",
    "strip_retries": "設備沒有回應時，重送指令的次數。",
    "strip_pulse_ms": "控制線脈衝的長度（rts: / dtr: 設備）。",
    "printer_device": "單據印表機：「none」（單據只顯示在畫面上）、tcp://HOST:9100（網路 ESC/POS）、序列埠 "
                      "ESC/POS 印表機（Windows 為 COM3，Linux 為 serial:///dev/ttyUSB0）、win32raw:NAME（直接送到 "
                      "Windows 印表機佇列 NAME，含錢櫃）、file:///dev/usb/lp0、pdf:///資料夾（每張單據存成 PDF）、"
                      "system（系統預設印表機）或 system:NAME（指定的系統印表機）。",
    "printer_cjk": "ESC/POS 印表機列印中文的方式：「raster」（以圖像列印，任何印表機皆可）或「big5」"
                   "（印表機內建的 Big5 字型）。",
    "slip_header": "每張單據最上方列印的文字（館名、分館、地址）。",
    "notices_send_every_minutes": "櫃台在背景定時寄出待寄的讀者通知。0：不寄送（改用「python -m desk notices "
                                  "send」，例如由 cron 執行）。",
    "smtp_host": "寄送通知的郵件伺服器（例如 smtp.example.edu.tw）。空白：不寄電子郵件，通知留在待寄區。",
    "smtp_port": "郵件伺服器的連接埠：STARTTLS 用 587，SSL 用 465，一般轉寄用 25。",
    "smtp_tls": "加密方式：「starttls」（連線後升級加密）、「ssl」（一開始即用 TLS）或「none」（僅限本機轉寄）。",
    "smtp_user": "郵件伺服器的帳號（空白：不需驗證）。",
    "notice_from": "通知的寄件者，例如 圖書館 <library@example.edu.tw>。",
    "notice_library_name": "每封通知末尾的署名（空白：使用單據表頭的第一行）。",
    "notice_courtesy_days": "到期前幾天寄送到期提醒。0：不寄送。",
    "notices_pdf_dir": "沒有電子郵件的讀者，其紙本通知的存放資料夾（每次一個 PDF）。空白：使用者資料夾中的"
                       "「notices」資料夾。",
    "sound_volume": "掃描結果提示音的音量，百分比（0 至 100）。",
    "flash": "拒絕借還時畫面閃紅光一下（注意書本時眼角也看得到）。",
    "text_size_percent": "櫃台所有文字的大小，百分比（100 至 200）：眼睛疲勞或離螢幕較遠時放大。",
    "high_contrast": "高對比色彩：黑白畫面，動向提示除圖示、文字與聲音外，也以邊框區分（不只靠顏色）。",
    "rfid_device": "RFID 感應板（3M 810 ISO 15693 讀取器）：「none」表示沒有，或其序列埠"
                   "（Windows 為 COM3，Linux 為 /dev/ttyUSB0，socket://主機:埠，或任何 pyserial 網址）。",
    "rfid_afi_in_library": "還書時寫入標籤的 AFI 值（通過門禁會警報）：預設 7（0x07）。",
    "rfid_afi_on_loan": "借書時寫入標籤的 AFI 值（門禁放行）：預設 194（0xC2）。",
    "rfid_timeout_ms": "等候 RFID 讀取器回應的時間（毫秒）。",
    "rfid_retries": "RFID 讀取器的請求、或寫入後讀回不符的防盜設定，重試的次數。",
    "rfid_poll_ms": "多久詢問一次感應板上有哪些標籤（毫秒）。",
    "rfid_country": "寫入新標籤的國別代碼（ISO 3166 兩個字母；空白：不寫）。",
    "rfid_isil": "寫入新標籤的圖書館 ISIL 代碼，最多 9 個字元（例如 TW-NKUST）。",
}


def setting_doc(name: str, english: str) -> str:
    """The doc of setting ``name`` in the current language (``english`` is configdata's)."""
    if language() == "zh_TW":
        return DOCS_ZH.get(name, english)
    return english
