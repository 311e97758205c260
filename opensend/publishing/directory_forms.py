"""The forms for keeping Local Offer entries and the offer's settings (issue 11 item 3).

The forms collect; the services check (services.directory.clean_fields), so the messages are
the same whoever saves. Needs are offered in one checkbox group per broad area of need (SEND
Code of Practice 6.28), so a long list reads in four short ones.
"""

from django import forms

from opensend.law.local_offer import SERVICE_QUESTIONS
from opensend.publishing.models import Cost, ServiceCategory
from opensend.publishing.selectors.directory import needs_by_area


def _text(label, *, hint="", rows=None, width=None, max_length=None) -> forms.CharField:
    attrs = {}
    if width:
        attrs["class"] = f"govuk-input--width-{width}"
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(attrs=attrs)
    return forms.CharField(
        label=label, help_text=hint, required=False, widget=widget, max_length=max_length
    )


class ServiceForm(forms.Form):
    """One entry: about the service, who it is for, where and when, cost, contact, and the
    Schedule 2 questions (law.local_offer.SERVICE_QUESTIONS)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    provider = forms.ChoiceField(label="Who provides it", required=False, choices=())
    name = _text("Name of the service")
    summary = _text(
        "Summary",
        hint="One or two sentences for the search results (300 characters or fewer)",
        rows=3,
    )
    description = _text("Description (optional)", rows=6)
    category = forms.ChoiceField(
        label="What kind of service is it?",
        choices=ServiceCategory.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    for_all_needs = forms.BooleanField(
        label="It is for children and young people with any special educational need or disability",
        required=False,
    )
    minimum_age = _text("Youngest age", hint="In years, from 0", width=2)
    maximum_age = _text("Oldest age", hint="In years, up to 25", width=2)
    areas = forms.MultipleChoiceField(
        label="Which areas does it cover? (optional)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=(),
    )
    location_name = _text("Where it happens (optional)", hint="For example, a building's name")
    address = _text("Address (optional)", rows=3)
    postcode = _text("Postcode (optional)", width=10)
    when = _text("When it runs (optional)", hint="For example, Saturdays 10am to 12 noon")
    cost = forms.ChoiceField(
        label="Does it cost anything?",
        choices=Cost.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    fees = _text("What it costs (optional)", hint="For example, £3 a session")
    url = _text("Website (optional)", hint="For example, https://www.example.org.uk")
    email = _text("Email (optional)")
    telephone = _text("Telephone (optional)", width=20)

    def __init__(self, *args, areas=(), providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = [(str(area.pk), area.name) for area in areas]
        if providers is None:
            del self.fields["provider"]
        else:
            self.fields["provider"].choices = [("", "Choose")] + [
                (str(org.pk), org.name) for org in providers
            ]
        self.need_groups = []
        for index, (area, needs) in enumerate(needs_by_area()):
            name = f"needs_{index}"
            self.fields[name] = forms.MultipleChoiceField(
                label=area, choices=needs, widget=forms.CheckboxSelectMultiple, required=False
            )
            self.need_groups.append(name)
        for question in SERVICE_QUESTIONS:
            self.fields[f"q_{question.key}"] = _text(f"{question.question} (optional)", rows=4)

    @property
    def question_fields(self):
        return [self[f"q_{question.key}"] for question in SERVICE_QUESTIONS]

    @property
    def need_fields(self):
        return [self[name] for name in self.need_groups]

    def error_map(self) -> dict:
        """Where a service's error about a field goes on this form."""
        return {"needs": self.need_groups[0] if self.need_groups else None}

    def to_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            name: data.get(name)
            for name in self.fields
            if name not in ("version",) and not name.startswith(("needs_", "q_"))
        }
        fields["needs"] = [code for name in self.need_groups for code in data.get(name) or []]
        fields["answers"] = {
            question.key: data.get(f"q_{question.key}") or "" for question in SERVICE_QUESTIONS
        }
        return fields

    @classmethod
    def initial_from(cls, values: dict, *, version=None, provider=None) -> dict:
        """The form's starting values from an entry's (or a proposal's) fields."""
        initial = {
            name: value for name, value in values.items() if name not in ("needs", "answers")
        }
        needs = set(values.get("needs") or [])
        for index, (_area, group) in enumerate(needs_by_area()):
            initial[f"needs_{index}"] = [code for code, _label in group if code in needs]
        for key, answer in (values.get("answers") or {}).items():
            initial[f"q_{key}"] = answer
        initial["version"] = version
        if provider is not None:
            initial["provider"] = str(provider)
        return initial


class LocalOfferForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    introduction = _text("Introduction", hint="What the Local Offer is and how to use it", rows=6)
    offline_access = _text(
        "How to get the Local Offer without the internet",
        hint="By phone, in print, or in another format or language (SEND Regulations 2014 reg 57)",
        rows=4,
    )
    sendiass_name = _text("SENDIASS name")
    sendiass_telephone = _text("SENDIASS telephone", width=20)
    sendiass_email = _text("SENDIASS email")
    sendiass_website = _text("SENDIASS website")
    mediation_contact = _text(
        "Mediation service",
        hint="Who families contact about mediation (SEND Regulations 2014 Sch 2 para 17)",
        rows=3,
    )
    areas = _text(
        "Areas",
        hint="One area on each line. Services say which areas they cover, and families filter "
        "by them. Removing an area removes it from the entries that listed it.",
        rows=8,
    )

    def to_fields(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("version", "areas")
        }


class SendBackForm(forms.Form):
    note = forms.CharField(
        label="What should the provider change?",
        help_text="The provider is emailed this note. Do not write about any child.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ProviderAddForm(forms.Form):
    """A provider for the council's Local Offer, and the first person to keep its entries."""

    name = _text("Name of the provider", max_length=200)
    website = _text("Website (optional)", width=30, max_length=200)
    contact_name = _text("Full name of the person to invite", width=20, max_length=150)
    contact_email = _text(
        "Their email address",
        hint="We will email them a link to join. They can then invite their colleagues.",
        width=30,
        max_length=254,
    )
