"""Rendering question banks to HTML (plain Python + Jinja2; no MkDocs).

``render_quiz`` renders one bank for the end of its topic page; ``render_quiz_index`` the list of topic
quizzes on ``/quiz/`` (a link to each bank's heading and its number of questions: a line per bank, whose
only trace of the questions is a short storage key and answer each, so the page stays light as banks come). Both return Markdown: a bank's heading line (so it joins
the page's table of contents) and HTML blocks, which Markdown passes through untouched except for the
links to other pages, Markdown links to their ``.md`` files (see ``quiz.md.j2``). Every bank text is escaped.

The HTML works without JavaScript (each question shows, with a ``<details>`` "Show answer" holding
the correct answer and the explanation; the index is a list of links); ``docs/assets/quiz/quiz.js``
upgrades the same markup, and on the index reads the answers saved in the browser to show progress.
"""

from __future__ import annotations

import hashlib
import json
from types import SimpleNamespace
from typing import Any, Mapping

from markupsafe import Markup

from ..citations.markers import marker
from ..core.problems import ContentError
from ..core.templating import render
from ..core.yamlsource import Document
from ..model import SiteModel
from ..model.banks import bank_file
from .links import link_target, section_heading
from .strings import fill

TEMPLATE = "quiz/quiz.md.j2"  # in macros/templates/
INDEX_TEMPLATE = "quiz/index.md.j2"

# The strings the script needs (the rest are rendered into the HTML here).
SCRIPT_STRINGS = ("correct", "partly", "missed", "wrong_chosen", "not_quite", "your_answer", "correct_answer", "not_right",
                  "choose_first",
                  "score", "progress", "cleared")


def question_key(bank_id: str, question: dict[str, Any]) -> str:
    """A short hash of what a reader answers: a changed question gets a new key, dropping saved answers."""
    content = {
        "bank": bank_id,
        "id": question["id"],
        "type": question["type"],
        "prompt": question["prompt"],
        "options": [[o["text"], o.get("correct") is True] for o in question.get("options", [])],
        "answer": question.get("answer"),
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:16]


def bank_anchor(bank_id: str) -> str:
    """The id of a bank's heading on its topic page: where the quiz index links to."""
    return f"quiz-{bank_id}"


def answer_values(question: dict[str, Any]) -> list[str]:
    """The values (option indices, as the form's inputs have them) of the right answers."""
    if question["type"] == "true_false":
        return ["0" if question["answer"] is True else "1"]
    return [str(i) for i, o in enumerate(question["options"]) if o.get("correct") is True]


def question_view(model: SiteModel, bank_id: str, question: dict[str, Any], number: int, total: int,
                  strings: dict[str, str], page: str) -> dict[str, Any]:
    kind = question["type"]
    given = question["options"] if kind != "true_false" else [  # True and False as the two options, both pinned
        {"text": strings[name], "correct": question["answer"] is value, "pin": True}
        for name, value in (("true", True), ("false", False))]
    options = [{"index": index, "text": o["text"], "correct": o.get("correct") is True, "feedback": o.get("feedback"),
                "pin": o.get("pin") is True} for index, o in enumerate(given)]
    correct = [o for o in options if o["correct"]]
    heading = section_heading(model, question["learn_more"])
    return {
        "id": question["id"],
        "dom_id": f"quiz-q-{question['id']}",
        "key": question_key(bank_id, question),
        "type": kind,
        "input_type": "checkbox" if kind == "multiple" else "radio",
        "number_text": fill(strings["question_number"], number=number, total=total),
        "number": number,
        "prompt": question["prompt"],
        "hint": strings[f"hint_{kind}"],
        "options": options,
        "answer": " ".join(answer_values(question)),
        "correct_texts": [o["text"] for o in correct],
        "answer_label": strings["answers_are" if len(correct) > 1 else "answer_is"],
        "any_feedback": any(o["feedback"] for o in options),
        "explanation": question["explanation"],
        "citation": Markup(marker(*question["sources"])),  # the one token bank text may not spell (macros.core.templating)
        "learn_more_target": link_target(question["learn_more"], page),
        "learn_more_text": fill(strings["read_more"], heading=heading or ""),
    }


def bank_view(model: SiteModel, doc: Document, strings: dict[str, str], page: str) -> dict[str, Any]:
    data = doc.data
    questions = data["questions"]
    return {
        "id": data["id"],
        "anchor": bank_anchor(data["id"]),
        "questions": [question_view(model, data["id"], q, n, len(questions), strings, page)
                      for n, q in enumerate(questions, start=1)],
    }


def _render(template: str, strings: dict[str, str], page: str, **context: Any) -> str:
    """``template`` on ``page`` with the interface text: ``s``, the script's strings as JSON, the help link."""
    script_strings = json.dumps({k: strings[k] for k in SCRIPT_STRINGS}, ensure_ascii=False, separators=(",", ":"))
    return render(template, s=SimpleNamespace(**strings), script_strings=script_strings,
                  help_target=link_target(strings["help_page"], page), **context)


def valid_banks(model: SiteModel) -> Mapping[str, Document]:
    """Every bank by id, for rendering; raises ``ContentError`` (located problems) if any is unusable.

    Review dates are left to ``make check``: a review falling due does not stop a build."""
    problems = [p for p in model.kind_problems("banks") if p.is_error]
    if problems:
        raise ContentError(problems)
    return model.banks


def render_quiz(model: SiteModel, bank_id: str, strings: dict[str, str], page: str) -> str:
    """One bank, as it ends a topic page: heading, questions, score, controls and a printable key."""
    docs = valid_banks(model)
    if bank_id not in docs:
        bank_file(model.project, bank_id)  # raises ContentError naming the banks there are
    return render_bank(bank_view(model, docs[bank_id], strings, page), strings, page)


def render_bank(bank: dict[str, Any], strings: dict[str, str], page: str) -> str:
    """The Markdown of one bank's view (``bank_view``) on ``page``."""
    return _render(TEMPLATE, strings, page, bank=bank)


def index_entry(doc: Document, src: str, strings: dict[str, str], page: str) -> dict[str, Any]:
    """A bank in the quiz page's list: its title, a link to its heading on ``docs/<src>``, how many questions
    it has, and each question's storage key with its right answers (for the progress the script shows)."""
    bank_id, questions = doc.data["id"], doc.data["questions"]
    return {
        "title": doc.data["title"],
        "target": link_target(f"{src}#{bank_anchor(bank_id)}", page),
        "count_text": fill(strings["question_count"], total=len(questions)),
        "answers": " ".join(f"{question_key(bank_id, q)}:{','.join(answer_values(q))}" for q in questions),
    }


def render_quiz_index(model: SiteModel, strings: dict[str, str], page: str) -> str:
    """``/quiz/``: each page that shows a bank, in nav order, a link and a count each; the script adds what
    was answered in this browser. A line per bank, holding no question's text (only its storage key and right
    answer, some 20 bytes): ten more banks of six questions add about a kilobyte with gzip (tests/test_grows.py)."""
    docs = valid_banks(model)
    entries = [index_entry(docs[bank_id], shell.src, strings, page) for shell in model.shells for bank_id in shell.banks]
    return render_index(entries, strings, page)


def render_index(entries: list[dict[str, Any]], strings: dict[str, str], page: str) -> str:
    """The Markdown of the quiz page's list (``index_entry`` each) on ``page``."""
    return _render(INDEX_TEMPLATE, strings, page, topics=entries)
