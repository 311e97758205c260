"""The family's answer to a draft plan, and a consulted school's answer (issue 8)."""

from django import forms

from opensend.organisations.models import Organisation, OrganisationKind


class DraftRespondForm(forms.Form):
    """Reg 13(1): the family may comment, ask for a school to be named, and ask to meet."""

    no_changes = forms.BooleanField(label="I am happy with the draft as it is", required=False)
    comments = forms.CharField(
        label="Your comments on the draft",
        help_text="Say which section you mean, what you would change and why.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    requested_school = forms.ModelChoiceField(
        label="A school or college you would like named in the plan",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="No school chosen",
    )
    requested_school_name = forms.CharField(
        label="Or another school or college: its name",
        help_text="If the one you want is not in the list.",
        required=False,
        max_length=200,
    )
    wants_meeting = forms.BooleanField(
        label="I would like to meet the council to talk about the draft", required=False
    )

    def __init__(self, *args, local_authority=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_school"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.SCHOOL, local_authority=local_authority
        ).order_by("name")


class ConsultationAnswerForm(forms.Form):
    """CFA 2014 s39(2): the school says whether it can meet the child's needs."""

    can_meet_needs = forms.TypedChoiceField(
        label="Can the school meet the child's needs?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the school can meet the child's needs"},
    )
    response = forms.CharField(
        label="Your response",
        help_text="If the school cannot meet the needs, say why. This goes to the council.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
