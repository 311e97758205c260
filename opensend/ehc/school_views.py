"""The school's side of the EHC needs assessment: its requests, and what is asked of it.

For the SENCO and head only (`selectors.school_manager_ids`): teachers, assistants and governors
get 404 (DESIGN "Who sees what": no assessment advice or letters). The school's request is
pre-filled from what OpenSEND holds (`opensend.ehc.evidence`), so the SENCO adds only what is
new and sends it in one submission (issue 7: "at most 5 submissions"); the LA receives it the
day it is sent, which starts the clock (CFA 2014 s36(1)).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from opensend.core.forms import add_service_errors
from opensend.core.school_choice import to_school_page
from opensend.ehc import selectors
from opensend.ehc.evidence import readable, school_evidence
from opensend.ehc.models import OPEN_STAGES, AdviceKind
from opensend.ehc.request_forms import SchoolRequestForm, views_from_evidence
from opensend.ehc.services import request_submit
from opensend.ehc.timeline import case_timeline, contact_for, what_happens_next
from opensend.people import selectors as people_selectors
from opensend.people.models import Enrolment


def _managed_schools(user):
    managed = selectors.school_manager_ids(user)
    return people_selectors.schools_for_register(user).filter(pk__in=managed)


def _managed_school(user, school_id):
    """The school, for its SENCO or head; 404 for anyone else (teachers included)."""
    school = people_selectors.get_register_school_for(user, school_id)
    if school.pk not in selectors.school_manager_ids(user):
        raise Http404("No such school.")
    return school


def _at_school(school):
    return Exists(
        Enrolment.objects.filter(child=OuterRef("child_id"), school=school, end__isnull=True)
    )


def _school_advice(user, school):
    """Educational advice the council has asked of this school (reg 6(1)(b))."""
    return (
        selectors.advice_for_responder(user)
        .filter(kind=AdviceKind.EDUCATIONAL, recipient_organisation=school)
        .select_related("case", "case__child")
    )


@login_required
def school_requests_index(request):
    """The menu's "EHC needs assessments": straight to the school, or a choice of schools."""
    return to_school_page(
        request,
        _managed_schools(request.user),
        url_name="ehc_school_requests_for",
        title="EHC needs assessments",
        none_message="Only a SENCO or head teacher can see the school's requests.",
    )


@login_required
def school_requests(request, school_id):
    """The school's cases with their next date, what the council asks of the school, and the
    pupils on the SEN register without an open case (to start a request)."""
    user = request.user
    school = _managed_school(user, school_id)
    cases = list(
        selectors.school_cases(user)
        .filter(_at_school(school))
        .select_related("child", "local_authority", "caseworker")
        .order_by("next_due", "received", "pk")
    )
    asked = list(_school_advice(user, school).order_by("due", "created_at"))
    with_open_case = {case.child_id for case in cases if case.stage in OPEN_STAGES}
    pupils = [
        child
        for child in people_selectors.register_for_school(user, school)
        if child.pk not in with_open_case
    ]
    return render(
        request,
        "ehc/school_requests.html",
        {
            "school": school,
            "open_cases": [case for case in cases if case.stage in OPEN_STAGES],
            "closed_cases": [case for case in cases if case.stage not in OPEN_STAGES],
            "asked": asked,
            "consultations": list(selectors.consultations_waiting(user, school)),
            "pupils": pupils,
        },
    )


@login_required
def school_request_new(request, school_id, child_id):
    """The request form, pre-filled from the records; one submission sends it."""
    user = request.user
    school = _managed_school(user, school_id)
    child = people_selectors.get_child_for(user, child_id)
    if not people_selectors.is_on_roll(child, school):
        raise Http404("No such pupil.")
    today = timezone.localdate()
    evidence = school_evidence(child, school, today)
    open_case = selectors.open_case_for(child)
    if request.method == "POST":
        form = SchoolRequestForm(request.POST)
        if form.is_valid():
            try:
                sent = request_submit(
                    actor=user,
                    child=child,
                    school=school,
                    views=form.views(),
                    what_is_new=form.cleaned_data["what_is_new"],
                    family_agrees=form.cleaned_data["family_agrees"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                url = reverse("ehc_school_case", args=[sent.case_id])
                return redirect(f"{url}?sent={sent.pk}")
    else:
        form = SchoolRequestForm(initial=views_from_evidence(evidence))
    return render(
        request,
        "ehc/school_request_new.html",
        {
            "school": school,
            "child": child,
            "evidence": readable(evidence),
            "prefilled": bool(views_from_evidence(evidence)),
            "open_case": open_case,
            "form": form,
        },
    )


@login_required
def school_case(request, case_id):
    """One case as the school sees it: the timeline, the requests, the letters sent, and the
    advice asked of the school."""
    user = request.user
    case = selectors.get_school_case_for(user, case_id)
    today = timezone.localdate()
    steps = case_timeline(case, today=today, for_family=False)
    requests = list(selectors.case_requests(case))
    for made in requests:
        made.evidence = readable(made.school_evidence) if made.school_evidence else None
    return render(
        request,
        "ehc/school_case.html",
        {
            "case": case,
            "child": case.child,
            "steps": steps,
            "next": what_happens_next(case, steps, for_family=False),
            "contact": contact_for(case),
            "requests": requests,
            "plan_versions": selectors.plan_versions_of_case(user, case),
            "sent": selectors.just_sent_request(case, request.GET.get("sent", "")),
            "letters": list(
                selectors.letters_visible_to(user)
                .filter(case=case)
                .select_related("decision")
                .order_by("sent_on", "created_at")
            ),
            "asked": list(
                selectors.advice_for_responder(user)
                .filter(case=case, kind=AdviceKind.EDUCATIONAL)
                .order_by("due", "created_at")
            ),
        },
    )
