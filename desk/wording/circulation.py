"""Circulation wording (English, 繁體中文): refusals and notices of the operations, and the
names staff use for reason codes, audit actions, outcomes, hold and item statuses and units.

Part of the one catalogue of ``desk.wording``; codes are stable, wording may change.
"""

from __future__ import annotations

# code: (English, Traditional Chinese). Placeholders use str.format names.
CATALOGUE: dict[str, tuple[str, str]] = {
    "barcode_invalid": ("Not a usable barcode: {detail}.", "條碼無法使用：{detail}。"),
    "barcode_check_digit": ("Barcode {barcode} has a wrong check digit: mistyped or misread.",
                            "條碼 {barcode} 檢查碼錯誤：可能輸入或讀取錯誤。"),
    "patron_not_found": ("No patron has card {barcode}.", "查無借書證 {barcode} 的讀者。"),
    "item_not_found": ("No item has barcode {barcode}.", "查無條碼 {barcode} 的館藏。"),
    "patron_expired": ("The card expired on {expires}.", "借書證已於 {expires} 到期。"),
    "patron_blocked": ("The patron is blocked: {message}", "讀者已被停權：{message}"),
    "patron_has_overdue": ("The patron has {count} overdue item(s).",
                           "讀者有 {count} 冊逾期未還。"),
    "patron_owes_fines": ("The patron owes {amount} in fines.", "讀者尚有滯還金 {amount} 未繳。"),
    "patron_lost_item_pending": (
        "A lost-item compensation is past its deadline ({deadline}).",
        "遺失賠償已超過賠償期限（{deadline}）。"),
    "patron_loan_limit": ("Loan limit reached: {count} of {limit} {item_type} loans.",
                          "已達借閱上限：{item_type} 已借 {count} 冊，上限 {limit} 冊。"),
    "item_checked_out": ("Item {barcode} is already on loan{to}.",
                         "館藏 {barcode} 已借出{to}。"),
    # the {to} of item_checked_out when the loan is the same patron's
    "all_item_types": ("all", "全部"),
    "fine_detail": ("{units} {unit} late: due {due}, returned {returned}",
                    "逾期 {units} {unit}：應還 {due}，歸還 {returned}"),
    "fine_capped": (" (capped at the rule's maximum)", "（已達上限）"),
    "loan_to_this_patron": (" to this patron: renew it instead", "給此讀者：請改為續借"),
    "item_not_loanable": ("Item {barcode} cannot be lent: {detail}.",
                          "館藏 {barcode} 不可外借：{detail}。"),
    "item_on_hold_for_other": ("Item {barcode} is on the holds shelf for another patron: put "
                               "it back on the holds shelf.",
                               "館藏 {barcode} 為其他讀者的預約書：請放回預約架。"),
    "item_status": ("Item {barcode} is {status}.", "館藏 {barcode} 狀態為{status}。"),
    "set_incomplete": ("Item {barcode} is a set of {parts} pieces, but only {seen} are on the "
                       "pad: look for the missing piece.",
                       "館藏 {barcode} 一套 {parts} 件，感應板上只有 {seen} 件：請找出缺少的配件。"),
    "item_not_on_loan": ("Item {barcode} is not on loan.", "館藏 {barcode} 未借出。"),
    "card_lifetime_limit": ("This card may borrow {limit} items in all; {count} already lent.",
                            "此證總借閱上限 {limit} 冊，已借 {count} 冊。"),
    "renewal_limit": ("Renewal limit reached ({count} of {limit}).",
                      "已達續借次數上限（{count}/{limit}）。"),
    "renewal_on_hold": ("Another patron has a hold on this title.", "此書已有其他讀者預約。"),
    "renewal_not_allowed": ("This loan cannot be renewed: {detail}.", "此借閱不可續借：{detail}。"),
    "holds_not_allowed": ("Holds are not allowed for this patron and item type.",
                          "此讀者類型不可預約此類館藏。"),
    "hold_exists": ("The patron already has a hold on this title.", "讀者已預約此書。"),
    "hold_on_own_loan": ("The patron has this item on loan already.", "讀者目前已借閱此書。"),
    "hold_not_found": ("No active hold {hold_id}.", "查無有效預約 {hold_id}。"),
    "location_not_found": ("No location {code}.", "查無館藏地 {code}。"),
    "proxy_not_authorised": ("{proxy} has no recorded authorisation to borrow for {patron}.",
                             "{proxy} 未登記為 {patron} 的代借人。"),
    "returned_at_in_future": ("The return time {returned_at} is in the future.",
                              "還書時間 {returned_at} 晚於現在。"),
    "payment_invalid_amount": ("A payment must be a positive amount.", "繳款金額必須大於零。"),
    "payment_method_unknown": ("Unknown payment method {method}.", "未知的繳款方式 {method}。"),
    "payment_exceeds_balance": ("{amount} is more than the balance of {balance}.",
                                "繳款 {amount} 超過應繳金額 {balance}。"),
    "receipt_not_found": ("No receipt {receipt_no}.", "查無收據 {receipt_no}。"),
    "receipt_already_void": ("Receipt {receipt_no} is already void.", "收據 {receipt_no} 已作廢。"),
    "charge_not_found": ("No charge {charge_id}.", "查無款項 {charge_id}。"),
    "nothing_to_waive": ("Charge {charge_id} has nothing left to waive.",
                         "款項 {charge_id} 已無可減免金額。"),
    "reason_required": ("A written reason is required.", "必須填寫原因。"),
    "supervisor_required": ("{login} is not a supervisor.", "{login} 不是主管，無權核可。"),
    "not_overridable": ("{code} cannot be overridden.", "{code}不可由主管核可。"),
    "override_not_given": ("Not overridden: {codes}.", "未經主管核可：{codes}。"),
    "day_closed": ("{business_date} at desk {desk} is closed and cannot be changed.",
                   "{desk} 櫃台 {business_date} 已結算，不可變更。"),
    "lost_claim_exists": ("Item {barcode} already has an open lost-item claim.",
                          "館藏 {barcode} 已有遺失賠償單。"),
    "lost_claim_not_found": ("Item {barcode} has no open lost-item claim.",
                             "館藏 {barcode} 沒有未結的遺失賠償單。"),
    "desk_not_found": ("No desk {code}.", "查無櫃台 {code}。"),
    "accessories_missing_text": ("Write what is missing, in {limit} characters at most.",
                                 "請填寫短缺的附件（最多 {limit} 字）。"),
    "accessories_not_missing": ("No missing accessories are recorded for item {barcode}.",
                                "館藏 {barcode} 沒有附件短缺的記錄。"),
    "accessories_none_recorded": ("Item {barcode} has no accessories on record.",
                                  "館藏 {barcode} 沒有登錄附件。"),
    "note_too_long": ("The note is too long: {limit} characters at most.",
                      "備註過長：最多 {limit} 字。"),
    # notices (not refusals)
    "due_shortened_by_holds": ("Other patrons are waiting: due {due} (shortened loan).",
                               "此書有他人預約，借期縮短，到期日 {due}。"),
    "accessories": ("Hand over and take back at the counter: {accessories}.",
                    "附件請臨櫃借還：{accessories}。"),
    "accessories_bookdrop": ("Returned through the book drop with accessories ({accessories}): "
                             "give it to staff to check them.",
                             "附件（{accessories}）不可經還書箱歸還：請交館員點收。"),
    "accessories_missing": ("Accessories missing: give it to staff (see the problem register).",
                            "附件短缺：請交館員處理（已登記於問題書登記本）。"),
    "not_on_loan": ("This item was not on loan: logged in the problem register; check the "
                    "patron's record.", "此書未借出：已登記於問題書登記本，請與讀者核對借閱記錄。"),
    "other_location": ("Belongs to {location}: in transit.", "本書屬於{location}：請轉送。"),
    "withdrawn_area": ("Withdrawn-area item: give it to a librarian.", "撤架區圖書請交館員。"),
    "course_reserve_shelf": ("Course reserve: back to the course-reserve shelf, not the stacks.",
                             "指定參考書：請放回指定參考書架，勿上一般書架。"),
    "cataloguing": ("Flagged for cataloguing: send to the cataloguing section.",
                    "採編組註記：請送採編組處理。"),
    "transfer": ("Research-project book no longer used: give it to the transfer librarian.",
                 "研究計畫圖書已不再使用：請交撥交業務館員。"),
    "lost_item_found": ("This item was reported lost: the compensation claim is void.",
                        "此書曾報遺失：賠償單作廢。"),
    "hold_trapped": ("Hold for {patron}: put it on the holds shelf at {location}.",
                     "{patron} 的預約書：請置於 {location} 預約架。"),
    "hold_in_transit": ("Hold for {patron}: send it to {location}.",
                        "{patron} 的預約書：請轉送至 {location}。"),
    "hold_filled": ("This patron's hold on this title is filled.", "此讀者的預約書已取書。"),
    "fine_charged": ("Overdue fine {amount} ({units} {unit} late).",
                     "逾期滯還金 {amount}（逾期 {units} {unit}）。"),
    "already_on_holds_shelf": ("Already on the holds shelf for {patron}.",
                               "已在預約架上，預約者 {patron}。"),
    "overridden": ("Approved by {supervisor}: {codes}.", "主管 {supervisor} 核可：{codes}。"),
}

