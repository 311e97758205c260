"""A request received on paper, by email or by phone."""

from django import forms
from django.utils import timezone

from opensend.core.forms import GovukDateField
from opensend.ehc.la_forms._fields import same_message, text_field
from opensend.ehc.models import RequesterKind


class PaperRequestForm(forms.Form):
    local_authority = forms.ChoiceField(
        label="Which council received it?",
        error_messages=same_message("Choose the council that received the request"),
    )
    first_name = forms.CharField(
        label="Child's first name",
        max_length=100,
        error_messages={"required": "Enter the child's first name"},
    )
    last_name = forms.CharField(
        label="Child's last name",
        max_length=100,
        error_messages={"required": "Enter the child's last name"},
    )
    date_of_birth = GovukDateField(
        what="child's date of birth",
        label="Child's date of birth",
        help_text="For example, 30 11 2019",
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN) (optional)",
        help_text="13 characters, if the request gives it. It finds the child's record",
        required=False,
        max_length=13,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    requester_kind = forms.ChoiceField(
        label="Who made the request?",
        choices=RequesterKind.choices,
        widget=forms.RadioSelect,
        error_messages=same_message("Choose who made the request"),
    )
    requester_name = forms.CharField(
        label="Name of the person who asked",
        max_length=150,
        error_messages={"required": "Enter the name of the person who asked"},
    )
    school = forms.ChoiceField(
        label="The school or college, if it made the request (optional)",
        required=False,
        error_messages={"invalid_choice": "Choose a school from the list"},
    )
    received = GovukDateField(
        what="date the council received the request",
        label="Date the council received the request",
        help_text=(
            "The statutory clock starts on this date: the decision whether to assess is due 6 "
            "weeks later. For example, 3 3 2026"
        ),
    )
    what_is_new = text_field(
        "Why an assessment is needed now (optional)",
        "What the request says has changed, or what has been tried",
    )
    family_about = text_field("What the child is like and good at (optional)")
    family_difficulties = text_field("What the child finds hard (optional)")
    family_help_so_far = text_field("Help the child has had so far (optional)")
    family_hopes = text_field("What the family would like to happen (optional)")
    child_views = text_field("The child's own views (optional)")

    VIEW_FIELDS = (
        "family_about",
        "family_difficulties",
        "family_help_so_far",
        "family_hopes",
        "child_views",
    )

    def __init__(self, *args, authorities, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.authorities = {str(la.pk): la for la in authorities}
        self.schools = {str(school.pk): school for school in schools}
        if len(self.authorities) == 1:
            # One council: nothing to choose.
            del self.fields["local_authority"]
        else:
            self.fields["local_authority"].choices = [
                ("", "Choose the council"),
                *[(value, la.name) for value, la in self.authorities.items()],
            ]
        self.fields["school"].choices = [
            ("", "Not the school"),
            *[(value, school.name) for value, school in self.schools.items()],
        ]

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born >= timezone.localdate():
            raise forms.ValidationError("The child's date of birth must be in the past")
        return born

    def clean_upn(self):
        return self.cleaned_data["upn"].strip().upper()

    def clean(self):
        data = super().clean()
        if data.get("requester_kind") == RequesterKind.SCHOOL and not data.get("school"):
            self.add_error("school", "Choose the school that made the request")
        return data

    def chosen_authority(self):
        if "local_authority" not in self.fields:
            return next(iter(self.authorities.values()))
        return self.authorities[self.cleaned_data["local_authority"]]

    def chosen_school(self):
        return self.schools.get(self.cleaned_data.get("school") or "")
