"""Text classifiers for the SMS front desk: inbound intent and outbound promotional content."""

from classifiers.inbound import INBOUND_LABELS, InboundResult, classify_inbound, classify_inbound_batch
from classifiers.keywords import is_opt_in_yes
from classifiers.outbound import OutboundResult, check_outbound, check_outbound_batch
from classifiers.pipeline import load

__all__ = [
    "INBOUND_LABELS",
    "InboundResult",
    "OutboundResult",
    "check_outbound",
    "check_outbound_batch",
    "classify_inbound",
    "classify_inbound_batch",
    "is_opt_in_yes",
    "load",
]
