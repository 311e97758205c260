"""Import pupils and their SEN data from a school's MIS export (CSV): read, plan, apply.

Reading and planning write nothing: `read_csv` turns the uploaded bytes into rows (or one clear
problem with the file), `plan_import` compares them with what OpenSEND holds and says, row by
row, what would be created, changed, left alone or rejected and why. `mis_import_apply` carries
out a plan with no rejected rows in one transaction through the register services, so an
import happens completely or not at all. Pupils are matched by UPN; the columns are described
in docs/mis-import.md.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.law.codes import NEED_BY_CODE, PROVISION_BY_CODE, census_check
from opensend.law.upn import upn_problem
from opensend.organisations.models import Organisation
from opensend.people.models import Child, Enrolment, Provision, YearGroup
from opensend.people.selectors import can_edit_register, current_register_prefetch
from opensend.people.services import (
    child_add,
    enrolment_year_group_set,
    needs_update,
    sen_status_change,
    validate_child_details,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
IMPORT_REASON = "Imported from the school's MIS"

# Our field, its label for people, whether it is required, and the headings MIS exports use
# (compared in lower case with spaces, dots, dashes and underscores made single spaces).
COLUMNS: list[tuple[str, str, bool, tuple[str, ...]]] = [
    ("upn", "UPN", True, ("upn", "unique pupil number")),
    (
        "last_name",
        "Surname",
        True,
        ("legal surname", "surname", "last name", "family name", "legal last name"),
    ),
    (
        "first_name",
        "Forename",
        True,
        ("legal forename", "forename", "first name", "given name", "legal first name"),
    ),
    ("date_of_birth", "Date of birth", True, ("dob", "date of birth", "birth date")),
    (
        "year_group",
        "Year group",
        True,
        ("year", "nc year", "year group", "nc year actual", "curriculum year"),
    ),
    (
        "provision",
        "SEN status",
        True,
        ("sen status", "sen provision", "sen", "sen stage"),
    ),
    (
        "need_1",
        "Primary need",
        False,
        ("primary need", "sen need 1", "need 1", "primary sen need", "sen primary need"),
    ),
    (
        "need_2",
        "Secondary need",
        False,
        ("secondary need", "sen need 2", "need 2", "secondary sen need", "sen secondary need"),
    ),
    (
        "admission_date",
        "Admission date",
        False,
        ("admission date", "start date", "date of admission", "entry date"),
    ),
]
HEADING_TO_FIELD = {alias: name for name, _, _, aliases in COLUMNS for alias in aliases}
FIELD_LABELS = {name: label for name, label, _, _ in COLUMNS}
REQUIRED_FIELDS = [name for name, _, required, _ in COLUMNS if required]

PROVISION_WORDS = {
    "E": "E",
    "EHC PLAN": "E",
    "EHCP": "E",
    "EDUCATION, HEALTH AND CARE PLAN": "E",
    "EDUCATION HEALTH AND CARE PLAN": "E",
    "K": "K",
    "SEN SUPPORT": "K",
    "N": "N",
    "": "N",
    "NO SEN": "N",
    "NONE": "N",
    "NO SPECIAL EDUCATIONAL NEED": "N",
    "NO SPECIAL EDUCATIONAL NEEDS": "N",
}
PROVISION_LABELS = dict(Provision.choices)
YEAR_LABELS = dict(YearGroup.choices)
NEED_LABELS = {need.code: need.description for need in NEED_BY_CODE.values()}
NEED_WORDS = {
    " ".join(need.description.upper().replace(",", " ").split()): need.code
    for need in NEED_BY_CODE.values()
}


class ImportFileError(Exception):
    """The file as a whole cannot be read: the message says what to do about it."""


def _heading_key(heading: str) -> str:
    cleaned = "".join(" " if ch in "._-" else ch for ch in heading.strip().lower())
    return " ".join(cleaned.split())


def decode_upload(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte order mark), else Windows-1252."""
    if not data.strip():
        raise ImportFileError("The selected file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(
            "The file is saved as UTF-16 (Unicode text): save it from your spreadsheet as "
            "\u201cCSV UTF-8\u201d and upload it again"
        )
    if b"\x00" in data:
        raise ImportFileError(
            "The selected file is not a CSV file: export the pupil list from your MIS as CSV"
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        "We could not read the characters in the file: save it as \u201cCSV UTF-8\u201d and "
        "upload it again"
    )


@dataclass
class ParsedFile:
    rows: list[tuple[int, dict[str, str]]]  # (row number in the file, our field -> cell)
    columns: set[str]  # our fields that have a column
    ignored: list[str]  # headings we do not use


