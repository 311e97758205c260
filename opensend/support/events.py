"""Calendar entries for support plan reviews (CoP 6.52: a clear date for review).

A feed leaves OpenSEND (DESIGN "Look and feel"), so an entry is a neutral "Support plan review"
on the review date, with a link to the signed-in plan page: never a child's name or needs.
School staff get the review dates of their school's open plans.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from opensend.core.calendar import CalendarEvent
from opensend.people.selectors import staff_school_ids
from opensend.support.models import OPEN_STATUSES, SupportPlan

# Past reviews kept in a feed, so last term's do not vanish from the calendar at once.
KEEP_PAST = timedelta(days=120)


def support_review_events(user):
    if not user.is_authenticated:
        return []
    staff = staff_school_ids(user)
    if not staff:
        return []
    since = timezone.localdate() - KEEP_PAST
    return [
        CalendarEvent(
            uid=f"support-review-{plan_id}",
            start=review_due,
            summary="Support plan review",
            description="Details are in OpenSEND, after you sign in.",
            url=reverse("support_plan_detail", args=[plan_id]),
        )
        for plan_id, review_due in SupportPlan.objects.filter(
            school_id__in=staff, status__in=OPEN_STATUSES, review_due__gte=since
        ).values_list("pk", "review_due")
    ]
