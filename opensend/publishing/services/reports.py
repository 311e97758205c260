"""Writing and publishing a school's SEN information report (CFA 2014 s69; SEND Regs 2014
reg 51 and Schedule 1; CoP 6.79-6.83).

- `report_for` makes the draft the first time: from the last published version if there is
  one (so this year starts from last year's words), else from OpenSEND's records
  (selectors.prefill), so a first draft is mostly written.
- `report_item_save` saves one item; `report_refresh` brings the items drawn from records up
  to date without touching anything the school wrote itself.
- `report_publish` checks the report is complete and names no pupil, freezes a
  `ReportVersion`, and keeps the school's Local Offer entry in step (issue 11 item 6: the
  school writes it once).

Every change moves the report's `version` on, so an edit made from an older page is refused.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from opensend.core.models import AuditEventKind
from opensend.core.services import StaleEditError
from opensend.law.dates import long_date
from opensend.law.information_report import ITEMS_BY_KEY, missing_items
from opensend.organisations.models import Organisation
from opensend.people.models import Child, Enrolment
from opensend.publishing.models import InformationReport, ReportVersion, Service
from opensend.publishing.school_entry import entry_fields, is_mainstream
from opensend.publishing.selectors.prefill import prefill_for
from opensend.publishing.selectors.reports import SUGGESTED_KEY, answers_of, suggested_of
from opensend.publishing.services._base import audit, today
from opensend.publishing.services.offers import local_offer_for
from opensend.publishing.services.report_policy import record_policy_review

TEXT_MAX = 10000
SUMMARY_MAX = ReportVersion._meta.get_field("summary").max_length


def _fresh(report: InformationReport, version: int | None) -> InformationReport:
    """The report, locked; refused if someone changed it since `version` was read."""
    current = InformationReport.objects.select_for_update().get(pk=report.pk)
    if version is None or current.version != version:
        raise StaleEditError(current=current, differences=[])
    return current


def _save(report: InformationReport, actor, **fields) -> InformationReport:
    InformationReport.objects.filter(pk=report.pk).update(
        version=F("version") + 1, updated_by=actor, **fields
    )
    report.refresh_from_db()
    return report


@transaction.atomic
def report_for(school: Organisation, *, actor) -> InformationReport:
    """The school's report, made on first use from its last published version or the records."""
    existing = InformationReport.objects.filter(school=school).first()
    if existing is not None and (existing.answers or existing.versions.exists()):
        return existing
    suggestions = prefill_for(school, today())
    answers = dict(suggestions)
    answers[SUGGESTED_KEY] = dict(suggestions)
    if existing is not None:
        # Made bare by the reminder sweep before anyone opened it: write the first draft now.
        return _save(existing, actor, answers=answers)
    report, created = InformationReport.objects.get_or_create(
        school=school,
        defaults={"answers": answers, "created_by": actor, "updated_by": actor},
    )
    if created:
        audit(actor, AuditEventKind.CREATED, report, organisation_id=school.pk)
    return report


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": f"The answer must be {TEXT_MAX:,} characters or fewer"})
    return text


@transaction.atomic
def report_item_save(
    *, actor, report: InformationReport, item_key: str, text: str, version: int | None
) -> InformationReport:
    """Save one item's answer (blank clears it)."""
    if item_key not in ITEMS_BY_KEY:
        raise ValidationError({"item": "There is no such item in Schedule 1"})
    text = _clean_text(text)
    current = _fresh(report, version)
    answers = dict(current.answers or {})
    if str(answers.get(item_key) or "") == text:
        return current
    answers[item_key] = text
    _save_audited(report, current, actor, answers, note=f"item={item_key}")
    return report


def refreshable(answers: dict, key: str) -> bool:
    """An item the refresh may replace: still blank, or still exactly OpenSEND's last
    suggestion (so the school has not written over it)."""
    text = str(answers.get(key) or "").strip()
    return not text or text == str(suggested_of(answers).get(key) or "").strip()


@transaction.atomic
def report_refresh(*, actor, report: InformationReport, version: int | None) -> list[str]:
    """Refill the items drawn from records with today's suggestions; returns the keys changed.

    Text the school wrote itself is never overwritten: an item is replaced only while it is
    blank or still equal to what OpenSEND suggested last time (kept in answers["_suggested"])."""
    current = _fresh(report, version)
    school = Organisation.objects.select_related("local_authority").get(pk=current.school_id)
    suggestions = prefill_for(school, today())
    answers = dict(current.answers or {})
    changed = [
        key
        for key, text in suggestions.items()
        if refreshable(answers, key) and str(answers.get(key) or "").strip() != text
    ]
    for key in changed:
        answers[key] = suggestions[key]
    remembered = suggested_of(answers)
    remembered.update(suggestions)
    answers[SUGGESTED_KEY] = remembered
    _save_audited(report, current, actor, answers, note=f"refreshed={','.join(changed) or 'none'}")
    return changed


