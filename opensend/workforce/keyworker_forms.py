"""Forms for key working: the short assessment, choosing the key worker, and ending it.

The choice of key worker is a radio list with nothing selected: OpenSEND never assigns anyone,
least of all the SENCO, by default (guidance: "there should be no automatic assumption that
SENCOs or other school staff will take lead responsibility for these arrangements, including
taking on the role of key worker").
"""

from decimal import Decimal

from crispy_forms_gds.choices import Choice
from django import forms

from opensend.core.forms import GovukDateField
from opensend.ehc.la_forms._fields import same_message, text_field
from opensend.workforce.models import Complexity, Service
from opensend.workforce.services.keyworkers import END_REASON_MAX, hours_label

MAX_TEXT = 5000


class AssessmentForm(forms.Form):
    services = forms.MultipleChoiceField(
        label="Which services are involved?",
        help_text="Select all that apply.",
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=same_message("Select the services involved with the child's support"),
    )
    complexity = forms.ChoiceField(
        label="How complex is the child's support to co-ordinate?",
        choices=Complexity.choices,
        widget=forms.RadioSelect,
        error_messages=same_message("Select how complex the child's support is to co-ordinate"),
    )
    needs_summary = text_field(
        "Summary of the child's needs",
        "What the child needs, and what co-ordinating it involves. This decides who is best "
        "placed to be the key worker.",
        required=True,
        max_length=MAX_TEXT,
        error_messages={
            "required": "Enter a summary of the child's needs",
            "max_length": f"The summary must be {MAX_TEXT:,} characters or fewer",
        },
    )
    family_preference = text_field(
        "What the family would like (optional)",
        "For example, a person they already know and trust, or how they prefer to be contacted.",
        rows=3,
        max_length=MAX_TEXT,
    )
    senco_reason = text_field(
        "Why the SENCO should be the key worker (optional)",
        "Only if this assessment shows the SENCO is best placed. The SENCO cannot be chosen "
        "without a reason: there is no automatic assumption that the SENCO takes this role.",
        rows=3,
        max_length=MAX_TEXT,
    )

    @staticmethod
    def initial_from(assessment) -> dict:
        """An earlier assessment's answers, so reassessing means changing only what changed."""
        if assessment is None:
            return {}
        return {
            "services": assessment.services,
            "complexity": assessment.complexity,
            "needs_summary": assessment.needs_summary,
            "family_preference": assessment.family_preference,
            "senco_reason": assessment.senco_reason,
        }


def _candidate_choice(candidate) -> Choice:
    worker = candidate.worker
    label = f"{worker.full_name}, {worker.get_job_display()}"
    if not candidate.has_time:
        hint = "No key-worker time left: all of it is allocated"
    else:
        hint = f"{hours_label(candidate.remaining)} a week left for key work"
    if candidate.is_senco:
        hint += ". The SENCO: only if the assessment says why they are best placed"
    return Choice(str(worker.pk), label, hint=hint)


class ChooseForm(forms.Form):
    worker = forms.ChoiceField(
        label="Who will be the key worker?",
        widget=forms.RadioSelect,
        error_messages=same_message("Select who will be the key worker"),
    )
    hours_per_week = forms.DecimalField(
        label="Hours a week for this child",
        help_text="Time set aside for the key worker role. For example, 1.5",
        min_value=Decimal("0.01"),
        max_digits=5,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
        error_messages={
            "required": "Enter the hours a week for this child",
            "invalid": "Enter the hours a week as a number, like 1.5",
            "min_value": "Enter the hours a week, more than 0",
            "max_digits": "Enter the hours a week as a number, like 1.5",
            "max_decimal_places": "Enter the hours a week to 2 decimal places",
            "max_whole_digits": "Enter the hours a week as a number, like 1.5",
        },
    )
    starts_on = GovukDateField(
        what="start date",
        label="Start date",
        help_text="For example, 2 11 2026",
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(c.worker.pk): c for c in candidates}
        self.fields["worker"].choices = [_candidate_choice(c) for c in candidates]

    def chosen_worker(self):
        return self.candidates[self.cleaned_data["worker"]].worker


class EndForm(forms.Form):
    reason = forms.CharField(
        label="Why is this ending?",
        help_text="For example, the child's support no longer needs co-ordinating, or the key "
        "worker is leaving.",
        max_length=END_REASON_MAX,
        error_messages={
            "required": "Enter why the key worker allocation is ending",
            "max_length": f"The reason must be {END_REASON_MAX} characters or fewer",
        },
    )
