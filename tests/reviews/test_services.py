"""The annual review cycle through the services, with frozen time and real dates.

Mia's plan was issued on Monday 1 June 2026 at Hillside Academy; her first review is due on
1 June 2027 (CFA s44(1)).
"""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opensend.ehc.models import PlanVersionStatus
from opensend.ehc.plan_services import plan_draft_serve, plan_issue
from opensend.meetings.models import MeetingKind, MeetingStatus
from opensend.organisations.models import Organisation
from opensend.people.models import Enrolment
from opensend.reviews import services
from opensend.reviews.models import (
    ParticipantRole,
    Progress,
    Review,
    ReviewKind,
    ReviewStatus,
)
from opensend.reviews.selectors import next_step
from tests.reviews.conftest import FIRST_REVIEW_DUE, ISSUED_ON

pytestmark = pytest.mark.django_db


def at(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


def arrange(demo, review, frozen, *, today="2027-04-12 10:00", meeting="2027-05-10 14:00"):
    frozen.move_to(today)
    return services.review_arrange(
        actor=demo["hill_senco"], review=review, meeting_at=at(meeting), location="Room 4"
    )


def record(demo, review, frozen, *, recommends="keep", held="2027-05-10", **extra):
    frozen.move_to(f"{held} 16:00")
    family = review.participants.filter(role=ParticipantRole.FAMILY).first()
    return services.review_record(
        actor=demo["hill_senco"],
        review=review,
        held_on=date.fromisoformat(held),
        recommends=recommends,
        attended={family.pk: True} if family else None,
        **extra,
    )


def reported(demo, review, frozen, **extra):
    arrange(demo, review, frozen)
    record(demo, review, frozen, **extra)
    frozen.move_to("2027-05-17 10:00")
    return services.review_report_send(actor=demo["hill_senco"], review=review)


# --- opening ------------------------------------------------------------------------------


def test_issuing_a_plan_opens_its_first_review_12_months_on(demo, review):
    assert review.status == ReviewStatus.DUE
    assert review.kind == ReviewKind.ANNUAL
    assert review.due_on == FIRST_REVIEW_DUE == date(2027, 6, 1)
    assert review.school == demo["north_hill"]
    assert review.local_authority == demo["north_la"]
    assert review.plan.versions.get(status=PlanVersionStatus.ISSUED).issued_on == ISSUED_ON


def test_a_plan_has_one_open_annual_review(demo, review):
    with pytest.raises(ValidationError):
        services.review_open(
            actor=demo["north_caseworker"], plan=review.plan, due_on=date(2027, 3, 1)
        )


def test_a_child_not_at_a_school_has_the_council_arrange_it(demo, issued, frozen):
    """Reg 21: no school, so `school` is empty and only the council may arrange it."""
    Enrolment.objects.filter(child=demo["mia"]).update(end=date(2026, 7, 1))
    review = issued.plan.reviews.get()
    review.delete()
    review = services.review_open(
        actor=demo["north_caseworker"], plan=issued.plan, due_on=FIRST_REVIEW_DUE
    )
    assert review.school is None
    frozen.move_to("2027-04-12 10:00")
    with pytest.raises(PermissionDenied):
        services.review_arrange(
            actor=demo["hill_senco"], review=review, meeting_at=at("2027-05-10 14:00")
        )
    review = services.review_arrange(
        actor=demo["north_caseworker"], review=review, meeting_at=at("2027-05-10 14:00")
    )
    assert review.status == ReviewStatus.ARRANGED
    assert review.parent_meeting is None  # no school, so no parent meeting to count


# --- arranging ----------------------------------------------------------------------------


def test_default_invitees_cover_reg_20_2(demo, review):
    invitees = services.default_invitees(review)
    roles = {i.role for i in invitees}
    assert {"family", "school", "la", "health", "social_care"} <= roles
    by_role = {i.role: i for i in invitees}
    assert by_role["family"].user == demo["north_parent"]
    assert by_role["school"].user == demo["hill_senco"]
    assert by_role["la"].user == demo["north_caseworker"]


def test_arranging_needs_two_weeks_notice(demo, review, frozen):
    """Reg 20(3): 13 days' notice is refused, naming the earliest date; 14 is enough."""
    frozen.move_to("2027-04-12 10:00")
    with pytest.raises(ValidationError) as error:
        services.review_arrange(
            actor=demo["hill_senco"], review=review, meeting_at=at("2027-04-25 14:00")
        )
    assert "26 April 2027" in str(error.value.message_dict["meeting_at"])
    review = services.review_arrange(
        actor=demo["hill_senco"], review=review, meeting_at=at("2027-04-26 14:00")
    )
    assert review.status == ReviewStatus.ARRANGED


def test_arranging_sets_the_statutory_dates_and_invites_everyone(
    demo, review, frozen, django_capture_on_commit_callbacks, mailoutbox
):
    frozen.move_to("2027-04-12 10:00")
    with django_capture_on_commit_callbacks(execute=True):
        review = services.review_arrange(
            actor=demo["hill_senco"], review=review, meeting_at=at("2027-05-10 14:00")
        )
    assert review.arranged_on == date(2027, 4, 12)
    assert review.invitations_due == date(2027, 4, 26)  # reg 20(3)
    assert review.advice_due == date(2027, 4, 26)  # reg 20(4)
    assert review.report_due == date(2027, 5, 24)  # reg 20(7)
    assert review.decision_due == date(2027, 6, 7)  # reg 20(10)
    assert review.amended_plan_due == date(2027, 8, 2)  # reg 22(3), Devon 2022
    roles = set(review.participants.values_list("role", flat=True))
    assert {"family", "school", "la", "health", "social_care"} <= roles
    assert mailoutbox
    for message in mailoutbox:
        assert "Mia" not in message.subject and "Hughes" not in message.subject
    assert demo["north_parent"].email in {m.to[0] for m in mailoutbox}


def test_a_review_at_a_school_is_a_parent_meeting(demo, review, frozen):
    """CoP 6.65, DESIGN "Time": the review meeting counts as one of the year's meetings."""
    review = arrange(demo, review, frozen)
    meeting = review.parent_meeting
    assert meeting.kind == MeetingKind.INDIVIDUAL
    assert meeting.status == MeetingStatus.CONFIRMED
    assert meeting.school == demo["north_hill"]
    assert (meeting.academic_year, meeting.term) == (2026, "summer")
    assert meeting.invitees.get().child == demo["mia"]
    review = record(demo, review, frozen)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert meeting.invitees.get().attended is True


def test_rearranging_moves_the_date_and_keeps_the_invitees(demo, review, frozen):
    review = arrange(demo, review, frozen)
    count = review.participants.count()
    review = services.review_arrange(
        actor=demo["hill_senco"], review=review, meeting_at=at("2027-05-17 14:00")
    )
    assert review.participants.count() == count
    assert review.report_due == date(2027, 5, 31)
    review.parent_meeting.refresh_from_db()
    assert review.parent_meeting.starts_at == at("2027-05-17 14:00")


def test_another_school_and_another_council_cannot_arrange(demo, review, frozen):
    frozen.move_to("2027-04-12 10:00")
    for persona in ("oak_senco", "south_caseworker", "north_parent", "north_health"):
        with pytest.raises(PermissionDenied):
            services.review_arrange(
                actor=demo[persona], review=review, meeting_at=at("2027-05-10 14:00")
            )


def test_the_council_may_arrange_a_review_at_a_school(demo, review, frozen):
    frozen.move_to("2027-04-12 10:00")
    review = services.review_arrange(
        actor=demo["north_manager"], review=review, meeting_at=at("2027-05-10 14:00")
    )
    assert review.status == ReviewStatus.ARRANGED


# --- advice -------------------------------------------------------------------------------


def test_advice_is_judged_on_the_review_as_it_is_now(demo, review, frozen):
    """A caller holding a participant with a review read before the meeting was arranged
    (status "due") may still give advice: the service reads the review afresh."""
    stale = Review.objects.get(pk=review.pk)
    review = arrange(demo, review, frozen)
    family = review.participants.get(role=ParticipantRole.FAMILY)
    family.review = stale
    given = services.review_advice_give(
        actor=demo["hill_senco"], participant=family, advice="She is happier at school."
    )
    assert given.advice_given_on == date(2027, 4, 12)


def test_advice_given_and_circulated(demo, review, frozen):
    review = arrange(demo, review, frozen)
    health = review.participants.get(role=ParticipantRole.HEALTH)
    family = review.participants.get(role=ParticipantRole.FAMILY)
    with pytest.raises(ValidationError):
        services.review_advice_circulate(actor=demo["hill_senco"], review=review)
    with pytest.raises(PermissionDenied):
        services.review_advice_give(actor=demo["north_social"], participant=health, advice="x")
    services.review_advice_give(actor=demo["north_health"], participant=health, advice="Fine.")
    # the arranger enters advice received by post
    services.review_advice_give(
        actor=demo["hill_senco"], participant=family, advice="She is happier at school."
    )
    frozen.move_to("2027-04-26 09:00")
    review = services.review_advice_circulate(actor=demo["hill_senco"], review=review)
    assert review.advice_circulated_on == date(2027, 4, 26) == review.advice_due
    prefill = services.report_prefill(review)
    assert prefill.family_views == "She is happier at school."


# --- the record and the report ------------------------------------------------------------


def test_recording_the_meeting(demo, review, frozen):
    review = arrange(demo, review, frozen)
    frozen.move_to("2027-05-09 16:00")
    with pytest.raises(ValidationError) as error:  # not yet held
        services.review_record(
            actor=demo["hill_senco"], review=review, held_on=date(2027, 5, 10), recommends="keep"
        )
    assert "held_on" in error.value.message_dict
    frozen.move_to("2027-05-12 16:00")
    with pytest.raises(ValidationError) as error:  # before the arranged date
        services.review_record(
            actor=demo["hill_senco"], review=review, held_on=date(2027, 5, 7), recommends="keep"
        )
    assert "held_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # amend needs the amendments
        services.review_record(
            actor=demo["hill_senco"], review=review, held_on=date(2027, 5, 10), recommends="amend"
        )
    assert "recommended_amendments" in error.value.message_dict
    outcome = services.plan_in_force(review).outcomes.first()
    review = services.review_record(
        actor=demo["hill_senco"],
        review=review,
        held_on=date(2027, 5, 10),
        recommends="keep",
        progress={outcome.pk: (Progress.ON_TRACK, "Reads 20 words.")},
    )
    assert review.status == ReviewStatus.HELD
    assert review.progress.get().progress == Progress.ON_TRACK


def test_the_report_within_two_weeks_late_allowed(demo, review, frozen):
    """Reg 20(7): within 2 weeks of the meeting; late is allowed and shown, never blocked."""
    arrange(demo, review, frozen)
    record(demo, review, frozen)
    review.refresh_from_db()
    assert next_step(review, date(2027, 5, 12)) == ("Send the report", date(2027, 5, 24))
    frozen.move_to("2027-05-26 10:00")
    review = services.review_report_send(actor=demo["hill_senco"], review=review)
    assert review.status == ReviewStatus.REPORTED
    assert review.report_sent_on > review.report_due
    assert next_step(review, date(2027, 5, 26)) == ("Decide", date(2027, 6, 7))


# --- the decision -------------------------------------------------------------------------


def test_keep_completes_and_opens_the_next_review_12_months_from_the_meeting(demo, review, frozen):
    """CFA s44: the next review within 12 months of this review's meeting."""
    review = reported(demo, review, frozen)
    with pytest.raises(PermissionDenied):
        services.review_decide(actor=demo["hill_senco"], review=review, decision="keep")
    with pytest.raises(PermissionDenied):
        services.review_decide(actor=demo["south_caseworker"], review=review, decision="keep")
    frozen.move_to("2027-06-01 10:00")
    review = services.review_decide(actor=demo["north_caseworker"], review=review, decision="keep")
    assert review.status == ReviewStatus.COMPLETE
    assert review.decided_on == date(2027, 6, 1) <= review.decision_due
    assert review.notice_sent_on == date(2027, 6, 1)
    assert 'data-element="right_of_appeal"' in review.notice_html
    following = review.plan.reviews.get(status=ReviewStatus.DUE)
    assert following.due_on == date(2028, 5, 10)


def test_keep_against_the_meeting_needs_reasons(demo, review, frozen):
    review = reported(
        demo, review, frozen, recommends="amend", recommended_amendments="Add speech therapy."
    )
    with pytest.raises(ValidationError) as error:
        services.review_decide(actor=demo["north_caseworker"], review=review, decision="keep")
    assert "reasons" in error.value.message_dict


def test_cease_always_needs_reasons_and_opens_no_review(demo, review, frozen):
    review = reported(demo, review, frozen, recommends="cease")
    with pytest.raises(ValidationError):
        services.review_decide(actor=demo["north_caseworker"], review=review, decision="cease")
    review = services.review_decide(
        actor=demo["north_caseworker"],
        review=review,
        decision="cease",
        reasons="Mia's needs are now met through SEN support.",
    )
    assert review.status == ReviewStatus.COMPLETE
    assert not review.plan.reviews.filter(status=ReviewStatus.DUE).exists()


def test_a_late_decision_is_allowed(demo, review, frozen):
    review = reported(demo, review, frozen)
    frozen.move_to("2027-06-14 10:00")
    review = services.review_decide(actor=demo["north_caseworker"], review=review, decision="keep")
    assert review.decided_on > review.decision_due


def test_amend_hands_off_to_the_plan_and_the_amended_plan_completes_the_review(
    demo, review, frozen, mia_parent, django_capture_on_commit_callbacks, mailoutbox
):
    """Reg 22: the proposed amendments are a draft of the plan; issuing it (within 12 weeks of
    the meeting, Devon 2022) completes the review and opens the next, 12 months from the
    meeting (CFA s44)."""
    review = reported(
        demo, review, frozen, recommends="amend", recommended_amendments="Add speech therapy."
    )
    frozen.move_to("2027-06-01 10:00")
    review = services.review_decide(actor=demo["north_caseworker"], review=review, decision="amend")
    assert review.status == ReviewStatus.AMENDING
    draft = review.proposed_version
    assert draft.status == PlanVersionStatus.DRAFT
    assert "Add speech therapy." in draft.change_reason
    assert "15 days" in review.notice_html
    assert next_step(review, date(2027, 6, 1)) == ("Issue the amended plan", date(2027, 8, 2))
    with django_capture_on_commit_callbacks(execute=True):
        served = plan_draft_serve(actor=demo["north_caseworker"], version=draft)
    to_family = [m for m in mailoutbox if mia_parent.email in m.to]
    assert "amendments it proposes" in to_family[-1].body
    assert "regulation 22(2)" in to_family[-1].body
    frozen.move_to("2027-06-20 10:00")
    final = plan_issue(actor=demo["north_caseworker"], version=served, placement=demo["north_hill"])
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETE
    assert review.amended_version == final
    # The amended plan replaces the plan in force: one issued version, the rest superseded.
    assert list(final.plan.versions.filter(status=PlanVersionStatus.ISSUED)) == [final]
    assert review.completed_on == date(2027, 6, 20) <= review.amended_plan_due
    following = review.plan.reviews.get(status=ReviewStatus.DUE)
    assert following.due_on == date(2028, 5, 10)


# --- under-fives and phase transfers ------------------------------------------------------


def test_interim_reviews_are_for_under_fives(demo, review, frozen):
    with pytest.raises(ValidationError):
        services.interim_review_add(actor=demo["north_caseworker"], plan=review.plan)
    child = demo["mia"]
    child.date_of_birth = date(2023, 1, 10)
    child.save()
    review.plan.child.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.interim_review_add(actor=demo["hill_senco"], plan=review.plan)
    interim = services.interim_review_add(actor=demo["north_caseworker"], plan=review.plan)
    assert interim.kind == ReviewKind.INTERIM
    assert interim.due_on == date(2026, 12, 1)  # CoP 9.178: within 6 months of the issue


def test_phase_transfer_fields_come_from_the_next_phase(demo, review, frozen):
    """Reg 18(1): a move in September 2027 needs the plan amended by 15 February 2027, so
    the meeting by 22 November 2026, before the review's 1 June 2027 due date."""
    services.next_phase_set(
        actor=demo["hill_senco"], child=demo["mia"], transfer_year=2027, kind="school"
    )
    review.refresh_from_db()
    assert review.transfer_year == 2027
    assert review.transfer_kind == "school"
    assert review.phase_transfer_deadline == date(2027, 2, 15)
    assert next_step(review, date(2026, 6, 2)) == ("Arrange the meeting", date(2026, 11, 22))
    with pytest.raises(PermissionDenied):
        services.next_phase_set(
            actor=demo["oak_senco"], child=demo["mia"], transfer_year=2027, kind="school"
        )


def test_a_transfer_after_the_review_year_is_left_to_the_next_review(demo, review, frozen):
    services.next_phase_set(
        actor=demo["north_caseworker"], child=demo["mia"], transfer_year=2028, kind="school"
    )
    review.refresh_from_db()
    assert review.transfer_year is None


def test_phase_transfer_from_the_year_group(demo, frozen):
    jordan_like = demo["ava"]  # Year 4 at Oakfield (primary): moves in September 2028
    transfer = services.phase_transfer_for(jordan_like, date(2026, 3, 2))
    assert (transfer.year, transfer.kind, transfer.deadline) == (2028, "school", date(2028, 2, 15))
    assert services.phase_transfer_for(demo["jordan"], date(2026, 3, 2)) is None
    assert isinstance(demo["north_hill"], Organisation)