# What a supervisor approved, as staff say it: the reason codes of refusals by name.
REASON_NAMES: dict[str, tuple[str, str]] = {
    "patron_expired": ("expired card", "借書證已過期"),
    "patron_blocked": ("blocked patron", "讀者停權"),
    "patron_has_overdue": ("overdue items", "有逾期未還圖書"),
    "patron_owes_fines": ("unpaid fines", "滯還金未繳"),
    "patron_lost_item_pending": ("lost-item compensation past its deadline", "遺失賠償逾期"),
    "patron_loan_limit": ("loan limit", "超過借閱上限"),
    "item_on_hold_for_other": ("on the holds shelf for another patron", "他人預約書"),
    "renewal_limit": ("renewal limit", "超過續借次數"),
    "renewal_on_hold": ("others waiting for the title", "已有他人預約"),
    "set_incomplete": ("a piece of the set missing", "套件缺件"),
    "card_lifetime_limit": ("the card's lifetime limit", "超過此證總借閱上限"),
    "item_checked_out": ("already on loan", "已借出"),
    "item_not_loanable": ("not for loan", "不可外借"),
    "item_status": ("item status", "館藏狀態"),
    "renewal_not_allowed": ("not renewable", "不可續借"),
}
# What the audit log says a staff member did, and how it ended, as a patron's history shows it.
ACTION_NAMES: dict[str, tuple[str, str]] = {
    "checkout": ("checkout", "借書"), "checkin": ("checkin", "還書"), "return": ("return", "還書"),
    "renew": ("renewal", "續借"), "place_hold": ("hold placed", "預約"),
    "cancel_hold": ("hold cancelled", "取消預約"), "temporary_hold": ("put aside", "暫時保留"),
    "pay": ("payment", "繳費"), "waive": ("waiver", "減免"), "add_charge": ("fee added", "新增費用"),
    "void_payment": ("receipt voided", "收據作廢"), "correct_receipt": ("receipt corrected", "更正收據"),
    "declare_lost": ("reported lost", "報遺失"), "settle_lost": ("lost item settled", "遺失賠償結清"),
    "accessories_missing": ("accessories missing", "附件短缺"),
    "clear_holds_shelf": ("holds shelf cleared", "清預約架"), "close_day": ("day closed", "日結"),
    "blind_count": ("cash counted", "點鈔"), "set_float": ("change float set", "設定找零金"),
    "offline_discard": ("offline slip not applied", "離線單據不補登"),
    "import_items": ("items imported", "匯入館藏"), "import_patrons": ("patrons imported", "匯入讀者"),
}
OUTCOME_NAMES: dict[str, tuple[str, str]] = {
    "done": ("done", "完成"), "refused": ("refused", "拒絕"),
    "overridden": ("approved by a supervisor", "主管核可"), "applied": ("keyed in", "已補登"),
    "discarded": ("not applied", "不補登"),
}
HOLD_STATUS_NAMES: dict[str, tuple[str, str]] = {
    "pending": ("waiting for a copy", "等待中"), "in_transit": ("in transit", "轉送中"),
    "waiting": ("on the holds shelf", "已到館待取"), "fulfilled": ("picked up", "已取書"),
    "cancelled": ("cancelled", "已取消"), "expired": ("expired", "逾期未取"),
}
# Why an item goes to staff at its next return, as item status shows it.
STAFF_FLAG_NAMES: dict[str, tuple[str, str]] = {
    "withdrawn_area": ("withdrawn area: to a librarian", "撤架區：交館員"),
    "cataloguing": ("to the cataloguing section", "送採編組"),
    "transfer": ("research-project book: to the transfer librarian", "研究計畫用書：交撥交館員"),
    "accessories_missing": ("accessories missing: to staff", "附件短缺：交館員"),
    "accessories_check": ("accessories to check: to staff", "附件待點收：交館員"),
}
UNITS = {"day": ("day(s)", "天"), "hour": ("hour(s)", "小時")}
STATUS_NAMES = {
    "available": ("available", "在架"), "on_loan": ("on loan", "借出中"),
    "on_holds_shelf": ("on the holds shelf", "預約架上"), "in_transit": ("in transit", "轉送中"),
    "holds_cleared": ("pulled from the holds shelf", "預約架撤下"), "lost": ("lost", "遺失"),
    "missing": ("missing", "下落不明"), "withdrawn": ("withdrawn", "已註銷"),
    "claims_returned": ("claimed returned / never borrowed", "借閱爭議（宣稱已還／未借）"),
    "in_delivery": ("in delivery to another location", "代借傳送中"),
}

