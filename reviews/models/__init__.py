"""Shield's models, one module per concern; every name is importable from ``reviews.models``.

shops: Platform, Role, Organization, Shop, Membership, ApiToken
orders: Buyer, BuyerLink, Order, CreditEvent, Decision, BuyerTag, BuyerTagging
policy: RiskPolicy, LearnedWeights and their defaults
jobs: ImportBatch, BulkDecisionJob, Backtest (background work staff can watch)
alerts: AlertKind, AlertSettings, AlertChannel, AlertMute, Alert, AlertDelivery
exports: ExportEvent (who downloaded which export)
reveals: RevealEvent (who unmasked which order's buyer data)
contacts: ContactTemplate, ContactAttempt (contacting a buyer to verify an order)
staff: StaffLink (one-time invite / reset links), StaffChange (the staff audit trail)

Migrations name the callables below by their ``reviews.models`` path, so those stay here too.
"""

from reviews.models.alerts import (
    ALERT_EVENTS,
    Alert,
    AlertChannel,
    AlertDelivery,
    AlertKind,
    AlertMute,
    AlertSettings,
    default_alert_kinds,
)
from reviews.models.contacts import ContactAttempt, ContactTemplate
from reviews.models.exports import ExportEvent
from reviews.models.jobs import Backtest, BulkDecisionJob, ImportBatch, import_error_path, import_upload_path
from reviews.models.orders import Buyer, BuyerLink, BuyerTag, BuyerTagging, CreditEvent, Decision, Order
from reviews.models.policy import (
    BUILTIN_BUYER_TAGS,
    LearnedWeights,
    RiskPolicy,
    default_address_keywords,
    default_tag_weights,
)
from reviews.models.reveals import RevealEvent
from reviews.models.shops import ApiToken, Membership, Organization, Platform, Role, Shop
from reviews.models.staff import StaffChange, StaffLink

__all__ = [
    "ALERT_EVENTS",
    "BUILTIN_BUYER_TAGS",
    "Alert",
    "AlertChannel",
    "AlertDelivery",
    "AlertKind",
    "AlertMute",
    "AlertSettings",
    "ApiToken",
    "Backtest",
    "BulkDecisionJob",
    "Buyer",
    "BuyerLink",
    "BuyerTag",
    "BuyerTagging",
    "ContactAttempt",
    "ContactTemplate",
    "CreditEvent",
    "Decision",
    "ExportEvent",
    "ImportBatch",
    "LearnedWeights",
    "Membership",
    "Order",
    "Organization",
    "Platform",
    "RevealEvent",
    "RiskPolicy",
    "Role",
    "Shop",
    "StaffChange",
    "StaffLink",
    "default_address_keywords",
    "default_alert_kinds",
    "default_tag_weights",
    "import_error_path",
    "import_upload_path",
]
