"""Backup and restore wording (English, 繁體中文): what ``python -m desk backup`` and ``restore``
and the desk's automatic backups say.

Part of the one catalogue of ``desk.wording``.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # checks of a copy
    "backup_check_integrity": ("The database check failed: {detail}.",
                               "資料庫完整性檢查失敗：{detail}。"),
    "backup_check_not_a_library": ("It holds no Circulation Desk library (no schema revision).",
                                   "其中沒有流通櫃臺系統的資料庫（無結構版本）。"),
    "backup_check_revision": ("Its schema revision is {found}, not {expected}.",
                              "結構版本為 {found}，應為 {expected}。"),
    "backup_check_newer_revision": ("It was made by a newer version of the desk (schema "
                                    "revision {revision}): update the desk first.",
                                    "此備份由較新版本的系統產生（結構版本 {revision}），請先更新系統。"),
    "backup_check_counts": ("Row counts differ from the source (copy≠source): {detail}.",
                            "資料筆數與來源不符（副本≠來源）：{detail}。"),
    "backup_check_audit_chain": ("The audit log's hash chain is broken: {detail}.",
                                 "稽核紀錄的雜湊鏈已斷裂：{detail}。"),
    "backup_check_failed": ("The check '{check}' could not run: {detail}.",
                            "無法執行檢查「{check}」：{detail}。"),
    # making a backup
    "backup_dir_unwritable": ("The backup folder {directory} cannot be written: {detail}.",
                              "無法寫入備份資料夾 {directory}：{detail}。"),
    "backup_no_file": ("{url} is not a library file that can be backed up.",
                       "{url} 不是可備份的資料庫檔案。"),
    "backup_write_failed": ("The backup could not be written ({path}): {detail}. Earlier "
                            "backups are untouched.",
                            "無法寫入備份（{path}）：{detail}。先前的備份未受影響。"),
    "backup_source_failed": ("The library database could not be read: {detail}.",
                             "無法讀取館藏資料庫：{detail}。"),
    "backup_check_refused": ("The copy failed its checks and was discarded: {detail}",
                             "備份副本未通過檢查，已捨棄：{detail}"),
    "backup_pg_tool_missing": ("{tool} is not on the PATH: install the PostgreSQL client tools "
                               "(the same major version as the server) or add their folder to "
                               "the PATH.",
                               "找不到 {tool}：請安裝 PostgreSQL 用戶端工具（與伺服器相同主版本），"
                               "或將其資料夾加入 PATH。"),
    "backup_pg_dump_failed": ("pg_dump failed: {detail}.", "pg_dump 執行失敗：{detail}。"),
    "backup_pg_restore_failed": ("pg_restore failed: {detail}.", "pg_restore 執行失敗：{detail}。"),
    "backup_done": ("Backup {path}: {size} MB in {seconds} s, {rows} rows checked.",
                    "已備份 {path}：{size} MB，費時 {seconds} 秒，已檢查 {rows} 筆資料。"),
    "backup_rotated": ("Old backups removed: {count}.", "已移除舊備份：{count} 個。"),
    # reading a backup
    "backup_unreadable": ("The backup {path} cannot be read: {detail}.",
                          "無法讀取備份 {path}：{detail}。"),
    "backup_not_a_database": ("{path} is not a backup of a library (neither a SQLite database "
                              "nor a PostgreSQL dump).",
                              "{path} 不是館藏資料庫的備份（既非 SQLite 資料庫，也非 PostgreSQL 備份檔）。"),
    "backup_not_a_library": ("{path} holds no Circulation Desk library.",
                             "{path} 中沒有流通櫃臺系統的資料庫。"),
    "backup_damaged": ("The backup {path} is damaged or incomplete and cannot be restored: "
                       "{detail}", "備份 {path} 已損毀或不完整，無法還原：{detail}"),
    # restoring
    "restore_kind_mismatch": ("{path} does not suit this database: restore a .sqlite backup "
                              "into a SQLite library and a .pgdump into PostgreSQL.",
                              "{path} 不適用於此資料庫：.sqlite 備份還原至 SQLite，.pgdump 還原至 PostgreSQL。"),
    "restore_holds_data": ("{target} holds a library with data: restoring would replace it. "
                           "Give --force and sign in as an administrator.",
                           "{target} 已有館藏資料，還原將取代之。請加上 --force 並以系統管理者身分登入。"),
    "restore_not_admin": ("{login} is not an administrator: only an administrator may replace "
                          "a library.", "{login} 不是系統管理者，只有系統管理者可以取代資料庫。"),
    "restore_sign_in_failed": ("Wrong login or password.", "帳號或密碼錯誤。"),
    "restore_no_credentials": ("Set DESK_ADMIN_LOGIN and DESK_ADMIN_PASSWORD (no terminal to ask "
                               "for them).", "請設定 DESK_ADMIN_LOGIN 與 DESK_ADMIN_PASSWORD（沒有終端機可詢問）。"),
    "restore_target_in_use": ("{path} is in use by a running desk: close every desk using this "
                              "library, then restore again.",
                              "{path} 正由執行中的櫃臺使用：請關閉所有使用此資料庫的櫃臺後再還原。"),
    "restore_check_refused": ("The restored copy failed its checks; the library was not "
                              "replaced: {detail}", "還原的副本未通過檢查，資料庫未被取代：{detail}"),
    "restore_write_failed": ("The restore could not be written ({path}): {detail}. The library "
                             "was not replaced.", "無法寫入還原（{path}）：{detail}。資料庫未被取代。"),
    "restore_done": ("Restored {path} into {target}.", "已將 {path} 還原至 {target}。"),
    "restore_kept": ("The library it replaced is kept as {kept}.", "被取代的資料庫保留為 {kept}。"),
    # what a library holds
    "backup_last_transaction": ("Last transaction: {at} ({action}).", "最後一筆交易：{at}（{action}）。"),
    "backup_last_settlement": ("Last settlement: {settlement}.", "最後一次結帳：{settlement}。"),
    "backup_settlement": ("{day} at desk {desk}, closed {at}", "{day}，櫃臺 {desk}，結帳於 {at}"),
    "backup_never": ("none", "無"),
    "backup_counts": ("Holds {patrons} patrons, {items} items, {loans} loans ({open_loans} "
                      "open), {payments} payments.",
                      "共有讀者 {patrons} 位、館藏 {items} 冊、借閱 {loans} 筆（未還 {open_loans} 筆）、"
                      "繳款 {payments} 筆。"),
}
