from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from opensend.accounts.models import FamilyRole
from opensend.core.forms import GovukDateField, VersionedForm
from opensend.law.meetings import TERM_NAMES
from opensend.organisations.models import Role


class OrganisationDetailsForm(VersionedForm):
    name = forms.CharField(max_length=200, label="Name")
    email = forms.EmailField(required=False, label="Contact email address")
    telephone = forms.CharField(max_length=30, required=False, label="Contact telephone number")
    address = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), label="Address"
    )
    website = forms.URLField(
        required=False,
        label="Website",
        help_text="For example, https://www.example-school.org.uk",
        assume_scheme="https",
    )


class InvitationForm(forms.Form):
    full_name = forms.CharField(max_length=150, label="Full name")
    email = forms.EmailField(label="Email address", help_text="We will send the invitation here.")
    role = forms.ChoiceField(label="Role", widget=forms.RadioSelect)

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        family = [(value, label) for value, label in FamilyRole.choices if value]
        self.fields["role"].choices = [(role, labels[role]) for role in roles] + family
        self.fields["role"].error_messages["required"] = "Choose the role they will have"
        self.fields["full_name"].error_messages["required"] = "Enter their full name"
        self.fields["email"].error_messages["required"] = "Enter their email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )


class AcceptInvitationForm(forms.Form):
    password = forms.CharField(
        label="Create a password",
        help_text="At least 10 characters. Avoid common words and passwords you use elsewhere.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    password_again = forms.CharField(
        label="Enter the password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the password again"},
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") != data.get("password"):
            self.add_error("password_again", "The passwords do not match")
        return data


class TermDatesForm(forms.Form):
    """The first and last days of the three terms: six GOV.UK date inputs, grouped by term in
    the template. Whether the dates make a school year is the law's question (the service
    asks it); this form only checks that each is a real date."""

    based_on = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TERM_NAMES:
            self.fields[f"{name}_start"] = GovukDateField(
                what=f"first day of the {name} term", label="First day"
            )
            self.fields[f"{name}_end"] = GovukDateField(
                what=f"last day of the {name} term", label="Last day"
            )

    def terms(self) -> dict:
        data = self.cleaned_data
        return {name: (data[f"{name}_start"], data[f"{name}_end"]) for name in TERM_NAMES}

    @staticmethod
    def initial_for(year_terms, fingerprint: str) -> dict:
        """The school's own dates to start from; blank boxes while it uses the defaults."""
        initial = {"based_on": fingerprint}
        if not year_terms.are_defaults:
            for term in year_terms.terms:
                initial[f"{term.name}_start"] = term.start
                initial[f"{term.name}_end"] = term.end
        return initial

    def rebased(self, fingerprint: str) -> "TermDatesForm":
        """After a refused save: the same answers and errors, but based on the dates as they
        are now, so saving again is a deliberate choice to replace them."""
        data = self.data.copy()
        data["based_on"] = fingerprint
        rebased = TermDatesForm(data)
        rebased.is_valid()
        for field, errors in self.errors.items():
            for error in errors:
                if error not in rebased.errors.get(field, []):
                    rebased.add_error(None if field == NON_FIELD_ERRORS else field, error)
        return rebased

    def term_groups(self) -> list[tuple[str, object, object]]:
        """(term name, first-day field, last-day field) for the template's fieldsets."""
        return [(name, self[f"{name}_start"], self[f"{name}_end"]) for name in TERM_NAMES]


class ClosureDayForm(forms.Form):
    day = GovukDateField(
        what="date the school is closed", label="Date", help_text="For example, 6 5 2027"
    )
    reason = forms.CharField(
        label="Reason",
        max_length=200,
        help_text="For example, polling station for the local elections",
        error_messages={
            "required": "Enter why the school is closed",
            "max_length": "The reason must be 200 characters or fewer",
        },
    )
