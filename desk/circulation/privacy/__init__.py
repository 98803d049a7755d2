"""Personal data (Taiwan's Personal Data Protection Act, 個人資料保護法): loan history kept no
longer than the ``history_keep_days`` setting (``purge``), and everything the library holds on
one patron for a subject-access request (``export``). Both need an administrator and are
audited."""

from desk.circulation.privacy.admin import require_admin
from desk.circulation.privacy.export import EXPORT_FORMAT, export_patron
from desk.circulation.privacy.purge import PurgeResult, purge_history

__all__ = ["EXPORT_FORMAT", "PurgeResult", "export_patron", "purge_history", "require_admin"]
