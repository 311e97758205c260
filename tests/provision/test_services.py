"""Adding and changing interventions, and putting pupils in them and taking them out.

Time is frozen on Monday 7 September 2026 (autumn term).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.core.services import StaleEditError
from opensend.provision.models import Intervention
from opensend.provision.services import (
    hours_as_frequency,
    intervention_pupil_end,
    intervention_pupils_add,
    intervention_update,
)
from opensend.support.models import SupportProvision
from opensend.support.services import support_plan_review
from tests.provision.conftest import TODAY, open_plan, reading_group

pytestmark = pytest.mark.usefixtures("frozen")


# Interventions -----------------------------------------------------------------------------------


def test_the_senco_adds_an_intervention_and_it_is_audited(demo):
    group = reading_group(demo)
    assert (group.school, group.hours_per_week, group.created_by) == (
        demo["north_oak"],
        Decimal("2.5"),
        demo["oak_senco"],
    )
    event = AuditEvent.objects.get(record_id=str(group.pk))
    assert (event.kind, event.organisation_id, event.subject_id) == (
        AuditEventKind.CREATED,
        demo["north_oak"].pk,
        None,
    )
    assert event.new_values["hourly_cost"] == "18.50"


def test_the_head_may_add_an_intervention(demo):
    assert reading_group(demo, actor=demo["oak_head"]).created_by == demo["oak_head"]


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta", "oak_governor", "river_senco"])
def test_only_the_schools_senco_or_head_adds_an_intervention(demo, persona):
    with pytest.raises(PermissionDenied):
        reading_group(demo, actor=demo[persona])
    assert not Intervention.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": "  "}, "name", "Enter the name of the intervention or group"),
        ({"staff": ""}, "staff", "Say who delivers it (a role or a name)"),
        ({"hours_per_week": Decimal(0)}, "hours_per_week", "The hours a week must be more than 0"),
        ({"hours_per_week": Decimal(101)}, "hours_per_week", "must be 100 or fewer"),
        ({"hourly_cost": Decimal(-1)}, "hourly_cost", "cannot be less than 0"),
        ({"other_costs_per_term": Decimal(-5)}, "other_costs_per_term", "cannot be less than 0"),
        ({"max_pupils": 0}, "max_pupils", "at least 1"),
        ({"delivery": "online"}, "delivery", "group or one to one"),
        ({"end": date(2026, 9, 1)}, "end", "on or after the start date"),
    ],
)
def test_bad_details_are_refused_in_plain_english(demo, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        reading_group(demo, **overrides)
    assert message in error.value.message_dict[field][0]
    assert not Intervention.objects.exists()


def test_the_senco_changes_an_intervention_with_the_version_it_was_based_on(demo):
    group = reading_group(demo)
    changed = intervention_update(
        actor=demo["oak_head"],
        intervention=group,
        data={"hours_per_week": Decimal("3"), "name": " Reading group "},
        expected_version=1,
    )
    assert (changed.hours_per_week, changed.name, changed.version) == (
        Decimal("3"),
        "Reading group",
        2,
    )
    with pytest.raises(StaleEditError):
        intervention_update(
            actor=demo["oak_senco"],
            intervention=group,
            data={"hours_per_week": Decimal("4")},
            expected_version=1,
        )


def test_a_teacher_cannot_change_an_intervention(demo):
    group = reading_group(demo)
    with pytest.raises(PermissionDenied):
        intervention_update(
            actor=demo["oak_teacher"], intervention=group, data={"name": "X"}, expected_version=1
        )


def test_a_change_is_checked_against_the_details_it_keeps(demo):
    group = reading_group(demo, end=date(2026, 12, 18))
    with pytest.raises(ValidationError, match="on or after the start date"):
        intervention_update(
            actor=demo["oak_senco"],
            intervention=group,
            data={"start": date(2027, 1, 4)},
            expected_version=1,
        )


def test_the_most_pupils_cannot_drop_below_the_pupils_in_it(demo):
    group = reading_group(demo)
    intervention_pupils_add(
        actor=demo["oak_senco"],
        intervention=group,
        plans=[open_plan(demo), open_plan(demo)],
        start=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        intervention_update(
            actor=demo["oak_senco"], intervention=group, data={"max_pupils": 1}, expected_version=1
        )
    assert error.value.message_dict["max_pupils"] == [
        "2 pupils are in it now: the most pupils cannot be fewer than that"
    ]


# Pupils ------------------------------------------------------------------------------------------


def test_pupils_join_through_a_line_of_provision_on_their_plans(demo):
    group = reading_group(demo, end=date(2027, 7, 21))
    plans = [open_plan(demo, demo["leo"]), open_plan(demo)]
    added = intervention_pupils_add(
        actor=demo["oak_senco"], intervention=group, plans=plans, start=TODAY
    )
    assert len(added) == 2
    line = SupportProvision.objects.get(plan=plans[0])
    assert (line.intervention, line.what, line.who, line.frequency, line.start, line.end) == (
        group,
        "Reading catch-up group",
        "TA (Mrs Hassan)",
        "2.5 hours a week",
        TODAY,
        date(2027, 7, 21),
    )
    # Each line is audited against its child, as any change to a plan is.
    assert AuditEvent.objects.filter(
        record_id=str(line.pk), subject_id=demo["leo"].pk, kind=AuditEventKind.CREATED
    ).exists()


def test_a_frequency_given_for_the_pupils_is_used_instead(demo):
    group = reading_group(demo)
    (line,) = intervention_pupils_add(
        actor=demo["oak_senco"],
        intervention=group,
        plans=[open_plan(demo)],
        start=TODAY,
        frequency="5 × 30 minutes a week",
    )
    assert line.frequency == "5 × 30 minutes a week"


@pytest.mark.parametrize(
    ("hours", "words"),
    [
        ("2.50", "2.5 hours a week"),
        ("1", "1 hour a week"),
        ("0.5", "30 minutes a week"),
        ("3", "3 hours a week"),
        ("10.00", "10 hours a week"),
    ],
)
def test_the_weekly_time_in_words(hours, words):
    assert hours_as_frequency(Decimal(hours)) == words


def test_a_pupil_already_in_it_is_skipped_not_added_twice(demo):
    group = reading_group(demo)
    plan = open_plan(demo)
    intervention_pupils_add(actor=demo["oak_senco"], intervention=group, plans=[plan], start=TODAY)
    again = intervention_pupils_add(
        actor=demo["oak_senco"], intervention=group, plans=[plan, plan], start=TODAY
    )
    assert again == []
    assert SupportProvision.objects.filter(intervention=group).count() == 1


def test_adding_is_all_or_nothing(demo):
    group = reading_group(demo)
    fine = open_plan(demo)
    reviewed = open_plan(demo)
    support_plan_review(
        actor=demo["oak_senco"],
        plan=reviewed,
        review_date=TODAY,
        summary="",
        progress={reviewed.outcomes.get().pk: "achieved"},
        next_step="end_support",
        parent_contributed=True,
        pupil_contributed=True,
    )
    reviewed.refresh_from_db()
    with pytest.raises(ValidationError, match="open support plan at this school"):
        intervention_pupils_add(
            actor=demo["oak_senco"], intervention=group, plans=[fine, reviewed], start=TODAY
        )
    assert not SupportProvision.objects.filter(intervention=group).exists()


def test_a_failure_part_way_through_adds_nobody(demo, monkeypatch):
    from opensend.support import services as support_services

    group = reading_group(demo)
    plans = [open_plan(demo), open_plan(demo)]
    real_add = support_services.provision_add
    calls = []

    def fail_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise ValidationError({"what": "Something was wrong"})
        return real_add(**kwargs)

    monkeypatch.setattr(support_services, "provision_add", fail_second)
    with pytest.raises(ValidationError):
        intervention_pupils_add(
            actor=demo["oak_senco"], intervention=group, plans=plans, start=TODAY
        )
    assert len(calls) == 2
    assert not SupportProvision.objects.filter(intervention=group).exists()


def test_a_group_takes_no_more_than_its_most_pupils(demo):
    group = reading_group(demo, max_pupils=3)
    intervention_pupils_add(
        actor=demo["oak_senco"],
        intervention=group,
        plans=[open_plan(demo), open_plan(demo)],
        start=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        intervention_pupils_add(
            actor=demo["oak_senco"],
            intervention=group,
            plans=[open_plan(demo), open_plan(demo)],
            start=TODAY,
        )
    assert error.value.message_dict["plans"] == [
        "There is room for 1 pupil more (it takes at most 3 pupils): choose fewer pupils"
    ]
    intervention_pupils_add(
        actor=demo["oak_senco"], intervention=group, plans=[open_plan(demo)], start=TODAY
    )
    with pytest.raises(ValidationError, match="It is full"):
        intervention_pupils_add(
            actor=demo["oak_senco"], intervention=group, plans=[open_plan(demo)], start=TODAY
        )
    assert SupportProvision.objects.filter(intervention=group).count() == 3


def test_a_pupil_whose_place_has_ended_frees_it(demo):
    group = reading_group(demo, max_pupils=1)
    (line,) = intervention_pupils_add(
        actor=demo["oak_senco"], intervention=group, plans=[open_plan(demo)], start=TODAY
    )
    intervention_pupil_end(
        actor=demo["oak_senco"], intervention=group, provision=line, end=date(2026, 10, 23)
    )
    # From the Monday after half term there is room again.
    added = intervention_pupils_add(
        actor=demo["oak_senco"],
        intervention=group,
        plans=[open_plan(demo)],
        start=date(2026, 11, 2),
    )
    assert len(added) == 1


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (
            date(2026, 9, 1),
            "The intervention starts on 2 September 2026: choose that date or later",
        ),
        (date(2027, 1, 4), "The intervention ends on 18 December 2026: choose a date before then"),
    ],
)
def test_pupils_start_while_it_runs(demo, start, message):
    group = reading_group(demo, end=date(2026, 12, 18))
    with pytest.raises(ValidationError) as error:
        intervention_pupils_add(
            actor=demo["oak_senco"], intervention=group, plans=[open_plan(demo)], start=start
        )
    assert error.value.message_dict["start"] == [message]


def test_choose_at_least_one_pupil(demo):
    with pytest.raises(ValidationError, match="Choose at least one pupil"):
        intervention_pupils_add(
            actor=demo["oak_senco"], intervention=reading_group(demo), plans=[], start=TODAY
        )


def test_another_schools_plan_cannot_join(demo):
    group = reading_group(demo)
    river = reading_group(demo, actor=demo["river_senco"], school=demo["south_river"])
    with pytest.raises(ValidationError, match="open support plan at this school"):
        intervention_pupils_add(
            actor=demo["river_senco"], intervention=river, plans=[open_plan(demo)], start=TODAY
        )
    assert group.provisions.count() == 0


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta", "oak_governor", "river_senco"])
def test_only_the_senco_or_head_puts_pupils_in(demo, persona):
    group, plan = reading_group(demo), open_plan(demo)
    with pytest.raises(PermissionDenied):
        intervention_pupils_add(actor=demo[persona], intervention=group, plans=[plan], start=TODAY)
    assert not SupportProvision.objects.exists()


def test_ending_a_place_keeps_the_line_with_its_end_date(demo):
    group = reading_group(demo)
    (line,) = intervention_pupils_add(
        actor=demo["oak_senco"], intervention=group, plans=[open_plan(demo)], start=TODAY
    )
    ended = intervention_pupil_end(
        actor=demo["oak_head"], intervention=group, provision=line, end=date(2026, 10, 23)
    )
    assert ended.end == date(2026, 10, 23)
    assert SupportProvision.objects.get(pk=line.pk).end == date(2026, 10, 23)


def test_a_place_cannot_end_before_it_started_or_through_another_intervention(demo):
    group, other = reading_group(demo), reading_group(demo, name="Maths group")
    (line,) = intervention_pupils_add(
        actor=demo["oak_senco"], intervention=group, plans=[open_plan(demo)], start=TODAY
    )
    with pytest.raises(ValidationError, match="on or after the start date"):
        intervention_pupil_end(
            actor=demo["oak_senco"], intervention=group, provision=line, end=date(2026, 9, 4)
        )
    with pytest.raises(ValidationError, match="not in this intervention"):
        intervention_pupil_end(
            actor=demo["oak_senco"], intervention=other, provision=line, end=TODAY
        )
    with pytest.raises(PermissionDenied):
        intervention_pupil_end(
            actor=demo["oak_teacher"], intervention=group, provision=line, end=TODAY
        )
