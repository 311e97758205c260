"""The "Annual review" section of a child's page, filled in without touching the people views:
the plan's open review through the reader's own door (council, school, family), and, for
staff, the child's next phase transfer with its reg 18 deadline."""

from django import template
from django.urls import reverse
from django.utils import timezone

from opensend.reviews import selectors
from opensend.reviews.models import OPEN_REVIEW_STATUSES, ReviewKind

register = template.Library()

DOORS = (
    (selectors.reviews_for_la, "reviews_la_review"),
    (selectors.reviews_for_arranger, "reviews_review"),
    (selectors.reviews_for_family, "reviews_family_review"),
)


@register.simple_tag
def review_section(user, child, is_staff_view) -> dict:
    today = timezone.localdate()
    for reviews, url_name in DOORS:
        review = (
            reviews(user)
            .filter(child=child, status__in=OPEN_REVIEW_STATUSES)
            .exclude(kind=ReviewKind.INTERIM)
            .order_by("due_on")
            .first()
        )
        if review is not None:
            step, due = selectors.next_step(review, today)
            return {
                "review": review,
                "url": reverse(url_name, args=[review.pk]),
                "step": step,
                "due": due,
                "late": due is not None and due < today,
                "transfer": selectors.phase_transfer_for(child, today) if is_staff_view else None,
                "next_phase_url": reverse("reviews_next_phase", args=[child.pk])
                if is_staff_view and url_name != "reviews_family_review"
                else "",
            }
    return {}
