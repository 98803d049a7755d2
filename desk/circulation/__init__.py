"""The circulation domain: the service facade every front end, script and test uses.

See DESIGN.md section 5. This package knows nothing of Qt or devices.
"""

from desk.circulation.library import Library, open_library
from desk.database_urls import LibraryUnavailable
from desk.circulation.notices import AuthenticationFailed, CirculationRefused, Notice, Override
from desk.circulation.policy import Policy
from desk.circulation.results import (AccessoriesMissingResult, CheckinResult, CheckoutResult,
                                      ClearShelfResult, RenewResult, Settlement)
from desk.circulation.service import Circulation
from desk.wording import set_language

__all__ = [
    "AccessoriesMissingResult", "AuthenticationFailed", "CheckinResult", "CheckoutResult", "Circulation",
    "CirculationRefused", "ClearShelfResult", "Library", "LibraryUnavailable", "Notice", "Override", "Policy",
    "RenewResult", "Settlement", "open_library", "set_language",
]
