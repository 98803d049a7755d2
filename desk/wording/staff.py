"""Staff accounts and sign-in wording (English, 繁體中文): approvals that need a real sign-in,
the password policy, the lockout, staff administration; the names of roles and of the audit
actions these write.

Part of the one catalogue of ``desk.wording``; codes are stable, wording may change.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "approval_not_authenticated": (
        "{login} has not signed in here: approvals and desk sessions need a sign-in with the "
        "password.",
        "{login} 未在此登入：核可及開啟櫃台作業須先以密碼登入。"),
    "sign_in_failed": ("Wrong login or password.", "帳號或密碼錯誤。"),
    "sign_in_locked": (
        "Too many wrong passwords: this login is locked for {minutes} more minute(s). Try again "
        "later or ask an administrator.",
        "密碼錯誤次數過多：此帳號鎖定中，請於 {minutes} 分鐘後再試，或洽系統管理者。"),
    "staff_inactive": ("The account {login} is disabled.", "帳號 {login} 已停用。"),
    "weak_password": ("This password is too weak: {why}", "密碼強度不足：{why}"),
    "weak_password_short": ("use at least {length} characters.", "至少需 {length} 個字元。"),
    "weak_password_login": ("it must not be the login.", "不可與帳號相同。"),
    "weak_password_common": ("it is one of the most common passwords.",
                             "這是最常見的密碼之一。"),
    "password_invalid": ("Enter a password of at most {limit} characters.",
                         "請輸入密碼（最多 {limit} 個字元）。"),
    "admin_required": ("Only an administrator may manage staff accounts.",
                       "僅系統管理者可管理館員帳號。"),
    "first_staff_admin": ("The first staff account of a library must be an administrator.",
                          "圖書館的第一個館員帳號必須是系統管理者。"),
    "staff_login_taken": ("The login {login} is taken already.", "帳號 {login} 已有人使用。"),
    "staff_login_invalid": (
        "A login is 1 to {limit} characters, without spaces or control characters.",
        "帳號須為 1 至 {limit} 個字元，不可含空白或控制字元。"),
    "staff_name_invalid": (
        "A staff member needs a name of at most {limit} characters, without control characters.",
        "館員姓名必填，最多 {limit} 個字元，不可含控制字元。"),
    "staff_role_unknown": ("Unknown role {role}: use staff, supervisor or admin.",
                           "未知的角色 {role}：請用 staff（館員）、supervisor（主管）或 admin（系統管理者）。"),
    "staff_not_found": ("No staff member has the login {login}.", "查無帳號 {login} 的館員。"),
    "last_admin": ("{login} is the last active administrator: add or enable another one first.",
                   "{login} 是最後一位啟用中的系統管理者：請先新增或啟用另一位。"),
    "old_password_required": ("Give your current password to change it.",
                              "變更自己的密碼須輸入目前的密碼。"),
    "old_password_wrong": ("The current password is wrong.", "目前的密碼不正確。"),
}

ROLE_NAMES: dict[str, tuple[str, str]] = {
    "staff": ("staff", "館員"), "supervisor": ("supervisor", "主管"),
    "admin": ("administrator", "系統管理者"),
}

ACTION_NAMES: dict[str, tuple[str, str]] = {
    "sign_in": ("signed in", "登入"), "authorize": ("supervisor signed in to approve", "主管登入核可"),
    "sign_out": ("signed out", "登出"),
    "sign_in_failed": ("sign-in failed", "登入失敗"), "sign_in_lockout": ("login locked", "帳號鎖定"),
    "staff_added": ("staff account added", "新增館員帳號"),
    "staff_password_set": ("password changed", "變更密碼"),
    "staff_disabled": ("staff account disabled", "停用館員帳號"),
    "staff_enabled": ("staff account enabled", "啟用館員帳號"),
    "staff_role_set": ("role changed", "變更角色"),
}
