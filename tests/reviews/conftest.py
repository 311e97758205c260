"""Fixtures for the review tests: Mia's EHC plan issued on Monday 1 June 2026 at Hillside.

Time is frozen; tests move it with the `frozen` traveller (`frozen.move_to("2027-04-12 10:00")`).
Mia's first annual review is due on 1 June 2027 (CFA s44: within 12 months of the issue).
"""

from datetime import date

import pytest

from opensend.ehc.models import EhcCase
from opensend.ehc.plan_services import draft_respond, plan_issue
from opensend.people.models import ParentLink
from tests.ehc import conftest as ehc_fixtures

# The assessment's fixtures, shared: Mia's case from request to a served draft.
FROZEN_AT = ehc_fixtures.FROZEN_AT
frozen = ehc_fixtures.frozen
requested_case = ehc_fixtures.requested_case
assessing_case = ehc_fixtures.assessing_case
ep_advice = ehc_fixtures.ep_advice
drafting_case = ehc_fixtures.drafting_case
draft = ehc_fixtures.draft
served = ehc_fixtures.served

ISSUED_ON = date(2026, 6, 1)
FIRST_REVIEW_DUE = date(2027, 6, 1)


@pytest.fixture
def mia_parent(demo):
    """Lucy Martin (north_parent) as Mia's mother, so the family door has someone to show."""
    ParentLink.objects.get_or_create(
        child=demo["mia"],
        user=demo["north_parent"],
        defaults={"full_name": "Lucy Martin", "relationship": "mother"},
    )
    return demo["north_parent"]


@pytest.fixture
def issued(demo, served, frozen, mia_parent):
    """Mia's final plan (version 2), issued on 1 June 2026 naming Hillside Academy."""
    draft_respond(actor=mia_parent, version=served, no_changes=True)
    frozen.move_to("2026-06-01 10:00")
    return plan_issue(actor=demo["north_caseworker"], version=served, placement=demo["north_hill"])


@pytest.fixture
def review(issued):
    """The first annual review, opened when the plan was issued (status "due")."""
    return issued.plan.reviews.get()


@pytest.fixture
def mia_review(demo, review):
    """Mia's first review, with Priya Shah (north_caseworker) owning the case."""
    EhcCase.objects.filter(pk=review.plan.case_id).update(caseworker=demo["north_caseworker"])
    return review
