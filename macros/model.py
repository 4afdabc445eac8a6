"""The compiled site model: every content file loaded and checked once, and what features need from it.

``site_model(root, nav=...)`` returns a ``SiteModel``: immutable objects (frozen dataclasses, tuples,
read-only mappings) for the pages, the question banks, the citation registry, any other content
kind registered in ``KINDS``, and the page shells in ``docs/``, with the indexes features read
instead of the files: each shell's URL, title, anchors and headings, which shell shows which
content, and who cites what (file, line and column).

* **Where a page's content comes from**: a shell ``docs/<name>.md`` whose template calls
  ``{{ page_content() }}`` shows ``content_src/pages/<name>.yaml`` and, when it exists, the question bank
  ``quiz/banks/<name>.yaml``. A shell calling ``{{ quiz_all() }}`` shows every bank. Macro calls are
  found by Jinja's own parser (the template's syntax tree), not by searching the text.
* **The nav** is what the builder already parsed (``config["nav"]``), passed in by the adapter;
  nothing here reads ``mkdocs.yml``.
* **Memoised on the input files' fingerprints** (path, mtime, ctime, size; a parse per digest of the bytes): a rebuild under ``make serve``
  after a one-file change reuses every other file's parsed document (``Project.load``) and, when
  nothing changed, the whole model.
* **A new content kind** is one ``Kind`` appended to ``KINDS``: its files and a loader that returns
  the kind's value and its problems. ``model.kind("name")`` is what features read.

``SiteModel.errors`` is what a build refuses: each problem once, at the file at fault (a broken bank
is not also a quiz rendering error; a broken page does not make every link to it a broken anchor).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Iterable, Iterator, Mapping

import jinja2
import jinja2.nodes
import yaml

from .problems import ContentError, Problem
from .project import Project
from .templating import ENV

EMPTY: Mapping[str, Any] = MappingProxyType({})

# Macros that place content; a shell calls them in its template (``docs/<name>.md``).
PAGE_MACRO = "page_content"
QUIZ_ALL_MACRO = "quiz_all"
# Macros that place a generated list below a page's content; the page's References and review dates
# follow the list, and page_content() places no quiz of its own.
GLOSSARY_LIST_MACRO = "glossary_list"  # lists the glossary's entries, each under its own anchor
LIST_MACROS = (QUIZ_ALL_MACRO, "sources_list", GLOSSARY_LIST_MACRO)
CITE_MACRO = "cite"


# --- shells ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MacroCall:
    """A macro called in a shell: its name, its arguments when they are constants, where it is."""

    name: str
    args: tuple[Any, ...]
    line: int
    columns: tuple[int | None, ...] = ()  # the column of each constant string argument, when found


@dataclass(frozen=True)
class Shell:
    """A page of the site: ``docs/<src>``, the thin Markdown file that places content."""

    src: str                      # docs-relative, "red-flags.md"
    path: str                     # project-relative, "docs/red-flags.md"
    url: str                      # the page's URL relative to the site root, "red-flags/"
    title: str                    # nav title, else front matter title, else first heading, else its name
    meta: Mapping[str, Any]       # front matter
    calls: tuple[MacroCall, ...]
    headings: Mapping[str, str]   # anchor -> heading text of the shell's own Markdown headings
    in_nav: bool
    content: str | None = None    # slug of content_src/pages/<slug>.yaml placed by {{ page_content() }}
    banks: tuple[str, ...] = ()   # question banks it shows

    @property
    def name(self) -> str:
        return self.src[: -len(".md")]

    def calls_named(self, name: str) -> tuple[MacroCall, ...]:
        return tuple(c for c in self.calls if c.name == name)


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL (relative to the site root) a builder gives ``docs/<src>``: ``red-flags.md`` -> ``red-flags/``."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    directory, _, name = stem.rpartition("/")
    prefix = f"{directory}/" if directory else ""
    if name in ("index", "README"):
        return prefix
    return f"{prefix}{name}/" if use_directory_urls else f"{prefix}{name}.html"


def _url_key(url: str) -> str:
    """One spelling for a page URL as builders report it (``/red-flags/``, ``red-flags/index.html``)."""
    url = (url or "").split("#", 1)[0].lstrip("/")
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    elif url.endswith(".html"):
        url = url[: -len(".html")] + "/"
    return url


def split_front_matter(text: str) -> tuple[Mapping[str, Any], str, int]:
    """(front matter, body, lines before the body) of a Markdown file with optional ``---`` front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return EMPTY, text, 0
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            try:
                meta = yaml.safe_load("".join(lines[1:end]))
            except yaml.YAMLError:
                meta = None
            meta = MappingProxyType(dict(meta)) if isinstance(meta, dict) else EMPTY
            return meta, "".join(lines[end + 1:]), end + 1
    return EMPTY, text, 0


