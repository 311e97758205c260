"""Consultations on the Local Offer, for the authority that runs them and for those it asks
(SEND Regs 2014 regs 54-56; issue 11 item 5).

Thin views: every read goes through selectors.consultations (another authority's record is
404), every change through one service; a refusal is shown on the page, never a 500.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from opensend.core.forms import add_service_errors, rebase_stale_form
from opensend.core.services import StaleEditError
from opensend.law.dates import long_date
from opensend.publishing.consultation_forms import (
    CommentForm,
    ConsultationForm,
    PublishForm,
    ThemeEditForm,
    ThemeForm,
)
from opensend.publishing.selectors import consultations as read
from opensend.publishing.selectors._access import get_local_offer_for
from opensend.publishing.services import consultations as write
from opensend.publishing.services._base import today


@login_required
@require_GET
def mine(request):
    """ "Have your say": the open consultations of the authorities the person is connected to."""
    day = today()
    context = {
        "open": read.open_consultations_for(request.user, day),
        "coming": read.consultations_opening_for(request.user, day),
    }
    return render(request, "publishing/consultation_mine.html", context)


@login_required
@require_GET
def consultations(request, offer_id):
    offer = get_local_offer_for(request.user, offer_id)
    day = today()
    context = {
        "offer": offer,
        "rows": read.consultation_rows(offer, day),
        "status": read.response_status(offer, day),
    }
    return render(request, "publishing/consultation_list.html", context)


@login_required
def consultation_new(request, offer_id):
    offer = get_local_offer_for(request.user, offer_id)
    form = ConsultationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = write.consultation_create(actor=request.user, local_offer=offer, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{created.title} set up. It opens on {long_date(created.opens_on)} and "
                f"closes on {long_date(created.closes_on)}",
            )
            return redirect("publishing_consultation", created.pk)
    return render(request, "publishing/consultation_new.html", {"offer": offer, "form": form})


def _detail_page(request, consultation, theme_form=None, status=200):
    day = today()
    context = {
        "consultation": consultation,
        "offer": consultation.local_offer,
        "state": read.state_of(consultation, day),
        "state_label": read.STATE_LABELS[read.state_of(consultation, day)],
        "groups": read.comment_groups(consultation),
        "audiences": read.audience_labels(consultation),
        "form": theme_form or ThemeForm(),
    }
    return render(request, "publishing/consultation_detail.html", context, status=status)


@login_required
@require_GET
def consultation(request, consultation_id):
    return _detail_page(request, read.get_consultation_for(request.user, consultation_id))


@login_required
def theme_new(request, consultation_id):
    found = read.get_consultation_for(request.user, consultation_id)
    if request.method != "POST":
        return redirect("publishing_consultation", found.pk)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            theme = write.theme_create(actor=request.user, consultation=found, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f'Theme "{theme.title}" added. Now put comments in it')
            return redirect("publishing_consultation", found.pk)
    return _detail_page(request, found, theme_form=form)


@login_required
def theme_edit(request, theme_id):
    theme = read.get_theme_for(request.user, theme_id)
    differences = None
    if request.method == "POST":
        form = ThemeEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                write.theme_update(actor=request.user, theme=theme, **data)
            except StaleEditError as stale:
                form = rebase_stale_form(ThemeEditForm, request.POST, stale)
                differences = stale.differences
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f'Theme "{data["title"]}" saved')
                return redirect("publishing_consultation", theme.consultation_id)
    else:
        form = ThemeEditForm(
            initial={
                "version": theme.version,
                "title": theme.title,
                "you_said": theme.you_said,
                "we_did": theme.we_did,
                "planned_action": theme.planned_action,
            }
        )
    context = {
        "theme": theme,
        "consultation": theme.consultation,
        "comments": theme.comments.filter(excluded_reason=""),
        "form": form,
        "differences": differences,
    }
    return render(request, "publishing/consultation_theme.html", context)


@login_required
def comment(request, comment_id):
    found = read.get_comment_for(request.user, comment_id)
    themes = list(found.consultation.themes.all())
    if request.method == "POST":
        form = CommentForm(request.POST, themes=themes)
        if form.is_valid():
            try:
                write.comment_sort(
                    actor=request.user,
                    comment=found,
                    version=form.cleaned_data["version"],
                    theme=form.theme(),
                    published_text=form.cleaned_data["published_text"],
                    excluded_reason=form.chosen_exclusion(),
                    exclusion_note=form.cleaned_data["exclusion_note"],
                )
            except StaleEditError as stale:
                form = rebase_stale_form(CommentForm, request.POST, stale, themes=themes)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Comment saved")
                return redirect("publishing_consultation", found.consultation_id)
    else:
        form = CommentForm(initial=CommentForm.initial_for(found), themes=themes)
    context = {
        "comment": found,
        "consultation": found.consultation,
        "identifying": write.comment_identifying_details(found),
        "form": form,
    }
    return render(request, "publishing/consultation_comment.html", context)


@login_required
def publish(request, consultation_id):
    found = read.get_consultation_for(request.user, consultation_id)
    if request.method == "POST":
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                write.consultation_publish(
                    actor=request.user, consultation=found, **form.cleaned_data
                )
            except StaleEditError as stale:
                form = rebase_stale_form(PublishForm, request.POST, stale)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, 'Response published on the Local Offer\'s "You said, we did" page'
                )
                return redirect("publishing_consultation", found.pk)
    else:
        form = PublishForm(
            initial={"version": found.version, "response_summary": found.response_summary}
        )
    context = {
        "consultation": found,
        "offer": found.local_offer,
        "problems": read.publish_problems(found, today()),
        "groups": read.comment_groups(found),
        "form": form,
    }
    return render(request, "publishing/consultation_publish.html", context)
