"""Forms for the local authority's EHC needs assessment pages (see opensend/ehc/la_views/).

The forms only shape what the caseworker typed; every rule (reasons for a refusal, dates, who
may be asked for advice) is the services' to apply, and their errors are put back on these
fields by `opensend.core.forms.add_service_errors`.
"""

from opensend.ehc.la_forms._fields import NOBODY, PROFESSIONAL_ROLES
from opensend.ehc.la_forms.advice import AdviceAddForm, AdviceReuseForm, AdviceShareForm
from opensend.ehc.la_forms.case import AssignForm, ExceptionForm, WithdrawForm, advice_label
from opensend.ehc.la_forms.decision import DecisionForm, LetterForm
from opensend.ehc.la_forms.paper import PaperRequestForm
from opensend.ehc.la_forms.tray import BulkActionForm, UUIDListField, WorkTrayFilterForm

__all__ = [
    "NOBODY",
    "PROFESSIONAL_ROLES",
    "AdviceAddForm",
    "AdviceReuseForm",
    "AdviceShareForm",
    "AssignForm",
    "BulkActionForm",
    "DecisionForm",
    "ExceptionForm",
    "LetterForm",
    "PaperRequestForm",
    "UUIDListField",
    "WithdrawForm",
    "WorkTrayFilterForm",
    "advice_label",
]
