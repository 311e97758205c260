"""Forms for the register and a child's record: GOV.UK components, plain-English errors.

Forms check only what a person typed (a real date, a choice from the list); the rules of the
register (census codes, one open status, UPN check letter) live in the services, whose field
messages the views put back on these forms with `add_service_errors` (opensend.core.forms).
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

# add_service_errors moved to core with GovukDateField; the people views still import it here.
from opensend.core.forms import GovukDateField, add_service_errors  # noqa: F401
from opensend.people.models import NEED_CHOICES, Provision, Relationship, YearGroup

YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no_field(label: str, required_message: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


# The register -----------------------------------------------------------------------------

REGISTER_PROVISION_CHOICES = [
    ("", "EHC plan and SEN support"),
    (Provision.EHC_PLAN, "EHC plan (E)"),
    (Provision.SEN_SUPPORT, "SEN support (K)"),
    (Provision.NO_SEN, "No special educational need (N): pupils not on the register"),
]


class RegisterFilterForm(forms.Form):
    provision = forms.ChoiceField(
        label="Provision",
        choices=REGISTER_PROVISION_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose a provision from the list"},
    )
    need = forms.ChoiceField(
        label="Type of need",
        choices=[("", "Any type of need"), *NEED_CHOICES],
        required=False,
        error_messages={"invalid_choice": "Choose a type of need from the list"},
    )


# Changing the register ----------------------------------------------------------------------


class RegisterEditForm(forms.Form):
    """Carries the register fingerprint the form was filled from (optimistic concurrency)."""

    based_on = forms.CharField(widget=forms.HiddenInput, required=False)


class SenStatusForm(RegisterEditForm):
    provision = forms.ChoiceField(
        label="SEN provision",
        choices=[
            (Provision.EHC_PLAN, "EHC plan (E)"),
            (Provision.SEN_SUPPORT, "SEN support (K)"),
            (Provision.NO_SEN, "No special educational need (N)"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose EHC plan, SEN support or no special educational need",
            "invalid_choice": "Choose EHC plan, SEN support or no special educational need",
        },
    )
    start = GovukDateField(
        what="date the change applies from",
        label="From",
        help_text="For example, 6 10 2025. The current status ends the day before.",
    )
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, EHC plan issued, or needs now met by ordinary teaching.",
        error_messages={"max_length": "The reason must be 300 characters or fewer"},
    )


NEED_SELECT_CHOICES = [("", "Choose a type of need"), *NEED_CHOICES]
OTHER_NEED_CHOICES = [("", "None"), *NEED_CHOICES]
OTHER_NEED_FIELDS = ("other_need_1", "other_need_2", "other_need_3")


class NeedsForm(RegisterEditForm):
    primary_need = forms.ChoiceField(
        label="Primary need",
        choices=NEED_SELECT_CHOICES,
        error_messages={
            "required": "Choose the primary need",
            "invalid_choice": "Choose a type of need from the list",
        },
    )
    other_need_1 = forms.ChoiceField(
        label="Second need (optional)", choices=OTHER_NEED_CHOICES, required=False
    )
    other_need_2 = forms.ChoiceField(
        label="Third need (optional)", choices=OTHER_NEED_CHOICES, required=False
    )
    other_need_3 = forms.ChoiceField(
        label="Fourth need (optional)", choices=OTHER_NEED_CHOICES, required=False
    )
    start = GovukDateField(
        what="date the needs apply from",
        label="From",
        help_text="For example, 6 10 2025. Needs that change end the day before.",
    )

    def clean(self):
        data = super().clean()
        if len(self.data.getlist("primary_need")) > 1:
            self.add_error("primary_need", "Choose one primary need")
        labels = dict(NEED_CHOICES)
        chosen = {data.get("primary_need")} - {None, ""}
        for name in OTHER_NEED_FIELDS:
            code = data.get(name)
            if not code:
                continue
            if code in chosen:
                self.add_error(name, f"You have already chosen {labels[code]}: choose each once")
            chosen.add(code)
        return data

    def needs(self) -> list[tuple[str, int]]:
        """(code, rank) pairs for the service: the primary is 1, the others follow in order."""
        codes = [self.cleaned_data["primary_need"]]
        codes += [self.cleaned_data[name] for name in OTHER_NEED_FIELDS if self.cleaned_data[name]]
        return [(code, rank) for rank, code in enumerate(codes, start=1)]

    @staticmethod
    def initial_for(open_needs, today: date) -> dict:
        ranked = sorted(open_needs, key=lambda need: need.rank)
        initial = {"start": today}
        for name, need in zip(("primary_need", *OTHER_NEED_FIELDS), ranked, strict=False):
            initial[name] = need.code
        return initial


# Children and families ----------------------------------------------------------------------


class ChildAddForm(forms.Form):
    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter their last name"}
    )
    date_of_birth = GovukDateField(
        what="date of birth", label="Date of birth", help_text="For example, 27 3 2018"
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN) (optional)",
        max_length=20,
        required=False,
        help_text="13 characters, starting with a letter. It is on the pupil's common transfer "
        "file.",
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        max_length=20,
        required=False,
        help_text="10 digits, for example 943 476 5919",
    )
    year_group = forms.ChoiceField(
        label="Year group",
        choices=[("", "Choose a year group"), *YearGroup.choices],
        error_messages={"required": "Choose their year group"},
    )
    start = GovukDateField(
        what="date they joined the school",
        label="On roll from",
        help_text="The date they joined the school, for example 1 9 2025",
    )

    def clean_upn(self) -> str:
        return self.cleaned_data["upn"].replace(" ", "").upper()

    def clean(self):
        data = super().clean()
        born, start = data.get("date_of_birth"), data.get("start")
        if born and start and start < born:
            self.add_error("start", "The date they joined must be after their date of birth")
        return data


class ParentLinkForm(forms.Form):
    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter their full name"}
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="Needed to invite them to OpenSEND.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    relationship = forms.ChoiceField(
        label="Relationship to the child",
        choices=Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their relationship to the child"},
    )
    parental_responsibility = yes_no_field(
        "Do they have parental responsibility?",
        "Say whether they have parental responsibility",
    )
    has_care = yes_no_field(
        "Does the child live with them, or are they in their care?",
        "Say whether they have care of the child",
    )
    invite = forms.BooleanField(
        label="Send them an invitation to join OpenSEND",
        required=False,
        help_text="They will be able to see this child's record and plans once they join.",
    )

    def clean(self):
        data = super().clean()
        if data.get("parental_responsibility") is False and data.get("has_care") is False:
            self.add_error(
                "has_care",
                "A parent or carer has parental responsibility or care of the child: "
                "answer yes to at least one",
            )
        if data.get("invite") and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter their email address to send them an invitation")
        return data


class ParentAccessForm(forms.Form):
    note = forms.CharField(
        label="Why are you restricting their access?",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a court order. Other staff will see this reason.",
        error_messages={"max_length": "The reason must be 300 characters or fewer"},
    )

    def __init__(self, *args, restricting: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.restricting = restricting
        if not restricting:
            del self.fields["note"]

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if self.restricting and not note:
            raise ValidationError("Say why access is restricted, for example a court order")
        return note
