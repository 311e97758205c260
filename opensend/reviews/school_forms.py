"""Forms for whoever arranges an annual review (the school's SENCO or head, reg 20(12); the
council for a child not at a school, reg 21), and for the people invited to give advice.

Few typed fields: the invitee list is built by `services.default_invitees` (reg 20(2)(a)-(e))
and shown ticked; the meeting record is pre-filled by `services.report_prefill`, so when nothing
has changed the SENCO only confirms it.
"""

from datetime import datetime

from django import forms
from django.utils import timezone

from opensend.core.forms import GovukDateField
from opensend.ehc.la_forms._fields import text_field
from opensend.reviews.models import ParticipantRole, Progress, ReviewDecision

MAX_TEXT = 20000


def invitee_key(invitee) -> str:
    """A stable key for an invitee in the default list (the same on GET and POST)."""
    who = invitee.user.pk if invitee.user is not None else (invitee.email or invitee.name)
    return f"{invitee.role}:{who}"


class ArrangeForm(forms.Form):
    """Reg 20(2)-(4): one submission sets the date and invites everyone, with at least 2 weeks'
    notice (the service names the earliest date allowed)."""

    day = GovukDateField(
        what="date of the meeting",
        label="Date of the meeting",
        help_text="At least 2 weeks from today (SEND Regulations 2014, regulation 20(3)). "
        "For example, 12 5 2027",
    )
    start_time = forms.TimeField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 15:45",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time as hours and minutes, like 15:45",
        },
    )
    location = forms.CharField(
        label="Where, or how to join (optional)",
        help_text="A room, or the link or number for an online or phone meeting",
        required=False,
        max_length=300,
    )
    invitees = forms.MultipleChoiceField(
        label="Who to invite",
        help_text="The law says who must be invited (SEND Regulations 2014, regulation 20(2)): "
        "the family, the school, the council, health and social care. Each is asked for their "
        "advice at the same time (regulation 20(4)).",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose people from the list"},
    )

    def __init__(self, *args, defaults, **kwargs):
        super().__init__(*args, **kwargs)
        self.defaults = {invitee_key(invitee): invitee for invitee in defaults}
        self.fields["invitees"].choices = [
            (key, _invitee_label(invitee)) for key, invitee in self.defaults.items()
        ]

    def clean_invitees(self):
        chosen = self.cleaned_data["invitees"]
        if not chosen:
            raise forms.ValidationError("Choose at least one person to invite")
        return chosen

    def meeting_at(self) -> datetime:
        return timezone.make_aware(
            datetime.combine(self.cleaned_data["day"], self.cleaned_data["start_time"])
        )

    def chosen_invitees(self) -> list:
        return [self.defaults[key] for key in self.cleaned_data["invitees"]]


def _invitee_label(invitee) -> str:
    role = dict(ParticipantRole.choices).get(invitee.role, invitee.role)
    where = f", {invitee.organisation.name}" if invitee.organisation is not None else ""
    return f"{invitee.name} ({role}{where})"


class AdviceForm(forms.Form):
    """Reg 20(4): the advice and information someone invited gives before the meeting."""

    advice = forms.CharField(
        label="Advice and information for the review",
        help_text="Progress towards the outcomes in the plan, anything that has changed, and "
        "anything the plan should say differently.",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter the advice",
            "max_length": f"The advice must be {MAX_TEXT:,} characters or fewer",
        },
    )

    def __init__(self, *args, label: str | None = None, hint: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["advice"].label = label
        if hint:
            self.fields["advice"].help_text = hint


class RecordForm(forms.Form):
    """Reg 20(5)-(6): the record of the meeting, pre-filled so the SENCO writes only what
    changed. One pair of fields per outcome in Section E (progress, evidence)."""

    held_on = GovukDateField(
        what="date the meeting was held",
        label="Date the meeting was held",
        help_text="For example, 12 5 2027",
    )
    family_views = text_field("The family's views", max_length=MAX_TEXT)
    child_views = text_field("The child's or young person's views", max_length=MAX_TEXT)
    changes_since_last_review = text_field(
        "What has changed since the last review (optional)", max_length=MAX_TEXT
    )
    recommends = forms.ChoiceField(
        label="What the meeting recommends",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the meeting recommends"},
    )
    recommended_amendments = text_field(
        "Amendments the meeting recommends",
        "Needed if the meeting recommends amending the plan.",
        max_length=MAX_TEXT,
    )
    disagreements = text_field(
        "Anything people did not agree on (optional)", rows=3, max_length=MAX_TEXT
    )
    next_school_name = forms.CharField(
        label="The school or college for the next phase",
        help_text="Reg 18: the plan must name it before the transfer deadline.",
        required=False,
        max_length=200,
    )
    attended = forms.MultipleChoiceField(
        label="Who attended",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, outcomes, participants, transfer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        self.participants = list(participants)
        self.fields["attended"].choices = [
            (str(p.pk), f"{p.name} ({p.get_role_display()})") for p in self.participants
        ]
        if not transfer:
            del self.fields["next_school_name"]
        self.outcome_rows = []
        for number, outcome in enumerate(self.outcomes, start=1):
            progress = f"progress_{outcome.pk}"
            evidence = f"evidence_{outcome.pk}"
            self.fields[progress] = forms.ChoiceField(
                label=f"Progress on outcome {number}",
                choices=Progress.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose the progress on outcome {number}"},
            )
            self.fields[evidence] = text_field(
                f"Evidence for outcome {number}", rows=3, max_length=MAX_TEXT
            )
            self.outcome_rows.append((outcome, progress, evidence))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("recommends") == ReviewDecision.AMEND and not (
            cleaned.get("recommended_amendments", "").strip()
        ):
            self.add_error(
                "recommended_amendments",
                "Say which amendments the meeting recommends, or choose another recommendation",
            )
        return cleaned

    def outcome_fields(self):
        return [
            (outcome, self[progress], self[evidence])
            for outcome, progress, evidence in self.outcome_rows
        ]

    def text_fields(self):
        names = ["family_views", "child_views", "changes_since_last_review"]
        return [self[name] for name in names]

    def decision_fields(self):
        names = ["recommends", "recommended_amendments", "disagreements", "next_school_name"]
        return [self[name] for name in names if name in self.fields]

    def progress(self) -> dict:
        return {
            outcome.pk: (self.cleaned_data[progress], self.cleaned_data[evidence])
            for outcome, progress, evidence in self.outcome_rows
        }

    def attendance(self) -> dict:
        present = set(self.cleaned_data["attended"])
        return {p.pk: str(p.pk) in present for p in self.participants}

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "held_on": data["held_on"],
            "family_views": data["family_views"],
            "child_views": data["child_views"],
            "changes_since_last_review": data["changes_since_last_review"],
            "recommended_amendments": data["recommended_amendments"],
            "disagreements": data["disagreements"],
            "recommends": data["recommends"],
            "progress": self.progress(),
            "attended": self.attendance(),
        }
        if "next_school_name" in self.fields:
            kwargs["next_school_name"] = data["next_school_name"]
        return kwargs