def template_calls(body: str, first_line: int = 1) -> tuple[MacroCall, ...]:
    """Every macro call in a shell's template, from Jinja's syntax tree; raises ``TemplateSyntaxError``.

    Parsed (not rendered: the builder's macros plugin renders shells) with the project's one Jinja
    environment, whose syntax is Jinja's default, as the plugin's is."""
    tree = ENV.parse(body)
    text_lines = body.splitlines()
    found = []
    for call in tree.find_all(jinja2.nodes.Call):
        if not isinstance(call.node, jinja2.nodes.Name):
            continue
        args = tuple(a.value if isinstance(a, jinja2.nodes.Const) else None for a in call.args)
        line_text = text_lines[call.lineno - 1] if 0 < call.lineno <= len(text_lines) else ""
        columns, start = [], line_text.find(call.node.name + "(")
        for value in args:
            column = None
            if isinstance(value, str):
                for quote in ("'", '"'):
                    at = line_text.find(f"{quote}{value}{quote}", max(start, 0))
                    if at >= 0:
                        column, start = at + 1, at + len(value) + 2
                        break
            columns.append(column)
        found.append(MacroCall(call.node.name, args, call.lineno + first_line - 1, tuple(columns)))
    return tuple(sorted(found, key=lambda c: (c.line, c.columns[:1] or (0,))))


def markdown_headings(body: str) -> tuple[dict[str, str], str | None]:
    """(anchor -> text of every heading, the first level-1 heading) as Python-Markdown's toc sees them."""
    import markdown

    md = markdown.Markdown(extensions=["toc", "attr_list"])
    md.convert(body)
    headings: dict[str, str] = {}
    first_h1 = None

    def walk(tokens: list[dict]) -> None:
        nonlocal first_h1
        for token in tokens:
            headings.setdefault(token["id"], token["name"])
            if token["level"] == 1 and first_h1 is None:
                first_h1 = token["name"]
            walk(token.get("children", []))

    walk(md.toc_tokens)
    return headings, first_h1


