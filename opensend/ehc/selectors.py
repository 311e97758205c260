"""Who sees which EHC cases and advice (DESIGN "Who sees what").

Each party sees a case through its own door, and each door shows only what that party may see:

- The local authority's SEND team (caseworkers, managers) see every case of their LA, in full.
- The SENCO and head of the child's school see the case's requests, where it stands, the
  letters sent, and the advice asked of the school. Teachers and assistants see none of it
  (the DESIGN table: no assessment advice or letters).
- The family (a parent whose access is not restricted; the young person) sees the timeline,
  the letters, and the advice shared with them (shared by default).
- A professional sees only the advice requests sent to them by name, and through each of
  them only that child; after giving advice they keep read-only access to it.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from opensend.core.access import get_audited
from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.ehc.models import (
    COMPLETE_ADVICE,
    OPEN_STAGES,
    OUTSTANDING_ADVICE,
    AdviceAttachment,
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    AssessmentRequest,
    CaseStage,
    EhcCase,
    Letter,
    PlanVersion,
)
from opensend.law.dates import age_on
from opensend.organisations.models import Organisation
from opensend.organisations.selectors import active_memberships
from opensend.people.models import Enrolment, ParentLink
from opensend.people.selectors import is_la_staff, la_ids

CASE_MANAGERS = frozenset({"senco", "head"})


def school_manager_ids(user) -> set:
    """Schools where the person is SENCO or head: they see and make the school's requests."""
    return {m.organisation_id for m in active_memberships(user) if m.role in CASE_MANAGERS}


def _own_child_filter(user, prefix: str = "child") -> Q:
    own = Q(
        Exists(
            ParentLink.objects.filter(
                child=OuterRef(f"{prefix}_id" if prefix else "pk"),
                user=user,
                access_restricted=False,
            )
        )
    )
    return own | Q(**{f"{prefix}__account": user})


# --- the local authority ----------------------------------------------------------------------


def is_la_staff_for(user, case: EhcCase) -> bool:
    return is_la_staff(user, case.local_authority_id)


def la_cases(user) -> QuerySet[EhcCase]:
    if not user.is_authenticated:
        return EhcCase.objects.none()
    if user.is_superuser:
        return EhcCase.objects.all()
    return EhcCase.objects.filter(local_authority_id__in=la_ids(user))


def get_la_case_for(user, case_id) -> EhcCase:
    return get_audited(
        la_cases(user).select_related("child", "local_authority", "caseworker"),
        case_id,
        user=user,
        subject_id=lambda case: case.child_id,
    )


def caseworkers_for(user) -> QuerySet:
    """The SEND team members of the person's LAs, for the 'who owns it' filter and assignment."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation_id__in=la_ids(user),
            memberships__role__in=["la_caseworker", "la_manager"],
            memberships__is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


def _current_school_prefetch() -> Prefetch:
    return Prefetch(
        "child__enrolments",
        queryset=Enrolment.objects.filter(end__isnull=True).select_related("school"),
        to_attr="open_enrolments",
    )


def work_tray(
    user,
    *,
    stage: str = "",
    school_id=None,
    worker_id=None,
    open_only: bool = True,
) -> QuerySet[EhcCase]:
    """The caseworker's cases by the next statutory date, with the counts each row shows.

    A constant number of queries whatever the number of cases: one for the cases (with the
    advice counts annotated) and one for the children's current schools.
    """
    cases = la_cases(user)
    if open_only and not stage:
        cases = cases.filter(stage__in=OPEN_STAGES)
    if stage:
        cases = cases.filter(stage=stage)
    if school_id:
        cases = cases.filter(
            Exists(
                Enrolment.objects.filter(
                    child=OuterRef("child_id"), school_id=school_id, end__isnull=True
                )
            )
        )
    if worker_id == "none":
        cases = cases.filter(caseworker__isnull=True)
    elif worker_id:
        cases = cases.filter(caseworker_id=worker_id)
    return (
        cases.select_related("child", "caseworker")
        .annotate(
            advice_outstanding=Count(
                "advice_requests",
                filter=Q(advice_requests__status__in=OUTSTANDING_ADVICE),
                distinct=True,
            ),
            advice_unsent=Count(
                "advice_requests",
                filter=Q(advice_requests__status=AdviceStatus.DRAFT),
                distinct=True,
            ),
            exception_count=Count("exceptions", distinct=True),
        )
        .prefetch_related(_current_school_prefetch())
        .order_by("next_due", "received", "pk")
    )


def schools_in_area(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind="school", local_authority_id__in=la_ids(user)).order_by(
        "name"
    )


def professionals_for(case: EhcCase, role: str) -> QuerySet:
    """People with a professional role in a service in the case's LA area (advice recipients)."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation__local_authority_id=case.local_authority_id,
            memberships__organisation__kind="professional_service",
            memberships__role=role,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


