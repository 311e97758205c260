"""The review reminders sweep: the right people, once per date, never another school's or LA's.

Mia's plan was issued on 1 June 2026 naming Hillside (conftest `issued`): her first annual
review is due on 1 June 2027 (CFA s44(1)). Time is frozen and moved with `frozen`.
"""

from datetime import date, datetime

from django.utils import timezone

from opensend.core.models import AuditEvent
from opensend.ehc.models import EhcCase
from opensend.law.reviews import review_dates
from opensend.reviews import reminders
from opensend.reviews.models import Review, ReviewParticipant, ReviewStatus
from opensend.reviews.reminders import review_reminders

DUE_ON = date(2027, 6, 1)
MEETING = date(2027, 5, 20)


def _set(review, **fields):
    Review.objects.filter(pk=review.pk).update(**fields)
    review.refresh_from_db()
    return review


def _arranged(review, demo, meeting=MEETING):
    at = timezone.make_aware(datetime(meeting.year, meeting.month, meeting.day, 10))
    return _set(
        review,
        status=ReviewStatus.ARRANGED,
        meeting_at=at,
        arranged_on=date(2027, 4, 20),
        **review_dates(meeting),
    )


def _sweep(day, captured) -> int:
    with captured(execute=True):
        return review_reminders(day)


def _to(mail) -> set[str]:
    return {address for message in mail for address in message.to}


