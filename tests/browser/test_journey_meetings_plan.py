"""Journey: the SENCO plans the year's parent meetings in ONE submission (issue 6; CoP 6.65).

From the menu's "Parent meetings", the SENCO chooses the year, the kinds of meeting to offer,
group meetings for up to four families, and who leads them, and proposes the whole year at
once. The proposals are checked on the next page and confirmed in one more submission, which
invites the families.

Real time, not frozen: the live server answers from another thread and the browser keeps its
own clock. So the journey plans next school year (always wholly ahead), with Oakfield's terms
laid out as in 2026 to 2027: autumn 2 September to 18 December with half term 26 to 30
October as closure days, spring 4 January to 26 March, summer 12 April to 21 July.
"""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.law.dates import academic_year_of
from opensend.meetings.models import Invitee, Meeting
from opensend.organisations.services import closure_day_add, school_terms_set
from opensend.people.models import Child, Enrolment, SenStatus
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in

TASK = "Plan the year's parent meetings"


def set_terms(demo, year: int) -> None:
    school, head = demo["north_oak"], demo["oak_head"]
    school_terms_set(
        actor=head,
        school=school,
        academic_year=year,
        terms={
            "autumn": (date(year, 9, 2), date(year, 12, 18)),
            "spring": (date(year + 1, 1, 4), date(year + 1, 3, 26)),
            "summer": (date(year + 1, 4, 12), date(year + 1, 7, 21)),
        },
    )
    for offset in range(5):
        day = date(year, 10, 26) + timedelta(days=offset)
        closure_day_add(actor=head, school=school, day=day, reason="Half term")


def add_year_3_pupils(demo) -> None:
    school = demo["north_oak"]
    for first in ("Amir", "Bella", "Cai"):
        child = Child.objects.create(
            first_name=first,
            last_name="Jones",
            date_of_birth=date(2018, 3, 1),
            home_local_authority=school.local_authority,
        )
        Enrolment.objects.create(child=child, school=school, year_group="3", start=date(2025, 9, 1))
        SenStatus.objects.create(child=child, provision="K", start=date(2025, 9, 1), school=school)


def test_the_senco_plans_the_year_in_one_submission(page, live_server, demo, steps):
    school = demo["north_oak"]
    year = academic_year_of(timezone.localdate()) + 1
    set_terms(demo, year)
    add_year_3_pupils(demo)  # with Leo, four in Year 3; Ava (EHC plan) in Year 4
    browser_sign_in(page, live_server, demo["oak_senco"])
    steps.watch(page)
    page.goto(live_server.url + reverse("home"))
    page.get_by_role("link", name="Parent meetings").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parent meetings")
    assert_no_serious_violations(page, "the school's parent meetings")
    page.get_by_role("button", name="Plan the year's meetings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan the year's parent meetings")
    assert_no_serious_violations(page, "the plan form")

    with steps.task(TASK):
        page.get_by_label(f"{year} to {year + 1}").check()
        for kind in ("In person during the school day", "In person after school", "Online"):
            expect(page.get_by_label(kind, exact=False)).to_be_checked()
        page.get_by_label("Up to how many families meet together?").fill("4")
        page.get_by_label(demo["oak_teacher"].full_name).check()
        page.get_by_role("button", name="Propose the meetings").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Proposed parent meetings")
        # Year 3 meets as one group each term (Leo and three more); Ava alone, twice: her
        # annual review meeting is the third.
        expect(page.get_by_text("5 meetings proposed for 5 pupils")).to_be_visible()
        autumn = page.get_by_role("table", name="Proposed autumn term meetings")
        expect(autumn).to_contain_text("Leo Patel")
        expect(autumn).to_contain_text("Ava Martin")
        expect(autumn).to_contain_text("Group")
        assert_no_serious_violations(page, "the proposed meetings")

    task = steps.tasks[TASK]
    assert task.page_submissions == 1, task
    proposed = Meeting.objects.filter(school=school, academic_year=year, status="proposed")
    assert proposed.count() == 5
    assert {m.staff_id for m in proposed} == {demo["oak_senco"].pk, demo["oak_teacher"].pk}
    half_term = {date(year, 10, 26) + timedelta(days=n) for n in range(5)}
    for meeting in proposed:
        day = timezone.localtime(meeting.starts_at).date()
        assert day.weekday() < 5 and day not in half_term

    with steps.task("Confirm the year's parent meetings"):
        page.get_by_role("button", name="Confirm 5 meetings and invite families").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Parent meetings")
        expect(page.get_by_text("5 meetings confirmed")).to_be_visible()
        assert_no_serious_violations(page, "the meetings after confirming")
    assert steps.tasks["Confirm the year's parent meetings"].page_submissions == 1
    assert not Meeting.objects.filter(school=school, status="proposed").exists()
    assert not Invitee.objects.filter(meeting__academic_year=year, invited_at=None).exists()
