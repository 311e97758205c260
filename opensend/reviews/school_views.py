"""Annual reviews for whoever arranges them, and for the professionals invited.

The head teacher arranges the review of a pupil at a school (SEND Regulations 2014 reg 20(12);
in OpenSEND the SENCO or head), the council for a child not at a school (reg 21); the council's
SEND team may always open them (`selectors.get_arranger_review_for`). Everyone else gets 404.

The steps, each one submission: arrange the meeting (date, place and every invitation at once,
reg 20(2)-(4)); record advice received on paper and circulate it (reg 20(4)); record the meeting,
pre-filled so that when nothing changed the SENCO only confirms it (reg 20(5)-(6)); send the
report (reg 20(7)-(8)). Views are thin: the rules live in `services`.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from opensend.core.forms import add_service_errors
from opensend.core.list_downloads import download_links, list_download, only_organisation
from opensend.core.tables import table
from opensend.ehc.la_views._common import tag_for
from opensend.ehc.selectors import school_manager_ids
from opensend.reviews import selectors, services
from opensend.reviews.downloads import review_tray_table
from opensend.reviews.models import (
    ParticipantRole,
    Progress,
    ReviewDecision,
    ReviewKind,
    ReviewStatus,
)
from opensend.reviews.school_forms import AdviceForm, ArrangeForm, RecordForm, invitee_key

# --- shared pieces -------------------------------------------------------------------------------


def review_dates(review) -> list[dict]:
    """Every statutory date of a review with the law that sets it, for `_review_summary.html`."""
    rows = [
        {
            "label": "Meeting due by",
            "date": review.due_on,
            "source": "At least every 12 months (Children and Families Act 2014, section 44)",
        }
    ]
    if review.phase_transfer_deadline:
        rows.append(
            {
                "label": "Plan amended for the next phase by",
                "date": review.phase_transfer_deadline,
                "source": "15 February, or 31 March for post-16 (SEND Regulations 2014, "
                "regulation 18)",
            }
        )
    if review.meeting_at:
        rows += [
            {
                "label": "Invitations sent by",
                "date": review.invitations_due,
                "source": "At least 2 weeks' notice (regulation 20(3))",
                "done": review.arranged_on,
            },
            {
                "label": "Advice circulated by",
                "date": review.advice_due,
                "source": "At least 2 weeks before the meeting (regulation 20(4))",
                "done": review.advice_circulated_on,
            },
            {
                "label": "Report sent by",
                "date": review.report_due,
                "source": "Within 2 weeks of the meeting (regulation 20(7))",
                "done": review.report_sent_on,
            },
            {
                "label": "Council's decision by",
                "date": review.decision_due,
                "source": "Within 4 weeks of the meeting (regulation 20(10))",
                "done": review.decided_on,
            },
        ]
        if review.decision in ("", ReviewDecision.AMEND):
            rows.append(
                {
                    "label": "Amended plan issued by",
                    "date": review.amended_plan_due,
                    "source": "Within 12 weeks of the meeting (regulation 22(3); R (L, M and P) "
                    "v Devon CC 2022)",
                    "done": (
                        review.completed_on if review.decision == ReviewDecision.AMEND else None
                    ),
                }
            )
    return rows


def _participants(review):
    return list(review.participants.select_related("organisation", "user").order_by("role", "name"))


def _summary_context(review, today) -> dict:
    step, step_due = selectors.next_step(review, today) if review.is_open else ("", None)
    return {
        "review": review,
        "child": review.child,
        "dates": review_dates(review),
        "participants": _participants(review),
        "next_step": step,
        "next_step_due": step_due,
        "next_step_late": bool(step_due and step_due < today),
        "today": today,
    }


# --- the tray ------------------------------------------------------------------------------------


def _rows(rows):
    return [
        {
            "review": row.review,
            "child": row.review.child,
            "step": row.step,
            "due": row.due,
            "late": row.late,
            "rag": tag_for(row.rag),
        }
        for row in rows
    ]


@login_required
@require_safe
def school_tray(request):
    """The SENCO's annual reviews: due in the next 8 weeks, overdue steps, in progress, the
    reviews a council programme scheduled, and under-fives' suggested interim reviews."""
    user = request.user
    if not (user.is_superuser or school_manager_ids(user)):
        raise Http404("Only a SENCO or head teacher can see the school's reviews.")
    today = timezone.localdate()
    reviews = selectors.reviews_for_school(user).select_related("child", "school", "programme")
    every = selectors.review_tray(reviews, today=today, view="all")
    due = [row for row in every if selectors.in_view(row, "due", today=today)]
    overdue = [row for row in every if selectors.in_view(row, "overdue", today=today)]
    in_progress = [row for row in every if row.review.status != ReviewStatus.DUE]
    programme = [
        row for row in every if row.review.programme_id and row.review.status == ReviewStatus.DUE
    ]
    # Every other plan's next review, so a SENCO can arrange one early (a phase transfer, a
    # family's request) without waiting for it to come within 8 weeks.
    listed = {row.review.pk for row in (*due, *overdue, *programme)}
    later = [
        row
        for row in every
        if row.review.status == ReviewStatus.DUE and row.review.pk not in listed
    ]
    interim = selectors.interim_suggestions([row.review for row in every], today)
    lists = {
        "overdue": ("Overdue", overdue),
        "due": ("Meetings to arrange in the next 8 weeks", due),
        "in_progress": ("In progress", in_progress),
        "programme": ("Reviews the council has scheduled", programme),
        "later": ("Later reviews", later),
    }
    builders = {
        key: (
            lambda key=key, caption=caption, rows=rows: review_tray_table(
                key, caption, rows, for_council=False
            )
        )
        for key, (caption, rows) in lists.items()
    }
    builders["interim"] = lambda: _interim_table(interim)
    download = list_download(
        request,
        builders,
        filename_stem="annual-reviews-school",
        what="School annual reviews tray",
        organisation_id=only_organisation(school_manager_ids(user)),
    )
    if download:
        return download
    return render(
        request,
        "reviews/school_tray.html",
        {
            "due": _rows(due),
            "overdue": _rows(overdue),
            "in_progress": _rows(in_progress),
            "programme": _rows(programme),
            "later": _rows(later),
            "interim": interim,
            "today": today,
            "downloads": {key: download_links(request, key) for key in builders},
        },
    )


