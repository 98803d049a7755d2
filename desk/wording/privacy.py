"""Privacy and semester-sync wording (English, 繁體中文): what ``python -m desk privacy purge``,
``privacy export``, ``import patrons --update`` and the desk's Maintenance menu say.

Part of the one catalogue of ``desk.wording``.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "privacy_admin_required": (
        "Only an administrator may anonymise loan history or export a patron's data.",
        "只有系統管理者可以匿名化借閱紀錄或匯出讀者個人資料。"),
    "privacy_needs_admin": (
        "This needs an administrator's sign-in (asked on a terminal, or DESK_ADMIN_LOGIN and "
        "DESK_ADMIN_PASSWORD).",
        "此操作須由系統管理者登入（於終端機輸入，或設定 DESK_ADMIN_LOGIN 與 DESK_ADMIN_PASSWORD）。"),
    "privacy_sign_in_failed": ("Administrator sign-in failed: {reason}",
                               "系統管理者登入失敗：{reason}"),
    "privacy_keep_forever": (
        "history_keep_days is 0: loan history is kept; nothing was anonymised.",
        "history_keep_days 設為 0：借閱紀錄全部保留，未匿名化任何資料。"),
    "privacy_purge_would": (
        "Loan history is kept {days} days after return: {count:,} loan(s) returned before "
        "{cutoff} would be anonymised; {kept:,} are kept (a charge still owed or an open "
        "lost-item claim). Nothing was changed (dry run).",
        "借閱紀錄於歸還後保留 {days} 天：{cutoff} 以前歸還的 {count:,} 筆借閱將匿名化；"
        "{kept:,} 筆保留（尚有未繳費用或賠償中的遺失案件）。未做任何變更（試算）。"),
    "privacy_purge_done": (
        "Anonymised {count:,} loan(s) returned before {cutoff} (audit row {audit}); {kept:,} "
        "kept (a charge still owed or an open lost-item claim). Fines, receipts and "
        "settlements are unchanged.",
        "已匿名化 {cutoff} 以前歸還的 {count:,} 筆借閱（稽核紀錄 {audit}）；{kept:,} 筆保留"
        "（尚有未繳費用或賠償中的遺失案件）。罰款、收據與日結金額不變。"),
    "privacy_export_done": (
        "Wrote everything held on patron {barcode} to {path}: {loans:,} loan(s), {holds:,} "
        "hold(s), {charges:,} charge(s), {payments:,} payment(s), {audit:,} audit row(s).",
        "已將讀者 {barcode} 的全部資料寫入 {path}：借閱 {loans:,} 筆、預約 {holds:,} 筆、"
        "費用 {charges:,} 筆、繳費 {payments:,} 筆、稽核紀錄 {audit:,} 筆。"),
    "privacy_out_exists": ("{path} already exists: not overwriting it.",
                           "{path} 已存在，不予覆寫。"),
    "privacy_out_failed": ("Cannot write {path}: {detail}", "無法寫入 {path}：{detail}"),
    # import patrons --update (semester sync)
    "sync_summary": (
        "{path}: {updated:,} patron(s) updated, {added:,} added, {unchanged:,} unchanged; "
        "none deleted.",
        "{path}：更新 {updated:,} 位讀者、新增 {added:,} 位、{unchanged:,} 位不變；未刪除任何讀者。"),
    "sync_nothing_changed": (
        "{path}: nothing changed ({unchanged:,} patron(s) already as in the file).",
        "{path}：沒有任何變更（{unchanged:,} 位讀者已與檔案相同）。"),
    "sync_checked": (
        "{path}: checked, nothing written (--check): {updated:,} patron(s) would be updated, "
        "{added:,} added, {unchanged:,} unchanged.",
        "{path}：已檢查，未寫入（--check）：將更新 {updated:,} 位讀者、新增 {added:,} 位、"
        "{unchanged:,} 位不變。"),
    "sync_refused": ("{path}: {count:,} problem(s); nothing was imported.",
                     "{path}：發現 {count:,} 個問題，未匯入任何資料。"),
    "sync_report_written": ("The changes are listed in {path}.", "變更明細已寫入 {path}。"),
    "sync_new_needs": ("new patron {barcode}: the file must give its name and category",
                       "新讀者 {barcode}：檔案須提供姓名與讀者類別"),
}

ACTION_NAMES: dict[str, tuple[str, str]] = {
    "privacy_purge": ("Loan history anonymised", "借閱紀錄匿名化"),
    "privacy_export": ("Personal data exported", "個人資料匯出"),
    "import_patrons_update": ("Patron file synchronised", "讀者資料同步"),
    "sync_patron_updated": ("Patron record updated from file", "讀者資料由檔案更新"),
    "sync_patron_added": ("Patron added from file", "讀者由檔案新增"),
}