def read_csv(text: str) -> ParsedFile:
    """Rows keyed by our field names. Row numbers count the heading row as row 1."""
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(
            "The selected file is not a CSV file: export the pupil list from your MIS as CSV"
        ) from error
    if not records:
        raise ImportFileError("The selected file is empty")
    positions: dict[str, int] = {}
    ignored = []
    for index, heading in enumerate(records[0]):
        name = HEADING_TO_FIELD.get(_heading_key(heading))
        if name is None or name in positions:
            if heading.strip():
                ignored.append(heading.strip())
            continue
        positions[name] = index
    if not positions:
        raise ImportFileError(
            "The file has no column headings we recognise: the first row must name the "
            "columns, for example UPN, Surname, Forename, DOB, Year, SEN Status"
        )
    missing = [FIELD_LABELS[name] for name in REQUIRED_FIELDS if name not in positions]
    if missing:
        raise ImportFileError(f"The file is missing these columns: {', '.join(missing)}")
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        cells = {
            name: record[index].strip() if index < len(record) else ""
            for name, index in positions.items()
        }
        rows.append((number, cells))
    return ParsedFile(rows=rows, columns=set(positions), ignored=ignored)


# Values ---------------------------------------------------------------------------------------


def parse_date(value: str, label: str) -> tuple[date | None, str | None]:
    value = value.strip().split(" ")[0].split("T")[0]
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).date(), None
        except ValueError:
            continue
    shaped = len(value.replace("-", "/").split("/")) == 3
    if shaped and all(part.isdigit() for part in value.replace("-", "/").split("/")):
        return None, f"{label} \u2018{value}\u2019 is not a real date"
    return None, f"{label} \u2018{value}\u2019 is not a date: use DD/MM/YYYY"


def parse_year_group(value: str) -> str | None:
    word = " ".join(value.strip().upper().split())
    word = {"RECEPTION": "R", "REC": "R", "NURSERY 1": "N1", "NURSERY 2": "N2"}.get(word, word)
    for prefix in ("YEAR ", "YEAR", "Y"):
        if word.startswith(prefix) and word[len(prefix) :].strip().isdigit():
            word = word[len(prefix) :].strip()
    if word.isdigit():
        word = str(int(word))
    return word if word in YEAR_LABELS else None


def parse_provision(value: str) -> str | None:
    word = " ".join(value.strip().upper().split())
    if word in PROVISION_WORDS:
        return PROVISION_WORDS[word]
    return word if word in PROVISION_BY_CODE else None  # legacy S, A, P: census_check says why


def parse_need(value: str) -> str | None:
    word = " ".join(value.strip().upper().split())
    if word in NEED_BY_CODE:
        return word
    return NEED_WORDS.get(" ".join(word.replace(",", " ").split()))


# Planning -------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    number: int
    upn: str
    first_name: str
    last_name: str
    date_of_birth: date
    year_group: str
    provision: str
    needs: list[tuple[str, int]] | None  # None: the file has no need columns (leave them)
    admission_date: date

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def year_label(self) -> str:
        return YEAR_LABELS[self.year_group]

    @property
    def provision_label(self) -> str:
        return PROVISION_LABELS[self.provision]

    @property
    def needs_label(self) -> str:
        return ", ".join(f"{NEED_LABELS.get(code, code)} ({code})" for code, _ in self.needs or [])


@dataclass
class Rejection:
    number: int
    upn: str
    name: str
    reasons: list[str]


@dataclass
class Change:
    row: ImportRow
    child: Child
    enrolment: Enrolment
    old_provision: str
    old_needs: list[tuple[str, int]]
    year_group: str | None = None  # the new value, when it changes
    provision: str | None = None
    needs: list[tuple[str, int]] | None = None
    descriptions: list[str] = field(default_factory=list)


@dataclass
class Plan:
    rows: int = 0
    created: list[ImportRow] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[ImportRow] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def change_count(self) -> int:
        return len(self.created) + len(self.changed)

    @property
    def can_import(self) -> bool:
        return not self.rejected and self.change_count > 0


def file_token(school: Organisation, data: bytes) -> str:
    """Names an uploaded file for one school: the confirm step finds it by this."""
    return hashlib.sha256(str(school.pk).encode() + b"\x00" + data).hexdigest()


