"""The advice form, worded for whoever gives the advice (SEND Regulations 2014 reg 6(1)).

One shape of advice serves every kind (the child's needs, outcomes, provision, anything else,
and documents; CoP 9.49: advice should be clear, specific and focused on outcomes), but each
giver is asked in their own words: the family in plain English (reg 6(1)(a)), the school for
its educational advice (reg 6(1)(b)), professionals for their professional advice (reg 6(1)(c)
to (h)). `questions_for(kind)` is the wording, shared by the form and the read-only page.
"""

from dataclasses import dataclass

from django import forms

from opensend.ehc import services
from opensend.ehc.models import AdviceKind

ADVICE_FIELDS = ("needs", "outcomes", "provision", "other_information")
MAX_ATTACHMENTS = 5
MAX_TEXT = 20000
ACCEPT = ",".join(
    [*services.ATTACHMENT_TYPES, *sorted(set(services.ATTACHMENT_TYPES.values())), ".jpeg"]
)


@dataclass(frozen=True)
class Question:
    field: str
    label: str
    hint: str


@dataclass(frozen=True)
class Wording:
    title: str  # what the advice is called, e.g. "Educational advice"
    intro: str
    questions: tuple[Question, ...]  # in the order they are asked
    attachments_hint: str
    submit: str
    # What to say when there is neither an answer about the needs nor a document (the service
    # refuses that too, in a professional's words).
    needs_missing: str = "Describe the child's needs, or attach your report"


_PROFESSIONAL_QUESTIONS = (
    Question(
        "needs",
        "The child's needs",
        "What you found, and how the child's needs affect their learning and daily life.",
    ),
    Question(
        "outcomes",
        "Outcomes to aim for",
        "What the child should be able to do by the end of a key stage or in the next year or "
        "two: specific, so everyone can tell when it is achieved.",
    ),
    Question(
        "provision",
        "Provision that would meet the needs",
        "The support, therapy or teaching that would help: what, who gives it, and how often.",
    ),
    Question("other_information", "Anything else", "Anything else the council should know."),
)

_FAMILY = Wording(
    title="Your advice and views",
    intro="The council wants to hear from you: nobody knows your child better. Answer in your "
    "own words. You do not need to answer every question.",
    questions=(
        Question(
            "other_information",
            "What is your child like?",
            "What they enjoy, what they are good at, what makes them happy, and anything else "
            "you want the council to know.",
        ),
        Question(
            "needs",
            "What do they find hard?",
            "At home, at school, with friends, or getting about. Give examples if you can.",
        ),
        Question(
            "provision",
            "What help would make a difference?",
            "Help they have now that works, and help you think they need.",
        ),
        Question(
            "outcomes",
            "What would you like them to be able to do?",
            "Your hopes for your child, now and when they are older.",
        ),
    ),
    attachments_hint="For example, a letter from a doctor or a report you already have.",
    submit="Send to the council",
    needs_missing="Tell us what your child finds hard, or attach a document",
)

_SCHOOL = Wording(
    title="Educational advice",
    intro="The school's educational advice (SEND Regulations 2014 reg 6(1)(b)): what the child "
    "needs in education, from the school's knowledge of them.",
    questions=(
        Question(
            "needs",
            "The child's needs",
            "Attainment and progress, and what the child finds hard in school, with what has "
            "been tried so far.",
        ),
        *_PROFESSIONAL_QUESTIONS[1:],
    ),
    attachments_hint="For example, assessment results, the support plan or its reviews.",
    submit="Send the educational advice",
)

_PROFESSIONAL = Wording(
    title="Your professional advice",
    intro="Your advice for the child's EHC needs assessment (SEND Regulations 2014 reg 6).",
    questions=_PROFESSIONAL_QUESTIONS,
    attachments_hint="For example, your report or assessment results.",
    submit="Send your advice",
)


