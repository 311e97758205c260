"""Import pupils and their SEN data from a school's MIS export (CSV): read, plan, apply.

Reading and planning write nothing: `read_csv` turns the uploaded bytes into rows (or one clear
problem with the file), `plan_import` compares them with what OpenSEND holds and says, row by
row, what would be created, changed, left alone or rejected and why. `mis_import_apply` carries
out a plan with no rejected rows in one transaction through the register services, so an
import happens completely or not at all. Pupils are matched by UPN; the columns are described
in docs/mis-import.md.

Up to two parents or carers a row are read from the contact columns and recorded as parent
links with no account, which the SENCO then invites from the pupil's page: the import itself
never sends email. A contact who cannot be recorded (a bad email, a doctor rather than a parent)
is a warning, not a rejection, so one typo in a contact does not hold up the SEN register.
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction

from opensend.core.models import AuditEventKind
from opensend.core.services import StaleEditError, audit_record
from opensend.law.codes import NEED_BY_CODE, PROVISION_BY_CODE, census_check
from opensend.law.upn import upn_problem
from opensend.organisations.models import Organisation
from opensend.people.family_services import parent_link_update
from opensend.people.models import (
    Child,
    Enrolment,
    ParentLink,
    Provision,
    Relationship,
    YearGroup,
)
from opensend.people.selectors import can_edit_register, current_register_prefetch
from opensend.people.services import (
    child_add,
    enrolment_year_group_set,
    needs_update,
    parent_link_add,
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

# Parents and carers, up to two a row. A heading is the contact's prefix (SIMS "Contact 1",
# "Primary Contact"; Arbor "Guardian 1", "Primary Guardian") and then the part's words, so
# "Contact 2 Email" and "Guardian 2 Email Address" both name the second contact's email.
CONTACT_PREFIXES: dict[int, tuple[str, ...]] = {
    1: (
        "contact 1",
        "guardian 1",
        "parent 1",
        "carer 1",
        "primary contact",
        "primary guardian",
        "priority 1 contact",
    ),
    2: (
        "contact 2",
        "guardian 2",
        "parent 2",
        "carer 2",
        "secondary contact",
        "secondary guardian",
        "priority 2 contact",
    ),
}
CONTACT_PARTS: list[tuple[str, str, tuple[str, ...]]] = [
    ("name", "Name", ("", "name", "full name")),
    ("forename", "Forename", ("forename", "first name", "legal forename", "given name")),
    ("surname", "Surname", ("surname", "last name", "legal surname", "family name")),
    (
        "relationship",
        "Relationship",
        ("relationship", "relationship to pupil", "relationship to student", "relation"),
    ),
    (
        "email",
        "Email",
        (
            "email",
            "email address",
            "e mail",
            "e mail address",
            "main email",
            "main email address",
            "primary email",
            "primary email address",
        ),
    ),
    (
        "responsibility",
        "Parental responsibility",
        ("parental responsibility", "has parental responsibility", "parental resp"),
    ),
    (
        "lives_with",
        "Lives with the pupil",
        ("lives with pupil", "lives with student", "lives with child", "lives with"),
    ),
]
HEADING_TO_FIELD.update(
    {
        f"{prefix} {words}".strip(): f"contact{position}_{part}"
        for position, prefixes in CONTACT_PREFIXES.items()
        for part, _, aliases in CONTACT_PARTS
        for prefix in prefixes
        for words in aliases
    }
)

# What the MIS calls the relationship (SIMS words and their DfE codes, Arbor words) and what
# that makes the person: a parent or carer (recorded), "parent"/"carer" with no more said
# (recorded as Other, and an existing link's relationship is left alone), a relative who is a
# carer only when the file says so, or someone who is not a parent or carer at all (a GP, an
# emergency contact) and is never given access to the child's record.
PARENT, GENERIC, RELATIVE, NOT_PARENT = "parent", "generic", "relative", "not parent"
RELATIONSHIP_WORDS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        ("MOTHER", "MUM", "PARENT MOTHER", "PAM", "BIRTH MOTHER", "ADOPTIVE MOTHER"),
        (Relationship.MOTHER, PARENT),
    ),
    **dict.fromkeys(
        ("FATHER", "DAD", "PARENT FATHER", "PAF", "BIRTH FATHER", "ADOPTIVE FATHER"),
        (Relationship.FATHER, PARENT),
    ),
    **dict.fromkeys(
        (
            "STEP MOTHER",
            "STEPMOTHER",
            "STEP FATHER",
            "STEPFATHER",
            "STEP PARENT",
            "STEPPARENT",
            "STM",
            "STF",
        ),
        (Relationship.STEP_PARENT, PARENT),
    ),
    **dict.fromkeys(
        (
            "FOSTER MOTHER",
            "FOSTER FATHER",
            "FOSTER CARER",
            "FOSTER PARENT",
            "CARER FOSTER MOTHER",
            "CARER FOSTER FATHER",
            "FOM",
            "FOF",
        ),
        (Relationship.FOSTER_CARER, PARENT),
    ),
    "KINSHIP CARER": (Relationship.KINSHIP_CARER, PARENT),
    "SPECIAL GUARDIAN": (Relationship.SPECIAL_GUARDIAN, PARENT),
    "CORPORATE PARENT": (Relationship.CORPORATE_PARENT, PARENT),
    **dict.fromkeys(
        (
            "PARENT",
            "CARER",
            "GUARDIAN",
            "LEGAL GUARDIAN",
            "PARENT CARER",
            "ADOPTIVE PARENT",
            "PAR",
            "CAR",
        ),
        (Relationship.OTHER, GENERIC),
    ),
    **dict.fromkeys(
        (
            "GRANDMOTHER",
            "GRANDFATHER",
            "GRANDPARENT",
            "GRM",
            "GRF",
            "AUNT",
            "UNCLE",
            "BROTHER",
            "SISTER",
            "SIBLING",
            "OTHER RELATIVE",
            "RELATIVE",
            "REL",
            "FAMILY MEMBER",
            "OTHER FAMILY MEMBER",
            "FAM",
        ),
        (Relationship.KINSHIP_CARER, RELATIVE),
    ),
    "OTHER": (Relationship.OTHER, RELATIVE),
    **dict.fromkeys(
        (
            "DOCTOR",
            "DOC",
            "GP",
            "SOCIAL WORKER",
            "SWR",
            "CHILDMINDER",
            "CHM",
            "OTHER CONTACT",
            "OTH",
            "EMERGENCY CONTACT",
            "FRIEND",
            "NEIGHBOUR",
            "RELIGIOUS CONTACT",
            "RLG",
            "NANNY",
            "AU PAIR",
        ),
        ("", NOT_PARENT),
    ),
}
YES_WORDS = {"Y", "YES", "TRUE", "1"}
NO_WORDS = {"N", "NO", "FALSE", "0"}

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
    cleaned = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", cleaned)  # "Contact1Email"
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

    @property
    def has_contacts(self) -> bool:
        return any(name.startswith("contact") for name in self.columns)


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
    has_contacts: bool = False  # the file has parent or carer columns
    contacts_added: list["ContactChange"] = field(default_factory=list)
    contacts_changed: list["ContactChange"] = field(default_factory=list)
    contacts_unchanged: int = 0
    contact_warnings: list["ContactWarning"] = field(default_factory=list)

    @property
    def change_count(self) -> int:
        return (
            len(self.created)
            + len(self.changed)
            + len(self.contacts_added)
            + len(self.contacts_changed)
        )

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


# Parents and carers ---------------------------------------------------------------------------

RELATIONSHIP_LABELS = dict(Relationship.choices)


@dataclass
class ContactRow:
    """A parent or carer as the file gives them."""

    position: int  # 1 or 2: which contact columns
    full_name: str
    email: str  # lower case; blank when the file has none
    relationship: str
    specific: bool  # False when the file says only "parent" or "carer"
    responsibility: bool | None  # None: the file does not say
    lives_with: bool | None

    @property
    def relationship_label(self) -> str:
        return RELATIONSHIP_LABELS[self.relationship]

    @property
    def parental_responsibility(self) -> bool:
        return True if self.responsibility is None else self.responsibility

    @property
    def has_care(self) -> bool:
        return True if self.lives_with is None else self.lives_with


@dataclass
class ContactWarning:
    """A parent or carer the import leaves out; the pupil is imported all the same."""

    number: int
    pupil: str
    contact: str
    reason: str


@dataclass
class ContactChange:
    number: int
    pupil: str
    upn: str
    contact: ContactRow
    child: Child | None  # None: a pupil this import adds
    link: ParentLink | None = None  # None: a parent or carer to add
    changes: dict[str, object] = field(default_factory=dict)
    descriptions: list[str] = field(default_factory=list)


_BAD = object()


def _yes_no(value: str):
    word = value.strip().upper()
    if not word:
        return None
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return _BAD


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _relationship_key(value: str) -> str:
    return " ".join("".join(" " if ch in "-/()," else ch for ch in value.upper()).split())


def _contact_cell(cells: dict[str, str], position: int, part: str) -> str:
    return " ".join(cells.get(f"contact{position}_{part}", "").split())


def _contact_name(cells: dict[str, str], position: int) -> str:
    full = _contact_cell(cells, position, "name")
    parts = (_contact_cell(cells, position, "forename"), _contact_cell(cells, position, "surname"))
    return full or " ".join(part for part in parts if part)


def _contact_from_cells(cells: dict[str, str], position: int) -> ContactRow | str | None:
    """The contact in this position, the reason they are left out, or None if there is none."""

    def get(part: str) -> str:
        return _contact_cell(cells, position, part)

    name = _contact_name(cells, position)
    raw_relationship, raw_email = get("relationship"), get("email")
    raw_responsibility, raw_lives_with = get("responsibility"), get("lives_with")
    if not any((name, raw_relationship, raw_email, raw_responsibility, raw_lives_with)):
        return None
    if not name:
        return "No name given"
    if len(name) > ParentLink._meta.get_field("full_name").max_length:
        return "The name is longer than 150 characters"
    email = raw_email.lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            return f"Email \u2018{raw_email}\u2019 is not a valid email address"
    responsibility, lives_with = _yes_no(raw_responsibility), _yes_no(raw_lives_with)
    if responsibility is _BAD:
        return f"Parental responsibility \u2018{raw_responsibility}\u2019 is not yes or no"
    if lives_with is _BAD:
        return f"Lives with the pupil \u2018{raw_lives_with}\u2019 is not yes or no"
    if not raw_relationship:
        return "No relationship given, so we cannot tell whether they are a parent or carer"
    relationship, kind = RELATIONSHIP_WORDS.get(_relationship_key(raw_relationship), ("", ""))
    if not kind:
        return (
            f"Relationship \u2018{raw_relationship}\u2019 is not one we recognise as a parent "
            "or carer"
        )
    if kind == NOT_PARENT:
        return (
            f"Relationship \u2018{raw_relationship}\u2019 is not a parent or carer, so they are "
            "not given access to the pupil\u2019s record"
        )
    if kind == RELATIVE and not (responsibility or lives_with):
        return (
            f"Relationship \u2018{raw_relationship}\u2019 is recorded as a carer only when the "
            "file says they have parental responsibility or the pupil lives with them"
        )
    if responsibility is False and lives_with is False:
        # Education Act 1996 s576: a parent has parental responsibility or care of the child.
        return (
            "The file says they have neither parental responsibility nor care of the pupil, "
            "so they are not a parent or carer in law"
        )
    return ContactRow(
        position=position,
        full_name=name,
        email=email,
        relationship=relationship,
        specific=kind != GENERIC,
        responsibility=responsibility,
        lives_with=lives_with,
    )


def _match(contact: ContactRow, links: list[ParentLink], claimed: set) -> ParentLink | None:
    """The recorded parent or carer this contact is: by name, else by email (names are not
    changed, so a name spelled differently in the MIS still finds them by their email)."""
    for link in links:
        if link.pk not in claimed and _name_key(link.full_name) == _name_key(contact.full_name):
            return link
    if contact.email:
        for link in links:
            if link.pk not in claimed and link.email.lower() == contact.email:
                return link
    return None


def _yes_no_label(value: bool) -> str:
    return "yes" if value else "no"


def _contact_changes(contact: ContactRow, link: ParentLink, change: ContactChange) -> None:
    # A blank in the file means "not known", so it never clears what OpenSEND holds. The
    # link's email is the school's address for them; one who joined signs in with their own.
    if contact.email and contact.email != link.email.lower():
        change.changes["email"] = contact.email
        change.descriptions.append(f"Email: {link.email or 'none'} to {contact.email}")
    if contact.specific and contact.relationship != link.relationship:
        change.changes["relationship"] = contact.relationship
        change.descriptions.append(
            f"Relationship: {link.get_relationship_display()} to {contact.relationship_label}"
        )
    for name, value, label in (
        ("parental_responsibility", contact.responsibility, "Parental responsibility"),
        ("has_care", contact.lives_with, "Has care of the pupil"),
    ):
        if value is not None and value != getattr(link, name):
            change.changes[name] = value
            change.descriptions.append(
                f"{label}: {_yes_no_label(getattr(link, name))} to {_yes_no_label(value)}"
            )


def _plan_contacts(
    plan: "Plan", row: ImportRow, cells: dict[str, str], child: Child | None
) -> None:
    links = list(child.parent_links.all()) if child is not None else []
    claimed: set = set()
    seen: dict[str, int] = {}
    for position in CONTACT_PREFIXES:
        contact = _contact_from_cells(cells, position)
        if contact is None:
            continue
        if isinstance(contact, str):
            name = _contact_name(cells, position)
            label = f"Contact {position}: {name}" if name else f"Contact {position}"
            plan.contact_warnings.append(ContactWarning(row.number, row.name, label, contact))
            continue
        label = f"Contact {position}: {contact.full_name}"
        key = _name_key(contact.full_name)
        if key in seen:
            plan.contact_warnings.append(
                ContactWarning(
                    row.number, row.name, label, f"The same person as contact {seen[key]}"
                )
            )
            continue
        seen[key] = position
        change = ContactChange(row.number, row.name, row.upn, contact, child)
        link = _match(contact, links, claimed)
        if link is None:
            plan.contacts_added.append(change)
            continue
        claimed.add(link.pk)
        change.link = link
        _contact_changes(contact, link, change)
        responsibility = change.changes.get("parental_responsibility", link.parental_responsibility)
        if not (responsibility or change.changes.get("has_care", link.has_care)):
            plan.contact_warnings.append(
                ContactWarning(
                    row.number,
                    row.name,
                    label,
                    "The file would leave them with neither parental responsibility nor care "
                    "of the pupil: change them on the pupil\u2019s page instead",
                )
            )
        elif change.changes:
            plan.contacts_changed.append(change)
        else:
            plan.contacts_unchanged += 1


def plan_import(parsed: ParsedFile, school: Organisation, *, today: date) -> Plan:
    """Compare the file with OpenSEND: nothing is written."""
    plan = Plan(
        rows=len(parsed.rows), ignored_columns=parsed.ignored, has_contacts=parsed.has_contacts
    )
    upn_rows: dict[str, list[int]] = {}
    for number, cells in parsed.rows:
        upn = cells["upn"].replace(" ", "").upper()
        if upn:
            upn_rows.setdefault(upn, []).append(number)
    prefetch = [*current_register_prefetch()]
    if parsed.has_contacts:
        prefetch.append("parent_links")
    existing = {
        child.upn: child
        for child in Child.objects.filter(upn__in=list(upn_rows)).prefetch_related(*prefetch)
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
            if parsed.has_contacts:
                _plan_contacts(plan, result, cells, None)
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
            continue
        if change.descriptions:
            plan.changed.append(change)
        else:
            plan.unchanged.append(result)
        if parsed.has_contacts:
            _plan_contacts(plan, result, cells, child)
    return plan


# Applying -------------------------------------------------------------------------------------


class ImportRefused(Exception):
    """Nothing was imported; the message says which row stopped it and why."""


def _messages(error: ValidationError) -> str:
    return "; ".join(error.messages)


def _create(actor, school: Organisation, row: ImportRow, today: date) -> Child:
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
    return child


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
    children: dict[str, Child] = {}
    for row in plan.created:
        try:
            children[row.upn] = _create(actor, school, row, today)
        except ValidationError as error:
            raise ImportRefused(f"Row {row.number}: {_messages(error)}") from error
    for change in plan.changed:
        try:
            _change(actor, school, change, today)
        except ValidationError as error:
            raise ImportRefused(f"Row {change.row.number}: {_messages(error)}") from error
    _apply_contacts(actor, school, plan, children)
    note = f"rows={plan.rows} created={len(plan.created)} changed={len(plan.changed)}"
    if plan.has_contacts:
        note += (
            f" contacts_added={len(plan.contacts_added)}"
            f" contacts_changed={len(plan.contacts_changed)}"
        )
    audit_record(
        actor=actor,
        kind=AuditEventKind.CREATED,
        record_type="people.misimport",
        organisation_id=school.pk,
        note=note,
    )
    return plan


def _apply_contacts(actor, school: Organisation, plan: Plan, children: dict[str, Child]) -> None:
    """Record the parents and carers as links with no account: nobody is emailed. The SENCO
    invites them from the pupil's page when the school is ready to."""
    for change in plan.contacts_added:
        contact = change.contact
        try:
            parent_link_add(
                actor=actor,
                child=change.child or children[change.upn],
                school=school,
                full_name=contact.full_name,
                email=contact.email,
                relationship=contact.relationship,
                parental_responsibility=contact.parental_responsibility,
                has_care=contact.has_care,
            )
        except ValidationError as error:
            raise ImportRefused(f"Row {change.number}: {_messages(error)}") from error
    for change in plan.contacts_changed:
        try:
            parent_link_update(
                actor=actor,
                link=change.link,
                school=school,
                data=change.changes,
                expected_version=change.link.version,
            )
        except ValidationError as error:
            raise ImportRefused(f"Row {change.number}: {_messages(error)}") from error
        except StaleEditError as error:
            raise ImportRefused(
                f"Row {change.number}: someone changed this parent or carer while you were "
                "checking the file: upload it again"
            ) from error
