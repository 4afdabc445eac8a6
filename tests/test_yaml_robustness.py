"""Bad input never crashes ``make check``: each kind of broken file is one located error line.

Every test runs the real command line (``python -m macros.cli.check <root>``) on a small fixture tree
and asserts the exact ``path:line[:col]: error: message`` line it prints, the exit status, and
that no traceback or "internal error" (a check that raised) appears.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.core.problems import SYMLINK_MESSAGE

from tests.support.sites import REPO

# A file no feature reads: only the loader's own checks see it, whatever else the tree holds.
NOTE = "content_src/notes/note.yaml"


def run_check(root: Path, *, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([*(prefix or []), sys.executable, "-m", "macros.cli.check", str(root)], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=300)


def assert_reported(result: subprocess.CompletedProcess, *expected: str) -> None:
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "internal error" not in out, out
    lines = result.stdout.splitlines()
    for line in expected:
        assert line in lines, f"expected {line!r} in:\n{result.stdout}"
    assert result.returncode == 1, out


def tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, raw in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(raw)
    return root


def check_note(tmp_path: Path, raw: bytes) -> subprocess.CompletedProcess:
    return run_check(tree(tmp_path, {NOTE: raw}))


def test_empty_file(tmp_path):
    assert_reported(check_note(tmp_path, b""), f"{NOTE}:1: error: file is empty")


def test_file_with_only_comments_is_empty(tmp_path):
    assert_reported(check_note(tmp_path, b"# yaml-language-server: $schema=x.json\n\n# nothing\n"),
                    f"{NOTE}:1: error: file is empty")


def test_non_utf8_bytes_name_their_line(tmp_path):
    assert_reported(check_note(tmp_path, b"a: 1\nb: 2\nc: caf\xe9\n"),
                    f"{NOTE}:3: error: file is not valid UTF-8 text (save it with UTF-8 encoding)")


def test_utf16_file_is_not_utf8(tmp_path):
    assert_reported(check_note(tmp_path, "a: 1\n".encode("utf-16")),
                    f"{NOTE}:1: error: file is not valid UTF-8 text (save it with UTF-8 encoding)")


def test_utf8_bom_is_accepted(tmp_path):
    result = check_note(tmp_path, "\ufeffa: 1\n".encode())
    assert NOTE not in result.stdout


def test_tab_indentation_names_every_line(tmp_path):
    assert_reported(check_note(tmp_path, b"a:\n\t- 1\n\t- 2\n"),
                    f"{NOTE}:2:1: error: tab character in indentation; YAML needs spaces",
                    f"{NOTE}:3:1: error: tab character in indentation; YAML needs spaces")


def test_tab_after_a_colon(tmp_path):
    assert_reported(check_note(tmp_path, b"a: 1\nb:\t2\n"),
                    f"{NOTE}:2:3: error: YAML syntax error: a tab character where YAML needs spaces")


def test_duplicate_keys_are_rejected_not_silently_merged(tmp_path):
    assert_reported(check_note(tmp_path, b"title: One\nbody: x\ntitle: Two\n"),
                    f"{NOTE}:3: error: duplicate key 'title' (first defined on line 1); "
                    "YAML would silently keep only the last one")


def test_duplicate_keys_in_a_nested_mapping_with_windows_line_ends(tmp_path):
    assert_reported(check_note(tmp_path, b"a:\r\n  b: 1\r\n  c: 2\r\n  b: 3\r\n"),
                    f"{NOTE}:4: error: duplicate key 'b' (first defined on line 2); "
                    "YAML would silently keep only the last one")


def test_aliases_are_rejected_where_used(tmp_path):
    assert_reported(check_note(tmp_path, b"a: &x [1, 2]\nb: *x\nc: &y text\nd: *y\n"),
                    f"{NOTE}:2:4: error: YAML anchors and aliases (&name, *name) are not allowed",
                    f"{NOTE}:4:4: error: YAML anchors and aliases (&name, *name) are not allowed")


def test_merge_keys_are_aliases_too(tmp_path):
    assert_reported(check_note(tmp_path, b"base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n"),
                    f"{NOTE}:3:7: error: YAML anchors and aliases (&name, *name) are not allowed")


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = [b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1).encode(), chr(ord("a") + i).encode()
        lines.append(name + b": &" + name + b" [" + b",".join([b"*" + prev] * 9) + b"]")
    result = check_note(tmp_path, b"\n".join(lines) + b"\n")
    assert_reported(result, f"{NOTE}:2:8: error: YAML anchors and aliases (&name, *name) are not allowed")


def test_huge_file_is_refused_without_parsing(tmp_path):
    assert_reported(check_note(tmp_path, b"a: " + b"x" * 1_000_000 + b"\n"),
                    f"{NOTE}:1: error: file is 1,000,004 bytes; content files must be under 1,000,000 bytes")


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path):
    # two mappings, then the 63rd "[" (column 6 + 62) is level 65
    assert_reported(check_note(tmp_path, b"a:\n  b: " + b"[" * 5000 + b"]" * 5000 + b"\n"),
                    f"{NOTE}:2:68: error: lists and mappings are nested more than 64 levels deep")


def test_syntax_error_is_located(tmp_path):
    assert_reported(check_note(tmp_path, b"a: 1\nb: [1, 2\nc: 3\n"),
                    f"{NOTE}:3:2: error: YAML syntax error: while parsing a flow sequence, "
                    "expected ',' or ']', but got ':'")


def test_two_documents_in_one_file(tmp_path):
    assert_reported(check_note(tmp_path, b"a: 1\n---\nb: 2\n"),
                    f"{NOTE}:2:1: error: YAML syntax error: expected a single document in the stream, "
                    "but found another document")


def test_control_characters_are_located(tmp_path):
    assert_reported(check_note(tmp_path, b"a: 1\nb: x\x00y\n"),
                    f"{NOTE}:2:5: error: U+0000 NULL at column 5 is invisible or a control character; delete it")


def test_python_tags_are_refused(tmp_path):
    assert_reported(check_note(tmp_path, b"a: !!python/object/apply:os.system [echo hi]\nb: !!python/name:os.getcwd ''\n"),
                    f"{NOTE}:1:4: error: YAML error: tags such as "
                    "'tag:yaml.org,2002:python/object/apply:os.system' are not allowed; write plain values",
                    f"{NOTE}:2:4: error: YAML error: tags such as "
                    "'tag:yaml.org,2002:python/name:os.getcwd' are not allowed; write plain values")


def test_unknown_tags_on_plain_values(tmp_path):
    assert_reported(check_note(tmp_path, b"a: 1\nb: !custom x\n"),
                    f"{NOTE}:2:4: error: YAML error: tags such as '!custom' are not allowed; write plain values")


def test_bad_explicit_type(tmp_path):
    assert_reported(check_note(tmp_path, b"a: !!int abc\n"),
                    f"{NOTE}:1:4: error: YAML error: cannot read 'abc' as int: "
                    "invalid literal for int() with base 10: 'abc'")


def test_complex_keys_are_refused(tmp_path):
    assert_reported(check_note(tmp_path, b"a: 1\n? [x, y]\n: z\n"),
                    f"{NOTE}:2: error: mapping keys must be plain text")


def test_escaped_surrogates_are_refused(tmp_path):
    assert_reported(check_note(tmp_path, b'a: "\\ud800"\n'),
                    f"{NOTE}:1:4: error: text contains an escaped surrogate (\\ud800-\\udfff), "
                    "which is not a character")


def test_folder_named_like_a_yaml_file(tmp_path):
    (tmp_path / "quiz" / "banks" / "red-flags.yaml").mkdir(parents=True)
    assert_reported(run_check(tmp_path), "quiz/banks/red-flags.yaml:1: error: this is a folder, not a YAML file: "
                                         "rename it, or move what it holds elsewhere")


@pytest.mark.parametrize("target", ["gone.yaml", "/etc/hostname"])
def test_symbolic_links_are_refused_unread(tmp_path, target):
    """A link is never followed (issue 22): broken or not, it is one error, and what it points to is not quoted."""
    (tmp_path / "content_src" / "notes").mkdir(parents=True)
    (tmp_path / NOTE).symlink_to(target)
    out = run_check(tmp_path)
    assert_reported(out, f"{NOTE}:1: error: {SYMLINK_MESSAGE}")
    assert target not in out.stdout + out.stderr


def _without_read_override() -> list[str]:
    """A command prefix under which file permissions apply: root reads anything unless it drops
    the capabilities that let it (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root without util-linux's setpriv: cannot make a file unreadable")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_unreadable_file(tmp_path):
    tree(tmp_path, {NOTE: b"a: 1\n"})
    (tmp_path / NOTE).chmod(0)
    try:
        result = run_check(tmp_path, prefix=_without_read_override())
    finally:
        (tmp_path / NOTE).chmod(0o644)
    assert_reported(result, f"{NOTE}:1: error: cannot read file: Permission denied")


def test_every_broken_file_is_reported_in_one_run(tmp_path):
    """One run reports all of them, sorted by file and line, and counts them."""
    tree(tmp_path, {
        "content_src/notes/a.yaml": b"x: 1\nx: 2\n",
        "content_src/notes/b.yaml": b"",
        "content_src/notes/c.yaml": b"ok: caf\xe9\n",
    })
    result = run_check(tmp_path)
    assert_reported(result,
                    "content_src/notes/a.yaml:2: error: duplicate key 'x' (first defined on line 1); "
                    "YAML would silently keep only the last one",
                    "content_src/notes/b.yaml:1: error: file is empty",
                    "content_src/notes/c.yaml:1: error: file is not valid UTF-8 text (save it with UTF-8 encoding)")
    notes = [line for line in result.stdout.splitlines() if line.startswith("content_src/notes/")]
    assert [n.split(":")[0] for n in notes] == ["content_src/notes/a.yaml", "content_src/notes/b.yaml",
                                                "content_src/notes/c.yaml"]


# --- the files features read: their checks must cope when the loader refuses the file ---------------

BROKEN = {
    "empty": (b"", 1, "file is empty"),
    "non-utf8": (b"# yaml-language-server: $schema=x\nkey: caf\xe9\n", 2,
                 "file is not valid UTF-8 text (save it with UTF-8 encoding)"),
    "tabs": (b"# yaml-language-server: $schema=x\nkey:\n\tfield: 1\n", 3,
             "tab character in indentation; YAML needs spaces"),
    "duplicate": (b"# yaml-language-server: $schema=x\ntitle: a\ntitle: b\n", 3,
                  "duplicate key 'title' (first defined on line 2); YAML would silently keep only the last one"),
}
FEATURE_FILES = ["content_src/sources.yaml", "content_src/pages/red-flags.yaml", "quiz/banks/red-flags.yaml"]


def _real_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for part in ("content_src", "quiz", "docs"):
        if (REPO / part).exists():
            shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.mark.parametrize("kind", sorted(BROKEN))
@pytest.mark.parametrize("name", FEATURE_FILES)
def test_features_cope_with_a_file_the_loader_refuses(tmp_path, name, kind):
    raw, line, message = BROKEN[kind]
    root = _real_copy(tmp_path)
    tree(root, {name: raw})
    result = run_check(root)
    col = ":1" if kind == "tabs" else ""
    assert_reported(result, f"{name}:{line}{col}: error: {message}")


WRONG_TOP_LEVEL = {
    "a list": b"# yaml-language-server: $schema=x\n- one\n- two\n",
    "text": b"# yaml-language-server: $schema=x\njust some words\n",
    "a whole number": b"# yaml-language-server: $schema=x\n42\n",
    "nothing": b"# yaml-language-server: $schema=x\n~\n",
}


@pytest.mark.parametrize("found", sorted(WRONG_TOP_LEVEL))
@pytest.mark.parametrize("name", FEATURE_FILES)
def test_wrong_top_level_type_is_reported_by_the_schema(tmp_path, name, found):
    """Each feature validates its file's top level against its schema: a mapping is expected."""
    root = _real_copy(tmp_path)
    tree(root, {name: WRONG_TOP_LEVEL[found]})
    result = run_check(root)
    assert_reported(result)
    located = [line for line in result.stdout.splitlines() if re.match(rf"{re.escape(name)}:2(:\d+)?: error: ", line)]
    assert located, f"no error at {name}:2 in:\n{result.stdout}"
    assert any(f"expected a mapping (key: value), found {found}" in line for line in located), result.stdout
