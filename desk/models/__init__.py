"""The ORM models, one module per aggregate, and the database setup (``desk.models.database``)."""

from desk.models.audit import AuditChainHead, AuditEvent, ProblemEntry
from desk.models.base import Base
from desk.models.cards import LoanClaim, PatronMessage, ReplacedCard
from desk.models.charge import Charge, Payment, PaymentAllocation, ReceiptCounter, Waiver
from desk.models.delivery import DeliveryRequest
from desk.models.hold import Hold
from desk.models.item import Biblio, Item
from desk.models.loan import Loan
from desk.models.location import ClosedDay, Desk, Location
from desk.models.lost import LostClaim
from desk.models.marks import LibraryMark
from desk.models.notice import PatronNotice
from desk.models.offline import OfflineTransaction
from desk.models.patron import Patron, Proxy
from desk.models.rule import CirculationRule, ItemType, PatronCategory
from desk.models.searches import RetrievalRequest, SearchRequest
from desk.models.settlement import Settlement, SettlementLine
from desk.models.signin import SignInAttempt
from desk.models.staff import StaffUser
from desk.models.terminal import SipTerminal

# Registers the Session hook that chains every new AuditEvent (after the models it uses).
from desk.models import audit_chain  # noqa: E402,F401  isort: skip

__all__ = [
    "AuditChainHead", "AuditEvent", "Base", "Biblio", "Charge", "CirculationRule", "ClosedDay", "DeliveryRequest", "Desk", "Hold",
    "Item", "ItemType", "LibraryMark", "Loan", "LoanClaim", "Location", "LostClaim",
    "OfflineTransaction", "Patron", "PatronCategory", "PatronMessage", "PatronNotice", "Payment",
    "PaymentAllocation", "ProblemEntry", "Proxy", "ReceiptCounter", "ReplacedCard", "RetrievalRequest",
    "SearchRequest",
    "Settlement", "SettlementLine", "SignInAttempt", "SipTerminal", "StaffUser", "Waiver",
]
