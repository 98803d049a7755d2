"""Trust wording (English, 繁體中文): the audit chain's check, the database roles and
upgrades, and the admin sign-in that wiping a library needs.

Part of the one catalogue of ``desk.wording``.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # python -m desk audit verify (desk.models.audit_chain)
    "audit_chain_intact": ("The audit log is intact: {rows:,} rows, the last (no. {last_id}) at "
                           "{last_at} UTC; chain head {head}.",
                           "稽核紀錄完整：共 {rows:,} 筆，最後一筆（第 {last_id} 筆）於 {last_at} "
                           "UTC；鏈首雜湊 {head}。"),
    "audit_chain_empty": ("The audit log is intact and empty.", "稽核紀錄完整，目前沒有紀錄。"),
    "audit_row_altered": ("Audit row {row} was changed after it was written (its content no "
                          "longer matches its hash).",
                          "稽核紀錄第 {row} 筆寫入後遭到修改（內容與雜湊值不符）。"),
    "audit_row_missing": ("Audit row {row} does not follow row {after}: a row between them was "
                          "deleted.",
                          "稽核紀錄第 {row} 筆未接續第 {after} 筆：兩者之間有紀錄遭到刪除。"),
    "audit_rows_before_missing": ("Audit row {row} is the first in the log but was written after "
                                  "another row: the rows before it were deleted.",
                                  "稽核紀錄第 {row} 筆位於最前，卻是接在其他紀錄之後寫入：之前的紀錄"
                                  "遭到刪除。"),
    "audit_row_out_of_order": ("Audit row {row} was written after row {after} but is stored "
                               "before it: rows were inserted out of order or moved.",
                               "稽核紀錄第 {row} 筆是在第 {after} 筆之後寫入，卻排在其前：紀錄"
                               "順序遭到插入或搬動。"),
    "audit_row_forged": ("Audit row {row} was not written by the desk: it lies beyond the end of "
                         "the chain (inserted by hand).",
                         "稽核紀錄第 {row} 筆並非由流通系統寫入：位於雜湊鏈結尾之後（遭人工插入）。"),
    "audit_tail_missing": ("The newest audit rows are missing: the chain ends at row {last} but "
                           "the log stops before row {row}.",
                           "最新的稽核紀錄遺失：雜湊鏈應至第 {last} 筆，紀錄卻在第 {row} 筆之前中斷。"),
    "audit_head_mismatch": ("The audit chain's head (row {row}) does not match the log: its count "
                            "or hash was changed.",
                            "稽核雜湊鏈的鏈首（第 {row} 筆）與紀錄不符：筆數或雜湊值遭到修改。"),
    "audit_chain_no_table": ("This database has no audit log (not a library of the desk, or not "
                             "upgraded): {url}.",
                             "此資料庫沒有稽核紀錄（不是流通系統的資料庫，或尚未升級）：{url}。"),
    # database roles and upgrades (python -m desk db ...)
    "db_schema_behind": ("The library database is at revision {current} and this desk needs "
                         "{needed}; the desk's account may not change the schema. Ask the "
                         "administrator to run: python -m desk db upgrade --url OWNER_URL (as the "
                         "database owner).",
                         "圖書館資料庫版本為 {current}，本系統需要 {needed}；流通櫃台的資料庫帳號無權"
                         "變更結構。請系統管理者以資料庫擁有者身分執行：python -m desk db upgrade "
                         "--url OWNER_URL。"),
    "db_schema_newer": ("The library database is at revision {current}, which a newer version "
                        "of the desk made; this desk knows up to {needed}. Install the newer "
                        "version of the desk on this computer.",
                        "圖書館資料庫版本為 {current}，是較新版本的流通系統所建立；本系統僅支援到 "
                        "{needed}。請在這台電腦安裝較新版本的流通系統。"),
    "db_permission_denied": ("The database refused this to the desk's account: {what}. The audit "
                             "log cannot be changed or deleted; for anything else ask the "
                             "administrator (python -m desk db grant).",
                             "資料庫拒絕流通櫃台帳號執行此動作：{what}。稽核紀錄不可修改或刪除；"
                             "其他權限請洽系統管理者（python -m desk db grant）。"),
    "db_upgraded": ("The library database at {url} is at the newest revision ({revision}).",
                    "{url} 的圖書館資料庫已是最新版本（{revision}）。"),
    "db_grant_done": ("Role {role} may now use the library at {url}: it reads and writes "
                      "circulation, and may only add to and read the audit log.",
                      "角色 {role} 已可使用 {url} 的圖書館：可讀寫流通資料，稽核紀錄只能新增與讀取。"),
    "db_grant_needs_postgresql": ("Roles exist on PostgreSQL only; an SQLite file is guarded by "
                                  "its file permissions.",
                                  "僅 PostgreSQL 有資料庫角色；SQLite 檔案以檔案權限保護。"),
    "db_grant_bad_role": ("{role} is not a role name (letters, digits and '_', starting with a "
                          "letter).", "{role} 不是有效的角色名稱（英文字母、數字與「_」，以字母開頭）。"),
    "db_grant_no_password": ("The environment variable {var} is not set or empty.",
                             "環境變數 {var} 未設定或為空白。"),
    # python -m desk demo --force on a real library
    "demo_wipe_needs_admin": ("{url} holds a library that is not the demo: deleting it needs an "
                              "administrator's sign-in (asked on a terminal, or "
                              "DESK_ADMIN_LOGIN and DESK_ADMIN_PASSWORD).",
                              "{url} 存放的不是示範圖書館：刪除它須由系統管理者登入（於終端機輸入，"
                              "或設定 DESK_ADMIN_LOGIN 與 DESK_ADMIN_PASSWORD）。"),
    "demo_wipe_not_admin": ("{login} is not an administrator: the library was not deleted.",
                            "{login} 不是系統管理者：未刪除圖書館。"),
    "demo_wipe_sign_in_failed": ("Wrong login or password: the library was not deleted.",
                                 "帳號或密碼錯誤：未刪除圖書館。"),
    "demo_wiping": ("Deleting the library at {url} ({what}), approved by {login}.",
                    "正在刪除 {url} 的圖書館（{what}），核准者：{login}。"),
    "demo_wiping_demo": ("Deleting the demo library at {url} ({what}).",
                         "正在刪除 {url} 的示範圖書館（{what}）。"),
    "demo_wipe_recorded": ("The deletion is recorded in the new library's audit log (row {row}).",
                           "刪除紀錄已寫入新圖書館的稽核紀錄（第 {row} 筆）。"),
}