def _row_from_cells(number: int, cells: dict[str, str], today: date) -> ImportRow | list[str]:
    """The row's values, or the reasons it cannot be imported."""
    problems = []
    upn = cells["upn"].replace(" ", "").upper()
    if not upn:
        return ["UPN missing: add it in your MIS first"]
    if problem := upn_problem(upn):
        problems.append(f"UPN {upn}: {problem}")
    if not cells["last_name"]:
        problems.append("Surname missing")
    if not cells["first_name"]:
        problems.append("Forename missing")
    date_of_birth = None
    if not cells["date_of_birth"]:
        problems.append("Date of birth missing")
    else:
        date_of_birth, problem = parse_date(cells["date_of_birth"], "Date of birth")
        if problem:
            problems.append(problem)
        else:
            details = validate_child_details(
                upn="", date_of_birth=date_of_birth, nhs_number="", today=today
            )
            problems.extend(details.values())
    year_group = parse_year_group(cells["year_group"])
    if year_group is None:
        problems.append(
            f"Year group \u2018{cells['year_group']}\u2019 is not one we recognise: "
            "use N1, N2, R or 1 to 14"
        )
    provision = parse_provision(cells["provision"])
    if provision is None:
        problems.append(
            f"SEN status \u2018{cells['provision']}\u2019 is not one we recognise: use E (EHC "
            "plan), K (SEN support) or N (no special educational need)"
        )
    needs = None
    if "need_1" in cells or "need_2" in cells:
        needs = []
        for rank, (name, label) in enumerate(
            (("need_1", "Primary need"), ("need_2", "Secondary need")), start=1
        ):
            value = cells.get(name, "")
            if not value:
                continue
            code = parse_need(value)
            if code is None:
                problems.append(
                    f"{label} \u2018{value}\u2019 is not a DfE type of need code "
                    "(for example ASD, SPLD, SEMH, SLCN)"
                )
            else:
                needs.append((code, rank))
        if cells.get("need_2") and not cells.get("need_1"):
            problems.append("Secondary need given without a primary need")
    admission_date = today
    if cells.get("admission_date"):
        admission_date, problem = parse_date(cells["admission_date"], "Admission date")
        if problem:
            problems.append(problem)
        elif admission_date > today:
            problems.append("Admission date is in the future: import them once they have started")
        elif date_of_birth and admission_date < date_of_birth:
            problems.append("Admission date is before their date of birth")
    if provision is not None and needs is not None and not problems:
        for check_date in sorted({today, admission_date}):
            for problem in census_check(provision=provision, needs=needs, census_date=check_date):
                if problem.message not in problems:
                    problems.append(problem.message)
    if problems:
        return problems
    return ImportRow(
        number=number,
        upn=upn,
        first_name=cells["first_name"],
        last_name=cells["last_name"],
        date_of_birth=date_of_birth,
        year_group=year_group,
        provision=provision,
        needs=needs,
        admission_date=admission_date,
    )


def _plan_change(row: ImportRow, child: Child, enrolment: Enrolment, today: date):
    """What would change for a pupil already on roll, or the reasons it cannot."""
    status = child.open_statuses[0] if child.open_statuses else None
    old_provision = status.provision if status else Provision.NO_SEN
    old_needs = sorted((n.code, n.rank) for n in child.open_needs)
    change = Change(
        row=row,
        child=child,
        enrolment=enrolment,
        old_provision=old_provision,
        old_needs=old_needs,
    )
    if enrolment.year_group != row.year_group:
        change.year_group = row.year_group
        change.descriptions.append(
            f"Year group: {YEAR_LABELS[enrolment.year_group]} to {YEAR_LABELS[row.year_group]}"
        )
    if old_provision != row.provision:
        change.provision = row.provision
        change.descriptions.append(
            f"SEN status: {PROVISION_LABELS.get(old_provision, old_provision)} to "
            f"{PROVISION_LABELS[row.provision]}"
        )
    wanted = old_needs if row.needs is None else sorted(row.needs)
    if row.provision == Provision.NO_SEN:
        wanted = []
    if wanted != old_needs and row.provision != Provision.NO_SEN:
        change.needs = wanted
        change.descriptions.append(
            "Needs: "
            + (", ".join(code for code, _ in old_needs) or "none")
            + " to "
            + (", ".join(code for code, _ in wanted) or "none")
        )
    elif wanted != old_needs:
        change.descriptions.append("Needs ended (no special educational need)")
    problems = []
    if change.provision and status is not None and status.start >= today:
        problems.append(
            "Their SEN status was already changed today: import the file again tomorrow"
        )
    if wanted != old_needs and any(n.start >= today for n in child.open_needs):
        problems.append("Their needs were already changed today: import the file again tomorrow")
    if row.needs is None and row.provision != Provision.NO_SEN:
        problems.extend(
            problem.message
            for problem in census_check(provision=row.provision, needs=wanted, census_date=today)
        )
    return problems or change


