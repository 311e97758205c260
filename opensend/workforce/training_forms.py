"""Forms for planning SEND training sessions and recording who attended."""

from datetime import datetime

from django import forms
from django.utils import timezone

from opensend.core.forms import GovukDateField
from opensend.ehc.la_forms._fields import text_field
from opensend.law.dates import academic_year_of
from opensend.organisations.selectors import FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR
from opensend.workforce.models import Audience
from opensend.workforce.services.training import PROVIDER_MAX, TEXT_MAX, TITLE_MAX

# The 24-hour clock as people type it: 13:30, or 13.30 (common in UK schools' timetables).
TIME_FORMATS = ["%H:%M", "%H.%M"]


def _time_field(what: str, example: str) -> forms.TimeField:
    return forms.TimeField(
        label=f"{what.capitalize()} time",
        help_text=f"Use the 24-hour clock, for example {example}",
        input_formats=TIME_FORMATS,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the {what} time",
            "invalid": f"Enter the {what} time as hours and minutes on the 24-hour clock, "
            f"like {example}",
        },
    )


class SessionForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        help_text="For example, Adaptive teaching for pupils with SEN",
        error_messages={
            "required": "Enter the title",
            "max_length": f"The title must be {TITLE_MAX} characters or fewer",
        },
    )
    purpose = text_field(
        "Purpose",
        "What staff will be able to do afterwards",
        rows=3,
        required=True,
        max_length=TEXT_MAX,
        error_messages={
            "required": "Enter the purpose",
            "max_length": f"The purpose must be {TEXT_MAX:,} characters or fewer",
        },
    )
    provider = forms.CharField(
        label="Provider",
        max_length=PROVIDER_MAX,
        help_text="Who runs it, for example the SENCO or the council's outreach service",
        error_messages={
            "required": "Enter the provider",
            "max_length": f"The provider must be {PROVIDER_MAX} characters or fewer",
        },
    )
    audiences = forms.MultipleChoiceField(
        label="Who is it for?",
        help_text="Select all that apply",
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose who the session is for",
            "invalid_choice": "Choose who the session is for",
        },
    )
    day = GovukDateField(
        what="date",
        label="Date",
        help_text="For example, 25 11 2026",
    )
    start_time = _time_field("start", "13:30")
    end_time = _time_field("end", "15:30")
    is_code_briefing = forms.BooleanField(
        label="This is a Code of Practice briefing",
        help_text="Teachers who attend are counted as briefed on the SEND Code of Practice",
        required=False,
    )
    keep_reason = text_field(
        "Reason to keep it at this time (if OpenSEND warns you)",
        "Training should be in the school day, on a school day, and planned at least 2 weeks "
        "ahead (DfE SEND implementation guidance, 'Training and Support'). If it cannot be, "
        "say why",
        rows=3,
        max_length=TEXT_MAX,
        error_messages={"max_length": f"The reason must be {TEXT_MAX:,} characters or fewer"},
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        if not FIRST_ACADEMIC_YEAR <= academic_year_of(day) <= LAST_ACADEMIC_YEAR:
            raise forms.ValidationError(
                f"The date must be between 1 September {FIRST_ACADEMIC_YEAR} and "
                f"31 August {LAST_ACADEMIC_YEAR + 1}"
            )
        return day

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start is not None and end is not None and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
        return data

    def _at(self, clock) -> datetime:
        return timezone.make_aware(datetime.combine(self.cleaned_data["day"], clock))

    def starts_at(self) -> datetime:
        return self._at(self.cleaned_data["start_time"])

    def ends_at(self) -> datetime:
        return self._at(self.cleaned_data["end_time"])


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label="Who attended?",
        help_text="Select everyone who came. Saving marks the session as held",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose people from the school's staff list"},
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = {str(member.pk): member for member in staff}
        self.fields["attended"].choices = [
            (key, f"{member.full_name} ({member.get_job_display()})")
            for key, member in self.staff.items()
        ]

    def chosen(self) -> list:
        return [self.staff[key] for key in self.cleaned_data["attended"]]
