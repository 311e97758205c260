"""The Local Offer directory's search filters (issue 11 item 3), read from the address (GET).

Every filter is optional. A value that cannot be understood (a hand-edited or stale address)
is reported on the page in plain English rather than guessed at or turned into an error page.
"""

from django import forms

from opensend.law.codes import NEED_TYPES
from opensend.publishing.models import Cost, ServiceCategory

MAX_KEYWORDS_LENGTH = 200

# The DfE's current types of need (SEND CoP 6.28-6.35). "NSA" (SEN support with no specialist
# assessment of the type of need) is a census marker, not a need a service is for.
NEED_CHOICES = [
    (need.code, need.description)
    for need in NEED_TYPES
    if need.status == "current" and need.code != "NSA"
]
NEED_NAMES = dict(NEED_CHOICES)


class ServiceSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name or keyword",
        required=False,
        max_length=MAX_KEYWORDS_LENGTH,
        error_messages={
            "max_length": f"Search words must be {MAX_KEYWORDS_LENGTH} characters or fewer"
        },
    )
    category = forms.ChoiceField(
        label="Type of service",
        required=False,
        choices=[("", "Any type of service"), *ServiceCategory.choices],
        error_messages={"invalid_choice": "Choose a type of service from the list"},
    )
    need = forms.ChoiceField(
        label="Need or disability",
        required=False,
        choices=[("", "Any need"), *NEED_CHOICES],
        error_messages={"invalid_choice": "Choose a need from the list"},
    )
    age = forms.IntegerField(
        label="Age of the child or young person",
        help_text="In years, from 0 to 25",
        required=False,
        min_value=0,
        max_value=25,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the age as a whole number of years, like 8",
            "min_value": "Age must be 0 or more",
            "max_value": "Age must be 25 or under: the Local Offer is for 0 to 25 year olds",
        },
    )
    area = forms.ChoiceField(
        label="Area",
        required=False,
        error_messages={"invalid_choice": "Choose an area from the list"},
    )
    cost = forms.ChoiceField(
        label="Cost",
        required=False,
        choices=[("", "Any cost"), *Cost.choices],
        error_messages={"invalid_choice": "Choose a cost from the list"},
    )

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {str(area.pk): area for area in areas}
        self.fields["area"].choices = [
            ("", "Anywhere"),
            *[(key, area.name) for key, area in self.areas.items()],
        ]

    def clean_area(self):
        return self.areas.get(self.cleaned_data["area"])

    def filters(self) -> dict:
        """The cleaned filters for selectors.search.search_services (empty when unbound)."""
        if not self.is_bound:
            return {}
        data = self.cleaned_data
        return {name: data[name] for name in self.fields if data.get(name) not in (None, "")}
