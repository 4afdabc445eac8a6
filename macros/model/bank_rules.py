"""Everything ``make check`` (and the build) rejects in question banks, as ``path:line`` problems.

* the bank's schema (``macros/schemas/quiz-bank.schema.json``): YAML structure, unknown fields
  (reported at the unknown key's own line), required fields, the form of ids, keys and links;
* rules a schema states badly: exactly one correct option in a ``single`` question, at least one
  in a ``multiple`` question, at least two options, ``answer`` only on ``true_false`` questions,
  no repeated option text, the bank id equal to its file name, the schema comment on line 1;
* question ids unique across all banks (each repeat names the first place).

What a bank names elsewhere is the quiz feature's rules' (``macros/quiz/rules.py``): ``learn_more`` links
to a page section that exists, and (``make check`` only: a review falling due stops no build) review
dates against today's date.

Unknown source keys are reported by the citations feature's registry check, which covers every
``sources:`` list in the banks.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from ..core.problems import Problem
from ..core.schemas import schema_line_problems, validate
from ..core.yamlsource import Document
from .review_records import record_problems
from .reviewed_content import bank_digest
from .banks import SCHEMA, SCHEMA_COMMENT, bank_files


def bank_problems(model, doc: Document) -> list[Problem]:
    """Problems of one loaded bank on its own; ``model`` is the ``SiteModel`` whose reviewers and sources
    its review record names."""
    problems = validate(doc, SCHEMA)  # an unknown field is reported on the line where it is written
    problems += schema_line_problems(model.project.root, doc, SCHEMA_COMMENT, "the bank")
    data = doc.data
    if not isinstance(data, dict):
        return problems
    stem = Path(doc.path).stem
    if isinstance(data.get("id"), str) and data["id"] != stem:
        problems.append(doc.error(("id",), f"bank id {data['id']!r} must be the file name without .yaml ({stem!r})"))
    if not any(p.is_error for p in problems):
        problems += record_problems(doc, bank_digest(doc.data), model.kind("reviewers"))
    questions = data.get("questions")
    if isinstance(questions, list):
        if not questions:
            problems.append(doc.error(("questions",), "the bank has no questions"))
        for index, question in enumerate(questions):
            if isinstance(question, dict):
                problems += _question_problems(doc, ("questions", index), question)
    return problems


def question_name(question: dict[str, Any], index: int) -> str:
    """How a message names the question at ``index`` of its bank: by its id, else by its number."""
    return f"question {question['id']!r}" if isinstance(question.get("id"), str) else f"question {index + 1}"


def _question_problems(doc: Document, at: tuple, question: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    name = question_name(question, at[1])
    kind = question.get("type")
    options = question.get("options")
    if kind == "true_false":
        if "options" in question:
            problems.append(doc.error(at + ("options",), f"{name}: a true_false question takes `answer: true` or "
                                                           "`answer: false` instead of options"))
    elif kind in ("single", "multiple"):
        if "answer" in question:
            problems.append(doc.error(at + ("answer",), f"{name}: `answer` is only for true_false questions; "
                                                          "mark the right option with `correct: true`"))
        if isinstance(options, list) and all(isinstance(o, dict) for o in options):
            problems += _option_problems(doc, at, name, kind, options)
    return problems


def _option_problems(doc: Document, at: tuple, name: str, kind: str, options: list[dict]) -> list[Problem]:
    problems: list[Problem] = []
    where = at + ("options",)
    if len(options) < 2:
        problems.append(doc.error(where, f"{name}: a question needs at least two options, found {len(options)}"))
    correct = [i for i, option in enumerate(options) if option.get("correct") is True]
    if kind == "single" and not correct:
        problems.append(doc.error(where, f"{name}: a single question needs exactly one correct option "
                                         "(`correct: true`), found none"))
    elif kind == "single" and len(correct) > 1:
        problems.append(doc.error(where + (correct[1],), f"{name}: a single question needs exactly one correct option, "
                                                         f"found {len(correct)} (use `type: multiple` if more are right)"))
    elif kind == "multiple" and not correct:
        problems.append(doc.error(where, f"{name}: a multiple question needs at least one correct option "
                                         "(`correct: true`), found none"))
    elif kind == "multiple" and len(correct) == len(options) >= 2:
        problems.append(doc.error(where, f"{name}: every option is right, so choosing them all scores full marks "
                                         "without reading them; add an option that is wrong (a common belief the "
                                         "page corrects), or ask a single question"))
    seen: dict[str, int] = {}
    for i, option in enumerate(options):
        text = option.get("text")
        if isinstance(text, str):
            key = " ".join(text.lower().split())
            if key in seen:
                problems.append(doc.error(where + (i, "text"), f"{name}: option {i + 1} repeats option {seen[key] + 1}"))
            seen.setdefault(key, i)
    return problems


def duplicate_id_problems(docs: Iterable[Document]) -> list[Problem]:
    """A question id used more than once, in one bank or across banks: each repeat names the first."""
    first: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for doc in docs:
        questions = doc.data.get("questions") if isinstance(doc.data, dict) else None
        for index, question in enumerate(questions if isinstance(questions, list) else []):
            qid = question.get("id") if isinstance(question, dict) else None
            if not isinstance(qid, str):
                continue
            if qid in first:
                path, first_line = first[qid]
                problems.append(doc.error(("questions", index, "id"),
                                          f"duplicate question id {qid!r}: already used at {path}:{first_line}"))
            else:
                first[qid] = (doc.path, doc.line("questions", index, "id"))
    return problems


def load_banks(model) -> tuple[Mapping[str, Document], list[Problem]]:
    """Every bank that loads, by id; the problems of all banks, each on its own and all together (checked
    once, with ``model``: the ``SiteModel`` whose reviewers and sources their review records name)."""
    docs, problems = [], []
    for path in bank_files(model.project):
        doc, load_problems = model.project.try_load(path)
        problems += load_problems
        if doc is not None:
            docs.append(doc)
            problems += bank_problems(model, doc)
    problems += duplicate_id_problems(docs)
    return MappingProxyType({Path(doc.path).stem: doc for doc in docs}), sorted(set(problems))
