"""A school's term dates and closure days: the services, the page, and who may see and change
them. Academic year 2026 is September 2026 to August 2027; the law checks the terms."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.law.meetings import Term
from opensend.organisations.models import ClosureDay, SchoolTerm
from opensend.organisations.selectors import (
    closure_days_for,
    terms_fingerprint,
    terms_for,
    terms_or_defaults_for,
)
from opensend.organisations.services import (
    closure_day_add,
    closure_day_remove,
    school_terms_set,
)
from tests.queries import assert_constant_queries

TERMS_2026 = {
    "autumn": (date(2026, 9, 2), date(2026, 12, 18)),
    "spring": (date(2027, 1, 5), date(2027, 3, 26)),
    "summer": (date(2027, 4, 12), date(2027, 7, 21)),
}
IN_TERM = date(2026, 11, 5)  # a Thursday in the autumn term


@pytest.fixture(autouse=True)
def _in_autumn_2026():
    with time_machine.travel(date(2026, 10, 1), tick=False):
        yield


def set_terms(demo, actor="oak_head", year=2026, **changes):
    return school_terms_set(
        actor=demo[actor],
        school=demo["north_oak"],
        academic_year=year,
        terms={**TERMS_2026, **changes},
    )


def add_closure(demo, day=IN_TERM, reason="Polling station", actor="oak_head"):
    return closure_day_add(actor=demo[actor], school=demo["north_oak"], day=day, reason=reason)


def field_errors(error: ValidationError) -> dict[str, list[str]]:
    return {field: messages for field, messages in error.message_dict.items()}


# Services: term dates ------------------------------------------------------------------------


def test_setting_the_terms_stores_all_three_and_is_audited(demo):
    set_terms(demo)
    rows = list(terms_for(demo["north_oak"], 2026))
    assert [(row.name, row.start, row.end) for row in rows] == [
        ("autumn", date(2026, 9, 2), date(2026, 12, 18)),
        ("spring", date(2027, 1, 5), date(2027, 3, 26)),
        ("summer", date(2027, 4, 12), date(2027, 7, 21)),
    ]
    event = AuditEvent.objects.get(record_type="organisations.schoolterm")
    assert event.kind == AuditEventKind.CREATED
    assert event.actor == demo["oak_head"]
    assert event.organisation_id == demo["north_oak"].pk
    assert event.old_values is None
    assert event.new_values["autumn"] == ["2026-09-02", "2026-12-18"]


def test_setting_the_terms_again_replaces_them_and_records_the_old_dates(demo):
    set_terms(demo)
    set_terms(demo, actor="oak_senco", autumn=(date(2026, 9, 3), date(2026, 12, 18)))
    assert SchoolTerm.objects.filter(school=demo["north_oak"], academic_year=2026).count() == 3
    autumn = terms_for(demo["north_oak"], 2026).get(name="autumn")
    assert autumn.start == date(2026, 9, 3)
    assert autumn.version == 2
    event = AuditEvent.objects.filter(record_type="organisations.schoolterm").first()
    assert event.kind == AuditEventKind.UPDATED
    assert event.old_values["autumn"] == ["2026-09-02", "2026-12-18"]
    assert event.new_values["autumn"] == ["2026-09-03", "2026-12-18"]


def test_each_year_has_its_own_terms(demo):
    set_terms(demo)
    set_terms(
        demo,
        year=2027,
        autumn=(date(2027, 9, 2), date(2027, 12, 17)),
        spring=(date(2028, 1, 4), date(2028, 3, 31)),
        summer=(date(2028, 4, 18), date(2028, 7, 20)),
    )
    assert terms_for(demo["north_oak"], 2026).count() == 3
    assert terms_for(demo["north_oak"], 2027).count() == 3


def test_overlapping_terms_are_refused_against_the_later_terms_first_day(demo):
    with pytest.raises(ValidationError) as error:
        set_terms(demo, spring=(date(2026, 12, 18), date(2027, 3, 26)))
    assert field_errors(error.value) == {
        "spring_start": [
            "The spring term must start after the autumn term ends: terms cannot overlap and "
            "must be in the order autumn, spring, summer"
        ]
    }
    assert not SchoolTerm.objects.exists()


def test_terms_out_of_order_are_refused(demo):
    with pytest.raises(ValidationError) as error:
        set_terms(
            demo,
            autumn=(date(2027, 4, 12), date(2027, 7, 21)),
            summer=(date(2026, 9, 2), date(2026, 12, 18)),
        )
    assert {"spring_start", "summer_start"} <= set(field_errors(error.value))
    assert not SchoolTerm.objects.exists()


def test_a_term_ending_before_it_starts_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        set_terms(demo, summer=(date(2027, 7, 21), date(2027, 4, 12)))
    assert field_errors(error.value)["summer_end"] == [
        "The last day of the summer term must be on or after its first day"
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"autumn": (date(2026, 8, 31), date(2026, 12, 18))}, "autumn_start"),
        ({"summer": (date(2027, 4, 12), date(2027, 9, 1))}, "summer_end"),
    ],
)
def test_a_term_outside_1_september_to_31_august_is_refused(demo, changes, field):
    with pytest.raises(ValidationError) as error:
        set_terms(demo, **changes)
    (message,) = field_errors(error.value)[field]
    assert "from 1 September 2026 to 31 August 2027" in message
    assert not SchoolTerm.objects.exists()


def test_the_whole_academic_year_is_allowed(demo):
    set_terms(
        demo,
        autumn=(date(2026, 9, 1), date(2026, 12, 31)),
        summer=(date(2027, 4, 1), date(2027, 8, 31)),
    )
    assert terms_for(demo["north_oak"], 2026).count() == 3


def test_only_the_head_or_senco_may_set_terms(demo):
    for persona in ("oak_teacher", "oak_ta", "oak_governor", "river_head", "north_manager"):
        with pytest.raises(PermissionDenied):
            set_terms(demo, actor=persona)
    assert not SchoolTerm.objects.exists()
    assert not AuditEvent.objects.filter(record_type="organisations.schoolterm").exists()


def test_a_save_based_on_dates_someone_else_has_changed_is_refused(demo):
    school = demo["north_oak"]
    seen = terms_fingerprint(school, 2026)
    assert seen == ""  # the defaults
    set_terms(demo, actor="oak_senco")
    with pytest.raises(ValidationError) as error:
        school_terms_set(
            actor=demo["oak_head"],
            school=school,
            academic_year=2026,
            terms={**TERMS_2026, "autumn": (date(2026, 9, 7), date(2026, 12, 18))},
            based_on=seen,
        )
    assert "Someone else changed the 2026 to 2027 term dates" in error.value.messages[0]
    assert "autumn 2 September 2026 to 18 December 2026" in error.value.messages[0]
    assert terms_for(school, 2026).get(name="autumn").start == date(2026, 9, 2)


def test_new_terms_must_still_hold_the_closure_days(demo):
    add_closure(demo, day=date(2026, 12, 30), reason="Boiler replacement")  # default terms
    with pytest.raises(ValidationError) as error:
        set_terms(demo)
    assert "30 December 2026 (Boiler replacement)" in error.value.messages[0]
    assert not SchoolTerm.objects.exists()


# Services: closure days ----------------------------------------------------------------------


def test_a_closure_day_in_term_is_added_and_audited(demo):
    set_terms(demo)
    closure = add_closure(demo, reason="  Polling station  ")
    assert (closure.date, closure.reason) == (IN_TERM, "Polling station")
    event = AuditEvent.objects.get(record_type="organisations.closureday")
    assert event.kind == AuditEventKind.CREATED
    assert event.record_id == str(closure.pk)
    assert event.new_values == {"date": "2026-11-05", "reason": "Polling station"}


def test_a_closure_day_outside_term_is_refused(demo):
    set_terms(demo)
    for day in (date(2026, 12, 21), date(2027, 8, 3), date(2026, 9, 1)):
        with pytest.raises(ValidationError) as error:
            add_closure(demo, day=day)
        (message,) = field_errors(error.value)["day"]
        assert "is not in term" in message
        assert "autumn 2 September 2026 to 18 December 2026" in message
    assert not ClosureDay.objects.exists()


def test_without_its_own_terms_any_day_of_the_year_is_in_the_default_terms(demo):
    assert add_closure(demo, day=date(2027, 8, 3)).date == date(2027, 8, 3)


def test_the_same_closure_day_twice_is_refused(demo):
    set_terms(demo)
    add_closure(demo)
    with pytest.raises(ValidationError) as error:
        add_closure(demo, reason="Another reason", actor="oak_senco")
    assert field_errors(error.value) == {"day": ["5 November 2026 is already a closure day"]}
    assert ClosureDay.objects.count() == 1


def test_a_closure_day_needs_a_reason(demo):
    with pytest.raises(ValidationError) as error:
        add_closure(demo, reason="   ")
    assert field_errors(error.value) == {"reason": ["Enter why the school is closed"]}
    assert not ClosureDay.objects.exists()


def test_removing_a_closure_day_is_audited_with_what_it_was(demo):
    closure = add_closure(demo)
    closure_day_remove(actor=demo["oak_senco"], closure=closure)
    assert not ClosureDay.objects.exists()
    event = AuditEvent.objects.get(
        record_type="organisations.closureday", kind=AuditEventKind.DELETED
    )
    assert event.actor == demo["oak_senco"]
    assert event.old_values == {"date": "2026-11-05", "reason": "Polling station"}


def test_only_the_head_or_senco_may_add_or_remove_closure_days(demo):
    closure = add_closure(demo)
    for persona in ("oak_teacher", "oak_ta", "oak_governor", "river_senco", "north_caseworker"):
        with pytest.raises(PermissionDenied):
            add_closure(demo, day=IN_TERM + timedelta(days=1), actor=persona)
        with pytest.raises(PermissionDenied):
            closure_day_remove(actor=demo[persona], closure=closure)
    assert list(ClosureDay.objects.all()) == [closure]


# Selectors -----------------------------------------------------------------------------------


def test_a_school_without_its_own_terms_gets_the_law_defaults_marked_as_such(demo):
    year_terms = terms_or_defaults_for(demo["north_oak"], 2026)
    assert year_terms.are_defaults
    assert year_terms.terms == (
        Term("autumn", date(2026, 9, 1), date(2026, 12, 31)),
        Term("spring", date(2027, 1, 1), date(2027, 3, 31)),
        Term("summer", date(2027, 4, 1), date(2027, 8, 31)),
    )
    set_terms(demo)
    year_terms = terms_or_defaults_for(demo["north_oak"], 2026)
    assert not year_terms.are_defaults
    assert year_terms.terms[1] == Term("spring", date(2027, 1, 5), date(2027, 3, 26))
    assert terms_or_defaults_for(demo["north_oak"], 2027).are_defaults


def test_closure_days_for_a_year_run_from_september_to_august(demo):
    first = add_closure(demo, day=date(2026, 9, 1), reason="First day")
    last = add_closure(demo, day=date(2027, 8, 31), reason="Last day")
    add_closure(demo, day=date(2027, 9, 1), reason="Next year")
    assert list(closure_days_for(demo["north_oak"], 2026)) == [first, last]


# The page ------------------------------------------------------------------------------------


def term_dates_url(demo, year=None, school="north_oak") -> str:
    url = reverse("school_term_dates", args=[demo[school].pk])
    return f"{url}?year={year}" if year else url


def date_fields(name: str, day: date | None = None, text: tuple | None = None) -> dict:
    day_, month, year = text if text else (day.day, day.month, day.year)
    return {f"{name}_0": str(day_), f"{name}_1": str(month), f"{name}_2": str(year)}


def terms_post(based_on: str = "", **changes) -> dict:
    data = {"based_on": based_on}
    for name, (start, end) in {**TERMS_2026, **changes}.items():
        data |= date_fields(f"{name}_start", start) | date_fields(f"{name}_end", end)
    return data


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize("persona", ["oak_head", "oak_senco"])
def test_the_head_and_senco_see_the_terms_and_the_forms_to_change_them(signed_in, demo, persona):
    page = html(signed_in(persona).get(term_dates_url(demo)))
    assert "Term dates 2026 to 2027" in page  # today (1 October 2026) is in 2026 to 2027
    assert "Standard dates" in page
    assert "Tuesday 1 September 2026" in page
    assert "Set the term dates" in page
    assert 'name="autumn_start_0"' in page
    assert "Add a closure day" in page
    assert f'href="{term_dates_url(demo, 2025)}"' in page
    assert f'href="{term_dates_url(demo, 2027)}"' in page


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta", "oak_governor"])
def test_other_staff_and_governors_read_the_dates_without_forms(signed_in, demo, persona):
    set_terms(demo)
    add_closure(demo)
    page = html(signed_in(persona).get(term_dates_url(demo, 2026)))
    assert "Wednesday 2 September 2026" in page
    assert "Standard dates" not in page
    assert "Thursday 5 November 2026" in page
    assert "Polling station" in page
    assert "<form" not in page.split('id="main-content"')[1]
    assert "The head teacher or SENCO" not in page  # only said while the defaults apply


@pytest.mark.parametrize(
    "persona",
    [
        "river_senco",
        "river_head",
        "hill_senco",
        "north_caseworker",
        "north_manager",
        "north_parent",
    ],
)
def test_everyone_else_gets_not_found(signed_in, demo, persona):
    assert signed_in(persona).get(term_dates_url(demo)).status_code == 404


def test_a_year_that_is_not_a_year_is_not_found(signed_in, demo):
    client = signed_in("oak_head")
    for year in ("abc", "1999", "2100", "２０２６"):
        assert client.get(f"{term_dates_url(demo)}?year={year}").status_code == 404


def test_the_head_sets_the_terms_from_the_page(signed_in, demo):
    client = signed_in("oak_head")
    response = client.post(term_dates_url(demo, 2026), terms_post())
    assert response.status_code == 302
    assert response["Location"] == term_dates_url(demo, 2026)
    page = html(client.get(response["Location"]))
    assert "Term dates saved for 2026 to 2027" in page
    assert "Change the term dates" in page
    assert 'name="autumn_start_0" value="2"' in page
    assert terms_for(demo["north_oak"], 2026).get(name="summer").end == date(2027, 7, 21)


def test_an_impossible_date_shows_a_field_error_and_saves_nothing(signed_in, demo):
    data = terms_post() | date_fields("autumn_end", text=(31, 11, 2026))
    page = html(signed_in("oak_senco").post(term_dates_url(demo, 2026), data))
    assert "There is a problem" in page
    assert 'href="#id_autumn_end_0">The last day of the autumn term must be a real date' in page
    assert "govuk-form-group--error" in page
    assert " - Error - " in page.split("</title>")[0]
    assert not SchoolTerm.objects.exists()


def test_overlapping_terms_show_the_laws_error_on_the_date_to_correct(signed_in, demo):
    data = terms_post(spring=(date(2026, 12, 1), date(2027, 3, 26)))
    page = html(signed_in("oak_senco").post(term_dates_url(demo, 2026), data))
    assert 'href="#id_spring_start_0">The spring term must start after the autumn term ends' in page
    assert not SchoolTerm.objects.exists()


def test_a_stale_form_is_refused_then_saves_when_sent_again(signed_in, demo):
    client = signed_in("oak_head")
    seen = terms_fingerprint(demo["north_oak"], 2026)
    set_terms(demo, actor="oak_senco")
    data = terms_post(based_on=seen, autumn=(date(2026, 9, 7), date(2026, 12, 18)))
    page = html(client.post(term_dates_url(demo, 2026), data))
    assert "Someone else changed the 2026 to 2027 term dates" in page
    assert terms_for(demo["north_oak"], 2026).get(name="autumn").start == date(2026, 9, 2)
    # The form now carries the dates as they are, so sending it again is a deliberate choice.
    data["based_on"] = terms_fingerprint(demo["north_oak"], 2026)
    assert data["based_on"] in page
    assert client.post(term_dates_url(demo, 2026), data).status_code == 302
    assert terms_for(demo["north_oak"], 2026).get(name="autumn").start == date(2026, 9, 7)


def test_adding_and_removing_a_closure_day_from_the_page(signed_in, demo):
    set_terms(demo)
    client = signed_in("oak_senco")
    add_url = reverse("closure_day_add", args=[demo["north_oak"].pk]) + "?year=2026"
    response = client.post(
        add_url, date_fields("day", date(2027, 5, 6)) | {"reason": "Polling station"}
    )
    assert response.status_code == 302
    assert response["Location"] == term_dates_url(demo, 2026)
    page = html(client.get(response["Location"]))
    assert "Closure day added: 6 May 2027" in page
    closure = ClosureDay.objects.get()
    assert reverse("closure_day_remove", args=[closure.pk]) in page
    assert 'Remove<span class="govuk-visually-hidden"> closure day on 6 May 2027' in page
    response = client.post(reverse("closure_day_remove", args=[closure.pk]))
    assert response["Location"] == term_dates_url(demo, 2026)
    assert not ClosureDay.objects.exists()


def test_a_closure_day_outside_term_or_without_a_reason_shows_field_errors(signed_in, demo):
    set_terms(demo)
    add_url = reverse("closure_day_add", args=[demo["north_oak"].pk]) + "?year=2026"
    client = signed_in("oak_head")
    page = html(client.post(add_url, date_fields("day", date(2026, 12, 24))))
    assert 'href="#id_reason">Enter why the school is closed' in page
    page = html(
        client.post(add_url, date_fields("day", date(2026, 12, 24)) | {"reason": "Staff training"})
    )
    assert 'href="#id_day_0">24 December 2026 is not in term' in page
    assert not ClosureDay.objects.exists()


def test_a_closure_day_on_an_impossible_date_is_refused(signed_in, demo):
    add_url = reverse("closure_day_add", args=[demo["north_oak"].pk])
    data = date_fields("day", text=(31, 11, 2026)) | {"reason": "Polling station"}
    page = html(signed_in("oak_head").post(add_url, data))
    assert "The date the school is closed must be a real date" in page
    assert not ClosureDay.objects.exists()


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta", "oak_governor"])
def test_changes_from_those_who_only_read_are_forbidden(signed_in, demo, persona):
    closure = add_closure(demo)
    client = signed_in(persona)
    add_url = reverse("closure_day_add", args=[demo["north_oak"].pk])
    closure_data = date_fields("day", IN_TERM + timedelta(days=1)) | {"reason": "Training"}
    assert client.post(term_dates_url(demo, 2026), terms_post()).status_code == 403
    assert client.post(add_url, closure_data).status_code == 403
    assert client.post(reverse("closure_day_remove", args=[closure.pk])).status_code == 403
    assert not SchoolTerm.objects.exists()
    assert list(ClosureDay.objects.all()) == [closure]


def test_another_schools_head_cannot_remove_a_closure_day(signed_in, demo):
    closure = add_closure(demo)
    response = signed_in("river_head").post(reverse("closure_day_remove", args=[closure.pk]))
    assert response.status_code == 404
    assert ClosureDay.objects.filter(pk=closure.pk).exists()


def test_the_school_page_links_to_the_term_dates_for_its_own_people_only(client, signed_in, demo):
    detail = reverse("organisation_detail", args=[demo["north_oak"].pk])
    page = html(signed_in("oak_teacher").get(detail))
    assert term_dates_url(demo) in page
    assert "2026 to 2027: not set, so OpenSEND uses the standard dates" in page
    client.logout()
    page = html(signed_in("north_manager").get(detail))  # the LA sees the school, not its dates
    assert term_dates_url(demo) not in page


def test_the_page_runs_the_same_queries_however_many_closure_days(signed_in, demo):
    set_terms(demo)
    client = signed_in("oak_head")
    days = iter(TERMS_2026["autumn"][0] + timedelta(days=n) for n in range(100))

    def grow():
        for _ in range(3):
            add_closure(demo, day=next(days), reason="Building works")

    assert_constant_queries(lambda: html(client.get(term_dates_url(demo, 2026))), grow)
