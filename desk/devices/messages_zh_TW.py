"""Traditional Chinese for every message of ``desk.devices.messages`` (slips, device states,
scanner / strip / printer errors). The UI installs it with ``set_translator`` when the desk
runs in Chinese; placeholders are the same as in English."""

from __future__ import annotations

from desk.devices import messages as m

ZH_TW: dict[str, str] = {
    m.STATE_CONNECTED: "已連線", m.STATE_ERROR: "錯誤", m.STATE_OFF: "未啟用",
    m.SCAN_EMPTY: "空白掃描。",
    m.SCAN_BINARY: "掃描線路上有無法讀取的位元組（線路雜訊？）：{detail}",
    m.SCAN_NON_PRINTABLE: "掃描內容含控制字元（線路雜訊？）：{detail}",
    m.SCAN_TOO_LONG: "掃描內容過長：{length} 字元，上限 {limit}。",
    m.SCAN_TOO_SHORT: "掃描內容過短：{length} 字元，至少 {limit}。",
    m.SCAN_BAD_CHARACTERS: "掃描內容有非預期字元：{detail}",
    m.SCAN_CHECK_DIGIT: "條碼 {code} 檢查碼錯誤：可能誤讀，請重新掃描。",
    m.SCAN_NO_TERMINATOR: "收到 {length} 位元組但沒有換行：掃描器設定錯誤或線路雜訊。",
    m.SCANNER_OPENING: "正在開啟 {port}",
    m.SCANNER_LISTENING: "正在接收 {port}",
    m.SCANNER_PORT_GONE: "掃描器連接埠 {port} 已中斷（{detail}）；每 {interval:g} 秒重試。",
    m.SCANNER_STOPPED: "掃描器已停止。",
    m.SCANNER_NONE: "未設定序列埠掃描器。",
    m.SCANNER_WEDGE: "鍵盤式掃描器：游標所在處即可讀取掃描。",
    m.STRIP_NONE: "未設定消磁／上磁機。",
    m.STRIP_READY: "消磁機已就緒：{port}",
    m.STRIP_TIMEOUT: "消磁機在 {timeout:g} 秒內沒有回應（已試 {attempts} 次）。",
    m.STRIP_NAK: "消磁機拒絕指令：{reply}",
    m.STRIP_UNEXPECTED: "消磁機回應非預期內容：{reply}",
    m.STRIP_PORT_GONE: "消磁機連接埠 {port} 無法使用：{detail}",
    m.STRIP_NO_CONTROL_LINE: "連接埠 {port} 沒有 {line} 控制線：{detail}",
    m.STRIP_NOT_SUPPORTED: "此消磁機無法{action}。",
    m.STRIP_DUMMY_FAILURE: "模擬的消磁失敗。",
    m.STRIP_DESENSITIZE: "消磁", m.STRIP_RESENSITIZE: "上磁",
    m.PRINTER_NONE: "未設定收據印表機。",
    m.PRINTER_READY: "印表機已就緒：{target}",
    m.PRINTER_OFFLINE: "無法連線到印表機：{detail}",
    m.PRINTER_PAPER_OUT: "印表機缺紙。",
    m.PRINTER_PAPER_LOW: "印表機紙張即將用完。",
    m.PRINTER_COVER_OPEN: "印表機上蓋未關。",
    m.PRINTER_STATUS_UNKNOWN: "此印表機不回報狀態。",
    m.PRINTER_QUEUED: "{count} 張收據等待列印：{detail}",
    m.PRINTER_NO_DRAWER: "此印表機沒有錢櫃連接埠。",
    m.PRINTER_NOTHING_TO_REPRINT: "尚未列印任何收據。",
    m.PRINTER_PDF_WRITTEN: "收據已存為 {path}",
    m.CONFIG_UNKNOWN_KIND: "未知的{device}類型 {kind!r}；應為：{expected}。",
    m.CONFIG_MISSING_KEY: "{device}設定缺少 {key!r}。",
    m.CONFIG_BAD_VALUE: "{device}設定 {key!r} 不正確：{detail}",
    m.CONFIG_INVALID: "{device}設定不正確：{detail}",
    m.DEVICE_UNKNOWN: "沒有名為 {name!r} 的裝置。",
    m.DEVICE_TEST_OK: "測試通過：{detail}",
    m.SLIP_CHECKOUT: "借書單", m.SLIP_CHECKIN: "還書單", m.SLIP_PAYMENT: "繳款收據",
    m.SLIP_HOLD: "預約書條", m.SLIP_TRANSIT: "轉送條", m.SLIP_MANUAL: "人工借還單",
    m.SLIP_TEST: "印表機測試", m.SLIP_PATRON: "讀者", m.SLIP_CARD: "借書證",
    m.SLIP_ITEM: "條碼", m.SLIP_TITLE: "題名", m.SLIP_ACCESSORIES: "附件", m.SLIP_DUE: "到期日", m.SLIP_RETURNED: "還書日",
    m.SLIP_AMOUNT: "金額", m.SLIP_PAID: "已繳", m.SLIP_METHOD: "繳款方式",
    m.SLIP_RECEIPT_NO: "收據號碼", m.SLIP_REASON: "事由", m.SLIP_BALANCE: "尚欠",
    m.SLIP_PICKUP_AT: "取書地點", m.SLIP_HOLD_UNTIL: "保留至", m.SLIP_FROM: "自",
    m.SLIP_TO: "送至", m.SLIP_SLIP_NO: "收據編號", m.SLIP_DESK: "櫃台", m.SLIP_STAFF: "館員",
    m.SLIP_DATE: "日期", m.SLIP_ITEMS_COUNT: "冊數", m.SLIP_FINE: "滯還金",
    m.SLIP_MANUAL_NOTE: "離線記錄；系統恢復後將補登入系統。",
}


def translate(text: str) -> str:
    """``text`` in Traditional Chinese (unchanged when the table has no entry)."""
    return ZH_TW.get(text, text)
