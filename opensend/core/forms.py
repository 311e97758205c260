from django import forms


class VersionedForm(forms.Form):
    """Carries the version of the record the form was filled from (optimistic concurrency).

    DESIGN "Audit and versions": a stale edit is refused with the difference shown.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def changed_data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}
