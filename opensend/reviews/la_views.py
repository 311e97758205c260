"""The council's review pages: its work tray, a review's report and decision, under-fives'
interim reviews, and the children changing phase.

- `tray`: reviews due in the next 8 weeks, overdue, decisions due and amended plans due, with
  the assessment work tray's red/amber/green tags (issue 9 item 6), in a fixed number of queries;
- `review`: the report, the dates, who was invited and their advice, the decision and notice;
- `decide`: reg 20(10) keep / amend / cease, with the notice that will be sent;
- `interim_add`: an interim review for a child under 5 (CoP 9.178: suggested, never forced);
- `phase_transfers`: every child moving phase next September and where their review stands
  (reg 18), warned from the autumn term;
- `next_phase`: the school's SENCO or head, or the council, enter a child's next move.

Every page reads through opensend.reviews.selectors (or transfers.py), so another council's
review, plan or child is a 404.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from opensend.core.access import get_audited
from opensend.core.forms import add_service_errors
from opensend.core.list_downloads import download_links, list_download, only_organisation
from opensend.ehc import selectors as ehc_selectors
from opensend.ehc.la_views._common import rag_tag, require_la_staff, tag_for
from opensend.ehc.models import EhcPlan
from opensend.ehc.selectors import school_manager_ids
from opensend.law.dates import academic_year_of
from opensend.law.reviews import TransferKind, next_phase_transfer, transfer_dates
from opensend.organisations.models import Organisation
from opensend.people.models import Child, Enrolment
from opensend.people.selectors import la_ids, la_reach
from opensend.reviews import selectors, services, transfers
from opensend.reviews.downloads import review_tray_table
from opensend.reviews.la_forms import (
    DECISION_LABELS,
    NextPhaseForm,
    ReviewDecisionForm,
    ReviewTrayFilterForm,
)
from opensend.reviews.models import NextPhase, ReviewDecision, ReviewStatus

PAGE_SIZE = 50
# Reg 20(10): the council decides once the meeting's report is in (reg 20(7)).
DECIDABLE = (ReviewStatus.REPORTED,)


# --- the work tray --------------------------------------------------------------------------------


@login_required
def tray(request):
    user = request.user
    require_la_staff(user)
    today = timezone.localdate()
    form = ReviewTrayFilterForm(request.GET or None, schools=ehc_selectors.schools_in_area(user))
    context = {"form": form, "page": None, "view": "all", "today": today}
    if form.is_bound and not form.is_valid():
        # A hand-edited or stale address: say what is wrong rather than guess.
        return render(request, "reviews/la_tray.html", context)
    filters = form.cleaned_data if form.is_bound else {}
    view = filters.get("view") or "all"
    reviews = selectors.reviews_for_la(user)
    if filters.get("school"):
        reviews = reviews.filter(school_id=filters["school"])
    tray_rows = selectors.review_tray(reviews, today=today, view=view)
    view_label = dict(form.fields["view"].choices)[view]
    download = list_download(
        request,
        {"reviews": lambda: review_tray_table("reviews", view_label, tray_rows, for_council=True)},
        filename_stem="annual-reviews",
        what="Council annual reviews tray",
        organisation_id=only_organisation(la_ids(user)),
        filters={"view": view, "school": filters.get("school")},
    )
    if download:
        return download
    rows = [{"row": row, "rag": tag_for(row.rag)} for row in tray_rows]
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = {
        key: sum(1 for item in rows if item["rag"] and item["rag"]["key"] == key)
        for key in (
            "red",
            "amber",
            "green",
        )
    }
    context.update(
        page=page,
        page_range=page.paginator.get_elided_page_range(page.number, on_ends=1),
        rows=page.object_list,
        counts=counts,
        view=view,
        view_label=view_label,
        school=filters.get("school") or "",
        filtered=bool(filters.get("school")),
        downloads=download_links(request, "reviews"),
    )
    return render(request, "reviews/la_tray.html", context)


# --- one review -----------------------------------------------------------------------------------


def _dates(review, today) -> list[dict]:
    """Each statutory date with its source and a tag while it is still to be met."""
    rows = [
        ("Meeting held by", review.due_on, "CFA 2014 s44(1): at least every 12 months", None),
        (
            "Invitations sent by",
            review.invitations_due,
            "SEND Regulations 2014 reg 20(3): at least 2 weeks' notice",
            review.arranged_on,
        ),
        (
            "Advice circulated by",
            review.advice_due,
            "Reg 20(4): at least 2 weeks before the meeting",
            review.advice_circulated_on,
        ),
        (
            "Report sent by",
            review.report_due,
            "Reg 20(7)-(8): within 2 weeks of the meeting",
            review.report_sent_on,
        ),
        (
            "Decision by",
            review.decision_due,
            "Reg 20(10): within 4 weeks of the meeting",
            review.decided_on,
        ),
        (
            "Amended plan issued by",
            review.amended_plan_due,
            "Reg 22(3), R (L, M and P) v Devon CC 2022: within 12 weeks of the meeting",
            review.amended_version.issued_on if review.amended_version_id else None,
        ),
    ]
    if review.phase_transfer_deadline:
        rows.append(
            (
                "Plan amended for the move by",
                review.phase_transfer_deadline,
                "Reg 18(1): 15 February (31 March for a move to post-16)",
                None,
            )
        )
    if review.held_on and review.due_on:
        rows[0] = (*rows[0][:3], review.held_on)
    shown = []
    for label, due, rule, done in rows:
        if due is None:
            continue
        tag = None
        if done is None and review.is_open:
            tag = rag_tag(due, today)
        shown.append({"label": label, "due": due, "rule": rule, "done": done, "rag": tag})
    return shown


def _review_context(review, today) -> dict:
    step, step_due = selectors.next_step(review, today)
    return {
        "review": review,
        "child": review.child,
        "dates": _dates(review, today),
        "step": step,
        "step_due": step_due,
        "progress": list(review.progress.select_related("outcome")),
        "participants": list(review.participants.select_related("organisation")),
        "proposed": review.proposed_version,
        "amended": review.amended_version,
        "today": today,
    }


@login_required
def review(request, review_id):
    found = selectors.get_la_review_for(request.user, review_id)
    today = timezone.localdate()
    context = _review_context(found, today)
    context["can_decide"] = found.status in DECIDABLE
    # CoP 9.178: an under-five's interim review, suggested (never forced) with its window.
    interim = selectors.interim_suggestions([found], today)
    context["interim"] = interim[0] if interim else None
    return render(request, "reviews/la_review.html", context)


# --- the decision ---------------------------------------------------------------------------------


def _notice_previews(review, today) -> list[dict]:
    """The notice each decision would send (reg 20(10)), drawn from the review as it stands;
    the caseworker's own reasons are added when they decide."""
    from opensend.reviews import notice

    previews = []
    for decision, label in DECISION_LABELS.items():
        draft = copy.copy(review)
        draft.decision = decision
        draft.decision_reasons = draft.decision_reasons or "(Your reasons will appear here.)"
        html = notice.notice_html(draft, sent_on=today)
        previews.append({"decision": decision, "label": label, "html": html})
    return previews


