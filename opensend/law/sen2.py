"""The SEN2 statutory return (LA to DfE): which records a collection holds, and its checks.

Source: reference/statutory.md §6.3, which summarises the DfE SEN2 guidance and the 2023
technical specification's contents. SEN2 has been person-level since the January 2023
collection. For a January census date it covers:

- requests for an EHC needs assessment and assessments during the previous calendar year,
  and work still under way at the request, assessment and issuing stages;
- EHC plans active on the census date;
- plans ceased during that calendar year;
- placements (the school or setting named in section I of the plan);
- from 2026, annual reviews and phase transfers.

Modules (2023 spec): 1 Person, 2 Requests, 3 Assessments, 4 Named plan, 5 Placements; the XML
has a header and a person message. The DfE's XSD is not available to us: the element names the
writers use are listed in docs/sen2.md, with every assumption made here.

Pure: plain dataclasses in, plain dataclasses out; nothing from Django.
"""

from dataclasses import dataclass, field
from datetime import date

from opensend.law.dates import add_months, add_weeks
from opensend.law.upn import upn_problem

# SEND Regs 2014 reg 13(2): the final plan within 20 weeks of the request.
FINAL_PLAN_WEEKS = 20

MODULES = (
    ("1", "Person"),
    ("2", "Requests for EHC needs assessment"),
    ("3", "EHC needs assessments"),
    ("4", "Named plan"),
    ("5", "Placements"),
)

# Module 2: what became of a request (the decision under reg 5).
REQUEST_ASSESSED = "assessed"
REQUEST_REFUSED = "refused"
REQUEST_WITHDRAWN = "withdrawn"
REQUEST_ONGOING = "ongoing"

# Module 3: what became of an assessment (the decision under reg 10, then the plan).
ASSESSMENT_PLAN_ISSUED = "plan_issued"
ASSESSMENT_NO_PLAN = "no_plan"
ASSESSMENT_WITHDRAWN = "withdrawn"
ASSESSMENT_ONGOING = "ongoing"


@dataclass(frozen=True)
class CollectionPeriod:
    """The calendar year before the census, and the census date itself."""

    census_date: date
    start: date
    end: date

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def collection_period(census_date: date) -> CollectionPeriod:
    """SEN2 counts requests and assessments in the calendar year before the January census
    (statutory.md §6.3: "requests and assessments during the previous calendar year")."""
    if census_date.month != 1:
        raise ValueError("A SEN2 census date is in January")
    year = census_date.year - 1
    return CollectionPeriod(census_date, date(year, 1, 1), date(year, 12, 31))


def plan_active_on(*, issued_on: date | None, ceased_on: date | None, census_date: date) -> bool:
    """A plan is active on the census date if it was issued by then and not yet ceased."""
    if issued_on is None or issued_on > census_date:
        return False
    return ceased_on is None or ceased_on > census_date


def request_in_collection(
    *,
    received: date,
    resolved_on: date | None,
    period: CollectionPeriod,
) -> bool:
    """Whether a request (and its assessment) belongs in the return for `period`.

    In: received during the year; or received earlier and resolved (refused, withdrawn, no
    plan, plan issued) during the year; or received earlier and still unresolved at the end of
    the year ("ongoing work", statutory.md §6.3). Anything received after 31 December waits
    for next year's return, even if it is in hand on the census date.
    """
    if received > period.end:
        return False
    if received >= period.start:
        return True
    return resolved_on is None or resolved_on >= period.start


def weeks_to_issue(received: date, issued_on: date) -> int:
    """Whole weeks from the request to the final plan (the EES "average weeks to issue")."""
    return (issued_on - received).days // 7


def within_20_weeks(received: date, issued_on: date) -> bool:
    """Reg 13(2): the final plan on or before the day 20 weeks after the request."""
    return issued_on <= add_weeks(received, FINAL_PLAN_WEEKS)


def review_within_12_months(
    *, last_meeting: date | None, plan_issued: date | None, census_date: date
) -> bool | None:
    """CFA 2014 s44(1): a plan is reviewed at least every 12 months. True if the last annual
    review meeting (or, with none yet, the plan's issue) is within 12 months of the census
    date; None if there is neither."""
    since = last_meeting or plan_issued
    if since is None:
        return None
    return since >= add_months(census_date, -12)


# --- the records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Module 5: the school or setting named in section I (reg 12(1)(i))."""

    name: str
    urn: str = ""
    setting_type: str = ""
    phase: str = ""


@dataclass(frozen=True)
class NamedPlan:
    """Module 4, with the annual review and phase transfer items collected from 2026."""

    start_date: date  # the first final plan's issue date
    last_issued: date  # the latest issued version (an amended plan)
    placement: Placement | None = None
    ceased_on: date | None = None
    last_review_meeting: date | None = None
    review_within_12_months: bool | None = None
    phase_transfer_deadline: date | None = None  # reg 18: 15 February or 31 March
    phase_transfer_amended_on: date | None = None

    @property
    def phase_transfer_on_time(self) -> bool | None:
        if self.phase_transfer_deadline is None:
            return None
        amended = self.phase_transfer_amended_on
        return amended is not None and amended <= self.phase_transfer_deadline


@dataclass(frozen=True)
class Assessment:
    """Module 3. `week20` is item 3.7, "20-week time limit exceptions apply"."""

    outcome: str
    outcome_date: date | None = None
    week20: bool = False
    exceptions: tuple[str, ...] = ()  # the kinds of exception recorded on the case
    plan_issued_on: date | None = None

    def weeks_to_issue(self, received: date) -> int | None:
        return weeks_to_issue(received, self.plan_issued_on) if self.plan_issued_on else None

    def within_20_weeks(self, received: date) -> bool | None:
        return within_20_weeks(received, self.plan_issued_on) if self.plan_issued_on else None


