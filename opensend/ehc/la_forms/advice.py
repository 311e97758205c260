"""Asking for advice, using existing advice, sharing it with the family."""

from django import forms

from opensend.ehc.la_forms._fields import people_choices, same_message, text_field
from opensend.ehc.models import AdviceKind


class AdviceAddForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of advice",
        error_messages=same_message("Choose the kind of advice"),
    )
    school = forms.ChoiceField(
        label="For educational advice: which school?",
        required=False,
        error_messages={"invalid_choice": "Choose a school from the list"},
    )
    professional = forms.ChoiceField(
        label="Someone already on OpenSEND",
        required=False,
        error_messages={"invalid_choice": "Choose someone from the list"},
    )
    recipient_name = forms.CharField(
        label="Or someone new: their name", required=False, max_length=150
    )
    recipient_email = forms.EmailField(
        label="Their email address",
        help_text="They are invited to join, and see only this child's request",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    service = forms.ChoiceField(
        label="The service they work for",
        required=False,
        error_messages={"invalid_choice": "Choose a service from the list"},
    )
    question = text_field(
        "What you would like them to look at (optional)",
        "For example, the child's speech and language",
        rows=3,
    )

    def __init__(self, *args, schools, professionals, services, current_school=None, **kwargs):
        """`professionals`: [(role label, [users])] for a grouped list."""
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Choose the kind of advice"), *AdviceKind.choices]
        self.schools = {str(school.pk): school for school in schools}
        self.fields["school"].choices = [
            ("", "Choose the school"),
            *[(value, school.name) for value, school in self.schools.items()],
        ]
        if current_school is not None and str(current_school.pk) in self.schools:
            self.fields["school"].initial = str(current_school.pk)
        self.people = {}
        groups = []
        for label, users in professionals:
            users = list(users)
            self.people.update({str(user.pk): user for user in users})
            if users:
                groups.append((label, people_choices(users)))
        self.fields["professional"].choices = [("", "Choose a person"), *groups]
        self.services = {str(service.pk): service for service in services}
        self.fields["service"].choices = [
            ("", "Choose the service"),
            *[(value, service.name) for value, service in self.services.items()],
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (None, "", AdviceKind.FAMILY, AdviceKind.EDUCATIONAL):
            if kind == AdviceKind.EDUCATIONAL and not data.get("school"):
                self.add_error("school", "Choose the child's school")
            return data
        someone = data.get("professional")
        new_name, new_email = data.get("recipient_name"), data.get("recipient_email")
        if someone and (new_name or new_email):
            self.add_error(
                "professional", "Choose someone already on OpenSEND, or enter someone new: not both"
            )
        elif not someone:
            if not new_name and "recipient_name" not in self.errors:
                self.add_error(
                    "professional", "Choose who to ask, or enter the name of someone new"
                )
            if new_name and not new_email and "recipient_email" not in self.errors:
                self.add_error("recipient_email", "Enter their email address")
            if new_name and not data.get("service"):
                self.add_error("service", f"Choose the service {new_name} works for")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kind = data["kind"]
        kwargs = {"kind": kind, "question": data.get("question", "")}
        if kind == AdviceKind.EDUCATIONAL:
            kwargs["recipient_organisation"] = self.schools[data["school"]]
        elif kind != AdviceKind.FAMILY:
            if data.get("professional"):
                kwargs["recipient_user"] = self.people[data["professional"]]
            else:
                kwargs["recipient_name"] = data["recipient_name"]
                kwargs["recipient_email"] = data["recipient_email"]
                kwargs["recipient_organisation"] = self.services.get(data.get("service") or "")
        return kwargs


class AdviceReuseForm(forms.Form):
    description = text_field(
        "The existing advice",
        "Who gave it, when, and what it covers",
        rows=4,
    )
    provider_agrees = forms.BooleanField(
        label="The person who gave the advice agrees it is sufficient", required=False
    )
    family_agrees = forms.BooleanField(label="The family agrees it is sufficient", required=False)


class AdviceShareForm(forms.Form):
    shared = forms.ChoiceField(
        label="Can the family see this advice?",
        choices=[
            ("yes", "Yes, share it with the family"),
            ("no", "No, withhold it from the family"),
        ],
        widget=forms.RadioSelect,
        error_messages=same_message("Choose whether the family can see this advice"),
    )
    reason = text_field(
        "Why is it withheld? (needed to withhold it)",
        "Kept on the record. For example, it would put someone at risk",
        rows=3,
    )