def _interim_table(interim: list[dict]):
    """CoP 9.178's suggested interim reviews, as the page's last table shows them."""
    return table(
        "interim",
        "Interim reviews suggested for under-fives",
        ("Child", "Last review or plan issued", "Suggested from", "Suggested by"),
        [(row["child"].full_name, row["last"], row["earliest"], row["latest"]) for row in interim],
        numeric_columns=frozenset(),
    )


# --- one review ----------------------------------------------------------------------------------


def _can_act(review) -> dict:
    status = review.status
    return {
        "can_arrange": status in (ReviewStatus.DUE, ReviewStatus.ARRANGED),
        "can_circulate": status == ReviewStatus.ARRANGED,
        "can_record": status in (ReviewStatus.ARRANGED, ReviewStatus.HELD),
        "can_send": status == ReviewStatus.HELD,
        "can_record_advice": status == ReviewStatus.ARRANGED,
    }


def _back_url(user, review) -> str:
    """Back to the school's tray for its SENCO or head, else the council's tray."""
    if review.school_id and review.school_id in school_manager_ids(user):
        return reverse("reviews_school_tray")
    try:
        return reverse("reviews_la_tray")
    except NoReverseMatch:
        return reverse("reviews_school_tray")


@login_required
@require_safe
def review_page(request, review_id):
    """The review for its arranger: every date and its source, who is invited and their
    advice, the record of the meeting, and the next thing to do."""
    review = selectors.get_arranger_review_for(request.user, review_id)
    today = timezone.localdate()
    return render(
        request,
        "reviews/school_review.html",
        {
            **_summary_context(review, today),
            **_can_act(review),
            "progress": list(review.progress.select_related("outcome")),
            "advice_given": any(p.advice for p in review.participants.all()),
            "back_url": _back_url(request.user, review),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def arrange(request, review_id):
    """Reg 20(2)-(4): one submission fixes the date and place and invites everyone on the
    list, each asked for their advice. Re-arranging moves the date and tells everyone."""
    user = request.user
    review = selectors.get_arranger_review_for(user, review_id)
    if review.status not in (ReviewStatus.DUE, ReviewStatus.ARRANGED):
        messages.error(request, "The meeting has been held, so it cannot be arranged again.")
        return redirect("reviews_review", review.pk)
    defaults = services.default_invitees(review)
    if request.method == "POST":
        form = ArrangeForm(request.POST, defaults=defaults)
        if form.is_valid():
            try:
                services.review_arrange(
                    actor=user,
                    review=review,
                    meeting_at=form.meeting_at(),
                    location=form.cleaned_data["location"],
                    invitees=form.chosen_invitees(),
                )
            except ValidationError as error:
                add_service_errors(
                    form, error, field_map={"meeting_at": "day", "invitees": "invitees"}
                )
            except PermissionDenied as error:
                raise Http404("No such review.") from error
            else:
                messages.success(request, "Meeting arranged: everyone has been invited")
                return redirect("reviews_review", review.pk)
    else:
        initial = {"invitees": [invitee_key(invitee) for invitee in defaults]}
        if review.meeting_at:
            local = timezone.localtime(review.meeting_at)
            initial |= {
                "day": local.date(),
                "start_time": local.time(),
                "location": review.location,
            }
        form = ArrangeForm(initial=initial, defaults=defaults)
    today = timezone.localdate()
    return render(
        request,
        "reviews/school_arrange.html",
        {
            "review": review,
            "child": review.child,
            "form": form,
            "earliest": date.fromordinal(today.toordinal() + 14),
            "rearranging": review.status == ReviewStatus.ARRANGED,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def advice_record(request, review_id, participant_id):
    """Advice received on paper or by email, recorded on the giver's behalf (reg 20(4))."""
    user = request.user
    review = selectors.get_arranger_review_for(user, review_id)
    participant = review.participants.filter(pk=participant_id).first()
    if participant is None:
        raise Http404("No such participant.")
    if request.method == "POST":
        form = AdviceForm(request.POST)
        if _advice_saved(request, form, participant, f"Advice from {participant.name} recorded"):
            return redirect("reviews_review", review.pk)
    else:
        form = AdviceForm(initial={"advice": participant.advice})
    return render(
        request,
        "reviews/school_advice_record.html",
        {"review": review, "child": review.child, "participant": participant, "form": form},
    )


def _advice_saved(request, form, participant, success: str) -> bool:
    """Reg 20(4): the advice, given by the invitee or entered for them; False with the form's
    errors when it is not valid or the service refuses it."""
    if not form.is_valid():
        return False
    try:
        services.review_advice_give(
            actor=request.user, participant=participant, advice=form.cleaned_data["advice"]
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def circulate(request, review_id):
    """Reg 20(4): send all the advice given to everyone invited, 2 weeks before the meeting."""
    return _act(
        request,
        review_id,
        services.review_advice_circulate,
        "The advice has been sent to everyone invited",
    )


def _act(request, review_id, service, success: str):
    """A one-button step on the arranger's review: do it, or say why not, and go back."""
    review = selectors.get_arranger_review_for(request.user, review_id)
    try:
        service(actor=request.user, review=review)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("reviews_review", review.pk)


# --- the record and the report ------------------------------------------------------------------


def _prefill_initial(review, prefill) -> tuple[list, dict]:
    """The outcomes to review and the form's initial values from `services.report_prefill`:
    progress and evidence per outcome (what the previous review said, else "on track", so that
    when nothing changed the SENCO only confirms), the family's and child's views from their
    advice, and "keep the plan as it is" unless the SENCO says otherwise."""
    outcomes, initial = [], {}
    for item in prefill.outcomes:
        outcome = item.outcome
        outcomes.append(outcome)
        initial[f"progress_{outcome.pk}"] = item.last_progress or Progress.ON_TRACK
        initial[f"evidence_{outcome.pk}"] = item.last_evidence
    for name in ("family_views", "child_views"):
        value = getattr(review, name) or getattr(prefill, name)
        if value:
            initial[name] = value
    for name in ("changes_since_last_review", "disagreements"):
        if getattr(review, name):
            initial[name] = getattr(review, name)
    initial["recommends"] = review.recommends or ReviewDecision.KEEP
    if review.recommended_amendments:
        initial["recommended_amendments"] = review.recommended_amendments
    if review.next_school_name:
        initial["next_school_name"] = review.next_school_name
    if review.held_on:
        initial["held_on"] = review.held_on
    elif review.meeting_at:
        initial["held_on"] = timezone.localdate(review.meeting_at)
    # What was recorded before (correcting a record) wins over the pre-fill.
    for row in review.progress.all():
        initial[f"progress_{row.outcome_id}"] = row.progress
        initial[f"evidence_{row.outcome_id}"] = row.evidence
    return outcomes, initial


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def record(request, review_id):
    """Reg 20(5)-(6): the record of the meeting, pre-filled from the plan, the support plan
    reviews and the advice given, so that when nothing changed the SENCO only confirms it."""
    user = request.user
    review = selectors.get_arranger_review_for(user, review_id)
    if review.status not in (ReviewStatus.ARRANGED, ReviewStatus.HELD):
        messages.error(request, "There is no meeting to record.")
        return redirect("reviews_review", review.pk)
    prefill = services.report_prefill(review)
    outcomes, initial = _prefill_initial(review, prefill)
    participants = _participants(review)
    form_kwargs = {
        "outcomes": outcomes,
        "participants": participants,
        "transfer": bool(review.transfer_year or review.kind == ReviewKind.TRANSFER),
    }
    if request.method == "POST":
        form = RecordForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                services.review_record(actor=user, review=review, **form.service_kwargs())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, "Meeting recorded. Check the record, then send the report"
                )
                return redirect("reviews_review", review.pk)
    else:
        initial["attended"] = [str(p.pk) for p in participants if p.attending is not False]
        form = RecordForm(initial=initial, **form_kwargs)
    return render(
        request,
        "reviews/school_record.html",
        {
            "review": review,
            "child": review.child,
            "form": form,
            "prefill": prefill,
            "participants": participants,
        },
    )


@login_required
@require_POST
def report_send(request, review_id):
    """Reg 20(7)-(8): the report to the council and everyone invited, within 2 weeks of the
    meeting. Late is allowed (and shown), never blocked."""
    return _act(
        request,
        review_id,
        services.review_report_send,
        "Report sent to the council and everyone invited",
    )


# --- professionals invited ------------------------------------------------------------------------


@login_required
@require_safe
def invited_list(request):
    """Reviews the person is invited to (reg 20(2)): to give advice first, then the rest."""
    today = timezone.localdate()
    rows = list(
        selectors.participations_for(request.user)
        .select_related("review", "review__child", "review__school", "review__local_authority")
        .order_by("review__meeting_at", "created_at")
    )
    to_give = [p for p in rows if not p.advice and p.review.is_open]
    others = [p for p in rows if p not in to_give]
    return render(
        request,
        "reviews/invited_list.html",
        {"to_give": to_give, "others": others, "today": today},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invited_advice(request, participant_id):
    """Reg 20(4): someone invited gives their advice before the meeting."""
    user = request.user
    participant = selectors.get_participation_for(user, participant_id)
    review = participant.review
    can_give = review.status == ReviewStatus.ARRANGED
    if request.method == "POST":
        form = AdviceForm(request.POST)
        if not can_give:
            messages.error(request, "The meeting has been held, so advice can no longer be given.")
            return redirect("reviews_invited_advice", participant.pk)
        if _advice_saved(request, form, participant, "Your advice has been sent"):
            return redirect("reviews_invited_advice", participant.pk)
    else:
        form = AdviceForm(initial={"advice": participant.advice})
    return render(
        request,
        "reviews/invited_advice.html",
        {
            "participant": participant,
            "review": review,
            "child": review.child,
            "form": form,
            "can_give": can_give,
            "dates": review_dates(review),
            "role_family": ParticipantRole.FAMILY,
        },
    )
