"""make check for content pages: links, docs shells, review dates, and loading a page for the build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.model.site import site_model
from macros.cli.check import project_model, run
from macros.model.pages import load_page
from macros.pages.checks import check_page_shells, check_pages, pages_shown
from macros.model.links import link_targets, target_problem
from macros.core.problems import ContentError, Problem
from macros.core.project import Project
from macros.model.reviewed_content import page_digest
from tests.support.reviews import record_digests
from tests.support.sites import example_site, line_of, replace

TODAY = dt.date(2026, 11, 22)


PAGE = "content_src/pages/red-flags.yaml"  # the example site's topic page
NIGHT_PAIN = "stops you getting to sleep."  # the end of its night-pain paragraph (a link is added after it)


def project(tmp_path: Path, docs: dict[str, str] | None = None, edits: list[tuple[str, str]] = ()) -> Project:
    """The example site, with ``docs`` written into docs/ and each (old, new) of ``edits`` made in its topic
    page, review records then brought up to date (as ``make review-record`` leaves them)."""
    example_site(tmp_path)
    for name, text in (docs or {}).items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    for old, new in edits:
        replace(tmp_path / PAGE, old, new)
    if edits:
        record_digests(tmp_path)
    return Project(tmp_path)


def at(tmp_path: Path, text: str, column: int) -> str:
    """``path:line:column`` of the topic page's first line holding ``text``."""
    return f"{PAGE}:{line_of(tmp_path / PAGE, text)}:{column}"



def formatted(problems) -> list[str]:
    return sorted(p.format() for p in problems)


def checked(proj: Project) -> set[Problem]:
    """What make check says of the content pages on TODAY: each page file's own problems, as the model
    found them when it loaded it (reported by ``macros.rules.content_kinds``), and ``check_pages``'s."""
    model = site_model(proj)
    return set(model.kind_problems("pages")) | set(check_pages(model, TODAY))


def shells_checked(proj: Project) -> set[Problem]:
    """What make check says of the page shells: the model's (``macros.rules.shells_compile``), ``pages_shown``'s
    and ``check_page_shells``'s."""
    model = site_model(proj)
    return set(model.shell_problems) | set(pages_shown(model)) | set(check_page_shells(model))


# --- links ----------------------------------------------------------------------------------

def test_link_targets_are_found_and_images_are_not_links():
    text = 'See [help](when-to-get-help.md#urgent "Urgent"), ![x](pic.png) and [the NHS](https://www.nhs.uk/).'
    assert link_targets(text) == ["when-to-get-help.md#urgent", "https://www.nhs.uk/"]


HELP = "# Help\n\n## Emergency\n\n## Urgent { #urgent }\n"  # a page written by hand in Markdown


@pytest.fixture(scope="module")
def with_help(tmp_path_factory) -> Project:
    """The example site with docs/help.md written by hand in Markdown (the link tests only read it)."""
    return project(tmp_path_factory.mktemp("example"), {"help.md": HELP})


@pytest.mark.parametrize("target, reason", [
    ("help.md#urgent", None),
    ("help.md", None),
    ("#night-pain", None),
    ("https://www.nhs.uk/conditions/back-pain/", None),
    ("tel:999", None),
    ("help.md#soon", "link 'help.md#soon': docs/help.md has no section 'soon' (its anchors: emergency, help, urgent)"),
    ("#nowhere", "link '#nowhere': docs/red-flags.md has no section 'nowhere' (its anchors: age-and-other-risks, "
                 "emergency-999, history-of-cancer, nerve-and-spinal-cord-signs, night-pain, no-single-sign, "
                 "pain-when-coughing-or-straining)"),
    ("missing.md", "link 'missing.md' points to docs/missing.md, which does not exist"),
    ("/when-to-get-help/", "link '/when-to-get-help/' is absolute; link to the page's file instead, "
                           "for example when-to-get-help.md#urgent"),
    ("when-to-get-help/", "link 'when-to-get-help/' does not point to a page's file; write it as <page>.md "
                          "or <page>.md#<section-id>, for example red-flags.md#night-pain"),
])
def test_link_target_problems(with_help, target, reason):
    assert target_problem(site_model(with_help), "red-flags.md", target) == reason


def test_broken_link_in_page_text_is_reported_at_its_yaml_line(tmp_path):
    proj = project(tmp_path, {"help.md": "# Help\n"}, [(NIGHT_PAIN, NIGHT_PAIN + " See [help](help.md#urgent).")])
    assert formatted(checked(proj)) == [
        f"{at(tmp_path, 'help.md#urgent', 9)}: error: link 'help.md#urgent': docs/help.md has no section "
        "'urgent' (its anchors: help)"]


