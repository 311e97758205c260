"""Forms for the school's staff list: add one person, paste a list, edit a person."""

from django import forms

from opensend.core.forms import GovukDateField, VersionedForm
from opensend.workforce.models import Job
from opensend.workforce.services.staff import MAX_KEY_WORKER_HOURS


def key_worker_hours_field() -> forms.DecimalField:
    return forms.DecimalField(
        label="Hours a week for key-worker roles",
        help_text="0 if they are not a key worker. For example, 2.5",
        min_value=0,
        max_value=MAX_KEY_WORKER_HOURS,
        decimal_places=2,
        max_digits=5,
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter the key-worker hours, or 0",
            "invalid": "Enter the key-worker hours as a number, like 2.5",
            "min_value": "Key-worker hours cannot be negative",
            "max_value": f"Key-worker hours must be {MAX_KEY_WORKER_HOURS} or fewer",
            "max_decimal_places": "Use at most 2 decimal places, like 2.25",
            "max_digits": f"Key-worker hours must be {MAX_KEY_WORKER_HOURS} or fewer",
        },
    )


class StaffDetailsForm(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={
            "required": "Enter the person's name",
            "max_length": "The name must be 150 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Email address (optional)",
        help_text="For Code of Practice briefing reminders. We link their OpenSEND account "
        "if they have one here",
        required=False,
        error_messages={"invalid": "Enter an email address like name@school.example"},
    )
    job = forms.ChoiceField(
        label="Job",
        choices=Job.choices,
        initial=Job.TEACHER,
        error_messages={
            "required": "Select the person's job",
            "invalid_choice": "Select the person's job",
        },
    )
    key_worker_hours = key_worker_hours_field()


class StaffAddForm(StaffDetailsForm):
    prefix = "add"


class StaffPasteForm(forms.Form):
    prefix = "paste"
    text = forms.CharField(
        label="Paste a list of staff",
        help_text="One person a line: name, email, job. Email and job are optional; the job "
        "can be SENCO, head, leader, teacher, TA, support or other (teacher if blank). You "
        "can paste columns straight from a spreadsheet",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Paste at least one person, one a line"},
    )


class StaffEditForm(VersionedForm, StaffDetailsForm):
    left_on = GovukDateField(
        what="date they left",
        label="Date they left (optional)",
        help_text="Only if they have left the school. For example, 31 8 2026",
        required=False,
    )