# --- the model ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    """A kind of content: which files it is made of, and how to load them into one value.

    ``load(project)`` returns ``(value, problems)``; problems that are errors stop a build.
    """

    name: str
    files: Callable[[Project], list[Path]]
    load: Callable[[Project], tuple[Any, list[Problem]]]


def _page_files(project: Project) -> list[Path]:
    from .pages.loading import pages_dir

    folder = pages_dir(project)
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _load_pages(project: Project) -> tuple[Mapping[str, Any], list[Problem]]:
    """Every page file that passes its schema and rules, by slug (the others are reported)."""
    from .pages.loading import _load_valid_page, page_slugs

    pages, problems = {}, []
    for slug in page_slugs(project):
        try:
            pages[slug] = project.once(("pages:valid-page", slug), lambda s=slug: _load_valid_page(project, s))
        except ContentError as exc:
            problems += exc.problems
    return MappingProxyType(pages), problems


def _bank_files(project: Project) -> list[Path]:
    from .quiz.banks import bank_files

    return bank_files(project)


def _load_banks(project: Project) -> tuple[Mapping[str, Any], list[Problem]]:
    """Every bank that loads, by id; the problems of all banks together (checked with the anchors known)."""
    from .quiz.validation import all_bank_problems, loaded_banks

    docs, _ = loaded_banks(project)
    return MappingProxyType({Path(d.path).stem: d for d in docs}), all_bank_problems(project)


def one_file_kind(name: str, module: str, path: str, loader: str) -> Kind:
    """A kind kept in one file, ``<module>.<path>``, that ``<module>.<loader>(project)`` loads (with
    ``macros.schemas.load_validated``) into a value carrying its own ``problems``. The module is
    imported when the kind is first used, so that it may itself read the model."""
    def files(project: Project) -> list[Path]:
        file = project.root / getattr(import_module(module, __package__), path)
        return [file] if file.exists() else []

    def load(project: Project) -> tuple[Any, list[Problem]]:
        value = getattr(import_module(module, __package__), loader)(project)
        return value, list(value.problems)

    return Kind(name, files, load)


# The content kinds, in the order they are loaded. A new kind: one entry here.
KINDS: tuple[Kind, ...] = (
    one_file_kind("sources", ".citations.registry", "REGISTRY_PATH", "load_registry"),
    one_file_kind("urgent_care", ".urgent_care", "POLICY_PATH", "load_policy"),
    one_file_kind("care_cards", ".care_cards", "CARDS_PATH", "load_care_cards"),
    one_file_kind("glossary", ".glossary", "GLOSSARY_PATH", "load_glossary"),
    one_file_kind("reviewers", ".reviewers", "REVIEWERS_PATH", "load_reviewers"),
    Kind("pages", _page_files, _load_pages),
    Kind("banks", _bank_files, _load_banks),
)


@dataclass(frozen=True)
class SiteModel:
    project: Project
    shells: tuple[Shell, ...]                 # nav order first, then the pages outside the nav
    shell_problems: tuple[Problem, ...]
    use_directory_urls: bool = True
    _by_src: Mapping[str, Shell] = field(default_factory=lambda: EMPTY, repr=False)
    _by_url: Mapping[str, Shell] = field(default_factory=lambda: EMPTY, repr=False)

    # -- content kinds --
    def kind(self, name: str) -> Any:
        """The loaded value of content kind ``name`` (see ``KINDS``)."""
        return self._kind(name)[0]

    def kind_files(self, name: str) -> list[Path]:
        return self._kind_entry(name).files(self.project)

    def kind_problems(self, name: str) -> list[Problem]:
        return self._kind(name)[1]

    def _kind(self, name: str) -> tuple[Any, list[Problem]]:
        kind = self._kind_entry(name)
        return self.project.once(("model:kind", name), lambda: kind.load(self.project))

    @staticmethod
    def _kind_entry(name: str) -> Kind:
        for kind in KINDS:
            if kind.name == name:
                return kind
        raise KeyError(f"no content kind {name!r} (kinds: {', '.join(k.name for k in KINDS)})")

    @property
    def usages(self):
        """Who cites what: every citation's file, line and column, and the pages that show it."""
        from .citations.usage import index_model

        return self.project.once("model:usages", lambda: index_model(self))

    @property
    def registry(self):
        return self.kind("sources")

    @property
    def pages(self) -> Mapping[str, Any]:
        """Valid content pages by slug."""
        return self.kind("pages")

    @property
    def banks(self) -> Mapping[str, Any]:
        """Loaded question banks (``Document``) by id, in file-name order."""
        return self.kind("banks")

    # -- shells --
    def shell(self, src: str) -> Shell | None:
        return self._by_src.get(src)

    def shell_at(self, url: str) -> Shell | None:
        """The shell a builder is rendering, from the page URL both MkDocs and Zensical give."""
        return self._by_url.get(_url_key(url))

    def shells_showing_content(self, slug: str) -> list[Shell]:
        return [s for s in self.shells if s.content == slug]

    def shells_showing_bank(self, bank_id: str) -> list[Shell]:
        return [s for s in self.shells if bank_id in s.banks]

    @property
    def nav_order(self) -> list[str]:
        return [s.src for s in self.shells if s.in_nav]

    # -- anchors and headings --
    def headings(self, src: str) -> Mapping[str, str] | None:
        """Anchor -> heading text of page ``src``: its own headings and its content's sections.

        ``None`` when the page exists but its content file is unusable (its own errors say why,
        so links into it are not reported again), and an empty mapping when there is no such page.
        """
        return self.project.once(("model:headings", src), lambda: self._headings(src))

    def _headings(self, src: str) -> Mapping[str, str] | None:
        shell = self.shell(src)
        if shell is None:
            return EMPTY
        found = dict(shell.headings)
        if shell.calls_named(GLOSSARY_LIST_MACRO):
            for term in self.kind("glossary"):
                found.setdefault(term.id, term.term)
        slug = shell.name if "/" not in shell.name else None
        data_file = self.project.content_dir / "pages" / f"{slug}.yaml"
        if slug is not None and data_file.is_file():
            doc, _ = self.project.try_load(data_file)
            if doc is None:
                return None
            for section_id, heading in _section_headings(doc.data):
                found.setdefault(section_id, heading)
            cards = self.kind("care_cards")
            for card_id in placed_cards(doc.data):  # a placed card's heading has the card's id as its anchor
                found.setdefault(card_id, cards[card_id].action if card_id in cards else card_id)
        return MappingProxyType(found)

    # -- what a build refuses --
    @property
    def errors(self) -> list[Problem]:
        """Every content error, once each, at the file at fault, sorted."""
        return self.project.once("model:errors", self._errors)

    def _errors(self) -> list[Problem]:
        problems: set[Problem] = set(self.shell_problems)
        for path in self.project.yaml_files():
            problems.update(self.project.try_load(path)[1])
        for kind in KINDS:
            problems.update(self.kind_problems(kind.name))
        if not any(p.is_error for p in self.kind_problems("sources")):
            # a misspelt source key, at the line that cites it (not at the page the build was rendering)
            from .citations.checks import unknown_key_problems
            problems.update(unknown_key_problems(self.registry, self.usages))
        return sorted(p for p in problems if p.is_error)

    def require_valid(self) -> "SiteModel":
        if self.errors:
            raise ContentError(self.errors)
        return self


