"""Forms for the provision map: GOV.UK components, plain-English errors.

The rules (who may change what, dates, the most pupils a group takes) live in the services; the
views put their messages back on these fields with `add_service_errors`.
"""

from decimal import Decimal

from django import forms

from opensend.core.forms import GovukDateField
from opensend.provision.models import Delivery
from opensend.provision.services import EDITABLE_FIELDS


def _money(label: str, what: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
        initial=Decimal(0),
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
        ),
        error_messages={
            "required": f"Enter the {what} (0 if there is none)",
            "invalid": f"The {what} must be an amount in pounds, like 15.50",
            "min_value": f"The {what} cannot be less than 0",
            "max_digits": f"The {what} is too large",
            "max_whole_digits": f"The {what} is too large",
            "max_decimal_places": f"The {what} must be in pounds and pence, like 15.50",
        },
    )


class InterventionForm(forms.Form):
    """An intervention's details: the same fields for adding one and for changing it."""

    name = forms.CharField(
        label="Name",
        help_text="For example, Year 3 phonics catch-up group",
        max_length=200,
        error_messages={"required": "Enter the name of the intervention or group"},
    )
    description = forms.CharField(
        label="What it is (optional)",
        help_text="What happens in it and what it is for",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    delivery = forms.ChoiceField(
        label="How it is delivered",
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        initial=Delivery.GROUP,
        error_messages={
            "required": "Choose whether it is a group or one to one",
            "invalid_choice": "Choose whether it is a group or one to one",
        },
    )
    staff = forms.CharField(
        label="Delivered by",
        help_text="A role or a name, for example TA (Mrs Khan)",
        max_length=200,
        error_messages={"required": "Say who delivers it (a role or a name)"},
    )
    hours_per_week = forms.DecimalField(
        label="Staff hours a week",
        help_text=(
            "The staff time it takes in a full school week. For one to one work, the time for "
            "all its pupils together. For example, 2.5"
        ),
        min_value=Decimal("0.01"),
        max_digits=5,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-5", "inputmode": "decimal", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter the staff hours a week",
            "invalid": "The hours a week must be a number, like 2.5",
            "min_value": "The hours a week must be more than 0",
            "max_digits": "The hours a week is too large",
            "max_whole_digits": "The hours a week is too large",
            "max_decimal_places": "The hours a week can have at most 2 decimal places",
        },
    )
    hourly_cost = _money(
        "Staff cost an hour (£)",
        "staff cost an hour",
        "Pay and on-costs for one hour of the staff time. For example, 18.50",
    )
    other_costs_per_term = _money(
        "Other costs a term (£)",
        "other costs a term",
        "Resources, licences or an outside provider's fee",
    )
    max_pupils = forms.IntegerField(
        label="Most pupils it takes (optional)",
        required=False,
        min_value=1,
        max_value=1000,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-3", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={
            "invalid": "The most pupils must be a whole number, like 6",
            "min_value": "The most pupils must be at least 1, or leave it blank",
            "max_value": "The most pupils must be 1000 or fewer",
        },
    )
    start = GovukDateField(what="date it starts", label="Starts", help_text="For example, 7 9 2026")
    end = GovukDateField(
        what="date it ends",
        label="Ends (optional)",
        help_text="Leave blank if it runs until further notice",
        required=False,
    )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


assert set(InterventionForm.base_fields) == EDITABLE_FIELDS, "the form and the services must agree"


class InterventionEditForm(InterventionForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PupilsAddForm(forms.Form):
    """Pupils to put in the intervention (those with an open support plan), and from when."""

    plans = forms.MultipleChoiceField(
        label="Pupils",
        help_text="Pupils with an open support plan who are not in it already",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one pupil",
            "invalid_choice": "Choose pupils from the list",
        },
    )
    start = GovukDateField(
        what="date they start", label="Start in it from", help_text="For example, 7 9 2026"
    )
    frequency = forms.CharField(
        label="How often, as it will show on their plans (optional)",
        required=False,
        max_length=200,
    )

    def __init__(self, *args, plans=(), default_frequency: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.plans_by_id = {str(plan.pk): plan for plan in plans}
        self.fields["plans"].choices = [
            (str(plan.pk), f"{plan.child.last_name}, {plan.child.first_name}") for plan in plans
        ]
        self.fields[
            "frequency"
        ].help_text = f"Leave blank for the intervention's own time: {default_frequency}"

    def chosen_plans(self) -> list:
        return [self.plans_by_id[pk] for pk in self.cleaned_data["plans"]]


class PupilEndForm(forms.Form):
    end = GovukDateField(
        what="last day in the intervention",
        label="Last day in the intervention",
        help_text="For example, 18 12 2026",
    )


class MapYearForm(forms.Form):
    """The academic year the map shows: ?year=2026 for 2026 to 2027."""

    year = forms.IntegerField(
        label="Academic year starting in",
        required=False,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-4", "inputmode": "numeric", "spellcheck": "false"}
        ),
        help_text="For example, 2026 for September 2026 to August 2027",
        error_messages={"invalid": "Enter the year as 4 numbers, like 2026"},
    )

    def __init__(self, *args, first: int, last: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.first, self.last = first, last

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is not None and not self.first <= year <= self.last:
            raise forms.ValidationError(f"Enter a year from {self.first} to {self.last}, like 2026")
        return year
