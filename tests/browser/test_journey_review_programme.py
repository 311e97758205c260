"""Journey: the council plans a managed programme of transfer reviews, and a school sees its
share (issue 9).

Northshire still holds eleven statements of SEN: eight at Oakfield and three at Hillside. The
caseworker plans a programme (two reviews a month, no more than one a month at a school),
reads the proposed schedule, levelled over the months, and accepts it in one submission, which
schedules every review and tells each school its months. Oakfield's SENCO then sees the
school's reviews spread across the programme, one a month, never all at once.
"""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.people.models import Child, Enrolment
from opensend.reviews.models import (
    LegacyStatement,
    ProgrammeStatus,
    Review,
    ReviewKind,
    TransferProgramme,
)
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in
from tests.browser.test_journey_ehc_plan import switch_person


def statements_at(demo, school_key: str, count: int, first_upn: int) -> None:
    school = demo[school_key]
    for number in range(count):
        child = Child.objects.create(
            upn="",
            first_name=f"Pupil{first_upn + number}",
            last_name="Statement",
            date_of_birth=date(2015, 1, 1) + timedelta(days=40 * number),
            home_local_authority=demo["north_la"],
        )
        Enrolment.objects.create(child=child, school=school, year_group="5", start=date(2024, 9, 2))
        LegacyStatement.objects.create(
            child=child,
            local_authority=demo["north_la"],
            school=school,
            made_on=date(2013, 5, 1),
            provision="Teaching assistant support, 15 hours a week.",
        )


def fill_date(page, field: str, day: date) -> None:
    page.locator(f"#id_{field}_0").fill(str(day.day))
    page.locator(f"#id_{field}_1").fill(str(day.month))
    page.locator(f"#id_{field}_2").fill(str(day.year))


def test_the_council_accepts_a_levelled_programme_and_a_school_sees_its_months(
    page, live_server, demo, steps
):
    statements_at(demo, "north_oak", 8, 100)
    statements_at(demo, "north_hill", 3, 200)
    start = (timezone.localdate().replace(day=1) + timedelta(days=62)).replace(day=1)

    browser_sign_in(page, live_server, demo["north_caseworker"])
    steps.watch(page)
    page.goto(live_server.url + reverse("reviews_programmes"))
    assert_no_serious_violations(page, "the council's review programmes")
    page.get_by_role("button", name="Plan a programme").click()
    page.get_by_label("Name of the programme").fill("Remaining statements")
    page.get_by_label("Transfer statements of SEN to EHC plans").check()
    fill_date(page, "start", start)
    fill_date(page, "deadline", start + timedelta(days=730))
    page.get_by_label("Reviews the council can run a month").fill("2")
    page.get_by_label("Most reviews at one school in a month").fill("1")
    assert_no_serious_violations(page, "planning a programme")
    page.get_by_role("button", name="Propose a schedule").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remaining statements")
    assert_no_serious_violations(page, "the proposed schedule")

    with steps.task("Accept a proposed programme (caseworker)"):
        page.get_by_role("button", name="Accept the programme").click()
        expect(page.get_by_text("Accepted").first).to_be_visible()
    programme = TransferProgramme.objects.get()
    assert programme.status == ProgrammeStatus.ACCEPTED
    reviews = Review.objects.filter(programme=programme, kind=ReviewKind.TRANSFER)
    assert reviews.count() == 11
    # No school gets more than one a month; Oakfield's eight run over eight months.
    oak_months = [r.scheduled_by for r in reviews if r.school_id == demo["north_oak"].pk]
    assert len(set(oak_months)) == 8

    switch_person(page, live_server, demo["oak_senco"])
    page.goto(live_server.url + reverse("reviews_school_programme"))
    expect(page.get_by_text("Pupil100 Statement").first).to_be_visible()
    assert_no_serious_violations(page, "the school's programme reviews")