def placed_cards(data: Any) -> Iterator[str]:
    from .pages.walk import all_blocks

    for _, block in all_blocks(data):
        if isinstance(block.get("care_card"), str):
            yield block["care_card"]


def _section_headings(data: Any) -> Iterator[tuple[str, str]]:
    if not isinstance(data, dict):
        return
    for section in data.get("sections") or []:
        if isinstance(section, dict):
            if isinstance(section.get("id"), str) and isinstance(section.get("heading"), str):
                yield section["id"], section["heading"]
            yield from _section_headings(section)


# --- compiling, memoised on fingerprints -----------------------------------------------------------

def nav_entries(nav: Any) -> list[tuple[str, str]]:
    """``[("red-flags.md", "Red flags"), ...]`` from a builder's parsed nav, in order (sections flattened):
    MkDocs' (``{title: target}`` items) or Zensical's (``{"title", "url", "children", ...}`` items).

    A page listed without a title gets ``""``.
    """
    found: list[tuple[str, str]] = []

    def walk(items: Any) -> None:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str) and item.endswith(".md"):
                found.append((item, ""))
            elif isinstance(item, dict) and "children" in item and "url" in item:  # Zensical's parsed nav
                url = item.get("url")
                if isinstance(url, str) and url.endswith(".md"):
                    found.append((url, str(item.get("title") or "")))
                walk(item.get("children"))
            elif isinstance(item, dict):
                for title, target in item.items():
                    if isinstance(target, str) and target.endswith(".md"):
                        found.append((target, str(title)))
                    else:
                        walk(target)

    walk(nav)
    return found


def _docs_files(project: Project) -> list[Path]:
    return sorted(project.docs_dir.rglob("*.md")) if project.docs_dir.is_dir() else []


def input_files(project: Project) -> list[Path]:
    """Every file the model is made of."""
    files = set(_docs_files(project)) | set(project.yaml_files())
    for kind in KINDS:
        files.update(kind.files(project))
    return sorted(files)


def fingerprint(path: Path) -> tuple:
    """(path, mtime_ns, ctime_ns, size): a stat, so that asking for the model on every page (Zensical
    runs the macros module once per page) costs no file reads. ``Project.load`` parses a file again
    only when its bytes changed."""
    try:
        st = path.stat()
    except OSError:
        return (str(path),)
    return (str(path), st.st_mtime_ns, st.st_ctime_ns, st.st_size)


_CURRENT = "model:current"
_MODELS: dict[tuple, SiteModel] = {}
_KEEP = 4  # models kept: a serve session, and a few fixture projects in a test run


def site_model(root: Path | str | Project, nav: Any = None, *, use_directory_urls: bool = True) -> SiteModel:
    """The model of the project at ``root``, compiled once for each state of its files.

    ``nav`` is the builder's parsed nav (``None``: every page in ``docs/``, by file name).
    """
    project = root if isinstance(root, Project) else Project(Path(root))
    key = (str(project.root), repr(nav), use_directory_urls,
           tuple(fingerprint(p) for p in input_files(project)))
    if isinstance(root, Project):
        return project.once(("model", key), lambda: compile_model(project, nav, use_directory_urls))
    if key not in _MODELS:
        while len(_MODELS) >= _KEEP:
            _MODELS.pop(next(iter(_MODELS)))
        _MODELS[key] = compile_model(project, nav, use_directory_urls)
    return _MODELS[key]


def model_of(project: Project) -> SiteModel:
    """The model a feature given only a ``Project`` reads: the one compiled for it, else one without a nav."""
    model = project._once.get(_CURRENT)
    return model if isinstance(model, SiteModel) else site_model(project)


def compile_model(project: Project, nav: Any = None, use_directory_urls: bool = True) -> SiteModel:
    entries = nav_entries(nav)
    titles = dict(entries)
    order = {src: i for i, (src, _) in reversed(list(enumerate(entries)))}
    page_slugs = {p.stem for p in _page_files(project)}
    bank_ids = [p.stem for p in _bank_files(project)]
    shells, problems = [], []
    for path in _docs_files(project):
        src = path.relative_to(project.docs_dir).as_posix()
        shell, found = _compile_shell(project, path, src, titles.get(src, ""), src in order, use_directory_urls,
                                      page_slugs, bank_ids)
        problems += found
        if shell is not None:
            shells.append(shell)

    def position(shell: Shell) -> tuple:
        if shell.src in order:
            return (0, order[shell.src], shell.src)
        return (1, 0 if shell.src == "index.md" else 1, shell.src)

    shells.sort(key=position)
    model = SiteModel(
        project, tuple(shells), tuple(problems), use_directory_urls,
        MappingProxyType({s.src: s for s in shells}),
        MappingProxyType({_url_key(s.url): s for s in shells}),
    )
    project._once[_CURRENT] = model
    return model


