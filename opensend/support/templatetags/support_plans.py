"""The "Support plans" section of a child's page, filled in without touching the people views.

The child's plans come through the support selectors, so each person sees only the plans they
may see; the SENCO or head of a school the child is on roll at is offered "Start a plan".
"""

from django import template

from opensend.people.selectors import can_edit_register
from opensend.support.models import OPEN_STATUSES
from opensend.support.selectors import support_plans_for_child

register = template.Library()


@register.simple_tag
def support_plans_section(user, child, enrolments) -> dict:
    plans = list(support_plans_for_child(user, child))
    open_schools = {plan.school_id for plan in plans if plan.status in OPEN_STATUSES}
    can_start = any(
        can_edit_register(user, enrolment.school) and enrolment.school_id not in open_schools
        for enrolment in enrolments
    )
    return {"plans": plans, "can_start": can_start}
