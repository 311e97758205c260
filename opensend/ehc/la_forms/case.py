"""One case: assigning it, withdrawing it, recording an exception."""

from django import forms

from opensend.core.forms import GovukDateField
from opensend.ehc.la_forms._fields import NOBODY, people_choices, same_message, text_field
from opensend.ehc.models import ExceptionKind


class AssignForm(forms.Form):
    caseworker = forms.ChoiceField(
        label="Caseworker",
        error_messages={
            "required": "Choose who the case is for",
            "invalid_choice": "Choose someone in this council's SEND team",
        },
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {str(user.pk): user for user in workers}
        self.fields["caseworker"].choices = [
            ("", "Choose a caseworker"),
            *people_choices(self.workers.values()),
            (NOBODY, "Nobody (not assigned)"),
        ]

    def chosen(self):
        value = self.cleaned_data["caseworker"]
        return None if value == NOBODY else self.workers[value]


class WithdrawForm(forms.Form):
    reason = text_field(
        "Who withdrew the request, and why?",
        "For example, the family phoned on 3 March to say the school's support is now enough",
        required=True,
        error_messages={"required": "Say who withdrew the request and why"},
    )


class ExceptionForm(forms.Form):
    kind = forms.ChoiceField(
        label="What has happened?",
        choices=ExceptionKind.choices,
        widget=forms.RadioSelect,
        error_messages=same_message("Choose what has happened"),
    )
    start = GovukDateField(what="start date", label="Start date", help_text="For example, 3 3 2026")
    end = GovukDateField(
        what="end date",
        label="End date",
        help_text=(
            "For a school or setting closure, the day it reopens. For a missed appointment, the "
            "same day as the start"
        ),
    )
    advice_request = forms.ChoiceField(
        label="For a missed appointment: whose appointment was it?",
        required=False,
        error_messages={"invalid_choice": "Choose the advice request from the list"},
    )
    note = text_field("Note (optional)", "What happened, and what was agreed", rows=3)

    def __init__(self, *args, advice_requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.advice_by_id = {str(advice.pk): advice for advice in advice_requests}
        self.fields["advice_request"].choices = [
            ("", "Not a missed appointment"),
            *[(value, advice_label(advice)) for value, advice in self.advice_by_id.items()],
        ]

    def chosen_advice(self):
        return self.advice_by_id.get(self.cleaned_data.get("advice_request") or "")


def advice_label(advice) -> str:
    who = advice.recipient_name or (
        advice.recipient_organisation.name if advice.recipient_organisation_id else ""
    )
    label = advice.get_kind_display()
    return f"{label}: {who}" if who else label