# Macros that shells used to call, and what replaces them.
_RETIRED = {
    "quiz": "a topic page's quiz is placed by {{ page_content() }} (its bank is named after the page)",
    "review_dates": "review dates are placed by {{ page_content() }}",
}


def _compile_shell(project: Project, path: Path, src: str, nav_title: str, in_nav: bool, use_directory_urls: bool,
                   page_slugs: set[str], bank_ids: list[str]) -> tuple[Shell | None, list[Problem]]:
    rel = project.rel(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem.error(rel, 1, f"cannot read this page: {exc}")]
    meta, body, offset = split_front_matter(text)
    problems = []
    try:
        calls = template_calls(body, offset + 1)
    except jinja2.TemplateSyntaxError as exc:
        calls = ()
        problems.append(Problem.error(rel, (exc.lineno or 1) + offset, (
            f"the build cannot read this page's macros: {exc.message} (a heading id is written "
            "{ #id } with a space, since {# starts a macro comment)")))
    headings, first_h1 = markdown_headings(body)
    name = src[: -len(".md")]
    title = (nav_title or (meta.get("title") if isinstance(meta.get("title"), str) and meta["title"].strip() else "")
             or (first_h1 if first_h1 and "{{" not in first_h1 else "")
             or posixpath.basename(name).replace("-", " ").capitalize()).strip()
    # A template the parser refuses is reported once: assume it places what it is named after.
    names = {c.name for c in calls} if not problems else {PAGE_MACRO}
    content = name if PAGE_MACRO in names and name in page_slugs else None
    banks: tuple[str, ...] = ()
    if QUIZ_ALL_MACRO in names:
        banks = tuple(bank_ids)
    elif content is not None and content in bank_ids:
        if names & set(LIST_MACROS):  # page_content() leaves the page's end to the list: no quiz there
            problems.append(Problem.error(rel, next(c.line for c in calls if c.name in LIST_MACROS), (
                f"this page shows content_src/pages/{content}.yaml, which has a quiz bank "
                f"(quiz/banks/{content}.yaml), but no quiz: a page that ends with a generated list shows none. "
                "Remove the list, or rename the bank after the page it tests")))
        else:
            banks = (content,)
    for call in calls:
        if call.name in _RETIRED:
            problems.append(Problem.error(rel, call.line, f"{call.name}() is no longer a macro: {_RETIRED[call.name]}"))
        elif call.name == PAGE_MACRO and call.args:
            problems.append(Problem.error(rel, call.line, (
                f"{{{{ {PAGE_MACRO}() }}}} takes no arguments: a page shows the content file named after it "
                f"(content_src/pages/{posixpath.basename(name)}.yaml)")))
    if PAGE_MACRO in names and content is None:
        problems.append(Problem.error(rel, next(c.line for c in calls if c.name == PAGE_MACRO), (
            f"{{{{ page_content() }}}} shows content_src/pages/{posixpath.basename(name)}.yaml (the content file is named "
            "after the page), which does not exist; create it, or rename this page to match its content file")))
    return Shell(src, rel, page_url(src, use_directory_urls), title, meta, calls,
                 MappingProxyType(headings), in_nav, content, banks), problems


def shell_problems(model: SiteModel) -> Iterable[Problem]:
    """``make check``: every content file and every bank is shown by some page."""
    shown = {s.content for s in model.shells if s.content}
    for path in _page_files(model.project):
        if path.stem not in shown:
            yield Problem.error(model.project.rel(path), 1, (
                f"no page shows this file; create docs/{path.stem}.md containing {{{{ page_content() }}}} "
                f"and list it in mkdocs.yml's nav"))
    for bank_id in (p.stem for p in _bank_files(model.project)):
        if not model.shells_showing_bank(bank_id):
            yield Problem.error(model.project.rel(model.project.banks_dir / f"{bank_id}.yaml"), 1, (
                f"no page shows this bank's questions: {{{{ page_content() }}}} on docs/{bank_id}.md shows it "
                f"with content_src/pages/{bank_id}.yaml, and {{{{ quiz_all() }}}} shows every bank"))
