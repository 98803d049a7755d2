"""Notices to patrons (English, 繁體中文): subject and plain-text body of each kind of notice,
in the patron's language rather than the desk's, and the wording of ``notices send`` and the
Notices screen's refusals.

``render(kind, language, params)`` fills one notice; a kind's parameters are named in its
template (``str.format``). Kinds are stable (they are stored in the outbox); wording may change.
"""

from __future__ import annotations

from typing import Any

# kind -> ((English subject, English body), (Chinese subject, Chinese body))
TEMPLATES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "hold_ready": (
        ("Your hold is ready: {title}",
         "Dear {name},\n\nThe book you reserved is waiting for you on the holds shelf of "
         "{location}:\n\n  {title}\n\nPlease collect it by {until}. After that date it goes to "
         "the next reader or back to the shelf.\n"),
        ("預約書到館通知：{title}",
         "{name} 您好：\n\n您預約的圖書已到館，置於{location}預約書架：\n\n  {title}\n\n"
         "請於 {until} 前攜帶借書證辦理借閱，逾期未取將由下一位讀者借閱或歸架。\n")),
    "project_ready": (
        ("Research-project books ready: {title}",
         "Dear {name},\n\nThe research-project books you asked for are ready at {location}:"
         "\n\n  {title}\n\nPlease collect them by {until}.\n"),
        ("研究計畫用書到館通知：{title}",
         "{name} 您好：\n\n您申請的研究計畫用書已備妥，請至{location}領取：\n\n  {title}\n\n"
         "請於 {until} 前領取。\n")),
    "delivery_arrived": (
        ("Your delivery has arrived: {title}",
         "Dear {name},\n\nThe book delivered for you is waiting at {location}:\n\n  {title}\n\n"
         "Please collect it by {until}; after that it goes back to its library.\n"),
        ("圖書代借到館通知：{title}",
         "{name} 您好：\n\n您申請代借的圖書已送達{location}：\n\n  {title}\n\n"
         "請於 {until} 前領取，逾期將退回原館。\n")),
    "delivery_failed": (
        ("Your delivery request could not be met: {title}",
         "Dear {name},\n\nWe are sorry: the book you asked to have delivered could not be "
         "supplied:\n\n  {title}\n\nThe fee of {fee} may be refunded at the desk until {until}.\n"),
        ("圖書代借未能完成：{title}",
         "{name} 您好：\n\n很抱歉，您申請代借的圖書未能送達：\n\n  {title}\n\n"
         "代借費 {fee} 請於 {until} 前至櫃台辦理退費。\n")),
    "search_found": (
        ("The book you asked us to look for was found: {title}",
         "Dear {name},\n\nThe book we searched for has been found and is kept for you at the "
         "desk of {location}:\n\n  {title}\n\nPlease collect it by {until}.\n"),
        ("圖書協尋結果：已尋獲 {title}",
         "{name} 您好：\n\n您申請協尋的圖書已尋獲，保留於{location}櫃台：\n\n  {title}\n\n"
         "請於 {until} 前領取。\n")),
    "search_not_found": (
        ("The book you asked us to look for was not found: {title}",
         "Dear {name},\n\nWe are sorry: the book we searched for could not be found and is now "
         "recorded as missing:\n\n  {title}\n"),
        ("圖書協尋結果：未尋獲 {title}",
         "{name} 您好：\n\n很抱歉，您申請協尋的圖書未能尋獲，已登錄為下落不明：\n\n  {title}\n")),
    "retrieval_ready": (
        ("Your book from the withdrawn area is ready: {title}",
         "Dear {name},\n\nThe book you asked for from the withdrawn area is ready at "
         "{location}:\n\n  {title}\n\nPlease collect it by {until}.\n"),
        ("撤架區取書到館通知：{title}",
         "{name} 您好：\n\n您申請的撤架區圖書已取出，請至{location}領取：\n\n  {title}\n\n"
         "請於 {until} 前領取。\n")),
    "courtesy": (
        ("Due soon: {title}",
         "Dear {name},\n\nA friendly reminder: this book is due back on {due}:\n\n  {title}\n\n"
         "Please return or renew it by then to avoid a fine.\n"),
        ("到期提醒：{title}",
         "{name} 您好：\n\n提醒您，下列圖書將於 {due} 到期：\n\n  {title}\n\n"
         "請於到期前歸還或辦理續借，以免產生逾期罰款。\n")),
    "overdue": (
        ("Overdue ({days} day(s)): {title}",
         "Dear {name},\n\nThis book was due back on {due} and is now {days} day(s) overdue:\n\n"
         "  {title}\n\nPlease return it as soon as possible; a fine is charged for each day "
         "late.\n"),
        ("逾期通知（已逾期 {days} 天）：{title}",
         "{name} 您好：\n\n下列圖書已於 {due} 到期，至今逾期 {days} 天：\n\n  {title}\n\n"
         "請儘速歸還，逾期每日將計收罰款。\n")),
}
# what staff read for a kind and a state (the Notices screen, the patron screen)
KIND_NAMES: dict[str, tuple[str, str]] = {
    "hold_ready": ("Hold ready", "預約書到館"), "project_ready": ("Project books ready",
                                                                "研究計畫用書到館"),
    "delivery_arrived": ("Delivery arrived", "代借書到館"),
    "delivery_failed": ("Delivery not possible", "代借未能完成"),
    "search_found": ("Search: found", "協尋：已尋獲"),
    "search_not_found": ("Search: not found", "協尋：未尋獲"),
    "retrieval_ready": ("Withdrawn-area book ready", "撤架區取書到館"),
    "courtesy": ("Due soon", "到期提醒"), "overdue": ("Overdue", "逾期通知"),
}
STATE_NAMES: dict[str, tuple[str, str]] = {
    "pending": ("waiting", "待寄送"), "claimed": ("being sent", "寄送中"),
    "sending": ("being sent", "寄送中"), "sent": ("sent", "已寄出"),
    "failed": ("failed", "寄送失敗"), "printed": ("printed", "已列印"),
}
SIGNATURE = ("\n-- \n{library}\n", "\n-- \n{library}\n")

