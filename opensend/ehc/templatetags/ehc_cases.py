"""The "EHC needs assessment" section of a child's page, filled in without touching the people
views: where the child's case stands (through the reader's own door) and, for the SENCO or
head of the child's school or for the family, the way to ask for an assessment."""

from django import template
from django.urls import reverse

from opensend.ehc.advice_forms import answers
from opensend.ehc.models import OPEN_STAGES
from opensend.ehc.selectors import family_cases, la_cases, school_cases, school_manager_ids

register = template.Library()


def _case_link(user, child) -> tuple[object, str] | None:
    """(the case, its page) through the first door the person has: LA, school, family."""
    for cases, url_name in (
        (la_cases(user), "ehc_case"),
        (school_cases(user), "ehc_school_case"),
        (family_cases(user), "ehc_family_case"),
    ):
        case = cases.filter(child=child).order_by("-received").first()
        if case is not None:
            return case, reverse(url_name, args=[case.pk])
    return None


@register.simple_tag
def ehc_section(user, child, enrolments, is_staff_view) -> dict:
    found = _case_link(user, child)
    case, url = found if found else (None, "")
    is_open = case is not None and case.stage in OPEN_STAGES
    managed = school_manager_ids(user)
    school = next((e.school for e in enrolments if e.school_id in managed), None)
    return {
        "case": case,
        "url": url,
        "is_open": is_open,
        "school_request_school": school if not is_open else None,
        "family_can_request": not is_staff_view and not is_open,
    }


@register.filter
def advice_answers(advice) -> list[tuple[str, str]]:
    """(question, answer) pairs of given advice, worded for whoever gave it."""
    return answers(advice)
