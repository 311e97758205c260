"""Form pieces every app shares: GOV.UK date inputs, versions, and service errors on fields."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError

from opensend.core.services import StaleEditError


class VersionedForm(forms.Form):
    """Carries the version of the record the form was filled from (optimistic concurrency).

    DESIGN "Audit and versions": a stale edit is refused with the difference shown.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def changed_data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


STALE_EDIT_MESSAGE = (
    "Someone else changed this while you were editing. Check their changes below, then save "
    "again to keep yours. Your changes have not been saved yet."
)


def rebase_stale_form(form_class, data, stale, **kwargs) -> forms.Form:
    """The form again after a stale edit: what the person typed, based on the latest version.

    DESIGN "Audit and versions": the edit is refused with the difference shown, and saving again
    keeps this person's changes on top of the other person's.
    """
    data = data.copy()
    data["version"] = stale.current.version
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, STALE_EDIT_MESSAGE)
    return form


def save_versioned(form_class, data, save, **form_kwargs):
    """A posted edit form: validate, save through `save(form)`, and on a stale edit show the form
    again rebased on the latest version (with the differences); a service's ValidationError goes
    on the form's fields.

    Returns (form, differences, saved): `saved` is what `save` returned, or None if it did not
    save (the form then carries the errors to show).
    """
    form = form_class(data, **form_kwargs)
    if not form.is_valid():
        return form, None, None
    try:
        return form, None, save(form)
    except StaleEditError as stale:
        return rebase_stale_form(form_class, data, stale, **form_kwargs), stale.differences, None
    except ValidationError as error:
        add_service_errors(form, error)
        return form, None, None


class GovukDateField(DateInputField):
    """The GOV.UK date input (day, month, year) with messages that say what to fix.

    crispy-forms-gds reports an impossible date with Python's own words ("day is out of range
    for month"); GOV.UK's pattern says "must be a real date".
    """

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        super().__init__(**kwargs)
        self.error_messages["required"] = f"Enter the {what}"
        self.error_messages["incomplete"] = f"The {what} must include a day, month and year"
        for part, name in zip(self.fields, ("day", "month", "year"), strict=True):
            part.validators = []
            part.error_messages["incomplete"] = f"The {what} must include a {name}"
        for box in self.widget.widgets:
            box.attrs["inputmode"] = "numeric"  # a number keypad on phones (GOV.UK date input)

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"The {self.what} must be a real date, in numbers")
        if len(year) != 4:
            raise ValidationError("The year must include 4 numbers")
        try:
            return date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"The {self.what} must be a real date") from error


def add_service_errors(form: forms.Form, error: ValidationError, field_map=None) -> None:
    """Put a service's ValidationError on the form: each message next to its field (the
    service's field name, translated through `field_map`), anything else at the top."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, errors in error.error_dict.items():
        field = field_map.get(name, name)
        messages = [message for item in errors for message in item.messages]
        form.add_error(field if field in form.fields else None, messages)
