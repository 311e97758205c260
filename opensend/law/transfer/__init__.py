"""`transfer-plan`: a managed, phased programme of statement-to-EHC-plan transfer reviews.

plan.py holds the rule and its sources, flow.py the exact scheduler, json_input.py the input.
"""

from opensend.law.transfer.json_input import plan_from_json
from opensend.law.transfer.plan import (
    PhaseTransfer,
    ScheduledReview,
    Statement,
    TransferPlan,
    first_month_start,
    phase_transfer_date,
    plan_transfers,
    review_weeks_for,
    statement_due,
)

__all__ = [
    "PhaseTransfer",
    "ScheduledReview",
    "Statement",
    "TransferPlan",
    "first_month_start",
    "phase_transfer_date",
    "plan_from_json",
    "plan_transfers",
    "review_weeks_for",
    "statement_due",
]
