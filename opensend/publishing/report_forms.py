"""The forms of the SEN information report editor: one item, and publishing."""

from django import forms

from opensend.core.forms import VersionedForm
from opensend.publishing.services.reports import SUMMARY_MAX, TEXT_MAX

SEND_POLICY_LABEL = "Publish it as a section of our SEND policy"
SEND_POLICY_HINT = (
    "The report may be part of the SEND policy (SEND Code of Practice 6.79). It is still "
    "published at its own address, so your website can link to it."
)


class ReportItemForm(VersionedForm):
    """One Schedule 1 item's answer; `version` refuses an edit made from an older page."""

    text = forms.CharField(
        label="Your answer",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"max_length": f"The answer must be {TEXT_MAX:,} characters or fewer"},
    )

    def __init__(self, *args, label: str = "", hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label
        self.fields["text"].help_text = hint


class ReportPublishForm(VersionedForm):
    summary = forms.CharField(
        label="What changed since the last version (optional)",
        help_text='Leave blank if nothing changed: the public page will say "No changes since" '
        "the last date it was published",
        required=False,
        max_length=SUMMARY_MAX,
        error_messages={"max_length": f"The summary must be {SUMMARY_MAX} characters or fewer"},
    )
    in_send_policy = forms.BooleanField(
        label=SEND_POLICY_LABEL, help_text=SEND_POLICY_HINT, required=False
    )
