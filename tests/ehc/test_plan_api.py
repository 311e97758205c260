"""The EHC plan API: each reader gets the versions and the sections their door allows."""

from django.contrib.auth import get_user_model

from opensend.ehc.models import PlanNeed, PlanOutcome, PlanProvision
from opensend.organisations.models import Membership
from tests.access.routes_ehc_plan_world import jordan_plan
from tests.queries import assert_constant_queries


def test_the_la_reads_every_version_and_every_section(demo, api):
    plan = jordan_plan(demo)
    listed = api("north_caseworker").get("/plan-versions").json()
    assert [v["number"] for v in listed["results"]] == [2, 1]
    final = api("north_caseworker").get(f"/plan-versions/{plan['jordan_final_plan'].pk}").json()
    assert final["status"] == "issued"
    assert final["placement_name"] == "Hillside Academy"
    assert "A" in final["sections_shown"] and "K" in final["sections_shown"]
    assert [n["description"] for n in final["needs"]] == ["Slow processing speed"]
    assert final["preparing_for_adulthood"] == "Travel training and a supported internship."


def test_a_teacher_reads_sections_b_e_and_f_of_the_final_plan_only(demo, api):
    plan = jordan_plan(demo)
    teacher = get_user_model().objects.create_user(
        email="hill.teacher@opensend.example", password="x-long-password-1", full_name="T"
    )
    Membership.objects.create(user=teacher, organisation=demo["north_hill"], role="teacher")
    demo["hill_teacher"] = teacher
    final = api("hill_teacher").get(f"/plan-versions/{plan['jordan_final_plan'].pk}").json()
    assert final["sections_shown"] == ["B", "E", "F"]
    assert final["views_interests_aspirations"] is None
    assert final["placement_name"] is None
    assert final["advice"] is None
    draft = api("hill_teacher").get(f"/plan-versions/{plan['jordan_served_draft'].pk}")
    assert draft.status_code == 404


def test_others_get_nothing(demo, api):
    plan = jordan_plan(demo)
    for persona in ("oak_senco", "south_caseworker", "north_parent", "north_health"):
        assert api(persona).get(f"/plan-versions/{plan['jordan_final_plan'].pk}").status_code == 404
        assert api(persona).get("/plan-versions").json()["count"] == 0


def test_a_version_is_read_in_a_constant_number_of_queries(demo, api):
    plan = jordan_plan(demo)
    final = plan["jordan_final_plan"]
    reader = api("north_caseworker")
    counter = iter(range(100))

    def grow():
        # Rows added straight to the issued version: the services would refuse (it is frozen).
        n = next(counter)
        need = PlanNeed.objects.create(version=final, section="B", order=10 + n, description="N")
        outcome = PlanOutcome.objects.create(version=final, order=10 + n, description="O")
        outcome.needs.add(need)
        line = PlanProvision.objects.create(version=final, section="F", order=10 + n, what="P")
        line.outcomes.add(outcome)

    assert_constant_queries(lambda: reader.get(f"/plan-versions/{final.pk}"), grow)
