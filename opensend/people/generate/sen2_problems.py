"""A few deliberate mistakes in the demo councils' EHC records, for the SEN2 return to find.

A demo of the SEN2 return (issue 12) is only convincing if its checks (`opensend.law.sen2`)
find something. Real councils' data have the same slips: a plan issued before the school was
agreed, an independent setting typed in by hand with no URN, a child whose UPN was never
recorded (often a child out of school, or new to the area). Each persona council gets one of
each, on its oldest active plans (carried from an earlier return, so they stay in every
return however the demo's dates move). Nothing is drawn at random: the same data give the same
choices, and no other module's stream moves.

Only the `demo` scale plants them. The smaller test scale keeps its data clean (its tests
check, for example, that every UPN is valid).
"""

from opensend.people.demo import CHILDREN

# A plausible independent setting a caseworker might type in by hand (fictional).
NO_URN_SETTING = "Brookfield House Independent School"
NO_URN_TYPE = "Independent special school"

# What each of a council's first three candidate plans is given, in order; the SEN2 check
# each one trips (opensend.law.sen2) is noted for the test and the audit row.
PROBLEMS = ("plan_no_placement", "placement_no_urn", "person_upn")


def plant_sen2_problems(persona_la_ids: list) -> dict:
    """Plant PROBLEMS for each persona council; returns {model label: rows written} (the
    audit rows: the records changed were counted when they were written)."""
    from opensend.core.models import AuditEvent
    from opensend.people.generate.write import generated_event

    events = []
    for la_id in persona_la_ids:
        for problem, version in zip(PROBLEMS, _candidates(la_id), strict=False):
            record, values = _PLANT[problem](version)
            events.append(
                generated_event(type(record), record.pk, version.plan.child_id, la_id, values)
            )
    AuditEvent.objects.bulk_create(events)
    return {AuditEvent._meta.label_lower: len(events)} if events else {}


def _candidates(la_id):
    """The council's issued plans, oldest request first, that are still in force (never
    ceased), name a school with a URN, and belong to a generated child (never a named one),
    one per child. Ordered by stable values only (dates and generated ids)."""
    from opensend.ehc.models import PlanVersion
    from opensend.reviews.models import Review, ReviewDecision

    ceased = Review.objects.filter(decision=ReviewDecision.CEASE).values("plan_id")
    versions = (
        PlanVersion.objects.filter(
            plan__local_authority_id=la_id,
            plan__case__legacy_statement__isnull=True,
            status="issued",
            issued_on__isnull=False,
            placement__isnull=False,
        )
        .exclude(placement__urn="")
        .exclude(plan_id__in=ceased)
        .exclude(plan__child__upn__in=[child.upn for child in CHILDREN])
        .select_related("plan", "plan__child", "placement")
        .order_by("plan__case__received", "plan__case_id", "number")
    )
    seen = set()
    for version in versions:
        if version.plan.child_id not in seen:
            seen.add(version.plan.child_id)
            yield version


def _no_placement(version):
    """Section I left empty: the plan was issued before a school agreed to be named."""
    was = version.placement.name
    version.placement = None
    version.placement_name = ""
    version.placement_type = ""
    version.save(update_fields=["placement", "placement_name", "placement_type"])
    return version, {"sen2_problem": "plan_no_placement", "was": was}


def _no_urn(version):
    """Section I names a setting typed in by hand, not one from the register of schools."""
    version.placement = None
    version.placement_name = NO_URN_SETTING
    version.placement_type = NO_URN_TYPE
    version.save(update_fields=["placement", "placement_name", "placement_type"])
    return version, {"sen2_problem": "placement_no_urn"}


def _no_upn(version):
    """The child's UPN was never recorded."""
    child = version.plan.child
    child.upn = ""
    child.save(update_fields=["upn"])
    return child, {"sen2_problem": "person_upn"}


_PLANT = {
    "plan_no_placement": _no_placement,
    "placement_no_urn": _no_urn,
    "person_upn": _no_upn,
}
