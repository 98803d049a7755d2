"""Device wording (English, 繁體中文): device states, scanner, security strip and printer
messages, configuration errors and the labels of printed slips.

Part of the one catalogue of ``desk.wording``: the device layer calls ``desk.wording.text``
with these codes (``text(SCAN_TOO_LONG, length=40, limit=32)``). Placeholders use
``str.format`` names.
"""

from __future__ import annotations

# Device states, as shown in the status area.
STATE_CONNECTED = "state_connected"
STATE_ERROR = "state_error"
STATE_OFF = "state_off"

# Scanner.
SCAN_EMPTY = "scan_empty"
SCAN_BINARY = "scan_binary"
SCAN_NON_PRINTABLE = "scan_non_printable"
SCAN_TOO_LONG = "scan_too_long"
SCAN_TOO_SHORT = "scan_too_short"
SCAN_BAD_CHARACTERS = "scan_bad_characters"
SCAN_CHECK_DIGIT = "scan_check_digit"
SCAN_NO_TERMINATOR = "scan_no_terminator"
SCANNER_OPENING = "scanner_opening"
SCANNER_LISTENING = "scanner_listening"
SCANNER_PORT_GONE = "scanner_port_gone"
SCANNER_STOPPED = "scanner_stopped"
SCANNER_NONE = "scanner_none"
SCANNER_WEDGE = "scanner_wedge"

# Security strip.
STRIP_NONE = "strip_none"
STRIP_READY = "strip_ready"
STRIP_TIMEOUT = "strip_timeout"
STRIP_NAK = "strip_nak"
STRIP_UNEXPECTED = "strip_unexpected"
STRIP_PORT_GONE = "strip_port_gone"
STRIP_NO_CONTROL_LINE = "strip_no_control_line"
STRIP_NOT_SUPPORTED = "strip_not_supported"
STRIP_DUMMY_FAILURE = "strip_dummy_failure"
STRIP_DESENSITIZE = "strip_desensitize"
STRIP_RESENSITIZE = "strip_resensitize"

# Printer.
PRINTER_NONE = "printer_none"
PRINTER_READY = "printer_ready"
PRINTER_OFFLINE = "printer_offline"
PRINTER_PAPER_OUT = "printer_paper_out"
PRINTER_PAPER_LOW = "printer_paper_low"
PRINTER_COVER_OPEN = "printer_cover_open"
PRINTER_STATUS_UNKNOWN = "printer_status_unknown"
PRINTER_QUEUED = "printer_queued"
PRINTER_NO_DRAWER = "printer_no_drawer"
PRINTER_NOTHING_TO_REPRINT = "printer_nothing_to_reprint"
PRINTER_PDF_WRITTEN = "printer_pdf_written"
PRINTER_WIN32_UNAVAILABLE = "printer_win32_unavailable"

# Fonts.
FONT_MISSING = "font_missing"
FONT_ADVICE_WINDOWS = "font_advice_windows"
FONT_ADVICE_MACOS = "font_advice_macos"
FONT_ADVICE_LINUX = "font_advice_linux"

# Configuration.
CONFIG_UNKNOWN_KIND = "config_unknown_kind"
CONFIG_MISSING_KEY = "config_missing_key"
CONFIG_BAD_VALUE = "config_bad_value"
CONFIG_INVALID = "config_invalid"
DEVICE_UNKNOWN = "device_unknown"
DEVICE_TEST_OK = "device_test_ok"

