"""The two statutory decisions and their letters.

Issue 7's target: a caseworker's decision to assess with the advice requests sent in at most 3
submissions. So the decision page also lists the advice the law requires as a minimum (reg
6(1), opensend.law.assessment.minimum_advice) with a recipient chosen for each, and one
submission records the decision and adds the advice requests (1); the letter page sends the
letter (2) and then offers to send every advice request with one button (3).

A refusal needs reasons (CFA 2014 s36(5), regs 5(3) and 10(2)): the service refuses one without
them, and the error is shown on the reasons box; nothing is saved.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from opensend.core.forms import add_service_errors, save_versioned
from opensend.core.models import AuditEventKind
from opensend.core.pdf import pdf_response, render_pdf
from opensend.ehc import letters, selectors, services
from opensend.ehc.la_forms import DecisionForm, LetterForm
from opensend.ehc.la_views._common import current_enrolment
from opensend.ehc.models import AdviceKind, AdviceStatus, CaseStage
from opensend.law.assessment import minimum_advice

# Which stage each decision is made at (reg 5: on a request; reg 10: after assessing).
STAGE_FOR_KIND = {"assess": CaseStage.REQUESTED, "issue": CaseStage.ASSESSING}


def advice_options(case, today) -> list[dict]:
    """The minimum advice for this child, each with who would be asked (pre-chosen where the
    answer is clear: the child's school; the only professional of the right role)."""
    child = case.child
    enrolment = current_enrolment(child)
    kinds = minimum_advice(**selectors.adulthood_inputs(child, today))
    options = []
    for law_kind in kinds:
        kind = AdviceKind(law_kind.value)
        option = {"kind": kind.value, "label": kind.label, "field": None, "initial": None}
        option["recipients"] = []
        if kind == AdviceKind.EDUCATIONAL:
            schools = [enrolment.school] if enrolment else []
            option.update(
                field="school",
                recipients=[(str(s.pk), s.name) for s in schools],
                initial=str(schools[0].pk) if schools else None,
                schools={str(s.pk): s for s in schools},
            )
        elif kind != AdviceKind.FAMILY:
            people = list(selectors.professionals_for(case, services.ROLE_FOR_KIND[kind]))
            option.update(
                field="person",
                recipients=[(str(p.pk), p.full_name) for p in people],
                initial=str(people[0].pk) if len(people) == 1 else None,
                people={str(p.pk): p for p in people},
            )
        options.append(option)
    return options


def _add_advice(actor, case, form: DecisionForm) -> int:
    options = {option["kind"]: option for option in form.advice_options}
    added = 0
    for kind, value in form.advice_wanted():
        option = options[kind]
        recipient = {}
        if option["field"] == "school":
            recipient["recipient_organisation"] = option["schools"][value]
        elif option["field"] == "person":
            recipient["recipient_user"] = option["people"][value]
        try:
            services.advice_request_add(actor=actor, case=case, kind=kind, **recipient)
        except ValidationError as error:
            # Put the advice's problem next to its own recipient box.
            raise ValidationError(
                {f"to_{kind}": error.messages} if option["field"] else error.messages
            ) from error
        added += 1
    return added


def _decided_message(form: DecisionForm, added: int) -> str:
    if form.kind == "assess" and form.agreed:
        if added:
            noun = "advice request is" if added == 1 else "advice requests are"
            return (
                f"Decision recorded: the council will assess. {added} {noun} ready to send. "
                "Check the letter and send it"
            )
        return "Decision recorded: the council will assess. Check the letter and send it"
    return "Decision recorded. Check the letter and send it"


@login_required
def decision(request, case_id, kind):
    if kind not in STAGE_FOR_KIND:
        raise Http404("No such decision.")
    case = selectors.get_la_case_for(request.user, case_id)
    if case.stage != STAGE_FOR_KIND[kind]:
        messages.info(
            request,
            f"This case is at the stage '{case.get_stage_display()}', so this decision cannot be "
            "made now",
        )
        return redirect("ehc_case", case.pk)
    today = timezone.localdate()
    options = advice_options(case, today) if kind == "assess" else []
    if request.method == "POST":
        form = DecisionForm(request.POST, kind=kind, advice_options=options)
        if form.is_valid():
            try:
                # One submission, all or nothing: the decision and its advice requests.
                with transaction.atomic():
                    made = services.decision_record(
                        actor=request.user,
                        case=case,
                        kind=kind,
                        agreed=form.agreed,
                        reasons=form.cleaned_data["reasons"],
                        decided_on=form.cleaned_data["decided_on"] or today,
                    )
                    added = _add_advice(request.user, case, form)
            except ValidationError as error:
                case.refresh_from_db()  # the stage it really has, after the roll-back
                add_service_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _decided_message(form, added))
                return redirect("ehc_letter", made.letter.pk)
    else:
        form = DecisionForm(initial={"decided_on": today}, kind=kind, advice_options=options)
    return render(
        request,
        "ehc/la_decision.html",
        {"case": case, "child": case.child, "form": form, "kind": kind},
    )


def _drafts_waiting(case) -> int:
    if case.stage != CaseStage.ASSESSING:
        return 0
    return case.advice_requests.filter(status=AdviceStatus.DRAFT).count()


@login_required
def letter(request, letter_id):
    """Review a decision letter, add a paragraph of your own, send it."""
    found = selectors.get_la_letter_for(request.user, letter_id)
    today = timezone.localdate()
    differences = None
    form = None
    if found.is_sent:
        if request.method == "POST":
            messages.info(request, "This letter has been sent: it cannot change")
            return redirect("ehc_letter", found.pk)
    elif request.method == "POST" and request.POST.get("action") == "send":
        try:
            sent = services.letter_send(actor=request.user, letter=found)
        except (ValidationError, PermissionDenied) as error:
            messages.info(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            count = len(sent.recipients)
            messages.success(
                request, f"Letter sent to {count} {'person' if count == 1 else 'people'}"
            )
        return redirect("ehc_letter", found.pk)
    elif request.method == "POST":
        form, differences, saved = save_versioned(
            LetterForm,
            request.POST,
            lambda form: services.letter_update(
                actor=request.user,
                letter=found,
                own_words=form.cleaned_data["own_words"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if saved:
            messages.success(request, "Letter updated. Check it, then send it")
            return redirect("ehc_letter", found.pk)
    else:
        form = LetterForm(initial={"version": found.version, "own_words": found.own_words})
    body = found.body_html if found.is_sent else letters.letter_html(found, sent_on=today)
    return render(
        request,
        "ehc/la_letter.html",
        {
            "letter": found,
            "case": found.case,
            "child": found.case.child,
            "decision": found.decision,
            "title": letters.letter_title(found.decision),
            "body": body,
            "missing": [] if found.is_sent else letters.missing_elements(found.decision, body),
            "form": form,
            "differences": differences,
            "drafts": _drafts_waiting(found.case) if found.is_sent else 0,
        },
    )


@login_required
def letter_pdf(request, letter_id):
    """The letter as a tagged PDF, for whoever may read it (the LA; once sent, the school's
    SENCO or head and the family). Named by date, never by the child."""
    found = selectors.get_letter_for(request.user, letter_id, kind=AuditEventKind.DOWNLOADED)
    html = (
        found.body_html
        if found.is_sent
        else letters.letter_html(found, sent_on=timezone.localdate())
    )
    pdf = render_pdf(
        template_name="pdf/ehc_letter.html",
        context={"body": html},
        title=letters.letter_title(found.decision),
    )
    return pdf_response(pdf=pdf, filename=letters.letter_filename(found))