def test_link_to_a_section_id_of_another_pages_data_is_fine(tmp_path):
    proj = project(tmp_path, edits=[(NIGHT_PAIN, NIGHT_PAIN + " See [there](when-to-get-help.md#emergency).")])
    assert formatted(checked(proj)) == []


# --- review dates ---------------------------------------------------------------------------

def test_overdue_review_is_a_warning_on_the_due_line(tmp_path):
    proj = project(tmp_path, edits=[('next_review_due: "2027-11-01"', 'next_review_due: "2026-11-21"')])
    [message] = formatted(checked(proj))
    assert message.startswith(f"{at(tmp_path, 'next_review_due', 3)}: warning: review overdue: "
                              "next_review_due was 2026-11-21")


def test_review_due_soon_is_a_warning(tmp_path):
    proj = project(tmp_path, edits=[('next_review_due: "2027-11-01"', 'next_review_due: "2027-01-01"')])
    assert formatted(checked(proj)) == [
        f"{at(tmp_path, 'next_review_due', 3)}: warning: review due soon: next_review_due is 2027-01-01 "
        "(40 days from today)"]


# --- docs shells and data files ------------------------------------------------------------

def test_matching_shells_and_data_files_have_no_problems(example_project):
    assert formatted(shells_checked(Project(example_project))) == []


def test_a_shell_named_after_no_content_file(tmp_path):
    project(tmp_path, {"red-flag.md": "# Red\n\n{{ page_content() }}\n"})
    (tmp_path / "docs" / "red-flags.md").unlink()
    (tmp_path / "quiz" / "banks" / "red-flags.yaml").unlink()  # not this test's subject (a page's bank waits for it)
    proj = Project(tmp_path)
    assert formatted(shells_checked(proj)) == [
        "content_src/pages/red-flags.yaml:1: error: no page shows this file; create docs/red-flags.md "
        "containing {{ page_content() }} and list it in mkdocs.yml's nav",
        "docs/red-flag.md:3: error: {{ page_content() }} shows content_src/pages/red-flag.yaml (the content file "
        "is named after the page), which does not exist; create it, or rename this page to match its content file",
    ]


def test_data_file_no_page_shows(tmp_path):
    project(tmp_path, {"red-flags.md": "# Red flags, written by hand\n"})
    (tmp_path / "quiz" / "banks" / "red-flags.yaml").unlink()  # not this test's subject (a page's bank waits for it)
    proj = Project(tmp_path)
    assert formatted(shells_checked(proj)) == [
        "content_src/pages/red-flags.yaml:1: error: no page shows this file; create docs/red-flags.md "
        "containing {{ page_content() }} and list it in mkdocs.yml's nav"]


NO_PAGE = ("content_src/pages/red-flags.yaml:1: error: no page shows this file; create docs/red-flags.md "
           "containing {{ page_content() }} and list it in mkdocs.yml's nav")
BANK_NOT_SHOWN = ("quiz/banks/red-flags.yaml:1: error: no page shows this bank's questions: {{ page_content() }} on "
                  "docs/red-flags.md shows it with content_src/pages/red-flags.yaml (the quiz page's {{ quiz_index() }} "
                  "then lists it)")


def test_a_page_whose_shell_is_missing_is_one_error_and_what_points_at_it_waits(tmp_path):
    """The root mistake is said once, at the page file; the home page's link to the page and the page's bank are
    not reported again (each is right once the shell is back)."""
    project(tmp_path)
    (tmp_path / "docs" / "red-flags.md").unlink()
    model = site_model(Project(tmp_path))
    assert formatted(pages_shown(model)) == [NO_PAGE]
    assert formatted(shells_checked(Project(tmp_path))) == [NO_PAGE]
    assert formatted(checked(Project(tmp_path))) == []


def test_a_page_shown_by_no_shell_is_one_error_and_its_bank_waits(tmp_path):
    project(tmp_path, {"red-flags.md": "# Red flags, written by hand\n"})
    assert formatted(shells_checked(Project(tmp_path))) == [NO_PAGE]


