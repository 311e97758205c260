"""The decisions (whether to assess, whether to issue a plan) and the letter."""

from django import forms
from django.utils.html import format_html

from opensend.core.forms import GovukDateField, VersionedForm
from opensend.ehc.la_forms._fields import same_message, text_field

DECISION_CHOICES = {
    "assess": [("yes", "Carry out an assessment"), ("no", "Do not carry out an assessment")],
    "issue": [("yes", "Issue an EHC plan"), ("no", "Do not issue a plan")],
}
DECISION_QUESTIONS = {
    "assess": "Will the council carry out an EHC needs assessment?",
    "issue": "Will the council issue an EHC plan?",
}
DECISION_REQUIRED = {
    "assess": "Choose whether to carry out an assessment",
    "issue": "Choose whether to issue an EHC plan",
}


class DecisionForm(forms.Form):
    """The decision; for a decision to assess, the advice to ask for, in the same submission.

    `advice_options` is a list of dicts, one per kind of advice the law requires as a minimum
    (opensend.law.assessment.minimum_advice): {"kind", "label", "recipients": [(value, label)],
    "initial": value or None, "field": "school"|"person"|None}.
    """

    decision = forms.ChoiceField(widget=forms.RadioSelect)
    reasons = text_field(
        "Reasons for the decision",
        "Needed if the answer is no: the family reads them in the letter, with their right to "
        "appeal",
        rows=6,
    )
    decided_on = GovukDateField(
        what="date of the decision",
        label="Date of the decision",
        help_text="Today, unless it was made earlier. For example, 27 11 2026",
        required=False,
    )

    def __init__(self, *args, kind: str, advice_options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        field = self.fields["decision"]
        field.label = DECISION_QUESTIONS[kind]
        field.choices = DECISION_CHOICES[kind]
        field.error_messages.update(same_message(DECISION_REQUIRED[kind]))
        self.advice_options = list(advice_options) if kind == "assess" else []
        for option in self.advice_options:
            kind_value = option["kind"]
            self.fields[f"ask_{kind_value}"] = forms.BooleanField(
                label=option["label"], required=False, initial=True
            )
            if option["field"]:
                self.fields[f"to_{kind_value}"] = forms.ChoiceField(
                    label=format_html("Who to ask for {}", option["label"].lower()),
                    required=False,
                    choices=[("", "Choose who to ask"), *option["recipients"]],
                    initial=option["initial"],
                    error_messages={"invalid_choice": "Choose someone from the list"},
                )
                if not option["initial"] and not option["recipients"]:
                    self.fields[f"ask_{kind_value}"].initial = False

    @property
    def agreed(self) -> bool:
        return self.cleaned_data.get("decision") == "yes"

    def advice_blocks(self) -> list[dict]:
        return [
            {
                "option": option,
                "ask": self[f"ask_{option['kind']}"],
                "to": self[f"to_{option['kind']}"] if option["field"] else None,
            }
            for option in self.advice_options
        ]

    def clean(self):
        data = super().clean()
        if data.get("decision") != "yes":
            return data
        for option in self.advice_options:
            kind = option["kind"]
            if option["field"] and data.get(f"ask_{kind}") and not data.get(f"to_{kind}"):
                self.add_error(
                    f"to_{kind}",
                    f"Choose who to ask for {option['label'].lower()}, or untick it and ask later",
                )
        return data

    def advice_wanted(self) -> list[tuple[str, str]]:
        """(kind, chosen recipient value or "") for each ticked kind of advice."""
        if not self.agreed:
            return []
        return [
            (option["kind"], self.cleaned_data.get(f"to_{option['kind']}") or "")
            for option in self.advice_options
            if self.cleaned_data.get(f"ask_{option['kind']}")
        ]


class LetterForm(VersionedForm):
    own_words = text_field(
        "A paragraph of your own (optional)",
        "Added to the letter after the decision, in your words. For example, who to call",
        rows=5,
    )
