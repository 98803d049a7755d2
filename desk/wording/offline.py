"""Offline and replay wording (English, 繁體中文): the offline desk, keying in paper slips,
conflicts and replay outcomes, and the names of operations suspended offline.

Part of the one catalogue of ``desk.wording``.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # offline desk
    "offline_suspended": ("{operation} is suspended while the system is down (SOP 5.8.1).",
                          "系統故障期間暫停{operation}（SOP 5.8.1）。"),
    "offline_unchecked": ("Offline: {what} could not be checked; the loan is recorded and "
                          "will be checked when it is keyed in.",
                          "離線中：無法檢查{what}；借閱已登記，補登時再檢查。"),
    "offline_no_snapshot": ("Offline with no local copy of patrons and items: nothing could "
                            "be checked.", "離線且無本機讀者與館藏資料：無法檢查。"),
    "offline_patron_unknown": ("Card {barcode} is not in the local copy (maybe new): check the "
                               "card by eye.", "本機資料查無借書證 {barcode}（可能為新證）：請人工核對證件。"),
    "offline_item_unknown": ("Item {barcode} is not in the local copy (maybe new).",
                             "本機資料查無館藏 {barcode}（可能為新書）。"),
    "offline_journal_failed": ("The offline journal could not be written: {error}. Use a paper "
                               "slip.", "離線日誌無法寫入：{error}。請改用紙本單據。"),
    # keying in paper slips
    "slip_no_missing": ("Enter the slip number printed on the form.", "請輸入單據上印的單號。"),
    "slip_no_invalid": ("{value} is not a slip number (letters, digits and '-').",
                        "{value} 不是單號（限英文字母、數字與「-」）。"),
    "slip_keyed_already": ("Slip {slip} has been keyed in already.", "單號 {slip} 已補登過。"),
    "slip_card_invalid": ("{value} is not a card number (3-32 letters or digits).",
                          "{value} 不是借書證號（3 至 32 個英文字母或數字）。"),
    "slip_item_invalid": ("{value} is not an item barcode (3-32 letters or digits).",
                          "{value} 不是館藏條碼（3 至 32 個英文字母或數字）。"),
    "slip_date_invalid": ("{value}: not a real date ({error}).", "{value}：日期不存在（{error}）。"),
    "slip_date_future": ("{at} is in the future.", "{at} 晚於現在。"),
    "slip_date_unreadable": ("{value}: write the date and time as 2026-11-02 14:30, 11-02 14:30 "
                             "or 1102 1430.", "{value}：日期時間請寫成 2026-11-02 14:30、11-02 14:30 "
                             "或 1102 1430。"),
    "slip_needs_card": ("A checkout slip needs the patron's card number.",
                        "借書單必須填寫讀者借書證號。"),
    "slip_needs_items": ("A slip needs at least one item barcode.", "單據至少要有一個館藏條碼。"),
    "slip_item_twice": ("The same item is twice on this slip.", "同一館藏在此單據上重複。"),
    # replay conflicts (need a decision)
    "return_without_loan": ("Return of {item}: no loan of it was ever recorded.",
                            "歸還 {item}：系統中沒有此書的借閱記錄。"),
    "duplicate_item": ("Slip {slip} for {item} repeats slip {other} ({kind} twice without the "
                       "other in between).", "單據 {slip} 與單據 {other} 為同一館藏 {item} 重複{kind}。"),
    "slip_in_future": ("Slip {slip} is dated {at}, which is in the future.",
                       "單據 {slip} 日期 {at} 晚於現在。"),
    "overtaken": ("{item} changed online after this slip: {change} at {at}.",
                  "{item} 在此單據之後已於系統中異動：{at} {change}。"),
    "slip_conflict": ("Slip number {slip} was used for another transaction.",
                      "單據號碼 {slip} 已用於另一筆交易。"),
    "waits_for_line": ("Waits for the decision on line {line} (same item).",
                       "待第 {line} 筆（同一館藏）決定後處理。"),
    # replay outcomes
    "already_applied": ("Already applied on {at}.", "已於 {at} 補登。"),
    "due_moved": ("Due date set from the slip's date: {due}.", "依單據日期更改到期日：{due}。"),
    "late_keying_waived": ("{amount} fine caused by late keying-in waived.",
                           "因延遲輸入造成的滯還金 {amount} 已減免。"),
    "discarded": ("Not applied: {reason}", "不補登：{reason}"),
    "payment_not_replayed": ("Payment of {amount} by card {patron}: take it at the desk; "
                             "payments are not replayed.", "讀者 {patron} 繳款 {amount}：請臨櫃收款，補登不處理繳款。"),
    "waiver_reason": ("Late keying-in of manual slip {slip} (SOP 5.8.3.4)",
                      "人工借還單 {slip} 延遲輸入造成之罰款（SOP 5.8.3.4）"),
}

OPERATIONS = {"renew": ("Renewal", "續借"), "hold": ("Placing holds", "預約"),
              "payment": ("Paying fines", "繳交滯還金"),
              "accessories": ("Recording missing accessories", "登記附件短缺"),
              "other": ("This operation", "此作業")}

