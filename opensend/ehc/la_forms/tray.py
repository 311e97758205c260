"""The work tray's filters and bulk buttons."""

import uuid

from django import forms

from opensend.ehc.la_forms._fields import NOBODY, people_choices, same_message
from opensend.ehc.models import CaseStage


class WorkTrayFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[("", "All open cases"), *CaseStage.choices],
        error_messages={"invalid_choice": "Choose a stage from the list"},
    )
    school = forms.ChoiceField(
        label="School",
        required=False,
        error_messages={"invalid_choice": "Choose a school from the list"},
    )
    worker = forms.ChoiceField(
        label="Caseworker",
        required=False,
        error_messages={"invalid_choice": "Choose a caseworker from the list"},
    )

    def __init__(self, *args, schools, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [
            ("", "Any school"),
            *[(str(school.pk), school.name) for school in schools],
        ]
        self.fields["worker"].choices = [
            ("", "Anyone"),
            (NOBODY, "Not assigned"),
            *people_choices(workers),
        ]


class UUIDListField(forms.Field):
    """The ticked rows of a table: a list of record ids (each a UUID)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        try:
            return [uuid.UUID(str(item)) for item in value]
        except ValueError as error:
            raise forms.ValidationError("Select cases from the list") from error


class BulkActionForm(forms.Form):
    SEND_ADVICE = "send_advice"
    ASSIGN_TO_ME = "assign_to_me"

    cases = UUIDListField(error_messages={"required": "Select at least one case"})
    action = forms.ChoiceField(
        choices=[(SEND_ADVICE, "Send advice requests"), (ASSIGN_TO_ME, "Assign to me")],
        error_messages=same_message("Choose what to do with the selected cases"),
    )
    # Where the person was in the tray (its filters and page), to go back there after.
    back = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