def test_links_to_a_page_that_is_really_gone_are_still_errors(tmp_path):
    """No content file and no shell: nothing says the page should exist, so whatever points at it is wrong."""
    project(tmp_path)
    (tmp_path / "docs" / "red-flags.md").unlink()
    (tmp_path / PAGE).unlink()
    home = tmp_path / "content_src" / "pages" / "index.yaml"
    assert formatted(checked(Project(tmp_path))) == [
        f"content_src/pages/index.yaml:{line_of(home, '(red-flags.md)')}:13: error: link 'red-flags.md' points to "
        "docs/red-flags.md, which does not exist"]
    assert formatted(shells_checked(Project(tmp_path))) == [BANK_NOT_SHOWN]


HELP_SHELL = "docs/when-to-get-help.md"  # the page mkdocs.yml's extra.get_help.page and extra.quiz.help_page name


def errors_of_every_rule(root: Path) -> list[str]:
    """Every error make check reports for the project at ``root`` (all of ``macros/rules.py``), formatted."""
    model, problems = project_model(root)
    return sorted(p.format() for p in [*problems, *run(model)] if p.severity == "error")


def test_the_help_pages_missing_shell_is_one_error_not_one_per_setting_that_names_it(tmp_path):
    """mkdocs.yml names the help page twice (extra.get_help.page, extra.quiz.help_page): with its content file
    there, both wait for the shell like the links to the page do; the page file's error says what to do."""
    root = example_site(tmp_path, overrides=True)
    (root / HELP_SHELL).unlink()
    assert errors_of_every_rule(root) == [
        "content_src/pages/when-to-get-help.yaml:1: error: no page shows this file; create docs/when-to-get-help.md "
        "containing {{ page_content() }} and list it in mkdocs.yml's nav"]


def test_settings_naming_a_help_page_that_is_really_gone_are_still_errors(tmp_path):
    root = example_site(tmp_path, overrides=True)
    (root / HELP_SHELL).unlink()
    (root / "content_src" / "pages" / "when-to-get-help.yaml").unlink()
    config = root / "mkdocs.yml"
    assert [e for e in errors_of_every_rule(root) if e.startswith("mkdocs.yml")] == [
        f"mkdocs.yml:{line_of(config, 'page: when-to-get-help.md')}: error: extra.get_help.page 'when-to-get-help.md' "
        "is not a page of docs/: name its file, such as when-to-get-help.md",
        f"mkdocs.yml:{line_of(config, 'help_page: when-to-get-help.md')}: error: extra.quiz.help_page "
        "'when-to-get-help.md' is not a page of docs/: name its file, such as when-to-get-help.md"]


def test_a_bank_on_a_page_that_ends_with_a_list_is_one_error_at_the_page(tmp_path):
    """A bank named after the sources page (which ends with {{ sources_list() }}, so shows no quiz): the page's
    error says why no quiz is shown; the bank is not reported again as shown by no page."""
    root = example_site(tmp_path, overrides=True)
    bank = (root / "quiz" / "banks" / "red-flags.yaml").read_text(encoding="utf-8")
    (root / "quiz" / "banks" / "sources.yaml").write_text(
        bank.replace("id: red-flags\n", "id: sources\n", 1).replace("id: rf-", "id: src-"), encoding="utf-8")
    shell = root / "docs" / "sources.md"
    [error] = errors_of_every_rule(root)
    assert error.startswith(f"docs/sources.md:{line_of(shell, '{{ sources_list() }}')}: error: this page shows "
                            "content_src/pages/sources.yaml, which has a quiz bank (quiz/banks/sources.yaml), but no quiz")


@pytest.mark.parametrize("text, message", [
    ('{{ page_content("about") }}\n', "{{ page_content() }} takes no arguments: a page shows the content file "
                                      "named after it (content_src/pages/red-flags.yaml)"),
    ('{{ page_content() }}\n{{ review_dates("red-flags") }}\n',
     "review_dates() is no longer a macro: review dates are placed by {{ page_content() }}"),
])
def test_a_shell_written_the_old_way_is_told_the_new_way(tmp_path, text, message):
    proj = project(tmp_path, {"red-flags.md": text})
    line = text.count("\n")
    assert formatted(shells_checked(proj)) == [f"docs/red-flags.md:{line}: error: {message}"]


def test_a_shell_that_cannot_parse_and_has_no_content_file_is_its_parse_error(tmp_path):
    """It was a StopIteration traceback: the missing content file was to be reported at the page_content() call,
    which an unparsed template has none of. Its parse error is the one message."""
    root = example_site(tmp_path, overrides=True)
    (root / "docs" / "foo.md").write_text("# Foo\n\n{{ page_content( }}\n", encoding="utf-8")
    assert [e.split(": error: ")[0] for e in errors_of_every_rule(root)] == ["docs/foo.md:3"]


