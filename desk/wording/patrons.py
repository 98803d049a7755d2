"""Patron registration and maintenance wording (English, 繁體中文): refusals of
``register_patron``, ``update_patron``, ``extend_patron`` and ``close_card``, what a
guarantor's standing says, and the audit actions' names.

Part of the one catalogue of ``desk.wording``; codes are stable, wording may change.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "category_unknown": ("No patron category {category}.", "查無讀者類型 {category}。"),
    "field_required": ("{field} is required for a {category} card.",
                       "{category}辦證必須填寫{field}。"),
    "email_invalid": ("{value} is not an e-mail address (name@example.edu).",
                      "{value} 不是有效的電子郵件地址（例：name@example.edu）。"),
    "phone_invalid": ("{value} is not a phone number (digits, spaces, -, +, ( ) and # only; "
                      "at least 6 digits).",
                      "{value} 不是有效的電話號碼（限數字、空格、-、+、( ) 與 #，至少 6 位數字）。"),
    "birth_date_in_future": ("The birth date {day} is in the future.",
                             "出生日期 {day} 晚於今天。"),
    "expiry_in_past": ("The expiry date {day} is already past.", "有效期限 {day} 已過。"),
    "registration_check_required": (
        "Check the registration first ({category}: registered this term or employed, in the "
        "campus system), then tick \"Registration checked\".",
        "請先至公用查詢系統查核{category}身分（學生本學期已註冊、教職員工在職），再勾選「已查核身分」。"),
    "guarantor_or_deposit_required": (
        "The {category} card needs a guarantor (a patron in good standing) or a deposit of "
        "{amount}.",
        "{category}辦證需有保證人（借閱狀態良好的讀者）或繳交押金 {amount}。"),
    "guarantor_not_found": ("No patron has card {barcode} to stand guarantor.",
                            "查無借書證 {barcode}，無法擔任保證人。"),
    "guarantor_not_in_good_standing": (
        "{name} ({barcode}) cannot stand guarantor: {why}.",
        "{name}（{barcode}）不能擔任保證人：{why}。"),
    "guarantor_not_allowed": ("The {category} card takes no guarantor.",
                              "{category}辦證不需要保證人。"),
    "deposit_too_small": ("The deposit for a {category} card is {amount}.",
                          "{category}辦證押金為 {amount}。"),
    "deposit_method_required": ("Choose how the deposit is paid.", "請選擇押金繳款方式。"),
    "deposit_not_allowed": ("The {category} card takes no deposit.", "{category}辦證不收押金。"),
    "patron_duplicate": (
        "Perhaps already registered: {name} ({barcode}), the same {what}. Check the record; "
        "confirm to register a different person.",
        "可能已建檔：{name}（{barcode}），{what}相同。請先核對；確認為不同的人再建檔。"),
    "duplicate_email": ("e-mail address", "電子郵件"),
    "duplicate_phone": ("phone number", "電話"),
    "duplicate_name_birth": ("name and birth date", "姓名與出生日期"),
    "nothing_to_change": ("Nothing was changed.", "沒有任何變更。"),
    "category_has_no_term": ("The {category} card has no term to extend it by.",
                             "{category}借書證未設定有效期間，無法延長。"),
    "card_closed": ("Card {barcode} was closed on {day}.", "借書證 {barcode} 已於 {day} 停用。"),
    "card_has_loans": ("Card {barcode} still has {count} item(s) on loan: close it when they "
                       "are returned.",
                       "借書證 {barcode} 尚有 {count} 冊未還，請歸還後再停用。"),
    "card_balance_owed": ("Card {barcode} still owes {amount}: settle it before closing.",
                          "借書證 {barcode} 尚欠 {amount}，請結清後再停用。"),
    "deposit_refund_reason": ("Card {barcode} closed: deposit refunded (receipt {receipt_no})",
                              "借書證 {barcode} 停用：退還押金（收據 {receipt_no}）"),
    # a guarantor's standing, as the dialog shows it and as the refusal's {why} says it
    "standing_good": ("in good standing", "借閱狀態良好"),
    "standing_expired": ("card expired on {day}", "借書證已於 {day} 到期"),
    "standing_blocked": ("blocked", "停權中"),
    "standing_overdue": ("{count} overdue item(s)", "{count} 冊逾期"),
    "standing_owes": ("owes {amount}", "欠款 {amount}"),
    "standing_closed": ("card closed", "借書證已停用"),
}

ACTION_NAMES: dict[str, tuple[str, str]] = {
    "register_patron": ("patron registered", "讀者辦證"),
    "update_patron": ("patron record changed", "修改讀者資料"),
    "extend_patron": ("card extended", "借書證延期"),
    "close_card": ("card closed", "借書證停用"),
}