def _save_audited(report, current, actor, answers: dict, *, note: str) -> None:
    """Save the new answers with one audit row, and bring the caller's copy up to date so its
    next edit carries the new version."""
    _save(current, actor, answers=answers)
    audit(actor, AuditEventKind.UPDATED, current, organisation_id=current.school_id, note=note)
    report.refresh_from_db()


def _pupil_names(school_id) -> list[str]:
    """Full names ("first last", lower case) of the pupils on the school's roll now."""
    on_roll = Enrolment.objects.filter(school_id=school_id, end__isnull=True).values("child_id")
    names = Child.objects.filter(pk__in=on_roll).values_list("first_name", "last_name")
    return [f"{first} {last}".strip().lower() for first, last in names if first and last]


def _check_names_no_pupil(school_id, answers: dict) -> None:
    """Nothing published names a child (DESIGN; CoP 6.79 describes provision, not pupils).

    The message names the item, never the pupil, and nothing is logged about who."""
    names = _pupil_names(school_id)
    if not names:
        return
    for key, text in answers.items():
        folded = " ".join(str(text).lower().split())
        if any(name in folded for name in names):
            item = ITEMS_BY_KEY.get(key)
            where = f"item {item.number} ({item.question})" if item else "an item"
            raise ValidationError(
                {
                    "answers": f"The answer to {where} names a pupil at the school. Take the "
                    "name out before publishing: the report is public."
                }
            )


def _check_complete(school: Organisation, answers: dict) -> None:
    missing = missing_items(answers, mainstream=is_mainstream(school))
    if missing:
        listed = "; ".join(f"{item.number} ({item.question})" for item in missing)
        raise ValidationError(
            {"answers": f"Answer every item before publishing. Still to answer: {listed}"}
        )


def _summary(summary: str, *, changed: bool, last: ReportVersion | None) -> str:
    summary = " ".join((summary or "").split())
    if len(summary) > SUMMARY_MAX:
        raise ValidationError({"summary": f"The summary must be {SUMMARY_MAX} characters or fewer"})
    if summary:
        return summary
    if last is None:
        return "First published version"
    if not changed:
        return f"No changes since {long_date(last.published_on)}"
    return "Updated"


def _upsert_entry(actor, report: InformationReport, school: Organisation, answers: dict) -> None:
    """The school's Local Offer entry, drawn from the report it has just published."""
    fields = entry_fields(school, answers)
    fields.update(
        local_offer=local_offer_for(school.local_authority, actor=actor),
        provider=school,
        is_published=True,
        confirmed_on=today(),
        updated_by=actor,
    )
    entry = Service.objects.filter(information_report=report).first()
    if entry is None:
        entry = Service.objects.create(information_report=report, created_by=actor, **fields)
        audit(actor, AuditEventKind.CREATED, entry, organisation_id=school.pk)
        return
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.version += 1
    entry.save()
    audit(actor, AuditEventKind.UPDATED, entry, organisation_id=school.pk, note="from report")


@transaction.atomic
def report_publish(
    *,
    actor,
    report: InformationReport,
    version: int | None,
    summary: str = "",
    in_send_policy: bool,
) -> ReportVersion:
    """Publish the draft as the next frozen version, and update the school's Local Offer entry.

    Refused while any Schedule 1 item is blank, or if any answer names a pupil on the roll."""
    current = _fresh(report, version)
    school = Organisation.objects.select_related("local_authority").get(pk=current.school_id)
    answers = {key: str(text).strip() for key, text in answers_of(current.answers).items()}
    _check_complete(school, answers)
    _check_names_no_pupil(school.pk, answers)
    last = current.versions.order_by("-number").first()
    changed = last is None or answers_of(last.answers) != answers
    published = ReportVersion.objects.create(
        report=current,
        number=(last.number if last else 0) + 1,
        published_on=today(),
        answers=answers,
        in_send_policy=in_send_policy,
        school_name=school.name,
        summary=_summary(summary, changed=changed, last=last),
        created_by=actor,
        updated_by=actor,
    )
    _save(current, actor, in_send_policy=in_send_policy)
    audit(
        actor,
        AuditEventKind.CREATED,
        published,
        organisation_id=school.pk,
        note=f"published version {published.number}",
    )
    if school.local_authority_id:
        _upsert_entry(actor, current, school, answers)
    record_policy_review(actor=actor, school=school, published=published, changed=changed)
    report.refresh_from_db()
    return published
