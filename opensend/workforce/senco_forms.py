"""Forms for the SENCO's weekly time in a term and their appointment (reg 49)."""

from django import forms

from opensend.core.forms import GovukDateField
from opensend.organisations.models import TermName
from opensend.workforce.models import SencoCourse
from opensend.workforce.services.senco import HOUR_LABELS, MAX_WEEKLY_HOURS

ROLE_ROWS = 6

HOUR_HINTS = {
    "teaching_hours": "Timetabled teaching a week",
    "senco_hours": "Timetabled time a week for SENCO duties",
    "other_leadership_hours": "Time a week for other leadership and management roles",
    "senco_hours_taken_from_leadership": "Any of the SENCO hours that come out of that "
    "leadership time rather than on top of it. SENCO time should be additional to it",
    "ppa_hours": "Planning, preparation and assessment time a week: at least 10% of teaching "
    "(STPCD)",
    "senco_duties_in_ppa_hours": "Any SENCO duties timetabled inside PPA time. PPA time "
    "should not be used for SENCO duties",
    "admin_support_hours": "Administrative support the SENCO gets a week",
}


def hours_field(label: str, help_text: str = "", required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=0,
        max_value=MAX_WEEKLY_HOURS,
        decimal_places=2,
        max_digits=5,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={
            "required": f"Enter {label[0].lower()}{label[1:]}, or 0",
            "invalid": f"{label} must be a number, like 2.5",
            "min_value": f"{label} cannot be negative",
            "max_value": f"{label} must be {MAX_WEEKLY_HOURS} or fewer a week",
            "max_decimal_places": f"{label} must have at most 2 decimal places",
            "max_digits": f"{label} must be {MAX_WEEKLY_HOURS} or fewer a week",
        },
    )


class SencoTimeForm(forms.Form):
    academic_year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        error_messages={
            "required": "Select the academic year",
            "invalid_choice": "Select the academic year",
        },
    )
    term = forms.ChoiceField(
        label="Term",
        choices=TermName.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the term", "invalid_choice": "Select the term"},
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].choices = [(y, f"{y} to {y + 1}") for y in years]
        for key, label in HOUR_LABELS.items():
            self.fields[key] = hours_field(f"{label} a week", HOUR_HINTS[key])
        for number in range(1, ROLE_ROWS + 1):
            self.fields[f"role_{number}"] = forms.CharField(
                label=f"Senior role {number}",
                required=False,
                max_length=100,
                error_messages={"max_length": "The role's name must be 100 characters or fewer"},
            )
            self.fields[f"role_hours_{number}"] = hours_field(
                f"Leadership hours a week for senior role {number}", required=False
            )

    def clean(self):
        data = super().clean()
        for number in range(1, ROLE_ROWS + 1):
            name, hours = data.get(f"role_{number}"), data.get(f"role_hours_{number}")
            if name and hours is None and f"role_hours_{number}" not in self.errors:
                self.add_error(f"role_hours_{number}", f"Enter the leadership hours for {name}")
            if hours is not None and not name:
                self.add_error(f"role_{number}", f"Enter the name of senior role {number}")
        return data

    def hours(self) -> dict:
        return {key: self.cleaned_data[key] for key in HOUR_LABELS}

    def senior_roles(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"role": data[f"role_{n}"], "leadership_hours": data[f"role_hours_{n}"]}
            for n in range(1, ROLE_ROWS + 1)
            if data.get(f"role_{n}")
        ]

    def role_rows(self):
        return [(self[f"role_{n}"], self[f"role_hours_{n}"]) for n in range(1, ROLE_ROWS + 1)]

    def hour_fields(self):
        return [self[key] for key in HOUR_LABELS]


YES_NO = [("yes", "Yes"), ("no", "No")]


class SencoAppointmentForm(forms.Form):
    appointed_on = GovukDateField(
        what="date they became SENCO",
        label="Date they became SENCO at this school",
        help_text="The qualification is due 3 years after this (SEND Regulations 2014 reg "
        "49(4)). For example, 1 9 2024",
    )
    qualified_teacher = forms.ChoiceField(
        label="Are they a qualified teacher?",
        help_text="With qualified teacher status and induction completed where required "
        "(reg 49(2)). The head teacher may be the SENCO without it (reg 49(3))",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they are a qualified teacher"},
    )
    is_head = forms.BooleanField(
        label="They are the head teacher or acting head teacher", required=False
    )
    previous_senco_months = forms.IntegerField(
        label="Months as a SENCO before, at any school",
        help_text="In total, before this appointment. More than 12 months and the "
        "qualification is not required (reg 49(4))",
        min_value=0,
        max_value=600,
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the months as a SENCO before, or 0",
            "invalid": "Enter the months as a whole number, like 18",
            "min_value": "The months cannot be negative",
            "max_value": "The months must be 600 or fewer",
        },
    )
    course = forms.ChoiceField(
        label="Qualification course",
        help_text="A NASENCO counts only if it started before 1 September 2024 and is "
        "completed before 1 September 2027; courses started since must be the NPQ for SENCOs "
        "(reg 49(7))",
        choices=SencoCourse.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    course_started_on = GovukDateField(
        what="date the course started",
        label="Date the course started (optional)",
        help_text="For example, 1 10 2024",
        required=False,
    )
    course_completed_on = GovukDateField(
        what="date the course was completed",
        label="Date the course was completed (optional)",
        help_text="Leave blank while it is in progress",
        required=False,
    )