def professional_services_for(case: EhcCase) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        kind="professional_service", local_authority_id=case.local_authority_id
    ).order_by("name")


# --- the school -----------------------------------------------------------------------------


def school_cases(user) -> QuerySet[EhcCase]:
    """Cases of children on roll at schools where the person is SENCO or head."""
    if not user.is_authenticated:
        return EhcCase.objects.none()
    schools = school_manager_ids(user)
    if not schools:
        return EhcCase.objects.none()
    return EhcCase.objects.filter(
        Exists(
            Enrolment.objects.filter(
                child=OuterRef("child_id"), school_id__in=schools, end__isnull=True
            )
        )
    )


def get_school_case_for(user, case_id) -> EhcCase:
    return get_audited(
        school_cases(user).select_related("child", "local_authority", "caseworker"),
        case_id,
        user=user,
        subject_id=lambda case: case.child_id,
    )


# --- the family -----------------------------------------------------------------------------


def family_cases(user) -> QuerySet[EhcCase]:
    if not user.is_authenticated:
        return EhcCase.objects.none()
    return EhcCase.objects.filter(_own_child_filter(user))


def get_family_case_for(user, case_id) -> EhcCase:
    return get_audited(
        family_cases(user).select_related("child", "local_authority", "caseworker"),
        case_id,
        user=user,
        subject_id=lambda case: case.child_id,
    )


def advice_shared_with_family(case: EhcCase) -> QuerySet[AdviceRequest]:
    return case.advice_requests.filter(
        status__in=COMPLETE_ADVICE, shared_with_family=True
    ).prefetch_related("attachments")


# --- people giving advice -------------------------------------------------------------------


def advice_for_responder(user) -> QuerySet[AdviceRequest]:
    """Advice requests this person answers (sent ones only; drafts are the LA's own).

    - a professional: the requests addressed to them by name;
    - a SENCO or head: the educational advice asked of their school;
    - a family: the family's own advice for their child.
    """
    if not user.is_authenticated:
        return AdviceRequest.objects.none()
    mine = Q(recipient_user=user)
    schools = school_manager_ids(user)
    if schools:
        mine |= Q(recipient_organisation_id__in=schools, kind=AdviceKind.EDUCATIONAL)
    mine |= Q(kind=AdviceKind.FAMILY) & _own_child_filter(user, prefix="case__child")
    return AdviceRequest.objects.filter(mine).exclude(
        status__in=[AdviceStatus.DRAFT, AdviceStatus.WITHDRAWN]
    )


def get_advice_for_responder(user, advice_id) -> AdviceRequest:
    return get_audited(
        advice_for_responder(user).select_related(
            "case", "case__child", "case__local_authority", "case__caseworker"
        ),
        advice_id,
        user=user,
        subject_id=lambda advice: advice.case.child_id,
    )


def can_give_advice(user, advice: AdviceRequest) -> bool:
    return (
        advice.status == AdviceStatus.REQUESTED
        and advice_for_responder(user).filter(pk=advice.pk).exists()
    )


# --- one case, whoever is looking ---------------------------------------------------------


def case_requests(case: EhcCase) -> QuerySet[AssessmentRequest]:
    return case.requests.select_related("school", "made_by").order_by("received", "created_at")


