from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Name the token",
        help_text="Say what will use it, for example 'Census export script'.",
        error_messages={"required": "Enter a name for the token"},
    )
