from django import forms

from opensend.accounts.models import FamilyRole
from opensend.core.forms import VersionedForm
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