# Slip labels.
SLIP_CHECKOUT = "slip_checkout"
SLIP_CHECKIN = "slip_checkin"
SLIP_RENEWAL = "slip_renewal"
SLIP_PREVIOUS_DUE = "slip_previous_due"
SLIP_NEW_DUE = "slip_new_due"
SLIP_PAYMENT = "slip_payment"
SLIP_HOLD = "slip_hold"
SLIP_TRANSIT = "slip_transit"
SLIP_MANUAL = "slip_manual"
SLIP_TEST = "slip_test"
SLIP_PATRON = "slip_patron"
SLIP_CARD = "slip_card"
SLIP_ITEM = "slip_item"
SLIP_TITLE = "slip_title"
SLIP_ACCESSORIES = "slip_accessories"
SLIP_DUE = "slip_due"
SLIP_RETURNED = "slip_returned"
SLIP_AMOUNT = "slip_amount"
SLIP_PAID = "slip_paid"
SLIP_METHOD = "slip_method"
SLIP_RECEIPT_NO = "slip_receipt_no"
SLIP_REASON = "slip_reason"
SLIP_BALANCE = "slip_balance"
SLIP_PICKUP_AT = "slip_pickup_at"
SLIP_HOLD_UNTIL = "slip_hold_until"
SLIP_FROM = "slip_from"
SLIP_TO = "slip_to"
SLIP_SLIP_NO = "slip_slip_no"
SLIP_DESK = "slip_desk"
SLIP_STAFF = "slip_staff"
SLIP_DATE = "slip_date"
SLIP_ITEMS_COUNT = "slip_items_count"
SLIP_FINE = "slip_fine"
SLIP_MANUAL_NOTE = "slip_manual_note"
SLIP_TEMPORARY_CARD = "slip_temporary_card"
SLIP_EXPIRES = "slip_expires"
SLIP_REPLACES = "slip_replaces"
SLIP_TEMPORARY_CARD_NOTE = "slip_temporary_card_note"
SLIP_DEPOSIT_REFUND = "slip_deposit_refund"
SLIP_DEPOSIT_RECEIPT = "slip_deposit_receipt"
SLIP_REFUNDED = "slip_refunded"
SLIP_APPROVED_BY = "slip_approved_by"
SLIP_CARD_CLOSED_NOTE = "slip_card_closed_note"

