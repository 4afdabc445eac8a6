"""Who may review the site's content: ``content_src/reviewers.yaml``, loaded and validated once.

Each reviewer is ``{id, name, role, title?, may_sign}``; role is ``editor`` or ``clinician``, and
``may_sign`` lists ``review`` (a review record's ``checked_by``) and, for clinicians only,
``clinical-sign-off``. The model registers it as the content kind ``reviewers``; the review-record
rules (``macros/model/review_records.py``) read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.problems import Problem
from ..core.project import Project
from ..core.schemas import ById, load_validated
from ..core.yamlsource import Document

REVIEWERS_PATH = "content_src/reviewers.yaml"
SCHEMA = "reviewers"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../macros/schemas/reviewers.schema.json"
REVIEW = "review"
SIGN_OFF = "clinical-sign-off"
CLINICIAN = "clinician"


@dataclass(frozen=True)
class Reviewer:
    id: str
    name: str
    role: str
    may_sign: tuple[str, ...]
    line: int
    title: str | None = None


@dataclass
class Reviewers(ById[Reviewer]):
    ENTRIES = "people"

    path: str = REVIEWERS_PATH
    people: dict[str, Reviewer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    doc: Document | None = None

    def ids(self, may_sign: str) -> list[str]:
        return [r.id for r in self if may_sign in r.may_sign]


def load_reviewers(project: Project) -> Reviewers:
    """The project's reviewers, read and validated; a missing file is nobody."""
    found = load_validated(project, REVIEWERS_PATH, SCHEMA, schema_line=SCHEMA_COMMENT, what="the reviewers")
    if not found.clean:
        return Reviewers(found.path, {}, list(found.problems), found.doc)
    doc, people, problems = found.doc, {}, []
    for i, entry in enumerate(doc.data["reviewers"]):
        where = ("reviewers", i)
        if entry["id"] in people:
            problems.append(doc.error(where + ("id",), f"reviewer '{entry['id']}' is listed twice (first on line "
                                                       f"{people[entry['id']].line}); keep one entry"))
            continue
        if SIGN_OFF in entry["may_sign"] and entry["role"] != CLINICIAN:
            problems.append(doc.error(where + ("may_sign",), (
                f"reviewer '{entry['id']}' is an {entry['role']}: only a clinician may sign pages off "
                f"({SIGN_OFF}); remove it from may_sign")))
        people[entry["id"]] = Reviewer(entry["id"], entry["name"], entry["role"], tuple(entry["may_sign"]),
                                       doc.line(*where), entry.get("title"))
    return Reviewers(doc.path, people, problems, doc)
