"""Self-check (SIP2) wording (English, 繁體中文): the screen messages (AF) a self-check machine
shows the patron, and the names of the terminals' audit actions.

Part of the one catalogue of ``desk.wording``. The SIP2 server renders these in the patron's
language (``desk.sip2.language``), whatever the server's own language is.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "sip_offline": ("The library system is not available: please use the counter.",
                    "圖書館系統暫停服務，請至櫃台辦理。"),
    "sip_failed": ("This could not be done here: please ask at the counter.",
                   "無法在此辦理，請洽櫃台。"),
    "sip_checked_out": ("{title}: due {due}.", "{title}：應還日期 {due}。"),
    "sip_checked_in": ("{title}: returned.", "{title}：已歸還。"),
    "sip_to_holds_shelf": ("Reserved for another reader: put it in the hold bin.",
                           "此書已有讀者預約，請放入預約書回收箱。"),
    "sip_to_transit": ("To be sent to {place}: put it in the sorting bin.",
                       "此書需送至{place}，請放入分類回收箱。"),
    "sip_to_staff": ("Please hand this item to the counter.", "請將此書交給櫃台。"),
    "sip_collect_id": ("Your ID left at the counter for this book is there: please collect it.",
                       "您借閱此書時留置於櫃台的證件，請至櫃台取回。"),
    "sip_renewed": ("{title}: renewed, due {due}.", "{title}：已續借，應還日期 {due}。"),
    "sip_renewed_count": ("{renewed} renewed, {unrenewed} not renewed.",
                          "續借 {renewed} 冊，{unrenewed} 冊未能續借。"),
    "sip_fee_paid": ("Paid {amount}, receipt {receipt}.", "已繳 {amount}，收據號碼 {receipt}。"),
    "sip_amount_invalid": ("{value} is not an amount of money.", "{value} 不是有效的金額。"),
    "sip_currency_wrong": ("This library takes {expected}, not {given}.",
                           "本館收費幣別為 {expected}，不接受 {given}。"),
    "sip_hold_placed": ("{title}: reserved for you.", "{title}：預約完成。"),
    "sip_not_your_loan": ("{title} is not on loan to this card.", "{title} 並非此借書證所借。"),
    "sip_welcome": ("Welcome, {name}.", "{name} 您好。"),
    "sip_session_ended": ("Thank you. Goodbye.", "謝謝您，再見。"),
    "sip_institution_wrong": ("Institution {given} is not this library.",
                              "機構代碼 {given} 不是本館。"),
    "sip_not_supported": ("This machine cannot do that here: please ask at the counter.",
                          "本機無法辦理此項服務，請洽櫃台。"),
    "sip_card_retained": ("The machine kept card {barcode}: {message}",
                          "自助機已留置借書證 {barcode}：{message}"),
    # python -m desk sip2 add-terminal
    "sip_password_missing": ("Give the terminal's password in DESK_SIP_PASSWORD (no terminal "
                             "to ask it on).", "請以 DESK_SIP_PASSWORD 提供自助借還書機的密碼（無法在終端機詢問）。"),
    "sip_password_prompt": ("Password for self-check terminal {login}: ",
                            "自助借還書機 {login} 的密碼："),
    "sip_needs_admin": ("Adding a self-check terminal needs an administrator.",
                        "新增自助借還書機需由系統管理者登入。"),
    "sip_terminal_added": ("Self-check terminal {login} added for desk {desk} ({encoding}).",
                           "已新增自助借還書機 {login}，隸屬櫃台 {desk}（編碼 {encoding}）。"),
    # a reason in the audit of sign-ins
    "wrong_account_kind": ("A self-check terminal's account cannot sign in at a desk, nor a "
                           "staff account at a self-check machine.",
                           "自助借還書機帳號不能登入櫃台，館員帳號也不能登入自助借還書機。"),
}

ACTION_NAMES: dict[str, tuple[str, str]] = {
    "terminal_added": ("self-check terminal added", "新增自助借還書機"),
    "sip_login": ("self-check terminal signed in", "自助借還書機登入"),
}
