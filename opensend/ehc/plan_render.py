"""An EHC plan version as its sections, for the page, the PDF and the comparison (issue 8).

Reg 12(1) of the SEND Regulations 2014 requires each section A to K to be separately
identified, so every reader gets them in the same order under the same headings; each reader
gets only the sections `selectors.visible_sections` allows them. The rows of a version are read
in a fixed number of queries, whatever their number.

`section_lines` turns a section into plain lines of text, and `compare_versions` lines up two
versions' lines section by section (difflib) so a reader can see what was added and removed.
"""

import difflib
from dataclasses import dataclass, field

from django.db.models import Prefetch

from opensend.ehc.models import PlanOutcome, PlanProvision, PlanVersion

SECTION_ORDER = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")

# Reg 12(1)(a)-(k), in plain English (reference/statutory.md §2).
SECTION_TITLES = {
    "A": "The views, interests and aspirations of the child and their family",
    "B": "Special educational needs",
    "C": "Health needs related to special educational needs",
    "D": "Social care needs",
    "E": "Outcomes",
    "F": "Special educational provision",
    "G": "Health provision",
    "H1": "Social care provision under the Chronically Sick and Disabled Persons Act 1970",
    "H2": "Other social care provision",
    "I": "The school or other institution",
    "J": "Personal budget",
    "K": "Advice and information",
}
NEED_SECTIONS = ("B", "C", "D")
PROVISION_SECTIONS = ("F", "G", "H1", "H2")


@dataclass
class PlanSection:
    letter: str
    title: str
    text: str = ""  # A and J
    needs: list = field(default_factory=list)  # B, C, D
    outcomes: list = field(default_factory=list)  # E
    provision: list = field(default_factory=list)  # F, G, H1, H2
    placement: dict | None = None  # I
    advice: list = field(default_factory=list)  # K
    lines: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"Section {self.letter}: {self.title}"

    @property
    def anchor(self) -> str:
        return f"section-{self.letter.lower()}"


def _label(section: str, order: int) -> str:
    return f"{section}{order}"


def load_rows(version: PlanVersion) -> dict:
    """Every row of the version, each query once (needs, outcomes and their needs, provision and
    its outcomes, advice and its attachments)."""
    needs = list(version.needs.all())
    outcomes = list(
        PlanOutcome.objects.filter(version=version).prefetch_related("needs").order_by("order")
    )
    provision = list(
        PlanProvision.objects.filter(version=version)
        .prefetch_related("outcomes")
        .order_by("section", "order")
    )
    advice = list(
        version.advice.select_related("recipient_organisation")
        .prefetch_related(Prefetch("attachments"))
        .order_by("kind", "submitted_at")
    )
    return {"needs": needs, "outcomes": outcomes, "provision": provision, "advice": advice}


def _need_lines(rows) -> list[str]:
    return [f"{_label(n.section, n.order)}: {n.description}" for n in rows]


def _outcome_line(outcome) -> str:
    line = f"{_label('E', outcome.order)}: {outcome.description}"
    if outcome.by_when:
        line += f" (by {outcome.by_when})"
    needs = ", ".join(_label(n.section, n.order) for n in outcome.needs.all())
    if needs:
        line += f". Addresses needs {needs}"
    if outcome.preparing_for_adulthood:
        line += ". Preparing for adulthood"
    return line


def _provision_line(line) -> str:
    parts = [f"{_label(line.section, line.order)}: {line.what}"]
    parts.append(f"Who: {line.who or 'not said'}")
    parts.append(f"How often: {line.how_often or 'not said'}")
    parts.append(f"How long: {line.how_long or 'not said'}")
    outcomes = ", ".join(_label("E", o.order) for o in line.outcomes.all())
    parts.append(f"For outcomes: {outcomes or 'none linked'}")
    if line.preparing_for_adulthood:
        parts.append("Preparing for adulthood")
    return ". ".join(parts)


def _advice_line(item) -> str:
    who = item.recipient_name or (
        item.recipient_organisation.name if item.recipient_organisation else ""
    )
    line = item.get_kind_display()
    if who:
        line += f", from {who}"
    if item.submitted_at:
        line += f", given {item.submitted_at:%-d %B %Y}"
    return line


def _text_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _placement(version: PlanVersion) -> dict | None:
    name = version.placement.name if version.placement_id else version.placement_name
    if not (name or version.placement_type):
        return None
    return {"name": name, "type": version.placement_type}


def plan_sections(version: PlanVersion, letters, rows: dict | None = None) -> list[PlanSection]:
    """The sections in `letters` (the reader's), in the order of reg 12(1)."""
    rows = rows if rows is not None else load_rows(version)
    sections = []
    for letter in SECTION_ORDER:
        if letter not in letters:
            continue
        section = PlanSection(letter=letter, title=SECTION_TITLES[letter])
        if letter == "A":
            section.text = version.views_interests_aspirations
            section.lines = _text_lines(section.text)
        elif letter == "J":
            section.text = version.personal_budget
            section.lines = _text_lines(section.text)
        elif letter in NEED_SECTIONS:
            section.needs = [n for n in rows["needs"] if n.section == letter]
            for need in section.needs:
                need.label = _label(need.section, need.order)
            section.lines = _need_lines(section.needs)
        elif letter == "E":
            section.outcomes = rows["outcomes"]
            for outcome in section.outcomes:
                outcome.label = _label("E", outcome.order)
                outcome.need_labels = [_label(n.section, n.order) for n in outcome.needs.all()]
            section.lines = [_outcome_line(o) for o in section.outcomes]
        elif letter in PROVISION_SECTIONS:
            section.provision = [p for p in rows["provision"] if p.section == letter]
            for line in section.provision:
                line.label = _label(line.section, line.order)
                line.outcome_labels = [_label("E", o.order) for o in line.outcomes.all()]
            section.lines = [_provision_line(p) for p in section.provision]
        elif letter == "I":
            section.placement = _placement(version)
            if section.placement:
                parts = (section.placement["name"], section.placement["type"])
                section.lines = [", ".join(part for part in parts if part)]
        elif letter == "K":
            section.advice = rows["advice"]
            for item in section.advice:
                item.summary = _advice_line(item)
            section.lines = [item.summary for item in section.advice]
        sections.append(section)
    return sections


def status_words(version: PlanVersion) -> str:
    return version.get_status_display()


# --- comparing two versions -----------------------------------------------------------------

ADDED, REMOVED, UNCHANGED = "Added", "Removed", "Unchanged"


@dataclass
class ComparedSection:
    letter: str
    heading: str
    rows: list[dict]

    @property
    def changed(self) -> bool:
        return any(row["change"] != UNCHANGED for row in self.rows)


def _diff(old: list[str], new: list[str]) -> list[dict]:
    rows = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [{"change": UNCHANGED, "old": line, "new": line} for line in old[i1:i2]]
            continue
        rows += [{"change": REMOVED, "old": line, "new": ""} for line in old[i1:i2]]
        rows += [{"change": ADDED, "old": "", "new": line} for line in new[j1:j2]]
    return rows


def compare_versions(older: PlanVersion, newer: PlanVersion, letters) -> list[ComparedSection]:
    """Each section the reader may see, line by line: added, removed or unchanged."""
    old = {s.letter: s for s in plan_sections(older, letters)}
    new = {s.letter: s for s in plan_sections(newer, letters)}
    compared = []
    for letter in SECTION_ORDER:
        if letter not in old:
            continue
        compared.append(
            ComparedSection(
                letter=letter,
                heading=old[letter].heading,
                rows=_diff(old[letter].lines, new[letter].lines),
            )
        )
    return compared
