"""The council's review programmes and legacy statements, and a school's programme reviews.

Thin views: read through the selectors (another council's programme or statement is 404),
call one service, redirect with a message. Accepting a programme is one submission.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.views.decorators.http import require_POST

from opensend.core.forms import add_service_errors
from opensend.ehc.la_views._common import authorities_of, require_la_staff
from opensend.ehc.selectors import school_manager_ids
from opensend.law.transfer import review_weeks_for
from opensend.reviews import programme_selectors, programmes, statements
from opensend.reviews.models import OPEN_REVIEW_STATUSES, ProgrammePurpose, ProgrammeStatus
from opensend.reviews.programme_forms import ProgrammeForm, ProgrammeLimitsForm


def _problem(error) -> str:
    return " ".join(getattr(error, "messages", [str(error)]))


@login_required
def programme_list(request):
    require_la_staff(request.user)
    rows = programme_selectors.programmes_for_la(request.user).select_related("local_authority")
    return render(request, "reviews/programme_list.html", {"programmes": rows})


@login_required
def programme_new(request):
    user = request.user
    require_la_staff(user)
    authorities = authorities_of(user)
    if not authorities:
        raise Http404("Not found.")
    today = timezone.localdate()
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = programmes.programme_propose(
                actor=user,
                local_authority=authorities[0],
                name=data["name"],
                purpose=data["purpose"],
                start=data["start"],
                deadline=data["deadline"],
                monthly_capacity=data["monthly_capacity"],
                per_school_limit=data["per_school_limit"],
                review_weeks=data["review_weeks"],
                include_upcoming=data["purpose"] == ProgrammePurpose.BACKLOG
                and data["include_upcoming"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Programme proposed. Check the schedule, then accept it")
            return redirect("reviews_programme", programme.pk)
    context = {
        "form": form,
        "statement_weeks": review_weeks_for(today),
        "backlog_weeks": programmes.BACKLOG_REVIEW_WEEKS,
        "local_authority": authorities[0],
    }
    return render(request, "reviews/programme_new.html", context)


def _programme_page(request, programme, revise_form=None):
    schedule = programme_selectors.programme_schedule(programme)
    today = timezone.localdate()
    weeks_ahead = None
    if schedule.first_month:
        weeks_ahead = (schedule.first_month - today).days // 7
    if revise_form is None:
        revise_form = ProgrammeLimitsForm(
            initial={
                "start": programme.start,
                "deadline": programme.deadline,
                "monthly_capacity": programme.monthly_capacity,
                "per_school_limit": programme.per_school_limit,
                "review_weeks": programme.review_weeks,
            }
        )
    context = {
        "programme": programme,
        "schedule": schedule,
        "revise_form": revise_form,
        "can_change": programme.status == ProgrammeStatus.PROPOSED,
        "weeks_ahead": weeks_ahead,
        "well_ahead": programmes.WELL_AHEAD_WEEKS,
        "item_count": sum(row.count for row in schedule.months) + len(schedule.unscheduled),
    }
    return render(request, "reviews/programme_detail.html", context)


@login_required
def programme_detail(request, programme_id):
    programme = programme_selectors.get_la_programme_for(request.user, programme_id)
    return _programme_page(request, programme)


@login_required
@require_POST
def programme_revise(request, programme_id):
    programme = programme_selectors.get_la_programme_for(request.user, programme_id)
    form = ProgrammeLimitsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            programmes.programme_revise(
                actor=request.user,
                programme=programme,
                start=data["start"],
                deadline=data["deadline"],
                monthly_capacity=data["monthly_capacity"],
                per_school_limit=data["per_school_limit"],
                review_weeks=data["review_weeks"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Schedule worked out again with the new limits")
            return redirect("reviews_programme", programme.pk)
    return _programme_page(request, programme, revise_form=form)


@login_required
@require_POST
def programme_accept(request, programme_id):
    programme = programme_selectors.get_la_programme_for(request.user, programme_id)
    try:
        programme = programmes.programme_accept(actor=request.user, programme=programme)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, f"The programme was not accepted. {_problem(error)}")
    else:
        count = programme.reviews.count()
        messages.success(
            request,
            f"Programme accepted: {count} review{'s' if count != 1 else ''} scheduled and each "
            "school told its own months",
        )
    return redirect("reviews_programme", programme.pk)


@login_required
def school_programme(request):
    if not school_manager_ids(request.user):
        raise Http404("Not found.")
    by_month = defaultdict(list)
    for review in programme_selectors.school_programme_reviews(request.user):
        by_month[(review.scheduled_by or review.due_on).replace(day=1)].append(review)
    months = sorted(by_month.items())
    return render(
        request,
        "reviews/programme_school.html",
        {"months": months, "open_statuses": [str(s) for s in OPEN_REVIEW_STATUSES]},
    )


@login_required
def statement_list(request):
    require_la_staff(request.user)
    rows = statements.statements_for_la(request.user).order_by(
        "status", "child__last_name", "child__first_name"
    )
    return render(
        request,
        "reviews/statement_list.html",
        {
            "statements": rows,
            "weeks": review_weeks_for(timezone.localdate()),
            "in_force": statements.IN_FORCE_STATUSES,
        },
    )


@login_required
@require_POST
def statement_transfer_start(request, statement_id):
    statement = statements.get_la_statement_for(request.user, statement_id)
    try:
        with transaction.atomic():
            review = statements.statement_review_open(actor=request.user, statement=statement)
            case = statements.statement_transfer_start(actor=request.user, review=review)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, f"The transfer review was not started. {_problem(error)}")
        return redirect("reviews_la_statements")
    messages.success(
        request,
        f"Transfer review started. The final EHC plan is due by "
        f"{date_format(case.final_plan_due, 'j F Y')}. The statement stays in force until then",
    )
    return redirect("ehc_case", case.pk)