CATALOGUE: dict[str, tuple[str, str]] = {
    "notice_kind_unknown": ("Unknown kind of notice: {kind}.", "未知的通知類型：{kind}。"),
    "notice_params_missing": ("The notice {kind} needs {names}.", "通知 {kind} 缺少 {names}。"),
    "notice_not_failed": ("Only a failed notice can be tried again (notice {notice_id}).",
                          "只有傳送失敗的通知可以重送（通知 {notice_id}）。"),
    "notice_not_found": ("There is no notice {notice_id}.", "查無通知 {notice_id}。"),
    "notice_language_unknown": ("{value} is not a language of notices: use zh_TW or en.",
                                "{value} 不是通知可用的語言：請用 zh_TW（中文）或 en（英文）。"),
    "notice_address_invalid": ("{address} is not an e-mail address.",
                               "{address} 不是有效的電子郵件地址。"),
    "notices_smtp_not_set": (
        "No mail server is set: set smtp_host (and notice_from) in the settings.",
        "尚未設定郵件伺服器：請於設定中填寫 smtp_host（及 notice_from）。"),
    "notices_summary": (
        "Notices: {sent} sent, {resent} sent again after an interruption (same Message-ID), "
        "{deferred} to try again later, {failed} failed, {printed} to print, {queued} reminders "
        "queued.",
        "通知：已寄出 {sent} 封，中斷後以相同 Message-ID 重寄 {resent} 封，{deferred} 封稍後"
        "重試，{failed} 封失敗，{printed} 份待列印，新增提醒 {queued} 則。"),
    "notices_printed_to": ("Printed notices for patrons without e-mail: {path}",
                           "無電子郵件讀者的紙本通知：{path}"),
    "notices_failed_line": ("Failed: notice {notice_id} to {patron}: {error}",
                            "失敗：通知 {notice_id}（{patron}）：{error}"),
    "notices_resent_line": (
        "Sent again after an interruption: notice {notice_id}, Message-ID {message_id}",
        "中斷後重寄：通知 {notice_id}，Message-ID {message_id}"),
    "notices_server_down": ("The mail server cannot be reached ({error}): trying again later.",
                            "無法連線郵件伺服器（{error}）：稍後重試。"),
    "notice_print_title": ("Notice to a patron", "讀者通知"),
}


def render(kind: str, language: str, params: dict[str, Any]) -> tuple[str, str]:
    """(subject, plain-text body) of a notice of ``kind`` in ``language`` ('zh_TW' or 'en');
    ``KeyError`` for an unknown kind or a missing parameter."""
    english, chinese = TEMPLATES[kind]
    subject, body = chinese if language == "zh_TW" else english
    signature = SIGNATURE[1 if language == "zh_TW" else 0]
    library = params.get("library")
    return (subject.format(**params),
            body.format(**params) + (signature.format(library=library) if library else ""))


def needed(kind: str) -> frozenset[str]:
    """The parameter names a notice of ``kind`` needs."""
    import string
    names: set[str] = set()
    for subject, body in TEMPLATES[kind]:
        for piece in (subject, body):
            names.update(name for _, name, _, _ in string.Formatter().parse(piece) if name)
    return frozenset(names)
