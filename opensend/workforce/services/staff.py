"""The school's staff list: one person, a pasted list, or colleagues who already use OpenSEND.

Most teachers never sign in, yet the Code of Practice briefing is for all of them, so the list
is the school's own. Typing it again is workload (DESIGN), so a list can be pasted from a
spreadsheet and everyone with an OpenSEND account at the school added in one click.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from opensend.core.models import AuditEventKind
from opensend.core.services import model_update
from opensend.organisations.models import Membership, Role
from opensend.workforce.models import Job, SencoAppointment, StaffMember
from opensend.workforce.services._base import audit, require_manager, today

MAX_KEY_WORKER_HOURS = Decimal(40)  # a full working week
MAX_PASTED_LINES = 500

# The job a membership's role gives, most senior first when someone has two roles.
JOB_FOR_ROLE = {
    Role.SENCO: Job.SENCO,
    Role.HEAD: Job.HEAD,
    Role.TEACHER: Job.TEACHER,
    Role.TEACHING_ASSISTANT: Job.TEACHING_ASSISTANT,
}

# Words people use for each job in their own spreadsheets (lower case, spaces collapsed).
JOB_WORDS = {
    Job.SENCO: {"senco", "sendco", "senco and inclusion lead", "inclusion lead", "senco/inco"},
    Job.HEAD: {"head", "headteacher", "head teacher", "principal", "executive head"},
    Job.LEADER: {
        "leader",
        "senior leader",
        "slt",
        "deputy",
        "deputy head",
        "assistant head",
        "deputy headteacher",
        "assistant headteacher",
        "other senior leader",
    },
    Job.TEACHER: {"teacher", "class teacher", "subject teacher", "teaching", "ect", "nqt"},
    Job.TEACHING_ASSISTANT: {
        "ta",
        "hlta",
        "lsa",
        "teaching assistant",
        "learning support assistant",
        "higher level teaching assistant",
        "support assistant",
    },
    Job.SUPPORT: {"support", "pastoral", "family support", "pastoral support", "learning mentor"},
    Job.OTHER: {"other", "other staff", "admin", "office"},
}
_JOB_LOOKUP = {word: job for job, words in JOB_WORDS.items() for word in words}
_JOB_LOOKUP.update({job.value: job for job in Job})
_JOB_LOOKUP.update({job.label.lower(): job for job in Job})


def job_from_text(text: str) -> str | None:
    """'TA', 'Class teacher', 'SENCo' -> the job; None when it is not a job we know."""
    key = re.sub(r"\s+", " ", text.strip().lower().replace("-", " ").replace(".", ""))
    return _JOB_LOOKUP.get(key)


def _clean_name(full_name: str) -> str:
    name = " ".join(full_name.split())
    if not name:
        raise ValidationError({"full_name": "Enter the person's name"})
    if len(name) > 150:
        raise ValidationError({"full_name": "The name must be 150 characters or fewer"})
    return name


def _clean_email(email: str) -> str:
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise ValidationError(
                {"email": "Enter an email address like name@school.example"}
            ) from error
    return email.lower()


def _clean_job(job: str) -> str:
    if job not in Job.values:
        raise ValidationError({"job": "Select the person's job"})
    return job


def _clean_hours(hours) -> Decimal:
    try:
        value = Decimal(str(hours))
    except InvalidOperation as error:
        raise ValidationError({"key_worker_hours": "Enter hours as a number, like 2.5"}) from error
    if not value.is_finite() or value < 0 or value > MAX_KEY_WORKER_HOURS:
        raise ValidationError(
            {"key_worker_hours": f"Key-worker hours must be between 0 and {MAX_KEY_WORKER_HOURS}"}
        )
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError({"key_worker_hours": "Use at most 2 decimal places, like 2.25"})
    return value


def _email_taken(school, email: str, *, exclude_pk=None) -> bool:
    if not email:
        return False
    current = StaffMember.objects.filter(school=school, left_on__isnull=True, email__iexact=email)
    if exclude_pk is not None:
        current = current.exclude(pk=exclude_pk)
    return current.exists()


def _staff_accounts(school) -> dict[str, object]:
    """Accounts of people working at the school (not governors), by lower-case email."""
    memberships = Membership.objects.filter(
        organisation=school, is_active=True, role__in=list(JOB_FOR_ROLE)
    ).select_related("user")
    return {m.user.email.lower(): m.user for m in memberships}


def _linked_user_ids(school) -> set:
    return set(
        StaffMember.objects.filter(school=school, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )


def _account_for(school, email: str, user, accounts=None, linked=None):
    """The account to link: the one given, else a colleague's with the same email."""
    if user is not None:
        return user
    if not email:
        return None
    accounts = _staff_accounts(school) if accounts is None else accounts
    linked = _linked_user_ids(school) if linked is None else linked
    found = accounts.get(email)
    return found if found is not None and found.pk not in linked else None


