"""The SEN2 return as the DfE's XML (a header and one person message per child), CSV and XLSX.

The DfE's XSD is not available to us; the element names follow the published module and field
list as docs/sen2.md sets them out, nesting each module inside the one it belongs to:
Person > Requests > Request > Assessment > NamedPlan > Placement. Booleans are 1/0 as the
specification's `<Week20>` is; dates are ISO 8601 (YYYY-MM-DD). Items OpenSEND does not hold
are left out rather than sent empty.
"""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date, datetime

from opensend.core.spreadsheets import csv_safe
from opensend.law import sen2 as law
from opensend.reports.sen2 import Sen2Return

COLLECTION = "SEN2"


def _text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _add(parent: ET.Element, tag: str, value) -> None:
    text = _text(value)
    if text is not None:
        ET.SubElement(parent, tag).text = text


def sen2_xml(sen2: Sen2Return, *, generated: datetime) -> bytes:
    root = ET.Element("Message")
    header = ET.SubElement(root, "Header")
    collection = ET.SubElement(header, "CollectionDetails")
    _add(collection, "Collection", COLLECTION)
    _add(collection, "Year", sen2.period.census_date.year)
    _add(collection, "ReferenceDate", sen2.period.census_date)
    source = ET.SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", sen2.local_authority.la_code)
    _add(source, "SoftwareCode", "OpenSEND")
    _add(source, "DateTime", generated.replace(microsecond=0).isoformat())
    persons = ET.SubElement(root, "Persons")
    for person in sen2.persons:
        _person(ET.SubElement(persons, "Person"), person, sen2.period)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _person(element: ET.Element, person: law.Person, period: law.CollectionPeriod) -> None:
    # Module 1
    _add(element, "PersonID", person.child_key)
    _add(element, "Surname", person.last_name)
    _add(element, "Forename", person.first_name)
    _add(element, "PersonBirthDate", person.date_of_birth)
    _add(element, "UPN", person.upn)
    requests = ET.SubElement(element, "Requests")
    for request in person.requests:
        _request(ET.SubElement(requests, "Request"), request, period)


def _request(element: ET.Element, request: law.Request, period) -> None:
    # Module 2
    _add(element, "RequestID", request.case_key)
    _add(element, "ReceivedDate", request.received)
    _add(element, "RequestSource", request.requester_kind)
    _add(element, "RequestOutcome", request.outcome)
    _add(element, "RequestOutcomeDate", request.decision_on)
    assessment = request.assessment
    if assessment is not None:
        # Module 3
        child = ET.SubElement(element, "Assessment")
        _add(child, "AssessmentOutcome", assessment.outcome)
        _add(child, "AssessmentOutcomeDate", assessment.outcome_date)
        _add(child, "Week20", assessment.week20)
        _add(child, "PlanIssuedDate", assessment.plan_issued_on)
        _add(child, "WeeksToIssue", assessment.weeks_to_issue(request.received))
        _add(child, "Within20Weeks", assessment.within_20_weeks(request.received))
    if request.plan is not None:
        _plan(ET.SubElement(element, "NamedPlan"), request.plan)


def _plan(element: ET.Element, plan: law.NamedPlan) -> None:
    # Module 4, with the 2026 annual review and phase transfer items
    _add(element, "StartDate", plan.start_date)
    _add(element, "LastIssuedDate", plan.last_issued)
    _add(element, "CeaseDate", plan.ceased_on)
    _add(element, "LastReviewDate", plan.last_review_meeting)
    _add(element, "ReviewWithin12Months", plan.review_within_12_months)
    _add(element, "PhaseTransferDueDate", plan.phase_transfer_deadline)
    _add(element, "PhaseTransferAmendedDate", plan.phase_transfer_amended_on)
    _add(element, "PhaseTransferOnTime", plan.phase_transfer_on_time)
    if plan.placement is not None:
        # Module 5
        placement = ET.SubElement(element, "Placement")
        _add(placement, "URN", plan.placement.urn)
        _add(placement, "SettingName", plan.placement.name)
        _add(placement, "SettingType", plan.placement.setting_type)
        _add(placement, "Phase", plan.placement.phase)


# --- CSV: one row per person-module record ---------------------------------------------------

CSV_HEADERS = [
    "module",
    "person_id",
    "request_id",
    "upn",
    "surname",
    "forename",
    "birth_date",
    "received_date",
    "request_source",
    "request_outcome",
    "request_outcome_date",
    "assessment_outcome",
    "assessment_outcome_date",
    "week20",
    "plan_issued_date",
    "weeks_to_issue",
    "within_20_weeks",
    "plan_start_date",
    "plan_last_issued_date",
    "plan_cease_date",
    "last_review_date",
    "review_within_12_months",
    "phase_transfer_due_date",
    "phase_transfer_amended_date",
    "phase_transfer_on_time",
    "urn",
    "setting_name",
    "setting_type",
    "phase",
]


def sen2_rows(sen2: Sen2Return) -> list[dict]:
    rows = []
    for person in sen2.persons:
        base = {"person_id": person.child_key, "upn": person.upn}
        rows.append(
            {
                **base,
                "module": "1",
                "surname": person.last_name,
                "forename": person.first_name,
                "birth_date": person.date_of_birth,
            }
        )
        for request in person.requests:
            rows += _request_rows({**base, "request_id": request.case_key}, request)
    return rows


def _request_rows(base: dict, request: law.Request) -> list[dict]:
    rows = [
        {
            **base,
            "module": "2",
            "received_date": request.received,
            "request_source": request.requester_kind,
            "request_outcome": request.outcome,
            "request_outcome_date": request.decision_on,
        }
    ]
    if (a := request.assessment) is not None:
        rows.append(
            {
                **base,
                "module": "3",
                "assessment_outcome": a.outcome,
                "assessment_outcome_date": a.outcome_date,
                "week20": a.week20,
                "plan_issued_date": a.plan_issued_on,
                "weeks_to_issue": a.weeks_to_issue(request.received),
                "within_20_weeks": a.within_20_weeks(request.received),
            }
        )
    if (plan := request.plan) is not None:
        rows.append(
            {
                **base,
                "module": "4",
                "plan_start_date": plan.start_date,
                "plan_last_issued_date": plan.last_issued,
                "plan_cease_date": plan.ceased_on,
                "last_review_date": plan.last_review_meeting,
                "review_within_12_months": plan.review_within_12_months,
                "phase_transfer_due_date": plan.phase_transfer_deadline,
                "phase_transfer_amended_date": plan.phase_transfer_amended_on,
                "phase_transfer_on_time": plan.phase_transfer_on_time,
            }
        )
        if (place := plan.placement) is not None:
            rows.append(
                {
                    **base,
                    "module": "5",
                    "urn": place.urn,
                    "setting_name": place.name,
                    "setting_type": place.setting_type,
                    "phase": place.phase,
                }
            )
    return rows


def sen2_csv(sen2: Sen2Return) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    for row in sen2_rows(sen2):
        writer.writerow([csv_safe(_text(row.get(h))) for h in CSV_HEADERS])
    return out.getvalue()


def _cell(value):
    """A value as an XLSX cell: dates stay dates, yes/no is 1/0 as in the CSV and XML."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date | int):
        return value
    return str(value)


def sen2_cells(sen2: Sen2Return) -> list[list]:
    """The CSV's rows (headings `CSV_HEADERS`) as plain values, for the XLSX download; the
    XLSX writer (opensend.core.spreadsheets) keeps formula-looking text as text."""
    return [[_cell(row.get(h)) for h in CSV_HEADERS] for row in sen2_rows(sen2)]
