"""Field helpers the council's forms share."""

from django import forms

from opensend.organisations.models import Role

PROFESSIONAL_ROLES = (
    Role.EDUCATIONAL_PSYCHOLOGIST,
    Role.HEALTH_PROFESSIONAL,
    Role.SOCIAL_CARE_PROFESSIONAL,
)
NOBODY = "none"


def text_field(
    label: str,
    help_text: str = "",
    rows: int = 4,
    required: bool = False,
    max_length: int = 10000,
    **kwargs,
):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def same_message(message: str) -> dict:
    """One message for a choice left blank or not in the list."""
    return {"required": message, "invalid_choice": message}


def people_choices(users) -> list[tuple[str, str]]:
    return [(str(user.pk), user.full_name or user.email) for user in users]