def test_a_shell_the_build_cannot_parse_is_reported_at_its_line(tmp_path):
    proj = project(tmp_path, {"red-flags.md": "---\ntitle: Red\n---\n# Red {#red}\n\n{{ page_content() }}\n"})
    problems = formatted(shells_checked(proj))
    assert len(problems) == 1 and problems[0].startswith("docs/red-flags.md:4: error: the build cannot read this "
                                                         "page's macros: Missing end of comment tag")


# --- the review record ---------------------------------------------------------------------

CLINICIAN = """\
  - id: test-clinician
    name: Test Clinician
    role: clinician
    title: Consultant clinical oncologist
    may_sign: [review, clinical-sign-off]
"""

SIGN_OFF = """\
  clinical_sign_off:
    reviewer: {who}
    date: {date}
    content_digest: "{digest}"
"""


def with_review(extra: str, checked: str = "[nhs-back-pain]") -> list[tuple[str, str]]:
    """The edit of the topic page's review record that checks it against ``checked`` and adds ``extra``."""
    return [("  checked_against: [nhs-back-pain]\n  checked_by: the site's editors\n",
             f"  checked_against: {checked}\n  checked_by: the site's editors\n{extra}")]


def signed(tmp_path: Path, *, who: str = "test-clinician", date: str = "2026-11-20", digest: str | None = None,
           clinician: bool = True) -> Project:
    """A page signed off by ``who``; ``digest`` None: the page's digest as it is (the sign-off is current);
    ``clinician``: content_src/reviewers.yaml registers a clinician who may sign (the example's has none)."""
    project(tmp_path, edits=with_review(SIGN_OFF.format(who=who, date=date, digest="0" * 12)))
    if clinician:
        reviewers = tmp_path / "content_src" / "reviewers.yaml"
        reviewers.write_text(reviewers.read_text(encoding="utf-8") + CLINICIAN, encoding="utf-8")
    path = tmp_path / PAGE
    doc, _ = Project(tmp_path).try_load(path)
    now = page_digest(site_model(Project(tmp_path)), "red-flags", doc.data)
    text = path.read_text(encoding="utf-8").replace('content_digest: "' + "0" * 12, f'content_digest: "{digest or now}')
    path.write_text(text, encoding="utf-8")
    return Project(tmp_path)


def test_a_review_names_sources_of_the_registry(tmp_path):
    proj = project(tmp_path, edits=with_review("", "[nhs-back-pain, nice-cg57]"))
    assert formatted(checked(proj)) == [
        f"{at(tmp_path, 'checked_against', 36)}: error: review.checked_against: unknown source key 'nice-cg57' "
        "(nearest existing keys: nice-cg75); name a source of content_src/sources.yaml that this review really read"]


def test_a_clinical_sign_off_of_this_version_by_a_registered_clinician_passes(tmp_path):
    proj = signed(tmp_path)
    assert formatted(checked(proj)) == []
    assert load_page(site_model(proj), "red-flags").review["clinical_sign_off"]["reviewer"] == "test-clinician"


@pytest.mark.parametrize("kwargs, key, message", [
    ({"date": "2026-12-01"}, "date", "error: clinical_sign_off.date 2026-12-01 is in the future"),
    ({"date": "20 Nov 2026"}, "date", "error: review.clinical_sign_off.date: '20 Nov 2026' is not a valid date"),
    ({"who": "dr-nobody"}, "reviewer", "error: 'dr-nobody' is not a clinician who may sign pages off in "
                                       "content_src/reviewers.yaml (clinical-sign-off; who may: test-clinician)"),
    ({"who": "site-editors"}, "reviewer", "error: 'site-editors' is not a clinician who may sign pages off"),
    ({"digest": "deadbeef0000"}, "content_digest", "error: clinical_sign_off is for other content (content_digest "
                                                   "deadbeef0000, the content is now "),
    ({"digest": "deadbeef"}, "content_digest", "error: review.clinical_sign_off.content_digest: 'deadbeef' is not "
                                               "valid"),
])
def test_a_clinical_sign_off_is_checked(tmp_path, kwargs, key, message):
    proj = signed(tmp_path, **kwargs)
    [found] = formatted(checked(proj))
    assert found.startswith(f"{at(tmp_path, f'    {key}:', 5)}: {message}"), found


