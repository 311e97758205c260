"""The family's side of the EHC needs assessment: ask for one, and see where it is.

For a parent whose access is not restricted, or the young person with their own account
(`selectors.family_cases`). Families said they never know where their case is (reference/
peers.md §3), so the case page is a plain-English timeline: each step, its date, what happens
next and who to contact, with the letters sent and the advice shared with them (shared by
default; advice the council withholds is never shown, and the page says it was withheld).

`letter_read` serves every party: the council (drafts shown as they would be sent), and the
school and the family (sent letters only; `selectors.get_letter_for` decides).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from opensend.core.access import get_audited
from opensend.core.forms import add_service_errors
from opensend.ehc import selectors
from opensend.ehc.letters import letter_html, letter_title
from opensend.ehc.models import OPEN_STAGES, AdviceKind
from opensend.ehc.request_forms import FamilyRequestForm
from opensend.ehc.services import exception_reports, request_submit
from opensend.ehc.timeline import case_timeline, contact_for, what_happens_next
from opensend.people import selectors as people_selectors
from opensend.people.models import ParentLink

# The limits an exception may touch (opensend.law.ehc.LIMITS), in the family's words.
LIMIT_WORDS = {
    "decision_to_assess": "the decision whether to assess",
    "advice": "the advice",
    "decision_not_to_issue": "the decision whether to issue a plan",
    "final_plan": "the final plan",
}


def _own_children(user):
    """The person's own children (a parent's link not restricted), or their own record (a
    young person): never the pupils a member of staff can see through their school."""
    own = Exists(
        ParentLink.objects.filter(child=OuterRef("pk"), user=user, access_restricted=False)
    )
    return people_selectors.children_visible_to(user).filter(Q(own) | Q(account=user))


def _is_young_person(user, child) -> bool:
    return bool(child.account_id and child.account_id == user.pk)


@login_required
def family_cases(request):
    """ "Your requests for an EHC needs assessment", and a way to ask for one."""
    user = request.user
    cases = list(
        selectors.family_cases(user)
        .select_related("child", "local_authority")
        .order_by("-received", "pk")
    )
    children = list(_own_children(user).order_by("first_name", "last_name"))
    if not cases and not children and not user.family_role:
        raise Http404("This page is for families.")
    with_open_case = {case.child_id for case in cases if case.stage in OPEN_STAGES}
    return render(
        request,
        "ehc/family_cases.html",
        {
            "cases": cases,
            "can_ask": [child for child in children if child.pk not in with_open_case],
            "young_person": any(_is_young_person(user, child) for child in children),
        },
    )


@login_required
def family_request_new(request, child_id):
    """The plain-English questions, then one submission; the council receives it today."""
    user = request.user
    child = get_audited(
        _own_children(user).select_related("home_local_authority"),
        child_id,
        user=user,
        subject_id=lambda found: found.pk,
    )
    young_person = _is_young_person(user, child)
    open_case = selectors.open_case_for(child)
    form_kwargs = {"young_person": young_person, "name": child.first_name}
    if request.method == "POST":
        form = FamilyRequestForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                sent = request_submit(actor=user, child=child, views=form.views())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                url = reverse("ehc_family_case", args=[sent.case_id])
                return redirect(f"{url}?sent={sent.pk}")
    else:
        form = FamilyRequestForm(**form_kwargs)
    return render(
        request,
        "ehc/family_request_new.html",
        {
            "child": child,
            "council": child.home_local_authority,
            "young_person": young_person,
            "open_case": open_case,
            "form": form,
        },
    )


@login_required
def family_case(request, case_id):
    """Where the case is: the timeline, what happens next, who to contact, letters, advice."""
    user = request.user
    case = selectors.get_family_case_for(user, case_id)
    today = timezone.localdate()
    steps = case_timeline(case, today=today, for_family=True)
    exceptions, _timeline = exception_reports(case)
    return render(
        request,
        "ehc/family_case.html",
        {
            "case": case,
            "child": case.child,
            "young_person": _is_young_person(user, case.child),
            "steps": steps,
            "plan_versions": selectors.plan_versions_of_case(user, case),
            "next": what_happens_next(case, steps, for_family=True),
            "contact": contact_for(case),
            "sent": selectors.just_sent_request(case, request.GET.get("sent", "")),
            "exceptions": [
                (exception, [LIMIT_WORDS.get(limit, limit) for limit in report.applies_to])
                for exception, report in exceptions
            ],
            "letters": list(
                selectors.letters_visible_to(user)
                .filter(case=case)
                .select_related("decision")
                .order_by("sent_on", "created_at")
            ),
            # Reg 6(1)(a): the family's own advice, which they give through the advice page.
            "own_advice": list(
                selectors.advice_for_responder(user)
                .filter(case=case, kind=AdviceKind.FAMILY)
                .order_by("due", "created_at")
            ),
            "advice": list(
                selectors.advice_shared_with_family(case)
                .select_related("recipient_organisation")
                .order_by("submitted_at", "created_at")
            ),
        },
    )


def _back_link(user, case) -> tuple[str, str]:
    """The case page this person reads the letter from: the council's, the school's or the
    family's (each door shows its own party's view)."""
    if selectors.is_la_staff_for(user, case):
        return "ehc_case", "Back to the case"
    if selectors.school_cases(user).filter(pk=case.pk).exists():
        return "ehc_school_case", "Back to the request"
    return "ehc_family_case", "Back to your request"


@login_required
def letter_read(request, letter_id):
    """A decision letter as HTML. Sent: exactly what was sent. A draft (the council only):
    how it would read if sent today."""
    user = request.user
    letter = selectors.get_letter_for(user, letter_id)
    # A sent letter is exactly what was sent; a draft (only the council gets one) is shown
    # as it would read if sent today.
    body = letter.body_html if letter.is_sent else letter_html(letter, sent_on=timezone.localdate())
    back_name, back_label = _back_link(user, letter.case)
    return render(
        request,
        "ehc/letter_read.html",
        {
            "letter": letter,
            "case": letter.case,
            "child": letter.case.child,
            "title": letter_title(letter.decision),
            # Our own template's output, autoescaped when it was rendered (letters.letter_html).
            "body": body,
            "back_name": back_name,
            "back_label": back_label,
        },
    )