def _create(actor, school, *, full_name, job, email, user, key_worker_hours) -> StaffMember:
    member = StaffMember.objects.create(
        school=school,
        full_name=full_name,
        job=job,
        email=email,
        user=user,
        key_worker_hours=key_worker_hours,
        created_by=actor,
        updated_by=actor,
    )
    audit(
        actor,
        AuditEventKind.CREATED,
        member,
        school_id=school.pk,
        new_values={"job": job, "key_worker_hours": key_worker_hours, "linked": bool(user)},
    )
    return member


def _cleaned_details(
    school, *, full_name, email, job, key_worker_hours, exclude_pk=None
) -> tuple[dict, dict]:
    """A person's details cleaned, and every problem keyed by its field (adding and editing
    check the same things; an email may be on the list once)."""
    errors = {}
    values = {}
    for field, clean, value in (
        ("full_name", _clean_name, full_name),
        ("email", _clean_email, email),
        ("job", _clean_job, job),
        ("key_worker_hours", _clean_hours, key_worker_hours),
    ):
        try:
            values[field] = clean(value)
        except ValidationError as error:
            errors.update(error.message_dict)
    if "email" in values and _email_taken(school, values["email"], exclude_pk=exclude_pk):
        errors["email"] = f"{values['email']} is already on the staff list"
    return values, errors


@transaction.atomic
def staff_add(
    *,
    actor,
    school,
    full_name: str,
    job: str,
    email: str = "",
    user=None,
    key_worker_hours=0,
) -> StaffMember:
    """Add one person. Their account is linked when their email is a colleague's account here."""
    require_manager(actor, school.pk)
    values, errors = _cleaned_details(
        school, full_name=full_name, email=email, job=job, key_worker_hours=key_worker_hours
    )
    if user is not None and user.pk in _linked_user_ids(school):
        errors["full_name"] = "This person's account is already on the staff list"
    elif user is not None and user.email.lower() not in _staff_accounts(school):
        errors["full_name"] = "Only an account of someone who works at this school can be linked"
    if errors:
        raise ValidationError(errors)
    account = _account_for(school, values["email"], user)
    return _create(actor, school, user=account, **values)


def _parse_line(number: int, line: str) -> tuple[dict, str | None]:
    """'Name, email, job' (email and job optional, in either order); tabs work as commas."""
    parts = [part.strip() for part in re.split(r"[,\t]", line)]
    name, rest = parts[0], [part for part in parts[1:] if part]
    email, job_text = "", ""
    for part in rest:
        if "@" in part and not email:
            email = part
        elif not job_text:
            job_text = part
        else:
            return {}, f"Line {number}: put one person a line, as Name, email, job"
    row = {"full_name": name, "email": email, "job": Job.TEACHER}
    if job_text:
        job = job_from_text(job_text)
        if job is None:
            return {}, (
                f"Line {number}: we do not recognise the job “{job_text}”. Use SENCO, head, "
                "leader, teacher, TA, support or other"
            )
        row["job"] = job
    try:
        row["full_name"] = _clean_name(name)
        row["email"] = _clean_email(email)
    except ValidationError as error:
        message = next(iter(error.message_dict.values()))[0]
        return {}, f"Line {number}: {message[0].lower()}{message[1:]}"
    return row, None


