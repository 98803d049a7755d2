"""Wording of cards, blocks, messages and claims (English, 繁體中文): replaced cards, 停權,
訊息 and the disputes of SOP 5.10 (宣稱已還 / 宣稱未借, with the 問題處理程序單 number).

Part of the one catalogue of ``desk.wording``; codes are stable, wording may change.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "card_replaced": ("Card {barcode} was replaced on {day}: ask for the new card.",
                      "借書證 {barcode} 已於 {day} 補發新證停用：請出示新借書證。"),
    "card_same": ("The new card {barcode} is the old one: scan the new card.",
                  "新借書證 {barcode} 與原證相同：請刷新借書證。"),
    "block_until_past": ("A block must last past today; {day} is not after today.",
                         "停權截止日須晚於今天；{day} 不在今天之後。"),
    "block_lifts_on": (" (lifts on {day})", "（{day} 起解除）"),
    "patron_not_blocked": ("Patron {barcode} is not blocked.", "讀者 {barcode} 未被停權。"),
    "message_not_found": ("No message {message_id}.", "查無訊息 {message_id}。"),
    "message_acknowledged": ("Message {message_id} was acknowledged already.",
                             "訊息 {message_id} 已確認過。"),
    "message_no_author": ("(earlier note)", "（舊註記）"),
    "patron_message": ("Message from {author}, {date}: {message}",
                       "讀者訊息（{author}，{date}）：{message}"),
    "patron_claims": ("This patron has made {count} claims (returned / never borrowed).",
                      "此讀者已有 {count} 次宣稱已還或宣稱未借的紀錄。"),
    "claim_exists": ("Item {barcode} is under a claim already.", "館藏 {barcode} 已有借閱爭議處理中。"),
    "claim_message": ("{kind}: {barcode} {title}, problem form {form_no} ({day}).",
                      "{kind}：{barcode} {title}，問題處理程序單編號 {form_no}（{day}）。"),
    "claim_resolved": ("The claim ({kind}, problem form {form_no}) is resolved: the item is back.",
                       "借閱爭議（{kind}，問題處理程序單編號 {form_no}）已結案：圖書已歸還。"),
    "claimed_loan": ("the patron claims it was returned or never borrowed",
                     "讀者宣稱已還或未借，爭議處理中"),
}

CLAIM_KIND_NAMES: dict[str, tuple[str, str]] = {
    "returned": ("Claims returned", "宣稱已還"),
    "never_borrowed": ("Claims never borrowed", "宣稱未借"),
}

ACTION_NAMES: dict[str, tuple[str, str]] = {
    "replace_card": ("card replaced", "補發借書證"),
    "block_patron": ("blocked", "停權"),
    "unblock_patron": ("unblocked", "解除停權"),
    "add_patron_message": ("message added", "新增訊息"),
    "acknowledge_message": ("message acknowledged", "訊息已確認"),
    "claim_returned": ("claims returned", "宣稱已還"),
    "claim_never_borrowed": ("claims never borrowed", "宣稱未借"),
}
