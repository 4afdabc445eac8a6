"""The urgent care policy (``content_src/urgent_care.yaml``), loaded and validated once into frozen objects.

It is the data every care card is held to: the *services* a card may send a reader to (with their numbers,
where each works and the words that name it), the urgency *levels* most urgent first (each with the services
it may send a reader to: clinical policy, kept in content so a clinician can read and own it), the
*audiences* a card can be for (they nest: everyone, people who have had cancer, people having treatment) and
the *signs* cards share. This module only reads it; ``macros.model.care_rules`` holds the cards to it
(and ``macros.cards.rules`` every text that names a number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..core.problems import Problem
from ..core.project import Project
from ..core.schemas import Loaded, load_validated

POLICY_PATH = "content_src/urgent_care.yaml"
SCHEMA = "urgent-care"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../macros/schemas/urgent-care.schema.json"


@dataclass(frozen=True)
class Service:
    id: str
    name: str                   # how a reader is told it: "NHS 111"
    names: tuple[str, ...]      # the words that name it in text
    numbers: tuple[str, ...]    # dialled as written; tel: without the spaces
    where: str
    line: int


@dataclass(frozen=True)
class Level:
    id: str
    rank: int                   # 0 is the most urgent
    label: str                  # the one word on cards and at the start of headings: "Emergency"
    services: tuple[str, ...]   # the services a card of this level may send a reader to
    words: tuple[str, ...]      # its time words: now, today, ...
    never_say: tuple[str, ...]
    never_name: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Audience:
    id: str
    label: str
    within: str | None
    line: int


@dataclass(frozen=True)
class Policy(Loaded):
    path: str = POLICY_PATH
    services: dict[str, Service] = field(default_factory=dict)
    levels: dict[str, Level] = field(default_factory=dict)       # most urgent first
    audiences: dict[str, Audience] = field(default_factory=dict)
    signs: dict[str, str] = field(default_factory=dict)
    urgency_words: tuple[str, ...] = ()   # other words for an urgency, which headings must not use for a label
    problems: tuple[Problem, ...] = ()

    @property
    def numbers(self) -> tuple[str, ...]:
        """Every registered phone number, longest first (so 0808 808 00 00 is found before 808)."""
        found = {n for s in self.services.values() for n in s.numbers}
        return tuple(sorted(found, key=lambda n: (-len(n), n)))

    def fastest_level(self, service_id: str) -> int:
        """The rank of the most urgent level that may send a reader to ``service_id`` (len(levels) if none)."""
        ranks = [lv.rank for lv in self.levels.values() if service_id in lv.services]
        return min(ranks, default=len(self.levels))

    def wider(self, audience: str) -> list[str]:
        """The audiences ``audience`` lies within, nearest first (everyone last)."""
        out: list[str] = []
        current = self.audiences.get(audience)
        while current is not None and current.within and current.within not in out:
            out.append(current.within)
            current = self.audiences.get(current.within)
        return out

    @cached_property
    def _names(self) -> tuple[re.Pattern | None, dict[str, str]]:
        names = sorted(((n, s.id) for s in self.services.values() for n in s.names), key=lambda x: -len(x[0]))
        if not names:
            return None, {}
        pattern = re.compile("|".join(rf"(?<![\w&-]){re.escape(n)}(?![\w&-])" for n, _ in names), re.I)
        return pattern, {n.lower(): sid for n, sid in names}

    def services_named(self, text: str) -> list[str]:
        """The services ``text`` names, in order of first mention (the longest name wins: "NHS 111 online")."""
        pattern, owners = self._names
        if pattern is None:
            return []
        return list(dict.fromkeys(owners[match.group(0).lower()] for match in pattern.finditer(text)))


def tel(number: str) -> str:
    """The ``tel:`` address of a number as readers dial it: ``0808 808 00 00`` -> ``tel:08088080000``."""
    return "tel:" + number.replace(" ", "")


def load_policy(project: Project) -> Policy:
    """The project's urgent care policy, read and validated; a missing file is an empty policy."""
    found = load_validated(project, POLICY_PATH, SCHEMA, schema_line=SCHEMA_COMMENT, what="the urgent care policy")
    if not found.clean:
        return Policy(found.path, problems=tuple(found.problems))
    doc = found.doc
    data = doc.data
    services = {sid: Service(sid, s["name"], tuple(s["names"]), tuple(s.get("numbers") or ()), s["where"],
                             doc.line("services", sid)) for sid, s in data["services"].items()}
    levels = {lid: Level(lid, rank, lv["label"], tuple(lv["services"]), tuple(lv["words"]),
                         tuple(lv.get("never_say") or ()), tuple(lv.get("never_name") or ()), doc.line("levels", lid))
              for rank, (lid, lv) in enumerate(data["levels"].items())}
    audiences = {aid: Audience(aid, a["label"], a.get("within"), doc.line("audiences", aid))
                 for aid, a in data["audiences"].items()}
    problems: list[Problem] = []
    for lid, lv in data["levels"].items():
        for key in ("services", "never_name"):
            for i, sid in enumerate(lv.get(key) or ()):
                if sid not in services:
                    problems.append(doc.error(("levels", lid, key, i), (
                        f"unknown service {sid!r}; use a service id listed under services: ({', '.join(services)}) "
                        "or add the service there")))
    for aid, a in data["audiences"].items():
        if a.get("within") and a["within"] not in audiences:
            problems.append(doc.error(("audiences", aid, "within"), (
                f"unknown audience {a['within']!r}; use one of {', '.join(audiences)}")))
    seen: dict[str, tuple[str, int]] = {}
    for sid, s in data["services"].items():
        for i, name in enumerate(s["names"]):
            other = seen.get(name.lower())
            if other and other[0] != sid:
                problems.append(doc.error(("services", sid, "names", i), (
                    f"{name!r} already names service {other[0]!r} (line {other[1]}); a name must say one service")))
            seen.setdefault(name.lower(), (sid, doc.line("services", sid, "names", i)))
    return Policy(doc.path, services, levels, audiences, dict(data["signs"]),
                  urgency_words=tuple(data.get("urgency_words") or ()), problems=tuple(sorted(problems)))
