"""The form that records a meeting: the shared record, then one small block per family.

One page and one submission for a whole group meeting (issue 6: "record a group meeting for six
families" in at most three submissions). Each family's block is a yes/no for attendance and
three short text boxes; the field names carry the family's place (`attended_<invitee id>`), so
the services' errors land next to the right family.
"""

from django import forms
from django.utils.html import format_html

from opensend.core.forms import VersionedForm
from opensend.meetings.records import FAMILY_FIELDS, RECORD_FIELDS, FamilyRecord, attended_field

YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label: str, help_text: str = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class MeetingRecordForm(VersionedForm):
    objectives = _text(
        "Objectives set",
        "What everyone is aiming for by the next meeting (required if anyone came)",
    )
    progress = _text("Progress reviewed", "How things have gone since the last meeting")
    agreed_support = _text("Activities and support agreed")
    parent_responsibilities = _text(
        "What the parents will do", "Added to each attending pupil's support plan"
    )
    pupil_responsibilities = _text(
        "What the pupil will do", "Added to each attending pupil's support plan"
    )
    school_responsibilities = _text(
        "What the school will do", "Added to each attending pupil's support plan"
    )

    def __init__(self, *args, invitees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.invitees = list(invitees)
        for invitee in self.invitees:
            # crispy-forms-gds marks labels safe, so a name (typed by staff or imported from
            # the MIS) is escaped here.
            name = invitee.child.full_name
            self.fields[attended_field(invitee.pk)] = forms.ChoiceField(
                label=format_html("Did {}'s family come?", name),
                choices=YES_NO,
                widget=forms.RadioSelect,
                # Checked by the service with the rest of the record, so every problem on the
                # page is listed at once.
                required=False,
                error_messages={
                    "invalid_choice": f"Say whether {name}'s family came to the meeting",
                },
            )
            self.fields[f"version_{invitee.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=1, required=False
            )
            self.fields[f"family_views_{invitee.pk}"] = _text(
                format_html("{}'s family's views", name), rows=2
            )
            self.fields[f"child_views_{invitee.pk}"] = _text(
                format_html("{}'s views", name), rows=2
            )
            self.fields[f"notes_{invitee.pk}"] = _text(format_html("Notes about {}", name), rows=2)

    @staticmethod
    def initial_from(meeting, invitees) -> dict:
        initial = {name: getattr(meeting, name) for name in RECORD_FIELDS}
        initial["version"] = meeting.version
        for invitee in invitees:
            if invitee.attended is not None:
                initial[attended_field(invitee.pk)] = "yes" if invitee.attended else "no"
            for name in FAMILY_FIELDS:
                initial[f"{name}_{invitee.pk}"] = getattr(invitee, name)
            initial[f"version_{invitee.pk}"] = invitee.version
        return initial

    @classmethod
    def rebased(cls, data, meeting, invitees, message: str):
        """The form again after a stale edit: what the person typed, on the latest versions."""
        data = data.copy()
        data["version"] = meeting.version
        for invitee in invitees:
            data[f"version_{invitee.pk}"] = invitee.version
        form = cls(data, invitees=invitees)
        form.is_valid()
        form.add_error(None, message)
        return form

    def family_blocks(self) -> list[dict]:
        """Each family's bound fields, for the template to lay out one block per family."""
        return [
            {
                "invitee": invitee,
                "attended": self[attended_field(invitee.pk)],
                "version": self[f"version_{invitee.pk}"],
                **{name: self[f"{name}_{invitee.pk}"] for name in FAMILY_FIELDS},
            }
            for invitee in self.invitees
        ]

    def record_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in RECORD_FIELDS}

    def families(self) -> list[FamilyRecord]:
        data = self.cleaned_data
        return [
            FamilyRecord(
                invitee_id=invitee.pk,
                attended={"yes": True, "no": False}.get(data.get(attended_field(invitee.pk))),
                **{name: data.get(f"{name}_{invitee.pk}", "") for name in FAMILY_FIELDS},
                expected_version=data.get(f"version_{invitee.pk}"),
            )
            for invitee in self.invitees
        ]


class MeetingCancelForm(VersionedForm):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        help_text="Kept with the meeting's history. Families are not told automatically yet",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the meeting is cancelled"},
    )