@dataclass(frozen=True)
class Request:
    """Module 2: one request for an assessment (one EHC case), and what followed."""

    case_key: str
    received: date
    requester_kind: str
    outcome: str
    decision_on: date | None = None
    assessment: Assessment | None = None
    plan: NamedPlan | None = None
    # In the return only for its plan (active on the census date or ceased in the year): the
    # request and assessment are history from an earlier return, so their checks are not
    # repeated (an LA's migrated plans often have no decision on record).
    carried: bool = False


@dataclass(frozen=True)
class Person:
    """Module 1. Sex, postcode and ULN are items OpenSEND does not hold (docs/sen2.md)."""

    child_key: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    upn: str = ""
    requests: tuple[Request, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Failure:
    """One validation failure, with the record it belongs to so the caseworker can fix it."""

    code: str
    message: str
    child_key: str
    case_key: str = ""


# --- validation ---------------------------------------------------------------------------------

MISSING_DOB = "person_dob"
MISSING_UPN = "person_upn"
BAD_UPN = "person_upn_invalid"
REQUEST_AFTER_PERIOD = "request_after_period"
ASSESSED_NO_DECISION = "request_assessed_no_decision"
DECISION_BEFORE_REQUEST = "request_decision_before_received"
WEEK20_NO_EXCEPTION = "assessment_week20_no_exception"
PLAN_BEFORE_REQUEST = "plan_before_request"
PLAN_NO_PLACEMENT = "plan_no_placement"
PLACEMENT_NO_URN = "placement_no_urn"
CEASED_BEFORE_START = "plan_ceased_before_start"
DATE_AFTER_CENSUS = "date_after_census"


def validate(person: Person, period: CollectionPeriod) -> list[Failure]:
    """Every SEN2 check one person fails, in module order. A person-level failure carries
    the person's first case too, so the page can link every failure to a case."""
    first_case = person.requests[0].case_key if person.requests else ""
    failures = [
        Failure(f.code, f.message, f.child_key, first_case) for f in _person_failures(person)
    ]
    for request in person.requests:
        failures += [
            Failure(code, message, person.child_key, request.case_key)
            for code, message in _request_problems(request, period)
        ]
    return failures


def _person_failures(person: Person) -> list[Failure]:
    out = []
    if person.date_of_birth is None:
        out.append(Failure(MISSING_DOB, "Date of birth is missing (module 1)", person.child_key))
    if not person.upn:
        out.append(
            Failure(
                MISSING_UPN,
                "No UPN is recorded (module 1): add it to the child's record",
                person.child_key,
            )
        )
    elif problem := upn_problem(person.upn):
        out.append(Failure(BAD_UPN, f"The UPN is not valid: {problem}", person.child_key))
    return out


def _request_problems(request: Request, period: CollectionPeriod) -> list[tuple[str, str]]:
    out = []
    if request.carried:
        return (_plan_problems(request, request.plan) if request.plan else []) + (
            _dates_after_census(request, period.census_date)
        )
    if request.received > period.end:
        out.append(
            (
                REQUEST_AFTER_PERIOD,
                f"The request was received after {period.end:%-d %B %Y}, the end of the "
                "collection period",
            )
        )
    if request.outcome == REQUEST_ASSESSED and request.decision_on is None:
        out.append((ASSESSED_NO_DECISION, "Marked assessed, but no decision date is recorded"))
    if request.decision_on and request.decision_on < request.received:
        out.append((DECISION_BEFORE_REQUEST, "The decision is dated before the request"))
    assessment = request.assessment
    if assessment and assessment.week20 and not assessment.exceptions:
        out.append(
            (
                WEEK20_NO_EXCEPTION,
                "20-week exceptions are marked as applying, but no exception is recorded "
                "(SEND Regs 2014 reg 13(3))",
            )
        )
    if request.plan:
        out += _plan_problems(request, request.plan)
    out += _dates_after_census(request, period.census_date)
    return out


def _plan_problems(request: Request, plan: NamedPlan) -> list[tuple[str, str]]:
    out = []
    if plan.start_date < request.received:
        out.append((PLAN_BEFORE_REQUEST, "The plan is dated before the request it answers"))
    if plan.ceased_on is None and plan.placement is None:
        out.append(
            (
                PLAN_NO_PLACEMENT,
                "The plan names no school or setting in section I (module 5)",
            )
        )
    elif plan.placement is not None and not plan.placement.urn:
        out.append((PLACEMENT_NO_URN, "The school or setting in section I has no URN"))
    if plan.ceased_on and plan.ceased_on < plan.start_date:
        out.append((CEASED_BEFORE_START, "The plan ceased before it was issued"))
    return out


def _dates_after_census(request: Request, census_date: date) -> list[tuple[str, str]]:
    plan, assessment = request.plan, request.assessment
    dates = [request.received, request.decision_on]
    if assessment:
        dates += [assessment.outcome_date, assessment.plan_issued_on]
    if plan:
        dates += [plan.start_date, plan.last_issued, plan.ceased_on, plan.last_review_meeting]
    if any(day and day > census_date for day in dates):
        return [(DATE_AFTER_CENSUS, f"A date is after the census date, {census_date:%-d %B %Y}")]
    return []
