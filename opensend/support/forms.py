"""Forms for SEN support plans: GOV.UK components, plain-English errors.

Staff pages may group related questions on one page (DESIGN "Look and feel"): starting a plan
takes its first outcome and provision in the same submission, and a review records progress
against every outcome, what carries over and the next review date at once. The rules (review
dates, who may change what) live in the services; the views put their messages back on these
fields with `add_service_errors`.
"""

from django import forms
from django.utils.html import format_html

from opensend.core.forms import GovukDateField, VersionedForm
from opensend.support.models import NextStep, OutcomeProgress
from opensend.support.services import EDITABLE_FIELDS, PLAN_TEXT_FIELDS


def _text(label: str, *, help_text: str = "", required: bool = False, message: str = ""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": message} if message else {},
    )


class ProvisionFieldsMixin(forms.Form):
    """The support that meets an outcome: what, who, how often, from and to (all optional as a
    group: give what, who and how often together, or none of them)."""

    what = forms.CharField(
        label="Support or provision",
        help_text="For example, a phonics catch-up group",
        required=False,
        max_length=300,
    )
    who = forms.CharField(
        label="Who provides it", help_text="A role or a name", required=False, max_length=200
    )
    frequency = forms.CharField(
        label="How often",
        help_text="For example, 3 × 20 minutes a week",
        required=False,
        max_length=200,
    )
    start = GovukDateField(what="date the support starts", label="Starts", required=False)
    end = GovukDateField(
        what="date the support ends",
        label="Ends (optional)",
        help_text="Leave blank if it runs until the review",
        required=False,
    )

    PROVISION_FIELDS = ("what", "who", "frequency")

    def has_provision(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.PROVISION_FIELDS)

    def clean(self):
        data = super().clean()
        wants_provision = any(data.get(name) for name in self.PROVISION_FIELDS)
        if wants_provision and not data.get("start") and "start" not in self.errors:
            self.add_error("start", "Enter the date the support starts")
        return data


class OutcomeFieldsMixin(forms.Form):
    description = _text(
        "Outcome sought",
        help_text="What the pupil will be able to do, for example read 40 common words",
        required=True,
        message="Describe the outcome sought",
    )
    success_criteria = _text("How we will know it has been achieved (optional)")


class SupportPlanFieldsMixin(forms.Form):
    """The plan's own text and review date: exactly the fields the services let an edit change."""

    assessment = _text("What was assessed", help_text="For example, phonics screening")
    assessed_by = forms.CharField(label="Assessed by", required=False, max_length=300)
    parent_responsibilities = _text("What the parents will do")
    pupil_responsibilities = _text("What the pupil will do")
    school_responsibilities = _text("What the school will do")
    pupil_views = _text("The pupil's views")
    parent_views = _text("The parents' views")
    strengths = _text(
        "Strengths and interests",
        help_text="For the pupil passport, which teachers see. For example, loves drawing",
    )
    what_helps = _text(
        "What helps",
        help_text="For the pupil passport. For example, instructions one step at a time",
    )
    what_to_avoid = _text(
        "What to avoid",
        help_text="For the pupil passport. For example, being asked to read aloud without warning",
    )
    review_due = GovukDateField(
        what="review date",
        label="Review date",
        help_text="Within the next six months (termly is usual). For example, 19 6 2026",
    )

    PLAN_FIELDS = (*PLAN_TEXT_FIELDS, "review_due")
    assert set(PLAN_FIELDS) == EDITABLE_FIELDS, "the form and the services must agree"

    def plan_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.PLAN_FIELDS}


class SupportPlanStartForm(ProvisionFieldsMixin, OutcomeFieldsMixin, SupportPlanFieldsMixin):
    """A whole first plan on one page: the assessment, who does what, views, the passport, the
    review date, and the first outcome with its provision."""

    field_order = [
        *SupportPlanFieldsMixin.PLAN_FIELDS,
        "description",
        "success_criteria",
        "what",
        "who",
        "frequency",
        "start",
        "end",
    ]


class SupportPlanEditForm(SupportPlanFieldsMixin, VersionedForm):
    """Changing a draft or active plan's text and review date."""

    field_order = [*SupportPlanFieldsMixin.PLAN_FIELDS, "version"]

    @classmethod
    def initial_from(cls, plan) -> dict:
        return {**{name: getattr(plan, name) for name in cls.PLAN_FIELDS}, "version": plan.version}


class OutcomeEditForm(OutcomeFieldsMixin, VersionedForm):
    field_order = ["description", "success_criteria", "version"]

    def outcome_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("description", "success_criteria")}


