"""Import from the school's MIS: upload a CSV, see what would change, then import it all.

Two submissions (upload, confirm). The upload is kept in the session, named by a hash of the
school and the file, never in the page; the confirm step reads, plans and checks it again, so
what is imported is what the register holds at that moment. Only the SENCO and head of the
school import; the school's other staff get 403, everyone else 404.

Parents and carers the import records have no account; `parent_invite` is the one-click
invitation from the pupil's page, with the name and email already held.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from opensend.people import family_services, imports, selectors

SESSION_KEY = "mis_import"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV file exported from your MIS, smaller than 5 MB",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV file",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5 MB")
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("The selected file must be a CSV")
        return upload


def _editable_school(request, school_id):
    school = selectors.get_register_school_for(request.user, school_id)
    if not selectors.can_edit_register(request.user, school):
        raise PermissionDenied("Only the SENCO or head teacher can import from the MIS.")
    return school


def _columns():
    return [
        {"label": label, "required": required, "headings": aliases}
        for _, label, required, aliases in imports.COLUMNS
    ]


def _contact_columns():
    return [
        {"label": label, "headings": [words for words in aliases if words]}
        for _, label, aliases in imports.CONTACT_PARTS
    ]


def _preview(request, school, plan, token, error=""):
    return render(
        request,
        "people/import/preview.html",
        {"school": school, "plan": plan, "token": token, "error": error},
    )


@login_required
def mis_import(request, school_id):
    school = _editable_school(request, school_id)
    posted = request.method == "POST"
    form = ImportUploadForm(request.POST, request.FILES) if posted else ImportUploadForm()
    if posted and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            parsed = imports.read_csv(imports.decode_upload(data))
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            plan = imports.plan_import(parsed, school, today=timezone.localdate())
            token = imports.file_token(school, data)
            # One pending import at a time: a new upload replaces the last.
            request.session[SESSION_KEY] = {
                "token": token,
                "school": str(school.pk),
                "text": data.decode("latin-1"),
            }
            return _preview(request, school, plan, token)
    return render(
        request,
        "people/import/upload.html",
        {
            "school": school,
            "form": form,
            "columns": _columns(),
            "contact_columns": _contact_columns(),
            "contact_prefixes": imports.CONTACT_PREFIXES,
        },
    )


@login_required
@require_POST
def mis_import_confirm(request, school_id):
    school = _editable_school(request, school_id)
    pending = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if not token or pending.get("token") != token or pending.get("school") != str(school.pk):
        messages.info(request, "That import has already been done or has expired: upload again")
        return redirect("mis_import", school.pk)
    data = pending["text"].encode("latin-1")
    today = timezone.localdate()
    try:
        plan = imports.plan_import(
            imports.read_csv(imports.decode_upload(data)), school, today=today
        )
    except imports.ImportFileError:  # cannot happen for a file that was previewed
        del request.session[SESSION_KEY]
        return redirect("mis_import", school.pk)
    if not plan.can_import:
        return _preview(request, school, plan, token, error="Nothing was imported.")
    try:
        imports.mis_import_apply(actor=request.user, school=school, plan=plan, today=today)
    except imports.ImportRefused as refused:
        return _preview(request, school, plan, token, error=f"Nothing was imported. {refused}")
    del request.session[SESSION_KEY]
    done = (
        f"Imported from your MIS: {len(plan.created)} pupil"
        f"{'s' if len(plan.created) != 1 else ''} added, {len(plan.changed)} changed, "
        f"{len(plan.unchanged)} already up to date"
    )
    if plan.has_contacts:
        added = len(plan.contacts_added)
        done += (
            f"; {added} parent{'s' if added != 1 else ''} or carer{'s' if added != 1 else ''}"
            f" added, {len(plan.contacts_changed)} updated. Nobody has been emailed: invite "
            "parents and carers from each pupil’s page"
        )
    messages.success(request, done)
    return redirect("register", school.pk)


@login_required
@require_POST
def parent_invite(request, link_id):
    """Invite a recorded parent or carer (e.g. one imported from the MIS) with one click."""
    link = selectors.get_parent_link_for(request.user, link_id)
    school = selectors.get_register_school_for_child(request.user, link.child)
    try:
        family_services.parent_link_invite(actor=request.user, link=link, school=school)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(request, f"{link.full_name} invited: we have emailed them a link to join")
    return redirect("child_detail", link.child_id)
