"""Who may see which child (DESIGN "Who sees what"), and the register as a school sees it.

- School staff (SENCO, teacher, teaching assistant, head) see pupils on roll at their schools.
- Governors see no named child: only counts (`register_counts`, under 5 suppressed).
- LA caseworkers and managers see children their LA is responsible for who have a statutory
  case: an EHC plan (E), or a request for an EHC needs assessment made to their LA.
- Parents see their own children, unless access is restricted on the link.
- A young person sees their own record.
- Professionals see no child here: they see the advice requests sent to them, each showing
  only its child (opensend.ehc.selectors.advice_for_responder).
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from opensend.core.access import get_audited
from opensend.organisations.models import LA_ROLES, SCHOOL_STAFF_ROLES, Invitation, Organisation
from opensend.organisations.selectors import active_memberships
from opensend.people.models import Child, Enrolment, Need, ParentLink, Provision, SenStatus

# Counts smaller than this are hidden from governors, so no child can be picked out.
SMALL_NUMBER_THRESHOLD = 5


def _open_enrolments_at(school_ids) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(school_id__in=school_ids, end__isnull=True)


def statutory_case_filter() -> Q:
    """Children with a statutory case: an EHC plan (E on the register)."""
    return Q(
        Exists(
            SenStatus.objects.filter(
                child=OuterRef("pk"), end__isnull=True, provision=Provision.EHC_PLAN
            )
        )
    )


def la_reach(authorities) -> Q:
    """The children an LA's SEND team may see: those it is responsible for with an EHC plan,
    and any child with an EHC needs assessment case at the LA (open or closed). The case is
    looked up by app label: the ehc app builds on this one, so this one does not import it."""
    EhcCase = apps.get_model("ehc", "EhcCase")
    with_plan = Q(home_local_authority_id__in=authorities) & statutory_case_filter()
    return with_plan | Q(
        Exists(EhcCase.objects.filter(child=OuterRef("pk"), local_authority_id__in=authorities))
    )


def is_on_roll(child: Child, school: Organisation) -> bool:
    """Whether the child is on the school's roll now (an open enrolment there)."""
    return _open_enrolments_at([school.pk]).filter(child=child).exists()


def staff_school_ids(user) -> set:
    return {m.organisation_id for m in active_memberships(user) if m.role in SCHOOL_STAFF_ROLES}


def la_ids(user) -> set:
    return {m.organisation_id for m in active_memberships(user) if m.role in LA_ROLES}


def is_la_staff(user, local_authority_id) -> bool:
    """Whether the person is on that council's SEND team (or a superuser)."""
    return user.is_authenticated and (user.is_superuser or local_authority_id in la_ids(user))


def children_visible_to(user) -> QuerySet[Child]:
    if not user.is_authenticated:
        return Child.objects.none()
    if user.is_superuser:
        return Child.objects.all()
    reach = Q(pk__in=[])  # nothing, until a rule below adds to it
    schools = staff_school_ids(user)
    if schools:
        reach |= Q(Exists(_open_enrolments_at(schools).filter(child=OuterRef("pk"))))
    authorities = la_ids(user)
    if authorities:
        reach |= la_reach(authorities)
    reach |= Q(
        Exists(ParentLink.objects.filter(child=OuterRef("pk"), user=user, access_restricted=False))
    )
    reach |= Q(account=user)
    return Child.objects.filter(reach)


def get_child_for(user, child_id) -> Child:
    """A child's record, if the user may see it; the view is written to the audit log."""
    return get_audited(
        children_visible_to(user).select_related("home_local_authority"),
        child_id,
        user=user,
        subject_id=lambda child: child.pk,
    )


def can_edit_register(user, school: Organisation) -> bool:
    """SENCOs and heads keep their school's register; teachers and TAs read it."""
    return any(
        m.organisation_id == school.pk and m.role in {"senco", "head"}
        for m in active_memberships(user)
    )


def schools_for_register(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=staff_school_ids(user)).order_by("name")


