"""The council's forms for writing an EHC plan: the draft's text, its rows, serving, issuing."""

from django import forms

from opensend.core.forms import VersionedForm
from opensend.ehc.la_forms._fields import same_message, text_field
from opensend.ehc.models import NeedSection, ProvisionSection


def short(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def need_label(need) -> str:
    return f"{need.section}{need.order}: {short(need.description)}"


def outcome_label(outcome) -> str:
    return f"Outcome {outcome.order}: {short(outcome.description)}"


class PlanTextForm(VersionedForm):
    """Sections A and J, preparing for adulthood, and why this version differs."""

    views_interests_aspirations = text_field(
        "Section A: the child's and family's views, interests and aspirations", rows=8
    )
    preparing_for_adulthood = text_field(
        "Preparing for adulthood",
        "How the plan helps prepare for adulthood and independent living",
        rows=4,
    )
    personal_budget = text_field(
        "Section J: personal budget (optional)",
        "The provision a personal budget pays for, and how, if the family asked for one",
        rows=3,
    )
    change_reason = text_field(
        "Why this version", "What changed from the version before, and why", rows=2
    )

    def __init__(self, *args, year_nine: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["preparing_for_adulthood"]
        if year_nine:
            # SEND Regulations 2014 reg 12(3): from Year 9 the plan must include it.
            field.label = "Preparing for adulthood (required from Year 9)"
            field.help_text = (
                "From Year 9 the plan must say how it prepares the child for adulthood and "
                "independent living (SEND Regulations 2014 reg 12(3))"
            )
        else:
            field.label = "Preparing for adulthood (optional before Year 9)"


class NeedAddForm(forms.Form):
    section = forms.ChoiceField(
        label="Section",
        choices=[("", "Choose a section"), *NeedSection.choices],
        error_messages=same_message("Choose section B, C or D"),
    )
    description = text_field("The need", rows=3, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="need", **kwargs)
        self.fields["description"].error_messages["required"] = "Describe the need"


class OutcomeAddForm(forms.Form):
    description = text_field("The outcome", rows=3, required=True)
    by_when = forms.CharField(
        label="By when (optional)",
        help_text="For example, by the end of Key Stage 2",
        required=False,
        max_length=200,
    )
    needs = forms.MultipleChoiceField(
        label="The needs it addresses",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose needs from this version of the plan"},
    )
    preparing_for_adulthood = forms.BooleanField(
        label="This outcome prepares for adulthood", required=False
    )

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, prefix="outcome", **kwargs)
        self.fields["description"].error_messages["required"] = "Describe the outcome"
        self.need_rows = {str(need.pk): need for need in needs}
        self.fields["needs"].choices = [
            (value, need_label(need)) for value, need in self.need_rows.items()
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "description": data["description"],
            "by_when": data["by_when"],
            "needs": [self.need_rows[value] for value in data["needs"]],
            "preparing_for_adulthood": data["preparing_for_adulthood"],
        }


class ProvisionAddForm(forms.Form):
    section = forms.ChoiceField(
        label="Section",
        choices=[("", "Choose a section"), *ProvisionSection.choices],
        error_messages=same_message("Choose section F, G, H1 or H2"),
    )
    what = text_field("What is provided", rows=3, required=True)
    who = forms.CharField(
        label="Who provides it",
        help_text="For example, a speech and language therapist",
        required=False,
        max_length=300,
    )
    how_often = forms.CharField(
        label="How often",
        help_text="For example, 2 sessions of 30 minutes a week",
        required=False,
        max_length=300,
    )
    how_long = forms.CharField(
        label="For how long",
        help_text="For example, until the next annual review",
        required=False,
        max_length=300,
    )
    outcomes = forms.MultipleChoiceField(
        label="The outcomes it serves",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose outcomes from this version of the plan"},
    )
    preparing_for_adulthood = forms.BooleanField(
        label="This provision prepares for adulthood", required=False
    )

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, prefix="provision", **kwargs)
        self.fields["what"].error_messages["required"] = "Say what the provision is"
        self.outcome_rows = {str(outcome.pk): outcome for outcome in outcomes}
        self.fields["outcomes"].choices = [
            (value, outcome_label(outcome)) for value, outcome in self.outcome_rows.items()
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "section": data["section"],
            "what": data["what"],
            "who": data["who"],
            "how_often": data["how_often"],
            "how_long": data["how_long"],
            "outcomes": [self.outcome_rows[value] for value in data["outcomes"]],
            "preparing_for_adulthood": data["preparing_for_adulthood"],
        }


OTHER = "other"


class IssueForm(forms.Form):
    """Section I: the school or other institution named in the final plan (reg 12(1)(i))."""

    placement = forms.ChoiceField(
        label="Section I: the school or other institution to be named",
        error_messages=same_message("Choose the school, or choose another setting"),
    )
    placement_name = forms.CharField(
        label="If another setting: its name", required=False, max_length=200
    )
    placement_type = forms.CharField(
        label="Its type (optional)",
        help_text="For example, a special school, or a further education college",
        required=False,
        max_length=200,
    )

    def __init__(self, *args, schools=(), current_school=None, **kwargs):
        super().__init__(*args, prefix="issue", **kwargs)
        self.schools = {str(school.pk): school for school in schools}
        self.fields["placement"].choices = [
            *[(value, school.name) for value, school in self.schools.items()],
            (OTHER, "Another setting (give its name or type below)"),
        ]
        if current_school is not None and str(current_school.pk) in self.schools:
            self.fields["placement"].initial = str(current_school.pk)
        else:
            self.fields["placement"].initial = OTHER

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        school = self.schools.get(data["placement"])
        if school is not None:
            return {"placement": school, "placement_type": data["placement_type"]}
        return {"placement_name": data["placement_name"], "placement_type": data["placement_type"]}


class RedraftForm(forms.Form):
    reason = text_field("What needs to change, and why", rows=3, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="redraft", **kwargs)
        self.fields["reason"].error_messages["required"] = "Say why the draft is changing"


class ConsultForm(forms.Form):
    school = forms.ChoiceField(
        label="School to consult", error_messages=same_message("Choose a school from the list")
    )

    def __init__(self, *args, schools=(), **kwargs):
        super().__init__(*args, prefix="consult", **kwargs)
        self.schools = {str(school.pk): school for school in schools}
        self.fields["school"].choices = [
            ("", "Choose a school"),
            *[(value, school.name) for value, school in self.schools.items()],
        ]
