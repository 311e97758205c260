"""The forms for consultations on the Local Offer: asking, answering, and the public's comment."""

from django import forms

from opensend.core.forms import GovukDateField, VersionedForm
from opensend.ehc.la_forms._fields import same_message, text_field
from opensend.publishing.models import (
    Audience,
    CommentTopic,
    Consultation,
    ConsultationTheme,
    ExclusionReason,
    RespondentType,
    ServiceCategory,
)
from opensend.publishing.services.consultations import TEXT_MAX

WHOLE_OFFER = ""
UNSORTED, EXCLUDE = "unsorted", "exclude"


class ConsultationForm(forms.Form):
    title = forms.CharField(
        label="Title",
        help_text="For example, Short breaks for disabled children",
        max_length=Consultation._meta.get_field("title").max_length,
        error_messages={"required": "Enter a title"},
    )
    description = text_field(
        "What you are asking, and why",
        help_text="People read this before they comment. Say what will happen with their views",
        rows=6,
        required=True,
        error_messages={"required": "Say what you are asking, and why"},
    )
    category = forms.ChoiceField(
        label="Which part of the Local Offer is it about?",
        choices=[(WHOLE_OFFER, "The whole Local Offer"), *ServiceCategory.choices],
        required=False,
        error_messages=same_message("Choose a part of the Local Offer, or the whole offer"),
    )
    audiences = forms.MultipleChoiceField(
        label="Who are you asking?",
        help_text="Regulations 54 and 55 ask authorities to involve children, young people, "
        "parents, schools and professionals. Select all that apply",
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=same_message("Choose who you are asking"),
    )
    opens_on = GovukDateField(
        what="date it opens", label="Opens on", help_text="For example, 1 12 2026"
    )
    closes_on = GovukDateField(
        what="date it closes",
        label="Closes on",
        help_text="Comments are accepted up to the end of this day. For example, 31 1 2027",
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on", "The closing date must be the same as or after the opening date"
            )
        return data


class ThemeForm(forms.Form):
    title = forms.CharField(
        label="Theme",
        help_text="A few words, for example Finding information about short breaks",
        max_length=ConsultationTheme._meta.get_field("title").max_length,
        error_messages={"required": "Enter a title for the theme"},
    )
    you_said = text_field(
        "You said", help_text="What the comments in this theme said, summarised", rows=4
    )
    we_did = text_field("We did", help_text="Your response: what you did, or why not", rows=4)
    planned_action = text_field(
        "What we will do next",
        help_text="The action you plan, with when (regulation 56(2): the response includes "
        "planned action)",
        rows=4,
    )


class ThemeEditForm(VersionedForm, ThemeForm):
    pass


class CommentForm(VersionedForm):
    """Where one comment goes: a theme, kept out (reg 56(3)), or not sorted yet; and the
    wording to publish, with anything that identifies anyone taken out."""

    placement = forms.ChoiceField(
        label="Where does this comment go?",
        widget=forms.RadioSelect,
        error_messages=same_message("Choose a theme, or keep it out"),
    )
    published_text = text_field(
        "Published wording",
        help_text="Take out names, email addresses, phone numbers, postcodes and anything else "
        "that could identify someone. Leave as it is to publish it as written",
        rows=6,
        max_length=TEXT_MAX,
    )
    excluded_reason = forms.ChoiceField(
        label="If you keep it out, why?",
        help_text="Regulation 56(3): you need not publish or answer comments that are vexatious, "
        "or about the services provided to one person (answer those directly)",
        choices=ExclusionReason.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages=same_message("Choose why it is kept out"),
    )
    exclusion_note = text_field(
        "Note on keeping it out",
        help_text="Needed if you keep it out: what you did instead, for example "
        "'passed to the caseworker'",
        rows=3,
        max_length=2000,
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {str(theme.pk): theme for theme in themes}
        self.fields["placement"].choices = [
            *[(key, f"Theme: {theme.title}") for key, theme in self.themes.items()],
            (EXCLUDE, "Keep it out (not published or answered)"),
            (UNSORTED, "Not sorted yet"),
        ]

    def clean(self):
        data = super().clean()
        if data.get("placement") == EXCLUDE:
            if not data.get("excluded_reason"):
                self.add_error("excluded_reason", "Choose why it is kept out")
            if not (data.get("exclusion_note") or "").strip():
                self.add_error("exclusion_note", "Say why it is kept out")
        return data

    def theme(self):
        return self.themes.get(self.cleaned_data["placement"])

    def chosen_exclusion(self) -> str:
        if self.cleaned_data["placement"] != EXCLUDE:
            return ""
        return self.cleaned_data["excluded_reason"]

    @staticmethod
    def initial_for(comment) -> dict:
        if comment.excluded_reason:
            placement = EXCLUDE
        elif comment.theme_id:
            placement = str(comment.theme_id)
        else:
            placement = UNSORTED
        return {
            "version": comment.version,
            "placement": placement,
            "published_text": comment.published_text or comment.text,
            "excluded_reason": comment.excluded_reason,
            "exclusion_note": comment.exclusion_note,
        }


class PublishForm(VersionedForm):
    response_summary = text_field(
        "Summary of your response",
        help_text="A short paragraph at the top of the published response: how many people "
        "commented, and the main things you are changing",
        rows=5,
        required=True,
        error_messages={"required": "Write a short summary of your response"},
    )


class RespondForm(forms.Form):
    respondent_type = forms.ChoiceField(
        label="Who are you?",
        choices=RespondentType.choices,
        widget=forms.RadioSelect,
        error_messages=same_message("Say who you are"),
    )
    topic = forms.ChoiceField(
        label="What is your comment about?",
        choices=CommentTopic.choices,
        widget=forms.RadioSelect,
        error_messages=same_message("Say what your comment is about"),
    )
    text = text_field(
        "Your comment",
        help_text="Do not include names or contact details: comments are published without them",
        rows=8,
        required=True,
        max_length=TEXT_MAX,
        error_messages={
            "required": "Enter your comment",
            "max_length": f"Your comment must be {TEXT_MAX} characters or fewer",
        },
    )
