"""Fines, payments and settlement wording (English, 繁體中文): refusals and notes.

Part of the one catalogue of ``desk.wording``.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "charge_kind_not_allowed": ("A {kind} charge cannot be added at the desk.",
                                "櫃台不可新增 {kind} 款項。"),
    "charge_not_owed_by_patron": ("Charge {charge_id} is not an open charge of this patron.",
                                  "款項 {charge_id} 不是此讀者的未繳款項。"),
    "tendered_too_little": ("{tendered} handed over is less than the {amount} to pay.",
                            "收取 {tendered} 少於應繳金額 {amount}。"),
    "tendered_not_cash": ("Change is only given for cash.", "只有現金繳款才有找零。"),
    "note_required": ("The count differs from the takings ({difference}): write a note.",
                      "點收金額與應收不符（{difference}），必須填寫說明。"),
    "denomination_invalid": ("Not a banknote or coin of the count: {detail}.",
                             "點鈔面額或張數錯誤：{detail}。"),
    "count_mismatch": ("The cash counted by denomination ({by_denomination}) and the cash "
                       "entered ({entered}) differ.",
                       "依面額點收的現金（{by_denomination}）與輸入的現金（{entered}）不符。"),
    "receipt_already_corrected": ("Receipt {receipt_no} was already corrected on {business_date}.",
                                  "收據 {receipt_no} 已於 {business_date} 更正。"),
    "receipt_not_closed": ("Receipt {receipt_no} is in an open day: void it instead.",
                           "收據 {receipt_no} 尚未結算：請直接作廢。"),
    "float_invalid": ("A float must be zero or a positive amount.", "找零金必須為零或正數。"),
    "settlement_not_found": ("No settlement {settlement_id}.", "查無結算 {settlement_id}。"),
    "lost_claim_note": ("Compensate by {deadline}: a replacement copy and a {fee} handling fee, "
                        "or the price.",
                        "請於 {deadline} 前賠償：繳交新書並付處理費 {fee}，或賠償書價。"),
    "replacement_bill_note": ("Long overdue: the price is shown, no fine can be taken until the "
                              "item is returned.",
                              "逾期過久（重買）：顯示書價，歸還後才可收取滯還金。"),
    "accruing_note": ("Still out: the fine is charged when the item is returned.",
                      "尚未歸還：還書時才計收滯還金。"),
}
