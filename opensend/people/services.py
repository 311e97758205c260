"""Changes to children, families and the SEN register. Every one is checked and audited.

Register changes keep history: the open entry is closed the day before the new one starts,
so each day has exactly one status (one open entry at a time is also a database constraint).
The DfE census rules come from opensend.law.codes, so a SENCO hears about a problem when they
type it, not when the census return bounces.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.law.codes import census_check
from opensend.law.dates import add_months
from opensend.law.upn import nhs_number_problem, upn_problem
from opensend.organisations.models import Organisation, OrganisationKind
from opensend.people.models import (
    Child,
    Enrolment,
    Need,
    ParentLink,
    Provision,
    Relationship,
    SenStatus,
    YearGroup,
)
from opensend.people.selectors import (
    can_edit_register,
    is_on_roll,
    register_fingerprint,
    register_summary,
)


def _require_register_editor(actor, school: Organisation, child: Child | None = None) -> None:
    if not can_edit_register(actor, school):
        raise PermissionDenied("Only the SENCO or head teacher can change the SEN register.")
    if child is not None and not is_on_roll(child, school):
        raise PermissionDenied("This pupil is not on your school's roll.")


def _refuse_stale_edit(child: Child, based_on: str | None) -> None:
    """Someone else changed the register entry since the form was filled: do not overwrite."""
    if based_on is not None and based_on != register_fingerprint(child):
        raise ValidationError(
            "Someone else changed this pupil's SEN record while you were editing. It is now: "
            f"{register_summary(child)}. Check the form, then save again."
        )


def _open_status(
    *, actor, child: Child, school: Organisation, provision: str, start: date, reason: str
) -> SenStatus:
    """Open the child's SEN status from `start` (the caller has closed any earlier one)."""
    return SenStatus.objects.create(
        child=child,
        provision=provision,
        start=start,
        school=school,
        reason=reason.strip(),
        created_by=actor,
        updated_by=actor,
    )


def validate_child_details(
    *, upn: str, date_of_birth: date, nhs_number: str, today: date
) -> dict[str, str]:
    """Field problems in plain English, keyed by field name (empty when all is well)."""
    problems = {}
    if upn and (problem := upn_problem(upn)):
        problems["upn"] = problem
    if nhs_number and (problem := nhs_number_problem(nhs_number)):
        problems["nhs_number"] = problem
    if date_of_birth > today:
        problems["date_of_birth"] = "Date of birth must be in the past"
    elif date_of_birth < add_months(today, -12 * 26):
        # SEND duties run to age 25 (CFA 2014 s83(2)): an older "child" is a typing error.
        problems["date_of_birth"] = "Date of birth must be within the last 26 years"
    return problems


@transaction.atomic
def child_add(
    *,
    actor,
    school: Organisation,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    year_group: str,
    start: date,
    today: date,
    upn: str = "",
    nhs_number: str = "",
    home_local_authority: Organisation | None = None,
    provision: str = Provision.NO_SEN,
    reason: str = "",
) -> Child:
    """Add a pupil to a school's roll with their SEN provision from the day they joined
    (no SEN, N, unless the register or the school's MIS says otherwise)."""
    _require_register_editor(actor, school)
    upn = upn.strip().upper()
    nhs_number = nhs_number.replace(" ", "")
    problems = validate_child_details(
        upn=upn, date_of_birth=date_of_birth, nhs_number=nhs_number, today=today
    )
    if provision not in Provision.values:
        problems["provision"] = "Choose EHC plan, SEN support or no SEN"
    if upn and Child.objects.filter(upn=upn).exists():
        problems["upn"] = "A child with this UPN is already in OpenSEND: search for them instead"
    if problems:
        raise ValidationError(problems)
    home = home_local_authority or school.local_authority
    if home is None or home.kind != OrganisationKind.LOCAL_AUTHORITY:
        raise ValidationError({"home_local_authority": "Choose the local authority they live in"})
    child = Child.objects.create(
        upn=upn,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        nhs_number=nhs_number,
        home_local_authority=home,
        created_by=actor,
        updated_by=actor,
    )
    Enrolment.objects.create(
        child=child,
        school=school,
        year_group=year_group,
        start=start,
        created_by=actor,
        updated_by=actor,
    )
    _open_status(
        actor=actor, child=child, school=school, provision=provision, start=start, reason=reason
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.CREATED,
        record=child,
        subject_id=child.pk,
        organisation_id=school.pk,
        new_values={"school": str(school.pk), "year_group": year_group, "provision": provision},
    )
    return child


@transaction.atomic
def enrolment_year_group_set(
    *, actor, enrolment: Enrolment, school: Organisation, year_group: str, note: str = ""
) -> Enrolment:
    """Record the pupil's current national curriculum year (e.g. from the school's MIS)."""
    _require_register_editor(actor, school, enrolment.child)
    if year_group not in YearGroup.values:
        raise ValidationError({"year_group": "Choose a year group from N1 to 14"})
    Enrolment.objects.filter(pk=enrolment.pk).update(
        year_group=year_group, updated_by=actor, version=enrolment.version + 1
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.UPDATED,
        record=enrolment,
        subject_id=enrolment.child_id,
        organisation_id=school.pk,
        old_values={"year_group": enrolment.year_group},
        new_values={"year_group": year_group},
        note=note,
    )
    enrolment.year_group = year_group
    return enrolment


