"""The access matrix's reviews (issue 9): Jordan's first annual review, and two statements.

Jordan's plan (routes_ehc_plan_world.py) opened his first annual review at Hillside. Here
Hillside's SENCO arranges it (inviting Jordan, who is a young person with his own account, the
school, the Northshire caseworker, and the area's health and social care professionals), the
meeting is held, and the report is sent: the review waits for the council's decision.

Ava (Oakfield) still has a statement of SEN; the council's accepted programme gives her a
transfer review. Leo's statement was transferred long ago, so starting its transfer is refused.
"""

from datetime import date, datetime, time, timedelta

import time_machine
from django.utils import timezone

from opensend.reviews.models import LegacyStatement, StatementStatus
from opensend.reviews.programmes import programme_accept, programme_propose
from opensend.reviews.services import (
    review_advice_circulate,
    review_advice_give,
    review_arrange,
    review_record,
    review_report_send,
)


def _meeting_time(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def jordan_review(demo, jordan_final_plan) -> dict:
    senco = demo["hill_senco"]
    review = jordan_final_plan.plan.reviews.get()
    meeting_day = timezone.localdate() + timedelta(days=15)
    review_arrange(actor=senco, review=review, meeting_at=_meeting_time(meeting_day))
    review.refresh_from_db()
    health = review.participants.filter(user=demo["north_health"]).first()
    if health is not None:
        review_advice_give(actor=demo["north_health"], participant=health, advice="Well.")
    young_person = review.participants.get(role="family")
    review_advice_give(
        actor=demo["north_young_person"], participant=young_person, advice="College please."
    )
    review_advice_circulate(actor=senco, review=review)
    with time_machine.travel(_meeting_time(meeting_day) + timedelta(hours=3), tick=False):
        review_record(actor=senco, review=review, held_on=meeting_day, recommends="keep")
        review_report_send(actor=senco, review=review)
    review.refresh_from_db()
    return {
        "jordan_review": review,
        "jordan_family_participant": young_person,
        "jordan_health_participant": health,
    }


def ava_statement_programme(demo) -> dict:
    """An accepted statement-transfer programme for Ava; Leo's statement already transferred."""
    north = demo["north_la"]
    ava_statement = LegacyStatement.objects.create(
        child=demo["ava"],
        local_authority=north,
        school=demo["north_oak"],
        made_on=date(2013, 9, 2),
        provision="Speech and language therapy, 2 sessions a week.",
    )
    leo_statement = LegacyStatement.objects.create(
        child=demo["leo"],
        local_authority=north,
        school=demo["north_oak"],
        made_on=date(2012, 1, 9),
        provision="Small-group literacy support.",
        status=StatementStatus.TRANSFERRED,
        ended_on=date(2016, 3, 1),
    )
    first_of_next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)
    programme = programme_propose(
        actor=demo["north_manager"],
        local_authority=north,
        name="Remaining statements",
        purpose="statements",
        start=first_of_next_month,
        deadline=first_of_next_month + timedelta(days=400),
        monthly_capacity=5,
        per_school_limit=2,
    )
    programme_accept(actor=demo["north_manager"], programme=programme)
    programme.refresh_from_db()
    return {
        "ava_statement": ava_statement,
        "leo_statement": leo_statement,
        "statement_programme": programme,
        "ava_transfer_review": ava_statement.reviews.get(),
    }