NO_OUTCOME = ""


class ProvisionForm(forms.Form):
    """One line of provision on its own page: what, who and how often are all needed here."""

    outcome = forms.ChoiceField(
        label="Which outcome does it meet?", widget=forms.RadioSelect, required=False
    )
    what = forms.CharField(
        label="Support or provision",
        help_text="For example, a phonics catch-up group",
        max_length=300,
        error_messages={"required": "Say what the support or provision is"},
    )
    who = forms.CharField(
        label="Who provides it",
        help_text="A role or a name",
        max_length=200,
        error_messages={"required": "Say who provides it (a role or a name)"},
    )
    frequency = forms.CharField(
        label="How often",
        help_text="For example, 3 × 20 minutes a week",
        max_length=200,
        error_messages={"required": "Say how often, for example 3 × 20 minutes a week"},
    )
    start = GovukDateField(what="date the support starts", label="Starts")
    end = GovukDateField(
        what="date the support ends",
        label="Ends (optional)",
        help_text="Leave blank if it runs until the review",
        required=False,
    )

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {str(outcome.pk): outcome for outcome in outcomes}
        self.fields["outcome"].choices = [
            *((key, f"Outcome {o.order}: {o.description}") for key, o in self.outcomes.items()),
            (NO_OUTCOME, "No outcome in particular"),
        ]

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in ("what", "who", "frequency", "start")}
        data["end"] = self.cleaned_data["end"]
        data["outcome"] = self.outcomes.get(self.cleaned_data["outcome"])
        return data

    @staticmethod
    def initial_from(provision) -> dict:
        return {
            "outcome": str(provision.outcome_id) if provision.outcome_id else NO_OUTCOME,
            "what": provision.what,
            "who": provision.who,
            "frequency": provision.frequency,
            "start": provision.start,
            "end": provision.end,
            "version": provision.version,
        }


class ProvisionEditForm(ProvisionForm, VersionedForm):
    pass


class OutcomeAddForm(ProvisionFieldsMixin, OutcomeFieldsMixin):
    field_order = ["description", "success_criteria", "what", "who", "frequency", "start", "end"]


class SupportPlanReviewForm(forms.Form):
    """The review on one page: one progress question and one carry-over box per outcome.

    Outcomes not yet achieved are ticked to carry over, so when most carry over the SENCO only
    answers the progress questions and saves.
    """

    review_date = GovukDateField(what="review date", label="Date of the review")
    summary = _text("Summary of the review", help_text="How the plan went and what was agreed")

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        for outcome in self.outcomes:
            self.fields[f"progress_{outcome.order}"] = forms.ChoiceField(
                # crispy-forms-gds prints labels as given (|safe): escape the typed text here.
                label=format_html("Outcome {}: {}", outcome.order, outcome.description),
                help_text="How much progress has the pupil made?",
                choices=OutcomeProgress.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose the progress made against outcome {outcome.order}",
                    "invalid_choice": f"Choose the progress made against outcome {outcome.order}",
                },
            )
            self.fields[f"carry_{outcome.order}"] = forms.BooleanField(
                label=f"Carry outcome {outcome.order} over to the next plan",
                required=False,
            )
        self.fields["parent_contributed"] = forms.BooleanField(
            label="The parents contributed to the review", required=False
        )
        self.fields["pupil_contributed"] = forms.BooleanField(
            label="The pupil contributed to the review", required=False
        )
        self.fields["next_step"] = forms.ChoiceField(
            label="What happens next",
            choices=NextStep.choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose what happens next",
                "invalid_choice": "Choose what happens next",
            },
        )
        self.fields["next_review_due"] = GovukDateField(
            what="next review date",
            label="Next review date",
            help_text="Within six months. Leave blank if SEN support is ending",
            required=False,
        )
        self.fields["agreed"] = forms.BooleanField(
            label="The next plan was agreed at the review: make it active now",
            help_text="Leave unticked to check and change the next plan as a draft first",
            required=False,
        )

    def progress(self) -> dict:
        return {o.pk: self.cleaned_data[f"progress_{o.order}"] for o in self.outcomes}

    def carry_over(self) -> set:
        return {o.pk for o in self.outcomes if self.cleaned_data.get(f"carry_{o.order}")}

    @staticmethod
    def initial_for(outcomes, today, next_review_due) -> dict:
        """Today's date, the next review pre-filled, and every outcome ticked to carry over
        (the progress answers decide which are achieved; untick those)."""
        initial = {"review_date": today, "next_review_due": next_review_due}
        for outcome in outcomes:
            initial[f"carry_{outcome.order}"] = True
        return initial
