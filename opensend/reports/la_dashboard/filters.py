"""The dashboard's filters, read from the query string: a period, a school, a primary need, an area.

Bad input never fails the page (shared brief: "a clear message or ignored with a message"): a
date that is not a real date gets a GOV.UK error message and the default period is shown; an
unknown school, need or area is ignored, with a message saying so.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode
from uuid import UUID

from opensend.law.dates import add_months
from opensend.organisations.models import Organisation, OrganisationKind
from opensend.people.models import NEED_CHOICES

# The value of `school`, `need` or `area` that asks for the cases with none recorded (so the
# "No area recorded" row of a breakdown links to exactly the cases it counts).
NONE = "none"
NO_AREA = NONE
NO_AREA_LABEL = "No area recorded"
NO_SCHOOL_LABEL = "No school recorded"
NO_NEED_LABEL = "No primary need recorded"
NEED_NAMES = dict(NEED_CHOICES)
PERIOD_MONTHS = 12
MAX_PERIOD_MONTHS = 60


@dataclass(frozen=True)
class FilterError:
    field: str  # the input's id, for the error summary's link
    text: str


@dataclass(frozen=True)
class DashboardFilters:
    start: date  # first day of the period, inclusive
    end: date  # last day of the period, inclusive
    school_id: str = ""
    school_name: str = ""
    need: str = ""
    area: str = ""  # an area's name, NO_AREA, or "" for every area

    def params(self, **overrides) -> dict[str, str]:
        """The query parameters that give these filters back (for links and the PDF)."""
        params = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        for key, value in (("school", self.school_id), ("need", self.need), ("area", self.area)):
            if value:
                params[key] = value
        params.update({k: str(v) for k, v in overrides.items() if v not in (None, "")})
        return params

    def query(self, **overrides) -> str:
        return urlencode(self.params(**overrides))

    @property
    def description(self) -> str:
        parts = [f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"]
        if self.school_name:
            parts.append(self.school_name)
        if self.need == NONE:
            parts.append(NO_NEED_LABEL.lower())
        elif self.need:
            parts.append(f"primary need {NEED_NAMES.get(self.need, self.need)}")
        if self.area:
            parts.append(NO_AREA_LABEL if self.area == NO_AREA else f"area {self.area}")
        return ", ".join(parts)


def default_period(today: date) -> tuple[date, date]:
    """The 12 months up to and including today."""
    return add_months(today, -PERIOD_MONTHS) + timedelta(days=1), today


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


def school_choices(local_authority) -> list[tuple[str, str]]:
    return [
        (str(pk), name)
        for pk, name in Organisation.objects.filter(
            local_authority=local_authority, kind=OrganisationKind.SCHOOL
        )
        .order_by("name")
        .values_list("pk", "name")
    ]


def area_choices(local_authority) -> list[str]:
    return list(
        Organisation.objects.filter(local_authority=local_authority, kind=OrganisationKind.SCHOOL)
        .exclude(area="")
        .order_by("area")
        .values_list("area", flat=True)
        .distinct()
    )


def _school(raw: str) -> tuple[str, str] | None:
    """Any school or setting (a case's school may be out of the council's area)."""
    raw = raw.strip()
    if not raw:
        return None
    if raw == NONE:
        return NONE, NO_SCHOOL_LABEL
    school = (
        Organisation.objects.filter(pk=raw, kind=OrganisationKind.SCHOOL).values("pk", "name")
        if is_uuid(raw)
        else []
    )
    school = next(iter(school), None)
    return (str(school["pk"]), school["name"]) if school else ("", "")


def is_uuid(raw: str) -> bool:
    try:
        UUID(raw)
    except ValueError:
        return False
    return True


def parse_filters(querydict, local_authority, today: date):
    """(filters, errors) from `?from=&to=&school=&need=&area=`; errors are GOV.UK messages."""
    errors: list[FilterError] = []
    start, end = default_period(today)
    raw_from, raw_to = querydict.get("from", "").strip(), querydict.get("to", "").strip()
    if raw_from:
        parsed = _date(raw_from)
        if parsed is None:
            errors.append(
                FilterError("from", "Enter the start date as a real date, for example 2026-04-01")
            )
        else:
            start = parsed
    if raw_to:
        parsed = _date(raw_to)
        if parsed is None:
            errors.append(
                FilterError("to", "Enter the end date as a real date, for example 2027-03-31")
            )
        else:
            end = parsed
    if start > end:
        errors.append(FilterError("to", "The end date must be the same as or after the start date"))
        start, end = default_period(today)
    elif add_months(start, MAX_PERIOD_MONTHS) <= end:
        # A chart of hundreds of months reads as noise, and nobody needs it on a dashboard.
        errors.append(FilterError("from", "The period can be at most 5 years long"))
        start, end = default_period(today)
    school_id = school_name = ""
    school = _school(querydict.get("school", ""))
    if school is not None:
        school_id, school_name = school
        if not school_id:
            errors.append(FilterError("school", "That school was not found: showing every school"))
    need = querydict.get("need", "").strip()
    if need and need != NONE and need not in NEED_NAMES:
        errors.append(FilterError("need", "That type of need was not found: showing every need"))
        need = ""
    area = querydict.get("area", "").strip()
    if area and area != NO_AREA and not Organisation.objects.filter(area=area).exists():
        errors.append(FilterError("area", "That area was not found: showing every area"))
        area = ""
    filters = DashboardFilters(
        start=start, end=end, school_id=school_id, school_name=school_name, need=need, area=area
    )
    return filters, errors