def questions_for(kind: str) -> Wording:
    if kind == AdviceKind.FAMILY:
        return _FAMILY
    if kind == AdviceKind.EDUCATIONAL:
        return _SCHOOL
    return _PROFESSIONAL


def answers(advice) -> list[tuple[str, str]]:
    """The advice as given, under the questions its giver was asked (so the family's answer to
    "What is your child like?" is shown under that question wherever it is read)."""
    return [
        (question.label, getattr(advice, question.field))
        for question in questions_for(advice.kind).questions
    ]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none were chosen)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class AdviceForm(forms.Form):
    """The advice, asked in the giver's words. Documents are checked (type, size) by
    `services.advice_submit`; here only how many there are."""

    needs = forms.CharField(required=False, max_length=MAX_TEXT, widget=forms.Textarea)
    outcomes = forms.CharField(required=False, max_length=MAX_TEXT, widget=forms.Textarea)
    provision = forms.CharField(required=False, max_length=MAX_TEXT, widget=forms.Textarea)
    other_information = forms.CharField(required=False, max_length=MAX_TEXT, widget=forms.Textarea)
    attachments = MultipleFileField(
        label="Documents (optional)",
        required=False,
        allow_empty_file=True,  # the service names an empty file in its message
        error_messages={
            "empty": "The selected file is empty",
            "invalid": "The selected file could not be read: try again",
            "missing": "The selected file could not be read: try again",
        },
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.wording = questions_for(kind)
        # Fields (and so the error summary) in the order this giver is asked the questions.
        self.order_fields([question.field for question in self.wording.questions])
        for question in self.wording.questions:
            field = self.fields[question.field]
            field.label = question.label
            field.help_text = question.hint
            field.widget.attrs["rows"] = 6
            field.error_messages["max_length"] = (
                f"Your answer to \u201c{question.label}\u201d must be {MAX_TEXT:,} characters "
                "or fewer: attach a longer report as a document"
            )
        self.fields["attachments"].help_text = (
            f"Up to {MAX_ATTACHMENTS} files: PDF, Word, JPEG, PNG or text, each up to 10 MB. "
            f"{self.wording.attachments_hint}"
        )
        self.fields["attachments"].widget.attrs["accept"] = ACCEPT

    def ordered_fields(self):
        """The text questions, in the order this giver is asked them."""
        return [self[question.field] for question in self.wording.questions]

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(f"Select up to {MAX_ATTACHMENTS} files")
        return files

    def clean(self):
        cleaned = super().clean()
        nothing = "attachments" in cleaned and not cleaned["attachments"]
        if nothing and not cleaned.get("needs", "").strip():
            self.add_error("needs", self.wording.needs_missing)
        return cleaned

    def uploads(self) -> list[services.Upload]:
        """The chosen files for the service. Each is read to one byte past the limit, so a
        huge file is never held whole in memory and the service still reports it too large."""
        uploads = []
        for file in self.cleaned_data["attachments"]:
            file.seek(0)
            uploads.append(
                services.Upload(
                    filename=file.name,
                    content_type=content_type_of(file),
                    data=file.read(services.ATTACHMENT_MAX_BYTES + 1),
                )
            )
        return uploads


_TYPE_BY_EXTENSION = {extension: kind for kind, extension in services.ATTACHMENT_TYPES.items()}
_TYPE_BY_EXTENSION[".jpeg"] = "image/jpeg"
GENERIC_TYPES = {"", "application/octet-stream", "binary/octet-stream"}


def content_type_of(file) -> str:
    """The type the browser gave; when it gave only a generic one (some browsers do for Word
    documents), the type its name says. The service decides whether the type is allowed."""
    given = (file.content_type or "").split(";")[0].strip().lower()
    if given in GENERIC_TYPES:
        name = file.name.lower()
        extension = name[name.rfind(".") :] if "." in name else ""
        return _TYPE_BY_EXTENSION.get(extension, given or "application/octet-stream")
    if given == "image/pjpeg":
        return "image/jpeg"
    return given