def test_a_sign_off_of_the_same_text_survives_a_later_review(tmp_path):
    """What a sign-off covers is its digest: an editor's later review of unchanged text keeps it."""
    assert formatted(checked(signed(tmp_path, date="2026-10-01"))) == []


def test_a_sign_off_for_other_content_stops_the_build(tmp_path):
    """The build refuses what make check calls an error: a page never shows a sign-off that is not current."""
    proj = signed(tmp_path, digest="deadbeef0000")
    with pytest.raises(ContentError, match="clinical_sign_off is for other content"):
        load_page(site_model(proj), "red-flags")


def test_no_clinician_registered_means_no_sign_off(tmp_path):
    [found] = formatted(checked(signed(tmp_path, clinician=False)))
    assert "'test-clinician' is not a clinician who may sign pages off in content_src/reviewers.yaml " \
           "(clinical-sign-off; nobody there may yet)" in found


def test_a_sign_off_without_its_digest_is_incomplete(tmp_path):
    signed(tmp_path)
    path = tmp_path / PAGE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("    content_digest:")), encoding="utf-8")
    assert formatted(checked(Project(tmp_path))) == [
        f"{at(tmp_path, 'clinical_sign_off:', 3)}: error: review.clinical_sign_off: 'content_digest' is required"]


def test_a_page_changed_since_its_review_is_a_warning_at_its_digest(tmp_path):
    project(tmp_path)
    replace(tmp_path / PAGE, "Back pain that is worse at night", "Back pain that is bad at night")
    [found] = formatted(checked(Project(tmp_path)))
    assert found.startswith(f"{at(tmp_path, 'content_digest', 3)}: warning: changed since its last review "
                            "(2026-11-01): the content readers see is not what was reviewed")
    assert "make review-record PAGE=red-flags BY=<reviewer id>" in found


def test_comments_and_formatting_are_not_changes(tmp_path):
    project(tmp_path)
    path = tmp_path / PAGE
    line = next(line for line in path.read_text(encoding="utf-8").splitlines() if NIGHT_PAIN in line)
    replace(path, line, line.replace('"', "'") + "  # a note")
    replace(path, "title: Red flags", '# a comment\ntitle:   "Red flags"')
    assert formatted(checked(Project(tmp_path))) == []


def test_a_review_with_no_digest_is_a_warning_not_an_error(tmp_path):
    project(tmp_path)
    path = tmp_path / PAGE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if "content_digest" not in line), encoding="utf-8")
    [found] = formatted(checked(Project(tmp_path)))
    assert found.startswith(f"{PAGE}:{line_of(path, 'review:')}:1: warning: this review record does not say what "
                            "it reviewed (no content_digest)")
    assert load_page(site_model(Project(tmp_path)), "red-flags").title == "Red flags"  # it builds


# --- loading for the build ----------------------------------------------------------------

def test_load_page_returns_validated_data(example_project):
    page = load_page(site_model(Project(example_project)), "red-flags")
    assert page.title == "Red flags"
    assert page.description.startswith("Warning signs")
    assert page.review["checked_against"] == ["nhs-back-pain"] and "clinical_sign_off" not in page.review


def test_load_page_raises_located_problems_for_a_broken_page(tmp_path):
    proj = project(tmp_path, edits=[("        cite: [downie-2013, henschke-2013, deyo-1988]\n", "")])
    with pytest.raises(ContentError) as caught:
        load_page(site_model(proj), "red-flags")
    assert str(caught.value).startswith(
        f"{at(tmp_path, 'Having cancer now', 9)}: error: sections[0].blocks[0]: 'cite' is required")


def test_load_page_names_a_missing_file(example_project):
    with pytest.raises(ContentError) as caught:
        load_page(site_model(Project(example_project)), "red-flag")
    assert str(caught.value) == ("content_src/pages/red-flag.yaml:1: error: page 'red-flag' needs this "
                                 "file, which does not exist; create it or fix the page's name")


def test_load_page_rejects_a_slug_that_is_not_a_file_name():
    with pytest.raises(ValueError, match="not valid"):
        load_page(site_model(Project(Path("."))), "../secrets")


# --- the real tree --------------------------------------------------------------------------

def test_real_content_pages_have_no_errors():
    errors = [p.format() for p in run(site_model(Project(Path(".")))) if p.is_error and p.path.startswith(
        ("content_src/pages/", "docs/"))]
    assert errors == []