def get_register_school_for(user, school_id) -> Organisation:
    try:
        return schools_for_register(user).get(pk=school_id)
    except (Organisation.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("No such school.") from error


def current_register_prefetch():
    """Prefetches for a page of children: their open status, open needs and enrolment."""
    return [
        Prefetch(
            "sen_statuses",
            queryset=SenStatus.objects.filter(end__isnull=True),
            to_attr="open_statuses",
        ),
        Prefetch("needs", queryset=Need.objects.filter(end__isnull=True), to_attr="open_needs"),
        Prefetch(
            "enrolments",
            queryset=Enrolment.objects.filter(end__isnull=True).select_related("school"),
            to_attr="open_enrolments",
        ),
    ]


def register_for_school(
    user,
    school: Organisation,
    *,
    provision: str | None = None,
    need: str | None = None,
    sen_only: bool = True,
    order: str = "name",
) -> QuerySet[Child]:
    """The school's SEN register: pupils on roll, with status and needs, filtered and sorted."""
    if school.pk not in staff_school_ids(user) and not user.is_superuser:
        return Child.objects.none()
    children = Child.objects.filter(
        Exists(_open_enrolments_at([school.pk]).filter(child=OuterRef("pk")))
    )
    if provision:
        children = children.filter(
            sen_statuses__end__isnull=True, sen_statuses__provision=provision
        )
    elif sen_only:
        children = children.filter(
            sen_statuses__end__isnull=True,
            sen_statuses__provision__in=[Provision.EHC_PLAN, Provision.SEN_SUPPORT],
        )
    if need:
        children = children.filter(needs__end__isnull=True, needs__code=need)
    ordering = {
        "name": ["last_name", "first_name"],
        "-name": ["-last_name", "-first_name"],
        "dob": ["date_of_birth", "last_name"],
        "-dob": ["-date_of_birth", "last_name"],
    }.get(order, ["last_name", "first_name"])
    return children.order_by(*ordering).prefetch_related(*current_register_prefetch()).distinct()


@dataclass(frozen=True)
class RegisterCount:
    label: str
    count: int | None  # None when suppressed (fewer than 5)

    @property
    def shown(self) -> str:
        return "fewer than 5" if self.count is None else str(self.count)


def _suppress(count: int) -> int | None:
    return None if 0 < count < SMALL_NUMBER_THRESHOLD else count


def register_totals(school_ids) -> dict[tuple, int]:
    """{(school id, provision): pupils} for pupils on roll now on SEN support (K) or with an
    EHC plan (E), for any number of schools in one grouped query (exact: not for governors)."""
    return {
        (school_id, provision): total
        for school_id, provision, total in SenStatus.objects.filter(
            end__isnull=True,
            provision__in=[Provision.EHC_PLAN, Provision.SEN_SUPPORT],
            child__enrolments__school_id__in=list(school_ids),
            child__enrolments__end__isnull=True,
        )
        .values_list("child__enrolments__school_id", "provision")
        .annotate(total=Count("child_id", distinct=True))
        .order_by()
    }


def register_counts(school: Organisation) -> dict[str, list[RegisterCount]]:
    """Counts by provision and by primary need, with small numbers hidden (for governors)."""
    on_roll = Child.objects.filter(
        Exists(_open_enrolments_at([school.pk]).filter(child=OuterRef("pk")))
    )
    by_provision = dict(
        SenStatus.objects.filter(child__in=on_roll, end__isnull=True)
        .values_list("provision")
        .annotate(total=Count("id"))
    )
    by_need = dict(
        Need.objects.filter(child__in=on_roll, end__isnull=True, rank=1)
        .values_list("code")
        .annotate(total=Count("id"))
    )
    need_labels = dict(Need._meta.get_field("code").choices)
    return {
        "provision": [
            RegisterCount(label, _suppress(by_provision.get(code, 0)))
            for code, label in Provision.choices
        ],
        "primary_need": [
            RegisterCount(need_labels.get(code, code), _suppress(total))
            for code, total in sorted(by_need.items())
        ],
    }


def parent_links_visible_to(user, child: Child) -> QuerySet[ParentLink]:
    """Staff who can see the child see every link (restricted ones too); a parent sees only
    their own link, so a restricted parent's details are not shown to the other parent."""
    if staff_school_ids(user) or la_ids(user) or user.is_superuser:
        # Staff see whether a parent without an account has an invitation waiting, so the page
        # says "invited" rather than offering to invite them again.
        waiting = Invitation.objects.filter(
            parent_link=OuterRef("pk"),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).order_by("-created_at")
        return child.parent_links.annotate(
            invitation_open_until=Subquery(waiting.values("expires_at")[:1])
        )
    return child.parent_links.filter(user=user)


def register_fingerprint(child: Child) -> str:
    """Identifies the child's current register entry (open status and needs) as one string.

    An edit form carries the fingerprint it was filled from; if it no longer matches, someone
    else changed the record meanwhile and the edit is refused (DESIGN "Audit and versions").
    """
    status_ids = child.sen_statuses.filter(end__isnull=True).values_list("pk", flat=True)
    need_ids = child.needs.filter(end__isnull=True).order_by("pk").values_list("pk", flat=True)
    return ":".join([*map(str, status_ids), *map(str, need_ids)])


def register_summary(child: Child) -> str:
    """The current register entry in words, e.g. to say what someone else changed it to."""
    status = child.sen_statuses.filter(end__isnull=True).first()
    needs = ", ".join(f"{n.code} ({n.rank})" for n in child.needs.filter(end__isnull=True))
    described = status.get_provision_display() if status else "no status"
    return f"{described}; needs: {needs}" if needs else described


def get_register_school_for_child(user, child: Child) -> Organisation:
    """The school whose register this person keeps and the child is on roll at.

    404 if the child is not on roll at any of the person's schools (nothing for them to
    change); 403 if they work there but only read the register (teachers and assistants).
    """
    enrolments = (
        child.enrolments.filter(end__isnull=True, school__in=schools_for_register(user))
        .select_related("school")
        .order_by("start", "pk")
    )
    schools = [enrolment.school for enrolment in enrolments]
    if not schools:
        raise Http404("No such child.")
    for school in schools:
        if can_edit_register(user, school):
            return school
    raise PermissionDenied("Only the SENCO or head teacher can change the SEN register.")


def get_parent_link_for(user, link_id) -> ParentLink:
    """A parent link of a child the person may see; the look is audited against the child."""
    return get_audited(
        ParentLink.objects.filter(child__in=children_visible_to(user)).select_related("child"),
        link_id,
        user=user,
        subject_id=lambda link: link.child_id,
    )


def family_recipients(child) -> list[tuple[str, str]]:
    """(email, first name) of everyone in the family who may see the child's record.

    Parents with an account whose access is not restricted (a court order, say, or a young
    person's choice), and the young person's own account. One entry per email address.
    """
    people = [
        link.user
        for link in ParentLink.objects.filter(
            child=child, user__isnull=False, access_restricted=False, user__is_active=True
        ).select_related("user")
    ]
    if child.account_id and child.account.is_active:
        people.append(child.account)
    seen: dict[str, str] = {}
    for person in people:
        if person.email and person.email not in seen:
            seen[person.email] = person.get_short_name()
    return list(seen.items())
