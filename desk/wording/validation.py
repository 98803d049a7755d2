"""Wording of the API boundary's checks (English, 繁體中文): arguments of the wrong kind, out of
range, too long or carrying control characters, and the names of the arguments as staff read
them.

Part of the one catalogue of ``desk.wording``; ``desk.circulation.validation`` raises these.
"""

from __future__ import annotations

from desk.wording.language import pick

# code: (English, Traditional Chinese). Placeholders use str.format names.
CATALOGUE: dict[str, tuple[str, str]] = {
    "argument_type": ("{field} must be {expected}, not {got}.",
                      "{field}必須是{expected}，而非 {got}。"),
    "text_empty": ("{field} is required.", "{field}不可空白。"),
    "text_too_long": ("{field} is too long: {length} characters, at most {limit}.",
                      "{field}過長：{length} 字，最多 {limit} 字。"),
    "text_control_characters": (
        "{field} contains control characters (such as NUL, ESC or BEL), which are not allowed.",
        "{field}含有控制字元（如 NUL、ESC、BEL），不可使用。"),
    "number_out_of_range": ("{field} must be from {low} to {high}, not {value}.",
                            "{field}必須介於 {low} 與 {high} 之間，而非 {value}。"),
    "amount_not_positive": ("{field} must be more than zero, not {amount}.",
                            "{field}必須大於零，而非 {amount}。"),
    "amount_negative": ("{field} cannot be negative ({amount}).",
                        "{field}不可為負數（{amount}）。"),
    "amount_too_large": ("{field} {amount} is more than the most allowed, {limit}.",
                         "{field} {amount} 超過上限 {limit}。"),
    "choice_unknown": ("{field} must be one of {choices}, not {got}.",
                       "{field}必須是 {choices} 之一，而非 {got}。"),
    "duplicate_code": ("{field} {code} exists already.", "{field} {code} 已存在。"),
    "returned_at_out_of_range": (
        "The return time {returned_at} is before the item was lent ({out_at}).",
        "還書時間 {returned_at} 早於借出時間（{out_at}）。"),
    "database_refused": (
        "The database refused this operation ({error}): nothing was changed. This is a fault, "
        "not an outage; the desk stays online and the details are in the log.",
        "資料庫拒絕此操作（{error}）：未做任何變更。此為系統錯誤而非斷線，櫃台維持連線，"
        "詳細內容已記錄於日誌。"),
}

# What an argument must be (the {expected} of ``argument_type``).
EXPECTED: dict[str, tuple[str, str]] = {
    "text": ("text", "文字"),
    "whole_number": ("a whole number", "整數"),
    "amount": ("a whole amount in minor units (no fractions)", "整數金額（不可有小數）"),
    "record_id": ("a record number (a whole number from 1)", "記錄編號（1 以上的整數）"),
    "date": ("a date", "日期"),
    "aware_datetime": ("a date and time with a time zone", "含時區的日期時間"),
    "flag": ("yes or no (True or False)", "是或否（True 或 False）"),
    "amounts_by_method": ("a table of amounts per payment method",
                          "依繳款方式列出金額的對照表"),
    "record_ids": ("a list of record numbers", "記錄編號清單"),
    "barcodes": ("a list of barcodes", "條碼清單"),
    "dates": ("a list of dates", "日期清單"),
    "override": ("a supervisor's override", "主管核可"),
    "bytes": ("an image (bytes)", "圖片（位元組）"),
}

