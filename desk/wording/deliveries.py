"""Wording of deliveries between locations (圖書代借, SOP 5.3.9) and of the pull list (English,
繁體中文): the refusals of ``request_delivery``, pulling, failing and refunding, the names of a
delivery's states and of the pull list's kinds, and the delivery slip and temporary receipt.

Part of the one catalogue of ``desk.wording``; codes are stable, wording may change.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "delivery_item_on_loan": ("Item {barcode} is on loan: only books on the shelf can be "
                              "delivered.",
                              "館藏 {barcode} 已借出：代借僅限在架流通中的圖書。"),
    "delivery_item_not_lendable": ("Item {barcode} is not for loan: it cannot be delivered.",
                                   "館藏 {barcode} 不外借，無法代借。"),
    "delivery_item_unavailable": ("Item {barcode} is {status}: only books on the shelf can be "
                                  "delivered.",
                                  "館藏 {barcode} 目前為「{status}」：代借僅限在架流通中的圖書。"),
    "delivery_exists": ("Item {barcode} has been requested for delivery already (request "
                        "{request_id}).",
                        "館藏 {barcode} 已有代借申請（申請編號 {request_id}）。"),
    "delivery_same_location": ("Item {barcode} belongs to {location}, the pickup location: "
                               "the patron can take it from the shelf there.",
                               "館藏 {barcode} 屬於取書館 {location}：請讀者直接至書架取書。"),
    "delivery_mixed_locations": ("One form takes the items of one location only: {barcode} "
                                 "belongs to {location}, the form's first item to {first}.",
                                 "每張申請表限同一館藏地：{barcode} 屬於{location}，"
                                 "本表第一冊屬於{first}。"),
    "delivery_no_items": ("The form lists no item.", "申請表未列任何圖書。"),
    "delivery_duplicate_item": ("Item {barcode} is on the form twice.",
                                "館藏 {barcode} 在申請表上重複。"),
    "delivery_too_many_items": ("One form takes at most {count} items.",
                                "每張申請表最多 {count} 冊。"),
    "delivery_not_found": ("No delivery request {request_id}.", "查無代借申請 {request_id}。"),
    "delivery_not_on_pull_list": ("Item {barcode} is not on the pull list of {location}.",
                                  "館藏 {barcode} 不在{location}的待取書清單上。"),
    "delivery_not_open": ("Delivery request {request_id} is {status}: only a request still to "
                          "pull can be marked not supplied.",
                          "代借申請 {request_id} 狀態為「{status}」：僅待調書的申請可登記無法代借。"),
    "delivery_not_refundable": ("Delivery request {request_id} is {status}: only a request that "
                                "could not be met is refunded.",
                                "代借申請 {request_id} 狀態為「{status}」：僅無法代借的申請可退費。"),
    "delivery_refund_expired": ("The fee of delivery request {request_id} was refundable until "
                                "{until}: it can no longer be refunded.",
                                "代借申請 {request_id} 的退費期限為 {until}，已逾期不予退費。"),
    "delivery_receipt_void": ("The fee's receipt {receipt_no} was voided: there is nothing to "
                              "refund.",
                              "代借費收據 {receipt_no} 已作廢，無款可退。"),
    "delivery_refund_reason": ("Delivery fee refund, request {request_id} (receipt "
                               "{receipt_no})",
                               "代借費退費，申請 {request_id}（收據 {receipt_no}）"),
    "delivery_fee_description": ("Delivery of {barcode} {title} to {location}",
                                 "代借 {barcode} {title} 至{location}"),
    # the pulled item's slip (F-K08-043) and the fee's temporary receipt (F-K08-034)
    "delivery_slip_title": ("Delivery slip", "圖書代借回擲單"),
    "delivery_receipt_title": ("Delivery temporary receipt", "代借圖書臨時收據"),
    "delivery_refund_title": ("Delivery fee refund", "代借費退費收據"),
    "delivery_slip_request": ("Request", "申請編號"),
    "delivery_slip_requested": ("Requested", "申請日期"),
    "delivery_slip_pickup": ("Deliver to", "取書館"),
    "delivery_slip_from": ("From", "館藏館"),
    "delivery_slip_call_number": ("Call number", "索書號"),
    "delivery_slip_note": ("Check it in at the pickup desk: it is kept 3 open days.",
                           "送達後請於取書館辦理還書入館，保留三個工作天。"),
    "delivery_receipt_note": ("Bring this receipt to collect the book or for a refund.",
                              "請憑本收據取書或辦理退費。"),
    "delivery_refund_amount": ("Refunded", "退款"),
    "delivery_refund_of": ("Receipt refunded", "原收據"),
}

# A delivery request's state as staff say it.
DELIVERY_STATUS_NAMES: dict[str, tuple[str, str]] = {
    "requested": ("to pull", "待調書"), "pulled": ("on its way", "代借傳送中"),
    "failed": ("could not be supplied", "無法代借"), "refunded": ("refunded", "已退費"),
}
# The kinds of work on a pull list (desk.circulation.requests.pull_entry.PULL_KINDS).
PULL_KIND_NAMES: dict[str, tuple[str, str]] = {
    "hold": ("hold", "預約"), "delivery": ("delivery", "代借"),
    "search": ("search", "協尋"), "retrieval": ("withdrawn area", "撤架區取書"),
}
ACTION_NAMES: dict[str, tuple[str, str]] = {
    "request_delivery": ("delivery requested", "代借申請"),
    "pull_delivery": ("delivery pulled", "代借調書"),
    "fail_delivery": ("delivery not supplied", "無法代借"),
    "refund_delivery": ("delivery fee refunded", "代借退費"),
}