def _decided_message(review) -> str:
    if review.decision == ReviewDecision.AMEND:
        due = (
            f" The amended plan is due by {review.amended_plan_due:%-d %B %Y}"
            if (review.amended_plan_due)
            else ""
        )
        return (
            "Decision recorded: the council will amend the plan. Edit the proposed amendments "
            "and send them to the family: once served they will have 15 days to comment, ask "
            "for a school or ask for a meeting (SEND Regulations 2014 reg 22(2))."
            f"{due} (reg 22(3))"
        )
    if review.decision == ReviewDecision.CEASE:
        return "Decision recorded: the council will cease to maintain the plan. The notice was sent"
    return "Decision recorded: the plan stays as it is. The notice was sent"


@login_required
def decide(request, review_id):
    found = selectors.get_la_review_for(request.user, review_id)
    if found.status not in DECIDABLE:
        messages.info(
            request,
            f"This review is at the step '{found.get_status_display()}', so the council cannot "
            "decide now",
        )
        return redirect("reviews_la_review", found.pk)
    today = timezone.localdate()
    if request.method == "POST":
        form = ReviewDecisionForm(request.POST, recommends=found.recommends)
        if form.is_valid():
            try:
                decided = services.review_decide(
                    actor=request.user,
                    review=found,
                    decision=form.cleaned_data["decision"],
                    reasons=form.cleaned_data["reasons"].strip(),
                    amendments=form.cleaned_data["amendments"].strip(),
                )
            except ValidationError as error:
                found.refresh_from_db()
                add_service_errors(
                    form,
                    error,
                    field_map={"decision_reasons": "reasons", "reason": "amendments"},
                )
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _decided_message(decided))
                if decided.decision == ReviewDecision.AMEND and decided.proposed_version_id:
                    return redirect("ehc_plan_edit", decided.proposed_version_id)
                return redirect("reviews_la_review", decided.pk)
    else:
        form = ReviewDecisionForm(
            initial={"amendments": found.recommended_amendments}, recommends=found.recommends
        )
    context = _review_context(found, today)
    context.update(form=form, previews=_notice_previews(found, today))
    return render(request, "reviews/la_decide.html", context)


# --- interim reviews for under-fives ----------------------------------------------------------