def plan_import(parsed: ParsedFile, school: Organisation, *, today: date) -> Plan:
    """Compare the file with OpenSEND: nothing is written."""
    plan = Plan(rows=len(parsed.rows), ignored_columns=parsed.ignored)
    upn_rows: dict[str, list[int]] = {}
    for number, cells in parsed.rows:
        upn = cells["upn"].replace(" ", "").upper()
        if upn:
            upn_rows.setdefault(upn, []).append(number)
    existing = {
        child.upn: child
        for child in Child.objects.filter(upn__in=list(upn_rows)).prefetch_related(
            *current_register_prefetch()
        )
    }
    for number, cells in parsed.rows:
        upn = cells["upn"].replace(" ", "").upper()
        name = f"{cells['first_name']} {cells['last_name']}".strip()
        result = _row_from_cells(number, cells, today)
        if len(upn_rows.get(upn, [])) > 1:
            others = ", ".join(str(n) for n in upn_rows[upn] if n != number)
            duplicate = f"UPN {upn} is also on row {others}: each pupil should appear once"
            result = [duplicate] + (result if isinstance(result, list) else [])
        if isinstance(result, list):
            plan.rejected.append(Rejection(number, upn, name, result))
            continue
        child = existing.get(result.upn)
        if child is None:
            plan.created.append(result)
            continue
        enrolment = next((e for e in child.open_enrolments if e.school_id == school.pk), None)
        if enrolment is None:
            reason = (
                "This pupil is already on roll at another school in OpenSEND"
                if child.open_enrolments
                else "A pupil with this UPN is in OpenSEND but not on your roll: check the UPN"
            )
            plan.rejected.append(Rejection(number, upn, name, [reason]))
            continue
        change = _plan_change(result, child, enrolment, today)
        if isinstance(change, list):
            plan.rejected.append(Rejection(number, upn, name, change))
        elif change.descriptions:
            plan.changed.append(change)
        else:
            plan.unchanged.append(result)
    return plan


# Applying -------------------------------------------------------------------------------------


class ImportRefused(Exception):
    """Nothing was imported; the message says which row stopped it and why."""


def _messages(error: ValidationError) -> str:
    return "; ".join(error.messages)


def _create(actor, school: Organisation, row: ImportRow, today: date) -> None:
    child = child_add(
        actor=actor,
        school=school,
        first_name=row.first_name,
        last_name=row.last_name,
        date_of_birth=row.date_of_birth,
        year_group=row.year_group,
        start=row.admission_date,
        today=today,
        upn=row.upn,
        provision=row.provision,
        reason=IMPORT_REASON if row.provision != Provision.NO_SEN else "",
    )
    if row.needs:
        needs_update(
            actor=actor,
            child=child,
            school=school,
            needs=row.needs,
            start=row.admission_date,
            today=today,
        )


def _change(actor, school: Organisation, change: Change, today: date) -> None:
    if change.year_group:
        enrolment_year_group_set(
            actor=actor,
            enrolment=change.enrolment,
            school=school,
            year_group=change.year_group,
            note="mis import",
        )

    def status():
        sen_status_change(
            actor=actor,
            child=change.child,
            school=school,
            provision=change.provision,
            start=today,
            reason=IMPORT_REASON,
            today=today,
        )

    def needs():
        needs_update(
            actor=actor,
            child=change.child,
            school=school,
            needs=change.needs,
            start=today,
            today=today,
        )

    # The order keeps every step within the census rules: moving to E, the needs change
    # first (NSA is allowed under K, not E); otherwise the status changes first.
    steps = []
    if change.provision == Provision.EHC_PLAN and change.old_provision == Provision.SEN_SUPPORT:
        steps = [needs] if change.needs is not None else []
        steps.append(status)
    else:
        steps = [status] if change.provision else []
        if change.needs is not None:
            steps.append(needs)
    for step in steps:
        step()


@transaction.atomic
def mis_import_apply(*, actor, school: Organisation, plan: Plan, today: date) -> Plan:
    """Carry out the whole plan, or nothing (ImportRefused names the row that stopped it)."""
    if not can_edit_register(actor, school):
        raise PermissionDenied("Only the SENCO or head teacher can change the SEN register.")
    if plan.rejected:
        raise ImportRefused(
            f"{len(plan.rejected)} row{'s' if len(plan.rejected) != 1 else ''} cannot be "
            "imported: correct them in your MIS and upload the file again"
        )
    for row in plan.created:
        try:
            _create(actor, school, row, today)
        except ValidationError as error:
            raise ImportRefused(f"Row {row.number}: {_messages(error)}") from error
    for change in plan.changed:
        try:
            _change(actor, school, change, today)
        except ValidationError as error:
            raise ImportRefused(f"Row {change.row.number}: {_messages(error)}") from error
    audit_record(
        actor=actor,
        kind=AuditEventKind.CREATED,
        record_type="people.misimport",
        organisation_id=school.pk,
        note=f"rows={plan.rows} created={len(plan.created)} changed={len(plan.changed)}",
    )
    return plan
