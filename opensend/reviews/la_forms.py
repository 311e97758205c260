"""Forms for the council's review pages (opensend/reviews/la_views.py).

The forms shape what the caseworker typed and say plainly what is missing; the rules (reasons
for a refusal to amend or a decision to cease, reg 20(10); who may decide) are the services'
to apply, and their errors are put back on these fields by `add_service_errors`.
"""

from django import forms

from opensend.ehc.la_forms._fields import same_message, text_field
from opensend.reviews.models import ReviewDecision, TransferKind

TRAY_VIEWS = [
    ("all", "All open reviews"),
    ("due", "Meetings due in the next 8 weeks"),
    ("overdue", "Overdue"),
    ("decisions", "Decisions due"),
    ("amendments", "Amended plans due"),
]


class ReviewTrayFilterForm(forms.Form):
    view = forms.ChoiceField(
        label="Show",
        required=False,
        choices=TRAY_VIEWS,
        error_messages={"invalid_choice": "Choose which reviews to show from the list"},
    )
    school = forms.ChoiceField(
        label="School",
        required=False,
        error_messages={"invalid_choice": "Choose a school from the list"},
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [
            ("", "Any school"),
            *[(str(school.pk), school.name) for school in schools],
        ]


DECISION_LABELS = {
    ReviewDecision.KEEP: "Keep the plan as it is",
    ReviewDecision.AMEND: "Amend the plan",
    ReviewDecision.CEASE: "Cease to maintain the plan",
}


class ReviewDecisionForm(forms.Form):
    """Reg 20(10): keep, amend or cease, within 4 weeks of the meeting."""

    decision = forms.ChoiceField(
        label="What will the council do with the plan?",
        widget=forms.RadioSelect,
        choices=list(DECISION_LABELS.items()),
        error_messages=same_message("Choose whether to keep, amend or cease the plan"),
    )
    reasons = text_field(
        "Reasons for the decision",
        "The family reads them in the notice, with their right to appeal. Needed to cease the "
        "plan, and to keep it when the meeting recommended changes",
        rows=6,
    )
    amendments = text_field(
        "The amendments the council proposes",
        "What will change in the plan, and why. The proposed plan is then edited and sent to "
        "the family",
        rows=6,
    )

    def __init__(self, *args, recommends: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.recommends = recommends

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        reasons = (data.get("reasons") or "").strip()
        # Reg 20(10) with CFA s51: ceasing, or refusing the amendments the meeting asked for,
        # is appealable, so the notice gives the reasons.
        if decision == ReviewDecision.CEASE and not reasons:
            self.add_error("reasons", "Give the reasons for ceasing to maintain the plan")
        keep = decision == ReviewDecision.KEEP
        if keep and self.recommends != ReviewDecision.KEEP and not reasons:
            self.add_error(
                "reasons",
                "The meeting recommended amending the plan: give the reasons for keeping it as "
                "it is"
                if self.recommends == ReviewDecision.AMEND
                else "Give the reasons for keeping the plan as it is",
            )
        if decision == ReviewDecision.AMEND and not (data.get("amendments") or "").strip():
            self.add_error("amendments", "Say what the council proposes to amend")
        return data


class NextPhaseForm(forms.Form):
    """Reg 2 "phase", reg 18: the child's next phase transfer, where the year group and the
    school's phase do not tell it."""

    transfer_year = forms.IntegerField(
        label="Year of the move",
        help_text="The year of the September the child moves. For example, 2027",
        error_messages={
            "required": "Enter the year of the move",
            "invalid": "Enter the year of the move as a number, for example 2027",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )
    kind = forms.ChoiceField(
        label="Kind of move",
        widget=forms.RadioSelect,
        choices=TransferKind.choices,
        error_messages=same_message("Choose the kind of move"),
    )
    next_school = forms.ChoiceField(
        label="Next school or college (if known)",
        required=False,
        error_messages={"invalid_choice": "Choose a school from the list"},
    )
    next_school_name = forms.CharField(
        label="Or its name, if it is not in the list",
        required=False,
        max_length=200,
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)

    def __init__(self, *args, schools, this_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = {str(school.pk): school for school in schools}
        self.this_year = this_year
        self.fields["next_school"].choices = [
            ("", "Not known yet"),
            *[(pk, school.name) for pk, school in self.schools.items()],
        ]

    def clean_transfer_year(self):
        year = self.cleaned_data["transfer_year"]
        # A move this September at the earliest; no child's plan runs past 25 (CFA s45(1)).
        if year < self.this_year or year > self.this_year + 25:
            raise forms.ValidationError(
                f"Enter a year from {self.this_year} to {self.this_year + 25}"
            )
        return year

    def clean_next_school(self):
        value = self.cleaned_data["next_school"]
        return self.schools.get(value) if value else None