CATALOGUE: dict[str, tuple[str, str]] = {
    # Device states, as shown in the status area.
    STATE_CONNECTED: ("Connected", "已連線"),
    STATE_ERROR: ("Error", "錯誤"),
    STATE_OFF: ("Off", "未啟用"),

    # Scanner.
    SCAN_EMPTY: ("Empty scan.", "空白掃描。"),
    SCAN_BINARY: ("Unreadable bytes on the scanner line (line noise?): {detail}",
                  "掃描線路上有無法讀取的位元組（線路雜訊？）：{detail}"),
    SCAN_NON_PRINTABLE: ("Control characters in the scan (line noise?): {detail}",
                         "掃描內容含控制字元（線路雜訊？）：{detail}"),
    SCAN_TOO_LONG: ("Scan too long: {length} characters, at most {limit}.",
                    "掃描內容過長：{length} 字元，上限 {limit}。"),
    SCAN_TOO_SHORT: ("Scan too short: {length} characters, at least {limit}.",
                     "掃描內容過短：{length} 字元，至少 {limit}。"),
    SCAN_BAD_CHARACTERS: ("Unexpected characters in the scan: {detail}", "掃描內容有非預期字元：{detail}"),
    SCAN_CHECK_DIGIT: ("Barcode {code} has a wrong check digit: misread, please scan again.",
                       "條碼 {code} 檢查碼錯誤：可能誤讀，請重新掃描。"),
    SCAN_NO_TERMINATOR: ("{length} bytes without an end-of-line: scanner misconfigured or line noise.",
                         "收到 {length} 位元組但沒有換行：掃描器設定錯誤或線路雜訊。"),
    SCANNER_OPENING: ("Opening {port}", "正在開啟 {port}"),
    SCANNER_LISTENING: ("Listening on {port}", "正在接收 {port}"),
    SCANNER_PORT_GONE: ("Scanner port {port} is gone ({detail}); retrying every {interval:g} s.",
                        "掃描器連接埠 {port} 已中斷（{detail}）；每 {interval:g} 秒重試。"),
    SCANNER_STOPPED: ("Scanner stopped.", "掃描器已停止。"),
    SCANNER_NONE: ("No serial scanner configured.", "未設定序列埠掃描器。"),
    SCANNER_WEDGE: ("Keyboard-wedge scanner: scans are read wherever the cursor is.",
                    "鍵盤式掃描器：游標所在處即可讀取掃描。"),

    # Security strip.
    STRIP_NONE: ("No security-strip unit configured.", "未設定消磁／上磁機。"),
    STRIP_READY: ("Strip unit ready on {port}", "消磁機已就緒：{port}"),
    STRIP_TIMEOUT: ("The strip unit did not answer within {timeout:g} s ({attempts} attempts).",
                    "消磁機在 {timeout:g} 秒內沒有回應（已試 {attempts} 次）。"),
    STRIP_NAK: ("The strip unit refused the command: {reply}", "消磁機拒絕指令：{reply}"),
    STRIP_UNEXPECTED: ("The strip unit answered something unexpected: {reply}",
                       "消磁機回應非預期內容：{reply}"),
    STRIP_PORT_GONE: ("The strip unit's port {port} cannot be used: {detail}",
                      "消磁機連接埠 {port} 無法使用：{detail}"),
    STRIP_NO_CONTROL_LINE: ("Port {port} has no {line} control line: {detail}",
                            "連接埠 {port} 沒有 {line} 控制線：{detail}"),
    STRIP_NOT_SUPPORTED: ("This strip unit cannot {action}.", "此消磁機無法{action}。"),
    STRIP_DUMMY_FAILURE: ("Simulated strip failure.", "模擬的消磁失敗。"),
    STRIP_DESENSITIZE: ("desensitize", "消磁"),
    STRIP_RESENSITIZE: ("resensitize", "上磁"),

    # Printer.
    PRINTER_NONE: ("No receipt printer configured.", "未設定單據印表機。"),
    PRINTER_READY: ("Printer ready: {target}", "印表機已就緒：{target}"),
    PRINTER_OFFLINE: ("The printer cannot be reached: {detail}", "無法連線到印表機：{detail}"),
    PRINTER_PAPER_OUT: ("The printer is out of paper.", "印表機缺紙。"),
    PRINTER_PAPER_LOW: ("Printer paper is running low.", "印表機紙張即將用完。"),
    PRINTER_COVER_OPEN: ("The printer cover is open.", "印表機上蓋未關。"),
    PRINTER_STATUS_UNKNOWN: ("This printer does not report its status.", "此印表機不回報狀態。"),
    PRINTER_QUEUED: ("{count} slip(s) waiting to print: {detail}", "{count} 張單據等待列印：{detail}"),
    PRINTER_NO_DRAWER: ("This printer has no cash drawer port.", "此印表機沒有錢櫃連接埠。"),
    PRINTER_NOTHING_TO_REPRINT: ("No slip has been printed yet.", "尚未列印任何單據。"),
    PRINTER_PDF_WRITTEN: ("Slip saved as {path}", "單據已存為 {path}"),
    PRINTER_WIN32_UNAVAILABLE: (
        "The Windows printer {printer!r} cannot be used here: printing to a Windows printer "
        "queue needs Windows with the pywin32 package.",
        "無法使用 Windows 印表機 {printer!r}：列印到 Windows 印表機佇列需要 Windows 及 pywin32 套件。"),

    # Fonts.
    FONT_MISSING: ("No Chinese font found: Chinese text may not show or print. {advice}",
                   "找不到中文字型：中文可能無法顯示或列印。{advice}"),
    FONT_ADVICE_WINDOWS: (
        "Install Microsoft JhengHei (msjh.ttc) or MingLiU (mingliu.ttc) in the Windows Fonts "
        "folder, put a .ttf/.ttc font in {folder}, or set "
        "DESK_CJK_FONT to a font file.",
        "請在 Windows 字型資料夾安裝微軟正黑體（msjh.ttc）或細明體（mingliu.ttc），"
        "或將 .ttf/.ttc 字型放入 {folder}，或將 DESK_CJK_FONT 設為字型檔路徑。"),
    FONT_ADVICE_MACOS: (
        "Install PingFang or Heiti TC, put a .ttf/.ttc font in {folder}, "
        "or set DESK_CJK_FONT to a font file.",
        "請安裝蘋方或黑體-繁，或將 .ttf/.ttc 字型放入 {folder}，"
        "或將 DESK_CJK_FONT 設為字型檔路徑。"),
    FONT_ADVICE_LINUX: (
        "Install the Debian package fonts-wqy-microhei (apt-get install fonts-wqy-microhei), "
        "put a .ttf/.ttc font in {folder}, or set DESK_CJK_FONT to a font file.",
        "請安裝 Debian 套件 fonts-wqy-microhei（apt-get install fonts-wqy-microhei），"
        "或將 .ttf/.ttc 字型放入 {folder}，或將 DESK_CJK_FONT 設為字型檔路徑。"),

    # Configuration.
    CONFIG_UNKNOWN_KIND: ("Unknown {device} kind {kind!r}; expected one of: {expected}.",
                          "未知的{device}類型 {kind!r}；應為：{expected}。"),
    CONFIG_MISSING_KEY: ("The {device} settings need {key!r}.", "{device}設定缺少 {key!r}。"),
    CONFIG_BAD_VALUE: ("The {device} setting {key!r} is not valid: {detail}",
                       "{device}設定 {key!r} 不正確：{detail}"),
    CONFIG_INVALID: ("The {device} settings are not valid: {detail}", "{device}設定不正確：{detail}"),
    DEVICE_UNKNOWN: ("No device called {name!r}.", "沒有名為 {name!r} 的裝置。"),
    DEVICE_TEST_OK: ("Test passed: {detail}", "測試通過：{detail}"),

    # Slip labels.
    SLIP_CHECKOUT: ("Checkout", "借書單"),
    SLIP_CHECKIN: ("Checkin", "還書單"),
    SLIP_RENEWAL: ("Renewal", "續借單"),
    SLIP_PREVIOUS_DUE: ("Was due", "原到期日"),
    SLIP_NEW_DUE: ("Now due", "新到期日"),
    SLIP_PAYMENT: ("Payment receipt", "繳款收據"),
    SLIP_HOLD: ("Hold", "預約書條"),
    SLIP_TRANSIT: ("Transit", "轉送條"),
    SLIP_MANUAL: ("Manual-circulation receipt", "人工借還單"),
    SLIP_TEST: ("Printer test", "印表機測試"),
    SLIP_PATRON: ("Patron", "讀者"),
    SLIP_CARD: ("Card", "借書證"),
    SLIP_ITEM: ("Item", "條碼"),
    SLIP_TITLE: ("Title", "題名"),
    SLIP_ACCESSORIES: ("Accessories", "附件"),
    SLIP_DUE: ("Due", "到期日"),
    SLIP_RETURNED: ("Returned", "還書日"),
    SLIP_AMOUNT: ("Amount", "金額"),
    SLIP_PAID: ("Paid", "已繳"),
    SLIP_METHOD: ("Method", "繳款方式"),
    SLIP_RECEIPT_NO: ("Receipt no.", "收據號碼"),
    SLIP_REASON: ("For", "事由"),
    SLIP_BALANCE: ("Balance", "尚欠"),
    SLIP_PICKUP_AT: ("Pick up at", "取書地點"),
    SLIP_HOLD_UNTIL: ("Hold until", "保留至"),
    SLIP_FROM: ("From", "自"),
    SLIP_TO: ("To", "送至"),
    SLIP_SLIP_NO: ("Slip no.", "借還單號"),
    SLIP_DESK: ("Desk", "櫃台"),
    SLIP_STAFF: ("Staff", "館員"),
    SLIP_DATE: ("Date", "日期"),
    SLIP_ITEMS_COUNT: ("Items", "冊數"),
    SLIP_FINE: ("Fine", "滯還金"),
    SLIP_MANUAL_NOTE: ("Recorded offline; it will be entered when the system is back.",
                       "離線記錄；系統恢復後將補登入系統。"),
    SLIP_TEMPORARY_CARD: ("Temporary library card", "臨時借書證"),
    SLIP_EXPIRES: ("Valid until", "有效期限"),
    SLIP_REPLACES: ("Replaces card", "取代原借書證"),
    SLIP_TEMPORARY_CARD_NOTE: ("Show this slip at the counter until the new card is ready; "
                               "the old card can no longer be used.",
                               "新證製作完成前請持本單借書；原借書證已停用。"),
    SLIP_DEPOSIT_REFUND: ("Deposit refund", "保證金退還收據"),
    SLIP_DEPOSIT_RECEIPT: ("Deposit receipt no.", "原保證金收據號碼"),
    SLIP_REFUNDED: ("Refunded", "退還金額"),
    SLIP_APPROVED_BY: ("Approved by", "核可主管"),
    SLIP_CARD_CLOSED_NOTE: ("This card is closed and lends no more. Keep this slip as the "
                            "receipt for the refunded deposit.",
                            "此借書證已停用，不再借書。本單為保證金退還收據，請妥善保存。"),
}