@transaction.atomic
def staff_add_many(*, actor, school, text: str) -> list[StaffMember]:
    """Add a pasted list, one person a line. Any bad line: nothing is saved, each line named."""
    require_manager(actor, school.pk)
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise ValidationError({"text": "Paste at least one person, one a line"})
    if len(lines) > MAX_PASTED_LINES:
        raise ValidationError({"text": f"Paste at most {MAX_PASTED_LINES} people at a time"})
    rows, problems, seen = [], [], set()
    for number, line in lines:
        row, problem = _parse_line(number, line)
        if problem is None and row["email"]:
            if row["email"] in seen or _email_taken(school, row["email"]):
                problem = f"Line {number}: {row['email']} is already on the staff list"
            seen.add(row["email"])
        if problem:
            problems.append(problem)
        else:
            rows.append(row)
    if problems:
        raise ValidationError({"text": problems})
    accounts, linked = _staff_accounts(school), _linked_user_ids(school)
    added = []
    for row in rows:
        account = _account_for(school, row["email"], None, accounts, linked)
        if account is not None:
            linked.add(account.pk)
        added.append(_create(actor, school, user=account, key_worker_hours=Decimal(0), **row))
    return added


@transaction.atomic
def staff_add_from_accounts(*, actor, school) -> list[StaffMember]:
    """Everyone with an active staff role here (not governors) who is not on the list yet.

    Someone already on the list by email is linked to their account rather than added twice.
    """
    require_manager(actor, school.pk)
    roles = {}
    memberships = Membership.objects.filter(
        organisation=school, is_active=True, role__in=list(JOB_FOR_ROLE)
    ).select_related("user")
    order = list(JOB_FOR_ROLE)
    for membership in memberships:
        if not membership.user.is_active:
            continue
        current = roles.get(membership.user)
        if current is None or order.index(membership.role) < order.index(current):
            roles[membership.user] = membership.role
    linked = _linked_user_ids(school)
    unlinked = {
        member.email.lower(): member
        for member in StaffMember.objects.filter(
            school=school, left_on__isnull=True, user__isnull=True
        ).exclude(email="")
    }
    changed = []
    for user, role in sorted(roles.items(), key=lambda item: item[0].full_name):
        if user.pk in linked:
            continue
        member = unlinked.get(user.email.lower())
        if member is not None:
            StaffMember.objects.filter(pk=member.pk).update(user=user, updated_by=actor)
            member.user = user
            audit(
                actor,
                AuditEventKind.UPDATED,
                member,
                school_id=school.pk,
                new_values={"linked": True},
            )
        else:
            member = _create(
                actor,
                school,
                full_name=user.full_name or user.email,
                job=JOB_FOR_ROLE[role],
                email=user.email.lower(),
                user=user,
                key_worker_hours=Decimal(0),
            )
        changed.append(member)
    return changed


@transaction.atomic
def staff_update(
    *,
    actor,
    staff: StaffMember,
    version: int,
    full_name: str,
    email: str,
    job: str,
    key_worker_hours,
    left_on=None,
) -> StaffMember:
    """Change a person's details, or record the day they left. A stale version is refused.

    A SENCO who leaves, or whose job is no longer SENCO or head, stops being the SENCO: their
    open appointment ends that day (reg 49 applies to the person designated SENCO).
    """
    require_manager(actor, staff.school_id)
    values, errors = _cleaned_details(
        staff.school,
        full_name=full_name,
        email=email,
        job=job,
        key_worker_hours=key_worker_hours,
        exclude_pk=staff.pk,
    )
    if left_on is not None and left_on > today():
        errors["left_on"] = "The date they left must be today or in the past"
    if errors:
        raise ValidationError(errors)
    values["left_on"] = left_on
    updated = model_update(
        instance=staff,
        actor=actor,
        data=values,
        expected_version=version,
        organisation_id=staff.school_id,
    )
    if left_on is not None or values["job"] not in (Job.SENCO, Job.HEAD):
        _end_appointment(actor, updated, left_on or today())
    return updated


def _end_appointment(actor, staff: StaffMember, ended_on) -> None:
    for appointment in SencoAppointment.objects.filter(staff=staff, ended_on__isnull=True):
        appointment.ended_on = max(ended_on, appointment.appointed_on)
        appointment.updated_by = actor
        appointment.save(update_fields=["ended_on", "updated_by", "updated_at"])
        audit(
            actor,
            AuditEventKind.UPDATED,
            appointment,
            school_id=staff.school_id,
            new_values={"ended_on": appointment.ended_on},
        )
