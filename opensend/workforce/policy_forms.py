"""The forms for a school's policies: add one, review one in full, record the governors' approval.

The light-touch review has no form at all: one button (policy_views.policy_confirm).
"""

from django import forms

from opensend.core.forms import GovukDateField, VersionedForm
from opensend.ehc.la_forms._fields import text_field
from opensend.workforce.models import Policy, PolicyKind, ReviewOutcome, StaffMember
from opensend.workforce.selectors.policies import LONGEST_REVIEW_MONTHS, REVIEW_MONTHS

MONTHS_HINT = (
    "Leave blank for the usual interval: the SEN information report every 12 months (it is "
    "updated every year, SEND Code of Practice 6.79); the accessibility plan every 36 months (a "
    "3-year plan, Equality Act 2010 Schedule 10); the SEND policy, the complaints procedure and "
    "other policies every 12 months (usual school practice; no law sets a period)"
)


def _document_url() -> forms.URLField:
    return forms.URLField(
        label="Where it is published (optional)",
        help_text="The web address of the copy on the school's website, for example "
        "https://www.oakfield.sch.uk/send-policy",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a web address in the correct format, like https://www.example.org.uk"
        },
    )


def _approved_on(label: str = "Approved by the governors on (optional)") -> GovukDateField:
    return GovukDateField(
        what="date the governors approved it",
        label=label,
        help_text="Leave blank if the governors have not approved it yet. For example, 27 3 2026",
        required=False,
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.get_job_display()})"


class PolicyAddForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of policy is it?",
        choices=PolicyKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what kind of policy it is",
            "invalid_choice": "Choose what kind of policy it is",
        },
    )
    title = forms.CharField(
        label="Title (optional)",
        help_text='Leave blank to use the kind\'s name, for example "SEND policy"',
        required=False,
        max_length=Policy._meta.get_field("title").max_length,
    )
    owner = StaffChoiceField(
        label="Who looks after it (optional)",
        help_text="They are reminded when it is due for review, with the SENCO and head",
        queryset=StaffMember.objects.none(),
        required=False,
        empty_label="Nobody named yet",
        error_messages={"invalid_choice": "Choose someone on the school's staff list"},
    )
    review_every_months = forms.IntegerField(
        label="Review it every how many months? (optional)",
        help_text=MONTHS_HINT,
        required=False,
        min_value=1,
        max_value=LONGEST_REVIEW_MONTHS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "The number of months must be a whole number, like 12",
            "min_value": "Review it at least every 1 month",
            "max_value": f"Review it at least every {LONGEST_REVIEW_MONTHS} months",
        },
    )
    last_reviewed_on = GovukDateField(
        what="date it was last reviewed",
        label="Last reviewed on",
        help_text="The date of its last review or, for a new policy, the date it was written. "
        "For example, 14 9 2026",
    )
    document_url = _document_url()
    approved_by_governors_on = _approved_on()

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners

    @staticmethod
    def initial_for(kind: str | None) -> dict:
        """Pre-filled from a kind chosen on the list page ("Add the accessibility plan")."""
        if kind not in PolicyKind.values:
            return {}
        return {
            "kind": kind,
            "title": PolicyKind(kind).label,
            "review_every_months": REVIEW_MONTHS[kind],
        }


class PolicyReviewForm(VersionedForm):
    """A full review; carries the policy's version so a review on top of another is refused."""

    outcome = forms.ChoiceField(
        label="Did the policy change?",
        choices=[
            (ReviewOutcome.NO_CHANGE, "No: it was read and nothing needs to change"),
            (ReviewOutcome.CHANGED, "Yes: it was changed"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say whether the policy changed",
            "invalid_choice": "Say whether the policy changed",
        },
    )
    reviewed_on = GovukDateField(
        what="date it was reviewed", label="Reviewed on", help_text="For example, 2 11 2026"
    )
    summary = text_field(
        "What changed",
        help_text="Needed if it changed: a sentence or two for governors and staff",
        rows=4,
        max_length=2000,
    )
    document_url = _document_url()
    approved_by_governors_on = _approved_on()


class PolicyApproveForm(forms.Form):
    """The governors' approval of the latest version; `number` is the version the page showed."""

    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    approved_on = GovukDateField(
        what="date the governors approved it",
        label="Date the governors approved it",
        help_text="For example, 27 11 2026",
    )
