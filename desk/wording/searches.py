"""Wording of missing-book searches (圖書協尋, SOP 5.11) and withdrawn-area retrieval (撤架區取書,
SOP 5.12), English and 繁體中文: refusals, the deadline sweep's summary, the note on the item
record and the names of request statuses and audit actions.

Part of the one catalogue of ``desk.wording``; codes are stable, wording may change.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "search_item_not_available": (
        "Item {barcode} is {status}: a search is only for an item the catalogue shows "
        "available that is not on the shelf.",
        "館藏 {barcode} 狀態為{status}：協尋僅適用於系統顯示可流通、但不在架上的圖書。"),
    "request_other_location": (
        "Item {barcode} belongs to {location}: refer the patron to that library, which handles "
        "requests for its own items.",
        "館藏 {barcode} 屬於{location}：請轉介讀者至該館藏單位申請。"),
    "reply_by_in_past": ("The reply-by date {date} is in the past.",
                         "希望回覆期限 {date} 已過。"),
    "reply_by_too_far": ("The reply-by date {date} is more than {days} days away.",
                         "希望回覆期限 {date} 超過 {days} 天。"),
    "search_exists": (
        "Item {barcode} is already being searched for (request {request_id}, reply by {date}).",
        "館藏 {barcode} 已在協尋中（申請單 {request_id}，回覆期限 {date}）。"),
    "search_not_open": ("Search request {request_id} is not open.",
                        "協尋申請 {request_id} 不在協尋中。"),
    "search_not_on_list": ("Item {barcode} is not on the search list.",
                           "館藏 {barcode} 不在協尋清單上。"),
    "retrieval_not_withdrawn_area": ("Item {barcode} is not in the withdrawn area.",
                                     "館藏 {barcode} 不在撤架區。"),
    "retrieval_exists": (
        "Item {barcode} has already been asked for from the withdrawn area (request "
        "{request_id}).",
        "館藏 {barcode} 已有撤架區取書申請（申請單 {request_id}）。"),
    "retrieval_not_on_list": ("Item {barcode} is not on the withdrawn-area retrieval list.",
                              "館藏 {barcode} 不在撤架區取書清單上。"),
    "reading_not_waiting": (
        "Item {barcode} is not waiting for its patron from a withdrawn-area request.",
        "館藏 {barcode} 不是待讀者領取的撤架區取書。"),
    "reading_item_loanable": ("Item {barcode} may be borrowed: lend it at checkout instead.",
                              "館藏 {barcode} 可外借：請至借書畫面辦理。"),
    "requests_swept": (
        "Deadlines: {missing} search(es) ended unfound (items now missing), {returned} "
        "withdrawn-area item(s) to take back.",
        "期限處理：{missing} 筆協尋未尋獲（已改為下落不明），{returned} 冊撤架區圖書待歸回撤架區。"),
    "search_request_not_found": ("There is no search request {request_id}.",
                                 "查無協尋申請 {request_id}。"),
    "retrieval_request_not_found": ("There is no withdrawn-area request {request_id}.",
                                    "查無撤架區取書申請 {request_id}。"),
    "request_closed": ("The {kind} {request_id} is already {state}: there is nothing to "
                       "cancel.",
                       "{kind} {request_id} 已是「{state}」，無法取消。"),
    "request_cancel_elsewhere": (
        "Item {barcode} is kept behind the desk at {location}: cancel the request there, "
        "where the book can be taken off the shelf.",
        "館藏 {barcode} 保留在{location}櫃台：請至該館取消申請，以便取下圖書。"),
    "request_cancelled_none": (
        "Request cancelled: {barcode} was not taken off the shelf; nothing to move.",
        "申請已取消：{barcode} 尚未取出，不需移動圖書。"),
    "request_cancelled_shelf": (
        "Request cancelled: take {barcode} «{title}» off the holds shelf and scan it at "
        "checkin to shelve it.",
        "申請已取消：請將 {barcode}《{title}》自預約架取下，以還書畫面掃描後歸架。"),
    "request_cancelled_withdrawn_area": (
        "Request cancelled: take {barcode} «{title}» off the holds shelf and back to the "
        "withdrawn area.",
        "申請已取消：請將 {barcode}《{title}》自預約架取下，歸回撤架區。"),
    "reading_id_kept": (
        "Reading loan back: hand the patron's ID kept at the desk back: {id_kept}.",
        "押證館內閱覽已歸還：請將押在櫃台的證件歸還讀者：{id_kept}。"),
    "project_no_items": ("Scan the project's books first.", "請先掃描研究計畫用書。"),
    "project_too_many": ("At most {limit} books at once.", "一次最多 {limit} 冊。"),
    "project_duplicate_item": ("Item {barcode} is listed twice.", "館藏 {barcode} 重複。"),
    "retrieval_note": ("Withdrawn-area request/{patron}/{date}", "撤架區取書申請/{patron}/{date}"),
    "search_note": ("Search request/{patron}/{date}, reply by {reply_by}",
                    "圖書協尋申請/{patron}/{date}，回覆期限 {reply_by}"),
}

SEARCH_STATUS_NAMES: dict[str, tuple[str, str]] = {
    "open": ("being searched for", "協尋中"), "found": ("found: waiting for pickup", "已尋獲"),
    "not_found": ("not found", "未尋獲"), "cancelled": ("cancelled", "已取消"),
}
RETRIEVAL_STATUS_NAMES: dict[str, tuple[str, str]] = {
    "open": ("to fetch", "待取書"), "fetched": ("waiting for pickup", "待領取"),
    "lent": ("lent for reading in the library", "押證館內閱覽"),
    "returned": ("back to the withdrawn area", "已歸回撤架區"),
    "collected": ("collected", "已領取"), "cancelled": ("cancelled", "已取消"),
}
# The names a refusal gives a closed request's kind and a found search's end.
REQUEST_KIND_NAMES: dict[str, tuple[str, str]] = {
    "search": ("search", "圖書協尋"), "retrieval": ("withdrawn-area request", "撤架區取書申請")}
CLOSED_SEARCH_NAMES: dict[str, tuple[str, str]] = {
    "found_collected": ("found and collected", "已尋獲並已領取"),
    "found_cleared": ("found, not collected in time", "已尋獲，逾期未領")}
ACTION_NAMES: dict[str, tuple[str, str]] = {
    "cancel_search": ("search cancelled", "圖書協尋取消"),
    "cancel_retrieval": ("withdrawn-area request cancelled", "撤架區取書申請取消"),
    "request_search": ("search requested", "圖書協尋申請"),
    "search_found": ("search: found", "協尋：已尋獲"),
    "search_not_found": ("search: not found", "協尋：未尋獲"),
    "expire_searches": ("searches past their deadline", "協尋期限處理"),
    "request_retrieval": ("withdrawn-area request", "撤架區取書申請"),
    "retrieval_fetched": ("fetched from the withdrawn area", "撤架區取書：已取出"),
    "lend_for_reading": ("lent for reading against an ID", "押證館內閱覽"),
    "expire_retrievals": ("uncollected withdrawn-area items", "撤架區取書逾期未領"),
    "requests_sweep": ("search and retrieval deadlines", "協尋及撤架區取書期限處理"),
    "project_books_ready": ("research-project books ready", "研究計畫用書到館"),
}
