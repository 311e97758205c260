"""The council's forms for review programmes."""

from django import forms

from opensend.core.forms import GovukDateField
from opensend.reviews.models import ProgrammePurpose
from opensend.reviews.programmes import BACKLOG_REVIEW_WEEKS


def _count(label: str, help_text: str, what: str, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=1,
        max_value=10000,
        required=required,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"The {what} must be a whole number",
            "min_value": f"The {what} must be at least 1",
            "max_value": f"The {what} must be 10,000 or fewer",
        },
    )


class ProgrammeLimitsForm(forms.Form):
    start = GovukDateField(
        what="start date",
        label="Start",
        help_text="Reviews start on the first of a month on or after this date. "
        "For example, 1 9 2026",
    )
    deadline = GovukDateField(
        what="deadline",
        label="Deadline",
        help_text="Every review is finished before this date. Children changing phase finish "
        "before 15 February (31 March for post-16) of the year they move (SEND Regulations "
        "2014 reg 18). For example, 31 8 2027",
    )
    monthly_capacity = _count(
        "Reviews the council can run a month",
        "Your team's capacity: how many reviews it can start each month",
        "monthly capacity",
    )
    per_school_limit = _count(
        "Most reviews at one school in a month",
        "So that no school is swamped (the DfE's transition guidance asked for a managed, "
        "phased transfer)",
        "per-school limit",
    )
    review_weeks = _count(
        "Weeks from a review's start to the final plan (optional)",
        "Leave blank for the legal default: 20 weeks for a statement transfer begun from 1 "
        "September 2015 (2 weeks' notice + 18, SI 2015/1619), 16 before it (2 + 14, SI "
        f"2014/2270); {BACKLOG_REVIEW_WEEKS} for an annual review (the meeting in its month, "
        "then up to 12 weeks to an amended plan, reg 22(3))",
        "number of review weeks",
        required=False,
    )


class ProgrammeForm(ProgrammeLimitsForm):
    name = forms.CharField(
        label="Name of the programme",
        max_length=150,
        help_text="For example, Backlog of overdue reviews 2026 to 2027",
        error_messages={"required": "Give the programme a name"},
    )
    purpose = forms.ChoiceField(
        label="Which children are in it?",
        choices=ProgrammePurpose.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what the programme is for",
            "invalid_choice": "Choose what the programme is for",
        },
    )
    include_upcoming = forms.BooleanField(
        label="Also include annual reviews that fall due before the deadline",
        required=False,
        help_text="Only for a backlog. Without it, only reviews already overdue are in it",
    )

    field_order = [
        "name",
        "purpose",
        "include_upcoming",
        "start",
        "deadline",
        "monthly_capacity",
        "per_school_limit",
        "review_weeks",
    ]