def test_the_arranger_is_told_8_weeks_before_the_review_is_due_once(
    demo, mia_review, mailoutbox, django_capture_on_commit_callbacks
):
    assert _sweep(date(2027, 4, 5), django_capture_on_commit_callbacks) == 0  # 8 weeks + 1 day
    assert _sweep(date(2027, 4, 6), django_capture_on_commit_callbacks) == 1
    assert _to(mailoutbox) == {demo["hill_senco"].email}  # reg 20(12): the school arranges
    message = mailoutbox[0]
    assert message.subject == reminders.SUBJECTS[reminders.ARRANGE]
    assert "Mia" not in message.subject and "Mia" not in message.body
    assert "1 June 2027" in message.body
    # Once per date: later sweeps stay quiet.
    assert _sweep(date(2027, 4, 6), django_capture_on_commit_callbacks) == 0
    assert _sweep(date(2027, 5, 1), django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 1
    mia_review.refresh_from_db()
    assert mia_review.reminded_for == DUE_ON
    audit = AuditEvent.objects.get(record_type="reviews.review", note__startswith="review_arr")
    assert audit.subject_id == mia_review.child_id and "Mia" not in audit.note


def test_a_child_not_at_a_school_is_the_councils_to_arrange(
    demo, mia_review, mailoutbox, django_capture_on_commit_callbacks
):
    _set(mia_review, school=None)  # reg 21
    assert _sweep(date(2027, 4, 20), django_capture_on_commit_callbacks) == 1
    assert _to(mailoutbox) == {demo["north_caseworker"].email}


def test_participants_are_reminded_2_weeks_before_when_advice_is_not_circulated(
    demo, mia_review, mailoutbox, django_capture_on_commit_callbacks
):
    review = _arranged(mia_review, demo)
    _set(review, reminded_for=DUE_ON)
    common = {"review": review, "invited_on": date(2027, 4, 20)}
    ReviewParticipant.objects.create(
        role="family", name="Lucy Martin", user=demo["north_parent"], **common
    )
    ReviewParticipant.objects.create(
        role="health", name="Kate Morgan", user=demo["north_health"], **common
    )
    ReviewParticipant.objects.create(
        role="school",
        name="Mark Evans",
        user=demo["hill_senco"],
        advice="Good progress.",
        advice_given_on=date(2027, 5, 1),
        **common,
    )
    assert _sweep(date(2027, 5, 5), django_capture_on_commit_callbacks) == 0  # 15 days before
    assert _sweep(date(2027, 5, 6), django_capture_on_commit_callbacks) == 1  # reg 20(4)
    assert _to(mailoutbox) == {
        demo["north_parent"].email,
        demo["north_health"].email,
        demo["hill_senco"].email,  # the arranger, who circulates the advice
    }
    assert {m.subject for m in mailoutbox} == {reminders.SUBJECTS[reminders.ADVICE]}
    assert _sweep(date(2027, 5, 7), django_capture_on_commit_callbacks) == 0


def test_no_advice_reminder_once_the_advice_is_circulated(
    demo, mia_review, mailoutbox, django_capture_on_commit_callbacks
):
    review = _arranged(mia_review, demo)
    _set(review, reminded_for=DUE_ON, advice_circulated_on=date(2027, 5, 4))
    assert _sweep(date(2027, 5, 8), django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_the_senco_is_told_when_the_report_is_due_and_when_it_is_late(
    demo, mia_review, mailoutbox, django_capture_on_commit_callbacks
):
    review = _arranged(mia_review, demo)
    _set(review, status=ReviewStatus.HELD, held_on=MEETING, reminded_for=review.advice_due)
    report_due = date(2027, 6, 3)  # reg 20(7): 2 weeks after the meeting
    assert review.report_due == report_due
    assert _sweep(date(2027, 5, 26), django_capture_on_commit_callbacks) == 0
    assert _sweep(date(2027, 5, 27), django_capture_on_commit_callbacks) == 1
    assert _to(mailoutbox) == {demo["hill_senco"].email}
    assert mailoutbox[0].subject == reminders.SUBJECTS[reminders.REPORT]
    assert _sweep(date(2027, 6, 10), django_capture_on_commit_callbacks) == 0  # once per date


def test_the_caseworker_is_told_when_the_decision_is_due(
    demo, mia_review, mailoutbox, django_capture_on_commit_callbacks
):
    review = _arranged(mia_review, demo)
    _set(
        review,
        status=ReviewStatus.REPORTED,
        held_on=MEETING,
        report_sent_on=date(2027, 5, 28),
        reminded_for=review.report_due,
    )
    decision_due = date(2027, 6, 17)  # reg 20(10): 4 weeks after the meeting
    assert review.decision_due == decision_due
    assert _sweep(date(2027, 6, 10), django_capture_on_commit_callbacks) == 1
    assert _to(mailoutbox) == {demo["north_caseworker"].email}
    assert mailoutbox[0].subject == reminders.SUBJECTS[reminders.DECISION]
    assert "17 June 2027" in mailoutbox[0].body
    assert _sweep(date(2027, 6, 20), django_capture_on_commit_callbacks) == 0


def test_the_send_team_is_told_when_nobody_owns_the_case(
    demo, mia_review, mailoutbox, django_capture_on_commit_callbacks
):
    review = _arranged(mia_review, demo)
    _set(review, status=ReviewStatus.REPORTED, held_on=MEETING, reminded_for=review.report_due)
    EhcCase.objects.filter(pk=review.plan.case_id).update(caseworker=None)
    assert _sweep(date(2027, 6, 18), django_capture_on_commit_callbacks) == 1  # late
    assert _to(mailoutbox) == {demo["north_caseworker"].email, demo["north_manager"].email}
    assert "was due on 17 June 2027" in mailoutbox[0].body


def test_the_caseworker_is_told_when_the_amended_plan_is_due(
    demo, mia_review, mailoutbox, django_capture_on_commit_callbacks
):
    review = _arranged(mia_review, demo)
    _set(
        review,
        status=ReviewStatus.AMENDING,
        held_on=MEETING,
        report_sent_on=date(2027, 5, 28),
        decision="amend",
        decided_on=date(2027, 6, 10),
        reminded_for=review.decision_due,
    )
    amended_plan_due = date(2027, 8, 12)  # reg 22(3), Devon 2022: 12 weeks after the meeting
    assert review.amended_plan_due == amended_plan_due
    assert _sweep(date(2027, 8, 4), django_capture_on_commit_callbacks) == 0
    assert _sweep(date(2027, 8, 5), django_capture_on_commit_callbacks) == 1
    assert _to(mailoutbox) == {demo["north_caseworker"].email}
    assert mailoutbox[0].subject == reminders.SUBJECTS[reminders.AMENDED_PLAN]


def test_other_schools_and_councils_are_never_told(
    demo, mia_review, mailoutbox, django_capture_on_commit_callbacks
):
    _sweep(date(2027, 4, 6), django_capture_on_commit_callbacks)
    review = _arranged(mia_review, demo)
    _set(review, status=ReviewStatus.REPORTED, held_on=MEETING, reminded_for=None)
    _sweep(date(2027, 6, 18), django_capture_on_commit_callbacks)
    told = _to(mailoutbox)
    assert told
    for outsider in ("oak_senco", "oak_head", "river_senco", "south_caseworker", "south_manager"):
        assert demo[outsider].email not in told


def test_interim_reviews_are_suggested_not_chased(
    demo, mia_review, mailoutbox, django_capture_on_commit_callbacks
):
    Review.objects.create(
        child=mia_review.child,
        local_authority=mia_review.local_authority,
        plan=mia_review.plan,
        school=mia_review.school,
        kind="interim",
        due_on=date(2026, 12, 1),
    )
    assert _sweep(date(2026, 11, 20), django_capture_on_commit_callbacks) == 0  # CoP 9.178
