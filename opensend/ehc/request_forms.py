"""The forms that ask for an EHC needs assessment, and the evidence shown beside them.

A school's request carries what OpenSEND already holds (`opensend.ehc.evidence`), so its form
asks only for what is new: why now, the family's and the child's views (pre-filled from the
latest support plan), and the family's agreement (CoP 9.8). A family's request asks the same
plain-English questions, worded for a parent ("your child") or a young person ("you").
"""

from django import forms

from opensend.ehc.services import Views

MAX_TEXT = 10000


def _text(label: str, help_text: str = "", *, required: bool = False, rows: int = 4, error=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": error} if error else {},
    )


class ViewsMixin:
    """The form's answers as the service's `Views`."""

    def views(self) -> Views:
        data = self.cleaned_data
        return Views(
            family_about=data.get("family_about", ""),
            family_difficulties=data.get("family_difficulties", ""),
            family_help_so_far=data.get("family_help_so_far", ""),
            family_hopes=data.get("family_hopes", ""),
            child_views=data.get("child_views", ""),
        )


class SchoolRequestForm(ViewsMixin, forms.Form):
    what_is_new = _text(
        "Why is an assessment needed now?",
        "What has changed, and what the school has tried that has not been enough. You do not "
        "need to repeat what OpenSEND already sends (shown above).",
        required=True,
        rows=6,
        error="Say why the school is asking for an assessment now",
    )
    family_about = _text("What is the child like, and what are they good at?")
    family_difficulties = _text("What does the child find hard?")
    family_help_so_far = _text("What help has the child had so far, at school and elsewhere?")
    family_hopes = _text("What would the family like to happen?")
    child_views = _text(
        "What does the child say?",
        "In their own words if you can: what they like, what helps, what is hard",
    )
    family_agrees = forms.BooleanField(
        label="The family knows about this request and agrees to it",
        help_text="A school asks for an assessment with the knowledge and agreement of the "
        "parents or the young person (SEND Code of Practice 9.8)",
        error_messages={
            "required": "Confirm the family knows about the request and agrees to it",
        },
    )


class FamilyRequestForm(ViewsMixin, forms.Form):
    """The same questions for the family, worded for a parent or for the young person."""

    def __init__(self, *args, young_person: bool = False, name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if young_person:
            labels = {
                "family_about": ("Tell us about yourself: what are you good at?", ""),
                "family_difficulties": (
                    "What do you find hard?",
                    "For example, learning, getting on with people, health, or getting about",
                ),
                "family_help_so_far": (
                    "What help have you had so far?",
                    "At school or college and elsewhere",
                ),
                "family_hopes": ("What would you like to happen?", ""),
            }
            error = "Tell us what you find hard"
        else:
            labels = {
                "family_about": ("What is your child like, and what are they good at?", ""),
                "family_difficulties": (
                    "What does your child find hard?",
                    "For example, learning, getting on with people, health, or getting about",
                ),
                "family_help_so_far": (
                    "What help has your child had so far?",
                    "At school or nursery and elsewhere",
                ),
                "family_hopes": ("What would you like to happen?", ""),
            }
            error = "Tell us what your child finds hard"
        for field_name, (label, help_text) in labels.items():
            self.fields[field_name] = _text(
                label,
                help_text,
                required=field_name == "family_difficulties",
                error=error if field_name == "family_difficulties" else "",
            )
        if not young_person:
            self.fields["child_views"] = _text(
                "What does your child say?",
                "Optional. In their own words if you can: what they like, what helps, what is hard",
            )


def views_from_evidence(evidence: dict) -> dict:
    """Initial answers from the latest support plan's views, where it has them: the SENCO
    checks them instead of typing them again."""
    initial = {}
    for plan in evidence.get("support_plans") or []:  # newest first
        if "family_about" not in initial and (plan.get("parent_views") or "").strip():
            initial["family_about"] = plan["parent_views"].strip()
        if "child_views" not in initial and (plan.get("pupil_views") or "").strip():
            initial["child_views"] = plan["pupil_views"].strip()
    return initial