@transaction.atomic
def sen_status_change(
    *,
    actor,
    child: Child,
    school: Organisation,
    provision: str,
    start: date,
    reason: str = "",
    today: date,
    based_on: str | None = None,
) -> SenStatus:
    """Move a pupil between N, K and E from `start`, keeping the history.

    `based_on` is the register fingerprint the form was filled from (None: do not check).
    """
    _require_register_editor(actor, school, child)
    _refuse_stale_edit(child, based_on)
    if provision not in Provision.values:
        raise ValidationError({"provision": "Choose EHC plan, SEN support or no SEN"})
    if start > today:
        raise ValidationError({"start": "The date cannot be in the future"})
    open_needs = list(child.needs.filter(end__isnull=True).values_list("code", "rank"))
    problems = census_check(provision=provision, needs=open_needs, census_date=start)
    if problems and provision == Provision.NO_SEN and open_needs:
        # Moving to N ends the needs too (types of need are only for E or K).
        latest = child.needs.filter(end__isnull=True).aggregate(latest=Max("start"))["latest"]
        if start <= latest:
            raise ValidationError(
                {
                    "start": "The date must be after "
                    f"{latest.day} {latest:%B %Y}, when the current needs were recorded"
                }
            )
        Need.objects.filter(child=child, end__isnull=True).update(end=start - timedelta(days=1))
        problems = []
    if problems:
        raise ValidationError({"provision": [problem.message for problem in problems]})
    current = SenStatus.objects.select_for_update().filter(child=child, end__isnull=True).first()
    if current is not None:
        if current.provision == provision:
            raise ValidationError(
                {"provision": f"They are already recorded as {current.get_provision_display()}"}
            )
        if start <= current.start:
            raise ValidationError(
                {
                    "start": "The date must be after "
                    f"{current.start.day} {current.start:%B %Y}, when the current status began"
                }
            )
        SenStatus.objects.filter(pk=current.pk).update(
            end=start - timedelta(days=1), updated_by=actor, version=current.version + 1
        )
    status = _open_status(
        actor=actor, child=child, school=school, provision=provision, start=start, reason=reason
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.UPDATED,
        record=status,
        subject_id=child.pk,
        organisation_id=school.pk,
        old_values={"provision": current.provision if current else None},
        new_values={"provision": provision, "start": start},
    )
    return status


@transaction.atomic
def needs_update(
    *,
    actor,
    child: Child,
    school: Organisation,
    needs: list[tuple[str, int]],
    start: date,
    today: date,
    based_on: str | None = None,
) -> list[Need]:
    """Replace the pupil's open needs with `needs` (code, rank) from `start`, keeping history."""
    _require_register_editor(actor, school, child)
    _refuse_stale_edit(child, based_on)
    if start > today:
        raise ValidationError({"start": "The date cannot be in the future"})
    current_status = child.sen_statuses.filter(end__isnull=True).first()
    provision = current_status.provision if current_status else Provision.NO_SEN
    problems = census_check(provision=provision, needs=needs, census_date=start)
    if problems:
        raise ValidationError({"needs": [problem.message for problem in problems]})
    wanted = {code.upper(): rank for code, rank in needs}
    current = {need.code: need for need in child.needs.filter(end__isnull=True)}
    changed = [n for code, n in current.items() if wanted.get(code) != n.rank]
    if any(start <= need.start for need in changed):
        raise ValidationError({"start": "The date must be after the current needs were recorded"})
    Need.objects.filter(pk__in=[n.pk for n in changed]).update(end=start - timedelta(days=1))
    kept = {code for code, n in current.items() if wanted.get(code) == n.rank}
    try:
        created = Need.objects.bulk_create(
            Need(child=child, code=code, rank=rank, start=start, created_by=actor, updated_by=actor)
            for code, rank in wanted.items()
            if code not in kept
        )
    except IntegrityError as error:  # a race with another edit of the same record
        raise ValidationError(
            "Someone else changed these needs at the same time: try again"
        ) from error
    audit_record(
        actor=actor,
        kind=AuditEventKind.UPDATED,
        record_type="people.need",
        record_id=str(child.pk),
        subject_id=child.pk,
        organisation_id=school.pk,
        old_values={"needs": sorted((n.code, n.rank) for n in current.values())},
        new_values={"needs": sorted(wanted.items())},
    )
    return created


@transaction.atomic
def parent_link_add(
    *,
    actor,
    child: Child,
    school: Organisation,
    full_name: str,
    email: str,
    relationship: str,
    parental_responsibility: bool,
    has_care: bool,
) -> ParentLink:
    _require_register_editor(actor, school, child)
    if relationship not in Relationship.values:
        raise ValidationError({"relationship": "Choose how they are related to the child"})
    if not (parental_responsibility or has_care):
        raise ValidationError(
            "A parent or carer has parental responsibility or has care of the child "
            "(Education Act 1996 s576): tick at least one"
        )
    link = ParentLink.objects.create(
        child=child,
        full_name=full_name.strip(),
        email=email.strip().lower(),
        relationship=relationship,
        parental_responsibility=parental_responsibility,
        has_care=has_care,
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.CREATED,
        record=link,
        subject_id=child.pk,
        organisation_id=school.pk,
        new_values={"relationship": relationship},
    )
    return link


@transaction.atomic
def parent_access_set(
    *, actor, link: ParentLink, school: Organisation, restricted: bool, note: str = ""
) -> ParentLink:
    """Restrict (or restore) a parent's access to the child's record, e.g. after a court order."""
    _require_register_editor(actor, school, link.child)
    if restricted and not note.strip():
        raise ValidationError({"note": "Say why access is restricted (for example, a court order)"})
    ParentLink.objects.filter(pk=link.pk).update(
        access_restricted=restricted,
        restriction_note=note.strip() if restricted else "",
        updated_by=actor,
        version=link.version + 1,
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.UPDATED,
        record=link,
        subject_id=link.child_id,
        organisation_id=school.pk,
        old_values={"access_restricted": link.access_restricted},
        new_values={"access_restricted": restricted},
    )
    link.refresh_from_db()
    return link
