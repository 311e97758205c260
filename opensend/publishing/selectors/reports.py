"""A school's SEN information report as its SENCO, head and governors see it: where it stands
(published when, due again when, what is still missing) and the editor's task list.

CoP 6.79: the report is updated at least once a year, so "due" is a year after the last
publication (law.information_report.next_publication_due); the home page warns a month ahead.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max
from django.urls import reverse

from opensend.law.dates import long_date
from opensend.law.information_report import (
    ReportItem,
    items_for,
    missing_items,
    next_publication_due,
    reminder_due,
)
from opensend.organisations.models import Organisation
from opensend.publishing.models import InformationReport, ReportVersion
from opensend.publishing.school_entry import is_mainstream
from opensend.publishing.selectors._access import report_manager_school_ids
from opensend.publishing.selectors.prefill import SOURCES, prefill_for  # noqa: F401

# Where the report keeps what OpenSEND last suggested for each item, inside `answers`: the
# refresh may replace an item only while its text is still that suggestion (or blank), so a
# school's own words are never overwritten. Never published (services strip it).
SUGGESTED_KEY = "_suggested"

NEVER = "never"
OVERDUE = "overdue"
DUE_SOON = "due_soon"
UP_TO_DATE = "up_to_date"


def answers_of(answers: dict) -> dict[str, str]:
    """The report's answers without the bookkeeping key: what may be shown or published."""
    return {key: value for key, value in (answers or {}).items() if key != SUGGESTED_KEY}


def suggested_of(answers: dict) -> dict[str, str]:
    return dict((answers or {}).get(SUGGESTED_KEY) or {})


@dataclass
class ReportStatus:
    school: Organisation
    report: InformationReport | None
    latest: ReportVersion | None
    next_due: date | None
    state: str
    missing: list[ReportItem] = field(default_factory=list)

    @property
    def published_on(self) -> date | None:
        return self.latest.published_on if self.latest else None


def _state(published_on: date | None, today: date) -> tuple[date | None, str]:
    if published_on is None:
        return None, NEVER
    due = next_publication_due(published_on)
    if due < today:
        return due, OVERDUE
    if reminder_due(published_on) <= today:
        return due, DUE_SOON
    return due, UP_TO_DATE


def get_report(school: Organisation) -> InformationReport | None:
    return InformationReport.objects.filter(school=school).first()


def report_status(school: Organisation, today: date, report=None) -> ReportStatus:
    """Published? when; next due; the items still missing from the draft."""
    report = report if report is not None else get_report(school)
    latest = report.versions.order_by("-number").first() if report is not None else None
    due, state = _state(latest.published_on if latest else None, today)
    answers = answers_of(report.answers) if report is not None else {}
    missing = missing_items(answers, mainstream=is_mainstream(school))
    return ReportStatus(school, report, latest, due, state, missing)


@dataclass(frozen=True)
class TaskRow:
    item: ReportItem
    done: bool
    from_records: bool  # the text is still OpenSEND's suggestion, drawn from its records
    url: str


def task_rows(school: Organisation, report: InformationReport) -> list[TaskRow]:
    """Every item the school must answer, in the schedule's order, with its status."""
    answers = answers_of(report.answers)
    suggested = suggested_of(report.answers)
    rows = []
    for item in items_for(mainstream=is_mainstream(school)):
        text = str(answers.get(item.key) or "").strip()
        rows.append(
            TaskRow(
                item=item,
                done=bool(text),
                from_records=bool(text) and text == str(suggested.get(item.key) or "").strip(),
                url=reverse(
                    "publishing_report_item", kwargs={"school_id": school.pk, "item": item.key}
                ),
            )
        )
    return rows


def next_unfinished(school: Organisation, report: InformationReport, after: str) -> str | None:
    """The key of the next item still blank after `after` (wrapping round), or None."""
    keys = [item.key for item in items_for(mainstream=is_mainstream(school))]
    blank = {item.key for item in missing_items(answers_of(report.answers), mainstream=True)}
    start = keys.index(after) + 1 if after in keys else 0
    for key in keys[start:] + keys[:start]:
        if key in blank and key != after:
            return key
    return None


def previous_versions(report: InformationReport | None):
    if report is None:
        return ReportVersion.objects.none()
    return report.versions.order_by("-number").only(
        "number", "published_on", "summary", "in_send_policy", "report_id"
    )


def _alert(school: Organisation, state: str, due: date | None) -> dict | None:
    url = reverse("publishing_report", kwargs={"school_id": school.pk})
    if state == NEVER:
        text = "The SEN information report has not been published yet"
    elif state == OVERDUE:
        text = f"The SEN information report was due to be published again by {long_date(due)}"
    elif state == DUE_SOON:
        text = f"The SEN information report is due to be published again by {long_date(due)}"
    else:
        return None
    return {"school": school, "text": text, "state": state, "due": due, "url": url}


def report_alerts_for(user, today: date) -> list[dict]:
    """For the SENCO's and head's home page: each school they manage whose report has never
    been published, is due within a month, or is overdue. Two queries, however many schools.

    Each alert: {"school", "text", "state" (never/due_soon/overdue), "due" (date or None),
    "url" (the report's overview page)}."""
    school_ids = report_manager_school_ids(user)
    if not school_ids:
        return []
    schools = Organisation.objects.filter(pk__in=school_ids).order_by("name")
    last_published = dict(
        ReportVersion.objects.filter(report__school_id__in=school_ids)
        .values_list("report__school_id")
        .annotate(last=Max("published_on"))
        .order_by()
    )
    alerts = []
    for school in schools:
        due, state = _state(last_published.get(school.pk), today)
        alert = _alert(school, state, due)
        if alert:
            alerts.append(alert)
    return alerts