@login_required
@require_POST
def interim_add(request, plan_id):
    user = request.user
    plans = EhcPlan.objects.select_related("child", "case")
    if not user.is_superuser:
        plans = plans.filter(local_authority_id__in=la_ids(user))
    plan = get_audited(plans, plan_id, user=user, subject_id=lambda found: found.child_id)
    try:
        added = services.interim_review_add(actor=user, plan=plan)
    except (ValidationError, PermissionDenied) as error:
        messages.info(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("ehc_case", plan.case_id)
    messages.success(
        request,
        "Interim review added. For a child under 5 the council should consider a review every "
        "3 to 6 months (SEND Code of Practice 9.178)",
    )
    return redirect("reviews_la_review", added.pk)


# --- phase transfers ------------------------------------------------------------------------------


@login_required
def phase_transfers(request):
    user = request.user
    require_la_staff(user)
    today = timezone.localdate()
    default = transfers.default_year(today)
    year = default
    year_error = ""
    if request.GET.get("year"):
        try:
            year = int(request.GET["year"])
        except ValueError:
            year = 0
        if not (default - 10 <= year <= default + 15):
            year_error = f"Enter a year from {default - 10} to {default + 15}"
            year = default
    rows, unknown = transfers.phase_transfers(user, year=year, today=today)
    sample = transfer_dates(year, TransferKind.SCHOOL)
    post16 = transfer_dates(year, TransferKind.POST16)
    waiting = transfers.not_arranged(rows)
    return render(
        request,
        "reviews/la_phase_transfers.html",
        {
            "year": year,
            "default_year": default,
            "year_error": year_error,
            "rows": rows,
            "unknown": unknown,
            "school_dates": sample,
            "post16_dates": post16,
            "warn": today >= sample.warn_from and bool(waiting),
            "waiting": waiting,
            "today": today,
            "years": [year - 1, year + 1],
        },
    )


# --- a child's next phase -------------------------------------------------------------------------


def _children_for(user):
    """Children whose next move the person may enter: the SENCO or head of the school the
    child is on roll at, and the council's SEND team for the children it is responsible for."""
    if not user.is_authenticated:
        return Child.objects.none()
    if user.is_superuser:
        return Child.objects.all()
    at_school = Exists(
        Enrolment.objects.filter(
            child=OuterRef("pk"), school_id__in=school_manager_ids(user), end__isnull=True
        )
    )
    authorities = la_ids(user)
    reach = la_reach(authorities) if authorities else Q(pk__in=[])
    return Child.objects.filter(Q(at_school) | reach)


@login_required
def next_phase(request, child_id):
    user = request.user
    child = get_audited(
        _children_for(user).select_related("home_local_authority"),
        child_id,
        user=user,
        subject_id=lambda found: found.pk,
    )
    today = timezone.localdate()
    this_year = academic_year_of(today) + 1
    schools = Organisation.objects.filter(
        kind="school", local_authority_id=child.home_local_authority_id
    ).order_by("name")
    entered = NextPhase.objects.filter(child=child).select_related("next_school").first()
    enrolment = (
        child.enrolments.filter(end__isnull=True)
        .select_related("school")
        .order_by("-start")
        .first()
    )
    worked_out = None
    if enrolment is not None:
        worked_out = next_phase_transfer(
            year_group=enrolment.year_group,
            school_phase=enrolment.school.phase or "",
            today=today,
        )
    if request.method == "POST":
        form = NextPhaseForm(request.POST, schools=schools, this_year=this_year)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.next_phase_set(
                    actor=user,
                    child=child,
                    transfer_year=data["transfer_year"],
                    kind=data["kind"],
                    next_school=data["next_school"],
                    next_school_name=data["next_school_name"].strip(),
                    note=data["note"].strip(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Next move saved: September {data['transfer_year']}")
                if la_ids(user) or user.is_superuser:
                    return redirect(
                        f"{reverse('reviews_la_phase_transfers')}?year={data['transfer_year']}"
                    )
                return redirect("reviews_next_phase", child.pk)
    else:
        initial = {}
        if entered is not None:
            initial = {
                "transfer_year": entered.transfer_year,
                "kind": entered.kind,
                "next_school": str(entered.next_school_id or ""),
                "next_school_name": entered.next_school_name,
                "note": entered.note,
            }
        elif worked_out is not None:
            initial = {"transfer_year": worked_out.year, "kind": str(worked_out.kind)}
        form = NextPhaseForm(initial=initial, schools=schools, this_year=this_year)
    return render(
        request,
        "reviews/la_next_phase.html",
        {
            "child": child,
            "form": form,
            "entered": entered,
            "worked_out": worked_out,
            "enrolment": enrolment,
            "is_la": bool(la_ids(user)) or user.is_superuser,
        },
    )
