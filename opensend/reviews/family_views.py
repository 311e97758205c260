"""The family's side of an annual review: when it is, who is coming, their views before the
meeting, the report once it is sent, and the council's decision notice.

For a parent whose access is not restricted, or the young person with their own account
(`selectors.reviews_for_family`); anyone else gets 404. Dates are in plain English, each with
what the law says in a hint.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from opensend.core.forms import add_service_errors
from opensend.reviews import selectors, services
from opensend.reviews.models import ParticipantRole, ReviewStatus
from opensend.reviews.school_forms import AdviceForm

# What each step means to the family, in plain English.
FAMILY_STEPS = {
    ReviewStatus.DUE: "The school (or the council) will arrange the meeting and invite you.",
    ReviewStatus.ARRANGED: "The meeting is arranged. You can tell everyone your views before it.",
    ReviewStatus.HELD: "The meeting has been held. The school will send the report to you and "
    "the council.",
    ReviewStatus.REPORTED: "The council has the report and will tell you what it decides.",
    ReviewStatus.AMENDING: "The council is changing the plan. You will be sent the changes to "
    "comment on.",
    ReviewStatus.COMPLETE: "This review is finished.",
    ReviewStatus.CANCELLED: "This review was cancelled.",
}


def _family_dates(review) -> list[dict]:
    """The dates that matter to the family, each with what the law says."""
    rows = [
        {
            "label": "The review must happen by",
            "date": review.due_on,
            "hint": "The plan must be reviewed at least once a year (Children and Families Act "
            "2014, section 44).",
        }
    ]
    if review.meeting_at:
        rows += [
            {
                "label": "You will get everyone's advice by",
                "date": review.advice_due,
                "hint": "At least 2 weeks before the meeting (SEND Regulations 2014, "
                "regulation 20(4)).",
            },
            {
                "label": "You will get the report by",
                "date": review.report_due,
                "hint": "Within 2 weeks of the meeting (regulation 20(7)).",
            },
            {
                "label": "The council will decide by",
                "date": review.decision_due,
                "hint": "Within 4 weeks of the meeting (regulation 20(10)).",
            },
        ]
    return rows


def _own_participant(user, review):
    """The family's invitation to this review: their own, else the family's (a second parent
    without an invitation of their own reads the family's)."""
    mine = review.participants.filter(role=ParticipantRole.FAMILY, user=user).first()
    return mine


@login_required
@require_safe
def family_list(request):
    """ "Reviews": each plan's reviews, the next first."""
    user = request.user
    reviews = list(
        selectors.reviews_for_family(user)
        .select_related("child", "local_authority", "school")
        .order_by("-due_on", "created_at")
    )
    if not reviews and not user.family_role:
        raise Http404("This page is for families.")
    return render(
        request,
        "reviews/family_list.html",
        {
            "open_reviews": [review for review in reviews if review.is_open],
            "past_reviews": [review for review in reviews if not review.is_open],
        },
    )


@login_required
@require_safe
def family_review(request, review_id):
    """One review: when and where, who is coming, their views, the report, the decision."""
    user = request.user
    review = selectors.get_family_review_for(user, review_id)
    reported = bool(review.report_sent_on)
    return render(
        request,
        "reviews/family_review.html",
        {
            "review": review,
            "child": review.child,
            "dates": _family_dates(review),
            "what_next": FAMILY_STEPS.get(review.status, ""),
            "participants": list(
                review.participants.select_related("organisation").order_by("role", "name")
            ),
            "mine": _own_participant(user, review),
            "can_give_views": review.status == ReviewStatus.ARRANGED,
            "reported": reported,
            "progress": list(review.progress.select_related("outcome")) if reported else [],
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def family_views(request, review_id):
    """Reg 20(4): the family's views and advice before the meeting, given on their own
    invitation (`services.review_advice_give`)."""
    user = request.user
    review = selectors.get_family_review_for(user, review_id)
    participant = _own_participant(user, review)
    if participant is None:
        raise Http404("You have not been invited to this review yet.")
    if review.status != ReviewStatus.ARRANGED:
        messages.error(request, "The meeting has been held, so your views are in its record.")
        return redirect("reviews_family_review", review.pk)
    form_kwargs = {
        "label": "Your views",
        "hint": "How things are going, what is working, what is not, and what you would like "
        "to change. Say what your child thinks too, if you can.",
    }
    if request.method == "POST":
        form = AdviceForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                services.review_advice_give(
                    actor=user, participant=participant, advice=form.cleaned_data["advice"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                raise Http404("Not found.") from error
            else:
                messages.success(request, "Your views have been sent")
                return redirect("reviews_family_review", review.pk)
    else:
        form = AdviceForm(initial={"advice": participant.advice}, **form_kwargs)
    return render(
        request,
        "reviews/family_views.html",
        {"review": review, "child": review.child, "participant": participant, "form": form},
    )
