"""The first draft of a school's SEN information report, drawn from OpenSEND's records
(issue 11 item 1): need types, the SENCO, training, parent meetings, interventions, the
complaints procedure and the Local Offer, and never a child's name or a count of children."""

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from opensend.meetings.models import Meeting, MeetingKind, MeetingStatus
from opensend.people.models import Child
from opensend.provision.models import Delivery, Intervention
from opensend.publishing.selectors.prefill import prefill_for
from opensend.publishing.services.offers import local_offer_for
from opensend.workforce.models import (
    Job,
    PolicyKind,
    SencoAppointment,
    SencoCourse,
    SessionStatus,
    StaffMember,
    TrainingSession,
)
from tests.workforce.policy_fixtures import make_policy

TODAY = date(2026, 11, 2)


@pytest.fixture
def frozen():
    moment = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.get_fixed_timezone(0))
    with time_machine.travel(moment, tick=False):
        yield


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@pytest.fixture
def oak_records(demo, frozen):
    oak = demo["north_oak"]
    senco = StaffMember.objects.create(
        school=oak,
        full_name="Sarah Collins",
        job=Job.SENCO,
        user=demo["oak_senco"],
        email="s.collins@oakfield.example",
    )
    SencoAppointment.objects.create(
        staff=senco,
        school=oak,
        appointed_on=date(2024, 9, 1),
        course=SencoCourse.NPQ,
        course_started_on=date(2025, 1, 10),
    )
    held_day = TODAY - timedelta(days=60)
    TrainingSession.objects.create(
        school=oak,
        title="Autism awareness",
        purpose="Understanding autism",
        provider="Outreach service",
        audiences=["all_staff"],
        starts_at=_at(held_day, 9),
        ends_at=_at(held_day, 10),
        planned_on=held_day - timedelta(days=30),
        status=SessionStatus.HELD,
    )
    TrainingSession.objects.create(
        school=oak,
        title="Old training",
        purpose="Too long ago",
        provider="Somebody",
        audiences=["all_staff"],
        starts_at=_at(TODAY - timedelta(days=500), 9),
        ends_at=_at(TODAY - timedelta(days=500), 10),
        planned_on=TODAY - timedelta(days=530),
        status=SessionStatus.HELD,
    )
    Meeting.objects.create(
        school=oak,
        academic_year=2026,
        term="autumn",
        kind=MeetingKind.INDIVIDUAL,
        mode="online",
        slot="after_school",
        starts_at=_at(TODAY + timedelta(days=7), 16),
        staff=demo["oak_senco"],
        status=MeetingStatus.CONFIRMED,
    )
    Intervention.objects.create(
        school=oak,
        name="Lego therapy",
        description="Builds social communication through play. Run by a trained TA.",
        delivery=Delivery.GROUP,
        hours_per_week=Decimal(1),
        start=date(2026, 9, 1),
    )
    Intervention.objects.create(
        school=oak,
        name="Finished catch-up",
        delivery=Delivery.INDIVIDUAL,
        hours_per_week=Decimal(1),
        start=date(2025, 9, 1),
        end=date(2026, 7, 20),
    )
    make_policy(
        oak,
        kind=PolicyKind.COMPLAINTS,
        reviewed_on=date(2026, 3, 1),
        document_url="https://www.oakfield.example/complaints",
    )
    make_policy(
        oak,
        kind=PolicyKind.ACCESSIBILITY_PLAN,
        reviewed_on=date(2026, 3, 1),
        months=36,
        document_url="https://www.oakfield.example/accessibility",
    )
    offer = local_offer_for(demo["north_la"])
    offer.sendiass_name = "Northshire SENDIASS"
    offer.sendiass_telephone = "01234 000111"
    offer.save()
    return oak


def test_kinds_of_sen_names_the_register_need_types_by_broad_area(oak_records):
    text = prefill_for(oak_records, TODAY)["kinds_of_sen"]
    assert "Communication and interaction (autistic spectrum disorder, speech, language" in text
    assert "Cognition and learning (specific learning difficulty)" in text
    # Hillside's pupil's need (SEMH) is not Oakfield's.
    assert "Social, emotional and mental health" not in text


def test_senco_names_the_current_senco_and_their_email(oak_records):
    text = prefill_for(oak_records, TODAY)["senco"]
    assert "Sarah Collins" in text and "s.collins@oakfield.example" in text


def test_expertise_lists_training_held_this_year_and_the_qualification(oak_records):
    text = prefill_for(oak_records, TODAY)["expertise"]
    assert "Autism awareness" in text and "all staff" in text
    assert "Old training" not in text
    assert "working towards the National Professional Qualification" in text


def test_parents_describes_the_meetings_promise_and_how_they_are_offered(oak_records):
    text = prefill_for(oak_records, TODAY)["parents"]
    assert "three times a year" in text and "6.65" in text
    assert "online" in text and "after school" in text


def test_additional_support_lists_current_interventions_with_a_first_sentence(oak_records):
    text = prefill_for(oak_records, TODAY)["additional_support"]
    assert "Lego therapy (group): Builds social communication through play." in text
    assert "Run by a trained TA" not in text
    assert "Finished catch-up" not in text


def test_complaints_and_access_link_to_the_policies(oak_records):
    suggestions = prefill_for(oak_records, TODAY)
    assert "https://www.oakfield.example/complaints" in suggestions["complaints"]
    assert "https://www.oakfield.example/accessibility" in suggestions["access_facilities"]


def test_local_offer_and_sendiass_come_from_the_authority(oak_records):
    suggestions = prefill_for(oak_records, TODAY)
    assert "/local-offer/northshire-county/" in suggestions["local_offer"]
    assert "Northshire SENDIASS" in suggestions["support_services"]
    assert "01234 000111" in suggestions["support_services"]


def test_no_suggestion_names_or_counts_a_child(oak_records):
    text = " ".join(prefill_for(oak_records, TODAY).values())
    for child in Child.objects.all():
        assert child.first_name not in text
        assert child.last_name not in text
    assert not re.search(r"\b\d+ (pupils?|children|child)\b", text)


def test_only_items_with_something_to_say_are_returned(demo, frozen):
    # Riverside has no workforce, meetings or interventions recorded here.
    suggestions = prefill_for(demo["south_river"], TODAY)
    assert "senco" not in suggestions and "additional_support" not in suggestions
    assert "local_offer" in suggestions
    assert "support_services" not in suggestions  # no SENDIASS recorded for Southmoor


def test_the_queries_do_not_grow_with_the_records(oak_records, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        prefill_for(oak_records, TODAY)


def test_transitions_speaks_of_phase_transfer_reviews_where_pupils_have_plans(oak_records):
    # Ava, on Oakfield's roll, has an EHC plan.
    assert "15 February" in prefill_for(oak_records, TODAY)["transitions"]


def test_transitions_is_left_out_without_pupils_with_plans(demo, frozen):
    demo["ava"].sen_statuses.filter(end__isnull=True).update(provision="K")
    assert "transitions" not in prefill_for(demo["north_oak"], TODAY)
