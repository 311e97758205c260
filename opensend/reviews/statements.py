"""Legacy statements of SEN and their transfer to EHC plans (issue 9 item 5).

A statement (Education Act 1996 s324) stays in force, with its provision, until the EHC plan
that replaces it is final (SI 2014/2270 art. 17-18; the seed: support must not lapse). Its
transfer review follows the assessment pathway: it is an EHC needs assessment (SI 2014/2270
Part 5), run here as an `ehc.EhcCase`, with the transitional time limits: 2 weeks' notice and
then 18 weeks to the final plan for a review begun on or after 1 September 2015 (SI 2015/1619
arts 3-4), 14 weeks before then (SI 2014/2270 arts 21-22 as made): 20 or 16 weeks from the
notice (`law.transfer.review_weeks_for`). Transfer cases are told apart in reports by
`transfer_cases`.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from opensend.core.access import get_audited
from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.ehc import messages as ehc_messages
from opensend.ehc.models import CaseStage, EhcCase
from opensend.ehc.selectors import open_case_for
from opensend.ehc.services import next_statutory_step
from opensend.law.dates import add_weeks
from opensend.law.transfer import review_weeks_for
from opensend.people.selectors import is_la_staff, la_ids
from opensend.reviews.models import (
    OPEN_REVIEW_STATUSES,
    LegacyStatement,
    Review,
    ReviewKind,
    ReviewStatus,
    StatementStatus,
)

# The DfE's transition guidance: the family is given at least 2 weeks' notice of the transfer
# review before the assessment begins; that notice is part of the 20 (or 16) weeks.
NOTICE_WEEKS = 2
# Not statutory for a transfer: the case's other stored dates keep the shape of the ordinary
# assessment (reg 10(1): 16 of reg 13(2)'s 20 weeks; the recommended draft at 14 of 20), counted
# back from the final plan so the family's 15 days (reg 13(1)) and the school's consultation
# still fit before it.
DECIDE_WEEKS_BEFORE_FINAL = 4
DRAFT_WEEKS_BEFORE_FINAL = 6

IN_FORCE_STATUSES = (StatementStatus.IN_FORCE, StatementStatus.TRANSFERRING)


def _today() -> date:
    return timezone.localdate()


def in_force(statement: LegacyStatement) -> bool:
    """A statement being transferred is still in force, with its provision, until the EHC
    plan is issued (SI 2014/2270 art. 17-18)."""
    return statement.status in IN_FORCE_STATUSES


def _require_la_staff(actor, local_authority_id) -> None:
    if not is_la_staff(actor, local_authority_id):
        raise PermissionDenied("Only the council's SEND team can transfer a statement.")


def _audit(actor, kind, record, statement: LegacyStatement, **extra) -> None:
    audit_record(
        actor=actor,
        kind=kind,
        record=record,
        subject_id=statement.child_id,
        organisation_id=statement.local_authority_id,
        **extra,
    )


def transfer_dates(notice_on: date) -> dict[str, date]:
    """The transfer case's stored dates from the day the notice is given.

    - `received`: the notice day starts the clock (as a request does, CFA s36(1));
    - `final_plan_due`: notice + 20 weeks from 1 September 2015, + 16 before
      (`law.transfer.review_weeks_for`: SI 2015/1619 arts 3-4; SI 2014/2270 arts 21-22);
    - `decision_to_assess_due`: notice + 2 weeks, the day the assessment begins (there is no
      decision whether to assess: the council must transfer every statement);
    - `decision_not_to_issue_due`: 4 weeks before the final plan, and
      `draft_plan_recommended_by`: 6 weeks before it (not statutory; see the constants).
    """
    weeks = review_weeks_for(notice_on)
    final = add_weeks(notice_on, weeks)
    return {
        "received": notice_on,
        "decision_to_assess_due": add_weeks(notice_on, NOTICE_WEEKS),
        "decision_not_to_issue_due": add_weeks(final, -DECIDE_WEEKS_BEFORE_FINAL),
        "draft_plan_recommended_by": add_weeks(final, -DRAFT_WEEKS_BEFORE_FINAL),
        "final_plan_due": final,
    }


@transaction.atomic
def statement_review_open(*, actor, statement: LegacyStatement) -> Review:
    """A transfer review for a statement outside any programme, due today (the council is
    starting it now). A statement with an open review gets that one back."""
    _require_la_staff(actor, statement.local_authority_id)
    existing = statement.reviews.filter(status__in=OPEN_REVIEW_STATUSES).first()
    if existing is not None:
        return existing
    if statement.status != StatementStatus.IN_FORCE:
        raise ValidationError(
            f"This statement is {statement.get_status_display().lower()}: it has no transfer "
            "review to start."
        )
    review = Review.objects.create(
        child_id=statement.child_id,
        local_authority_id=statement.local_authority_id,
        statement=statement,
        school_id=statement.school_id,
        kind=ReviewKind.TRANSFER,
        due_on=_today(),
        created_by=actor,
        updated_by=actor,
    )
    _audit(actor, AuditEventKind.CREATED, review, statement, new_values={"kind": "transfer"})
    return review


@transaction.atomic
def statement_transfer_start(*, actor, review: Review) -> EhcCase:
    """Give notice of the transfer review and start it as an EHC needs assessment.

    The case is at the stage "assessing" from the start (no decision whether to assess), its
    clock runs from today, the notice day (`transfer_dates`). The statement stays in force,
    with its provision, while the case runs: its status says a transfer is under way.
    """
    _require_la_staff(actor, review.local_authority_id)
    review = (
        Review.objects.select_for_update(of=("self",)).select_related("statement").get(pk=review.pk)
    )
    statement = review.statement
    if review.kind != ReviewKind.TRANSFER or statement is None:
        raise ValidationError("Only a transfer review of a statement starts a transfer.")
    if review.status not in (ReviewStatus.DUE, ReviewStatus.ARRANGED):
        raise ValidationError("This transfer review has already started or has ended.")
    statement = LegacyStatement.objects.select_for_update().get(pk=statement.pk)
    if statement.status != StatementStatus.IN_FORCE:
        raise ValidationError(
            f"This statement is {statement.get_status_display().lower()}: its transfer cannot "
            "start again."
        )
    if open_case_for(statement.child) is not None:
        raise ValidationError(
            "The child already has an open EHC needs assessment. Use that case: close it or "
            "let it finish before starting a transfer review."
        )
    today = _today()
    dates = transfer_dates(today)
    case = EhcCase(
        child_id=statement.child_id,
        local_authority_id=statement.local_authority_id,
        stage=CaseStage.ASSESSING,
        caseworker=actor if not actor.is_superuser else None,
        created_by=actor,
        updated_by=actor,
        **dates,
    )
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as error:
        raise ValidationError("The child already has an open EHC needs assessment.") from error
    step, due = next_statutory_step(case)
    EhcCase.objects.filter(pk=case.pk).update(next_step=step, next_due=due)
    case.next_step, case.next_due = step, due
    LegacyStatement.objects.filter(pk=statement.pk).update(
        transfer_case=case,
        status=StatementStatus.TRANSFERRING,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    # The review's work is now the assessment's: the plan is due with the case's final plan.
    Review.objects.filter(pk=review.pk).update(
        status=ReviewStatus.AMENDING,
        arranged_on=today,
        arranged_by=actor,
        amended_plan_due=case.final_plan_due,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    _audit(
        actor,
        AuditEventKind.CREATED,
        case,
        statement,
        new_values={
            "transfer_of_statement": str(statement.pk),
            "received": case.received,
            "final_plan_due": case.final_plan_due,
            "review_weeks": review_weeks_for(today),
        },
    )
    _audit(
        actor,
        AuditEventKind.UPDATED,
        statement,
        statement,
        old_values={"status": "in_force"},
        new_values={"status": "transferring", "transfer_case": str(case.pk)},
    )
    ehc_messages.case_changed(
        case=case,
        what_changed="The council has started the transfer review of the statement of special "
        "educational needs to an EHC plan. The statement, and the help it sets out, stays in "
        "force until the EHC plan is issued.",
        next_step=f"The council will ask for advice. The final EHC plan is due by "
        f"{case.final_plan_due:%-d %B %Y}.",
        actor=actor,
    )
    return case


def statement_on_plan_issued(*, final, actor) -> None:
    """Hook for `ehc.plan_services.on_plan_issued`: when the plan a transfer case produced is
    issued, the statement ends that day (it stayed in force until now) and its review is done."""
    case = final.plan.case
    statement = (
        LegacyStatement.objects.select_for_update()
        .filter(transfer_case=case, status=StatementStatus.TRANSFERRING)
        .first()
    )
    if statement is None:
        return
    today = _today()
    LegacyStatement.objects.filter(pk=statement.pk).update(
        status=StatementStatus.TRANSFERRED,
        ended_on=today,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    Review.objects.filter(
        statement=statement, kind=ReviewKind.TRANSFER, status__in=OPEN_REVIEW_STATUSES
    ).update(
        status=ReviewStatus.COMPLETE,
        completed_on=today,
        plan=final.plan,
        amended_version=final,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    _audit(
        actor,
        AuditEventKind.UPDATED,
        statement,
        statement,
        old_values={"status": "transferring"},
        new_values={"status": "transferred", "ended_on": today, "plan_version": str(final.pk)},
    )


# --- selectors ------------------------------------------------------------------------------


def statements_for_la(user) -> QuerySet[LegacyStatement]:
    if not user.is_authenticated:
        return LegacyStatement.objects.none()
    qs = LegacyStatement.objects.all()
    if not user.is_superuser:
        qs = qs.filter(local_authority_id__in=la_ids(user))
    return qs.select_related("child", "school", "transfer_case")


def get_la_statement_for(user, statement_id) -> LegacyStatement:
    return get_audited(
        statements_for_la(user), statement_id, user=user, subject_id=lambda s: s.child_id
    )


def transfer_cases(qs: QuerySet[EhcCase]) -> QuerySet[EhcCase]:
    """The cases in `qs` that are transfer reviews of a statement (for reports: SEN2 counts
    transfers apart from new assessments)."""
    return qs.filter(legacy_statement__isnull=False)


def new_assessment_cases(qs: QuerySet[EhcCase]) -> QuerySet[EhcCase]:
    """The cases in `qs` that are not transfers: new requests for an assessment."""
    return qs.filter(legacy_statement__isnull=True)


def is_transfer(case: EhcCase) -> bool:
    return LegacyStatement.objects.filter(transfer_case=case).exists()