# API arguments by the names staff read (an argument not listed shows as it is).
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "amount": ("The amount", "金額"),
    "tendered": ("The cash handed over", "收取金額"),
    "price": ("The price", "書價"),
    "charge_id": ("The charge number", "款項編號"),
    "charge_ids": ("The charge numbers", "款項編號"),
    "hold_id": ("The hold number", "預約編號"),
    "request_id": ("The request number", "申請編號"),
    "items": ("The items", "館藏"),
    "reason": ("The reason", "原因"),
    "note": ("The note", "備註"),
    "description": ("The description", "說明"),
    "missing": ("What is missing", "短缺附件"),
    "name": ("The name", "名稱"),
    "title": ("The title", "題名"),
    "author": ("The author", "作者"),
    "publisher": ("The publisher", "出版者"),
    "call_number": ("The call number", "索書號"),
    "accessories": ("The accessories", "附件"),
    "isbn": ("The ISBN", "ISBN"),
    "year": ("The year", "出版年"),
    "email": ("The e-mail address", "電子郵件"),
    "phone": ("The phone number", "電話"),
    "department": ("The department", "系所單位"),
    "message": ("The message", "讀者訊息"),
    "block_message": ("The block message", "停權說明"),
    "photo": ("The photo", "照片"),
    "code": ("The code", "代碼"),
    "desk": ("The desk code", "櫃台代碼"),
    "location": ("The location", "館藏地"),
    "pickup_location": ("The pickup location", "取書地點"),
    "home_location": ("The home location", "所屬館藏地"),
    "patron_category": ("The patron category", "讀者類型"),
    "category": ("The patron category", "讀者類型"),
    "item_type": ("The item type", "資料類型"),
    "status": ("The item status", "館藏狀態"),
    "staff_flag": ("The staff flag", "館員註記"),
    "role": ("The role", "權限角色"),
    "login": ("The login", "帳號"),
    "method": ("The payment method", "繳款方式"),
    "kind": ("The kind of charge", "款項類型"),
    "how": ("How it is settled", "賠償方式"),
    "counted": ("The counted takings", "點收金額"),
    "denominations": ("The cash count", "點鈔"),
    "returned_at": ("The return time", "還書時間"),
    "expires": ("The expiry date", "有效期限"),
    "birth_date": ("The birth date", "出生日期"),
    "term_days": ("The card's term in days", "借書證有效天數"),
    "registration": ("What registering needs", "辦證條件"),
    "required_fields": ("The required details", "必填資料"),
    "details": ("The patron's details", "讀者資料"),
    "guarantor": ("The guarantor's card", "保證人借書證號"),
    "deposit": ("The deposit", "押金"),
    "deposit_method": ("How the deposit is paid", "押金繳款方式"),
    "registration_checked": ("Registration checked", "已查核身分"),
    "confirm_duplicate": ("Confirm a different person", "確認為不同讀者"),
    "valid_until": ("The end date", "有效期限"),
    "dates": ("The closed days", "休館日"),
    "override": ("The override", "主管核可"),
    "bookdrop": ("Book drop", "還書箱"),
    "patron_barcode": ("The patron's card", "借書證號"),
    "item_barcode": ("The item barcode", "館藏條碼"),
    "proxy_barcode": ("The proxy's card", "代借人證號"),
    "proxy_id": ("The proxy authorisation", "代借委託"),
    "barcode": ("The barcode", "條碼"),
    "loan_days": ("The loan period in days", "借期（天）"),
    "loan_hours": ("The loan period in hours", "借期（小時）"),
    "max_items": ("The loan limit", "借閱冊數上限"),
    "renewals": ("The number of renewals", "續借次數"),
    "renewal_days": ("The renewal period", "續借天數"),
    "fine_per_day": ("The fine per day", "每日滯還金"),
    "fine_cap": ("The fine cap", "滯還金上限"),
    "grace_days": ("The grace days", "寬限天數"),
    "held_loan_days": ("The loan period when others wait", "有人預約時的借期"),
    "holds_allowed": ("Holds allowed", "可預約"),
    "lifetime_item_limit": ("The lifetime loan limit", "總借閱上限"),
    "max_items_total": ("The total loan limit", "借閱總冊數上限"),
    "card_valid_days": ("The card's valid days", "借書證有效天數"),
    "foreign": ("Foreign publication", "外文出版品"),
    "has_strip": ("Has a security strip", "有磁條"),
    "loanable": ("Loanable", "可外借"),
    "blocked": ("Blocked", "停權"),
    "old_barcode": ("The old card", "原借書證號"),
    "new_barcode": ("The new card", "新借書證號"),
    "until": ("The end of the block", "停權截止日"),
    "form_no": ("The problem form number", "問題處理程序單編號"),
    "message_id": ("The message number", "訊息編號"),
    "text": ("The message", "訊息內容"),
    "reply_by": ("The reply-by date", "希望回覆期限"),
    "request_id": ("The request number", "申請單編號"),
    "id_kept": ("The ID kept at the desk", "抵押證件"),
}


def field_name(field: str) -> str:
    """An API argument as staff read it ("The amount"); an unknown one as it is."""
    pair = FIELD_NAMES.get(field)
    return pick(pair) if pair else field


def expected_name(kind: str) -> str:
    """What an argument must be ("a whole number"), in the current language."""
    return pick(EXPECTED.get(kind, (kind, kind)))