def just_sent_request(case: EhcCase, request_id: str) -> AssessmentRequest | None:
    """The request someone has just sent, for the confirmation panel: named in the URL, but
    looked up within the case, so a stale or edited link shows nothing."""
    if not request_id:
        return None
    try:
        return case_requests(case).filter(pk=request_id).first()
    except (ValueError, ValidationError):
        return None


def open_case_for(child) -> EhcCase | None:
    return EhcCase.objects.filter(child=child, stage__in=OPEN_STAGES).first()


def case_stage_label(stage: str) -> str:
    return CaseStage(stage).label


def get_attachment_for(user, attachment_id):
    """An advice attachment, for whoever may read that advice: the LA, its author's side, or
    the family when the advice is shared with them. 404 otherwise."""
    visible = (
        Q(advice__case__in=la_cases(user))
        | Q(advice__in=advice_for_responder(user))
        | Q(
            advice__case__in=family_cases(user),
            advice__shared_with_family=True,
            advice__status__in=COMPLETE_ADVICE,
        )
    )
    try:
        attachment = (
            AdviceAttachment.objects.filter(visible)
            .select_related("advice__case")
            .get(pk=attachment_id)
        )
    except (AdviceAttachment.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("Not found.") from error
    audit_record(
        actor=user,
        kind=AuditEventKind.DOWNLOADED,
        record=attachment,
        subject_id=attachment.advice.case.child_id,
    )
    return attachment


def letters_visible_to(user) -> QuerySet:
    """Letters: the LA sees its drafts and sent letters; the school's SENCO and head and the
    family see the letters once sent."""
    if not user.is_authenticated:
        return Letter.objects.none()
    return Letter.objects.filter(
        Q(case__in=la_cases(user))
        | Q(sent_at__isnull=False)
        & (Q(case__in=school_cases(user)) | Q(case__in=family_cases(user)))
    )


def get_letter_for(user, letter_id, *, kind: AuditEventKind = AuditEventKind.VIEWED):
    return get_audited(
        letters_visible_to(user).select_related(
            "decision", "case", "case__child", "case__local_authority", "case__caseworker"
        ),
        letter_id,
        user=user,
        subject_id=lambda letter: letter.case.child_id,
        kind=kind,
    )


def get_la_letter_for(user, letter_id):
    """A letter of the person's council's cases (drafts too), or 404: the LA's review page.
    Schools and families read sent letters elsewhere (`ehc_letter_read`)."""
    return get_audited(
        letters_visible_to(user)
        .filter(case__in=la_cases(user))
        .select_related(
            "decision", "case", "case__child", "case__local_authority", "case__caseworker"
        ),
        letter_id,
        user=user,
        subject_id=lambda letter: letter.case.child_id,
    )


def get_la_advice_for(user, advice_id) -> AdviceRequest:
    """An advice request on one of the person's council's cases, or 404 (audited)."""
    return get_audited(
        AdviceRequest.objects.filter(case__in=la_cases(user)).select_related(
            "case",
            "case__child",
            "case__local_authority",
            "recipient_user",
            "recipient_organisation",
            "submitted_by",
        ),
        advice_id,
        user=user,
        subject_id=lambda advice: advice.case.child_id,
    )


# --- the EHC plan (issue 8) -------------------------------------------------------------------

ALL_SECTIONS = frozenset({"A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"})
# DESIGN "Who sees what": teachers and teaching assistants read sections B, E and F.
CLASSROOM_SECTIONS = frozenset({"B", "E", "F"})
# A professional sees the sections their kind of advice speaks to (issue 8 item 5).
SECTIONS_FOR_ADVICE = {
    AdviceKind.EDUCATIONAL: frozenset({"B", "E", "F"}),
    AdviceKind.PSYCHOLOGICAL: frozenset({"B", "E", "F"}),
    AdviceKind.MEDICAL: frozenset({"C", "E", "G"}),
    AdviceKind.SOCIAL_CARE: frozenset({"D", "E", "H1", "H2"}),
    AdviceKind.ADULTHOOD: frozenset({"E", "F", "H2"}),
    AdviceKind.OTHER: frozenset({"B", "E", "F"}),
    AdviceKind.FAMILY_REQUESTED: frozenset({"B", "E", "F"}),
}


def _classroom_school_ids(user) -> set:
    return {
        m.organisation_id
        for m in active_memberships(user)
        if m.role in {"teacher", "teaching_assistant"}
    }


def plan_versions_visible_to(user) -> QuerySet:
    """Plan versions through each party's door:

    - the LA: every version of its plans, drafts included;
    - the family: drafts once served to them, and issued plans (never a draft being written);
    - the school's SENCO and head (the child's school, or the school named in the plan), and its
      teachers and assistants: issued plans only (the page shows teachers B, E and F);
    - a professional whose advice is in the plan: served and issued versions, in their sections.
    """
    if not user.is_authenticated:
        return PlanVersion.objects.none()
    if user.is_superuser:
        return PlanVersion.objects.all()
    shown = Q(served_on__isnull=False) | Q(issued_on__isnull=False)
    issued = Q(issued_on__isnull=False)
    reach = Q(plan__case__in=la_cases(user))
    reach |= shown & Q(plan__case__in=family_cases(user))
    schools = school_manager_ids(user) | _classroom_school_ids(user)
    if schools:
        on_roll = Exists(
            Enrolment.objects.filter(
                child=OuterRef("plan__child_id"), school_id__in=schools, end__isnull=True
            )
        )
        reach |= issued & (Q(on_roll) | Q(placement_id__in=schools))
    reach |= shown & Q(advice__recipient_user=user)
    return PlanVersion.objects.filter(reach).distinct()


def get_plan_version_for(user, version_id):
    return get_audited(
        plan_versions_visible_to(user).select_related(
            "plan", "plan__child", "plan__local_authority", "plan__case", "placement"
        ),
        version_id,
        user=user,
        subject_id=lambda version: version.plan.child_id,
    )


def visible_sections(user, version) -> frozenset[str]:
    """Which sections of this version the person may read (the version is already theirs)."""
    if is_la_staff(user, version.plan.local_authority_id):
        return ALL_SECTIONS
    if family_cases(user).filter(pk=version.plan.case_id).exists():
        return ALL_SECTIONS
    managed = school_manager_ids(user)
    if managed and (
        version.placement_id in managed
        or Enrolment.objects.filter(
            child_id=version.plan.child_id, school_id__in=managed, end__isnull=True
        ).exists()
    ):
        return ALL_SECTIONS
    if _classroom_school_ids(user):
        return CLASSROOM_SECTIONS
    kinds = version.advice.filter(recipient_user=user).values_list("kind", flat=True)
    sections: set[str] = set()
    for kind in kinds:
        sections |= SECTIONS_FOR_ADVICE.get(kind, frozenset())
    return frozenset(sections)


def plan_versions_of_case(user, case) -> list:
    """The case's plan versions this person may see, oldest first, for the case pages."""
    return list(plan_versions_visible_to(user).filter(plan__case=case).order_by("number"))


def consultations_waiting(user, school) -> QuerySet:
    """Consultations on naming this school that its SENCO or head has still to answer."""
    from opensend.ehc.models import SchoolConsultation

    if school.pk not in school_manager_ids(user):
        return SchoolConsultation.objects.none()
    return (
        SchoolConsultation.objects.filter(school=school, responded_on__isnull=True)
        .select_related("version__plan__child")
        .order_by("respond_by", "created_at")
    )


# Not a rule: the age from which a child is treated as a young person for preparation for
# adulthood when no year group is recorded (compulsory school age ends in the school year of
# the 16th birthday, Education Act 1996 s8).
YOUNG_PERSON_AGE = 16


def adulthood_inputs(child, today) -> dict:
    """What `law.assessment.adulthood_applies` and `minimum_advice` need to know of a child:
    their current year group, and whether they are a young person (their own account, or 16)."""
    enrolment = child.enrolments.filter(end__isnull=True).order_by("-start").first()
    return {
        "year_group": enrolment.year_group if enrolment else None,
        "is_young_person": child.account_id is not None
        or age_on(child.date_of_birth, today) >= YOUNG_PERSON_AGE,
    }
