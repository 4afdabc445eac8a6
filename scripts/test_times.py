"""`make test-times`: run the suite as `make test` does and report where its time goes.

Prints the machine (CPU count, load average before and after), the suite's wall time, the 15 slowest tests
(set-up + call + tear-down, as the JUnit report times them) and every test file's summed test time, as
Markdown tables ready for README's "Test times". Arguments after ``--`` go to pytest (the Makefile passes the
worker options). It measures; it asserts nothing about time. Its exit status is pytest's.

    python scripts/test_times.py [--slowest N] [-- PYTEST_ARGS...]
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Timed:
    file: str      # tests/test_x.py
    name: str      # the test's name with its parameters
    seconds: float  # set-up + call + tear-down


def read_junit(path: Path) -> list[Timed]:
    """Every test case in a JUnit XML report written by pytest (``--junitxml``)."""
    found = []
    for case in ET.parse(path).iter("testcase"):
        module = case.get("classname", "").split(".")
        # classname is tests.test_x (a function) or tests.test_x.TestClass (a method)
        file = "/".join(module[:2]) + ".py" if len(module) >= 2 else case.get("file", "?")
        found.append(Timed(file, case.get("name", "?"), float(case.get("time", 0) or 0)))
    return found


def slowest(times: list[Timed], count: int) -> list[Timed]:
    return sorted(times, key=lambda t: t.seconds, reverse=True)[:count]


def per_file(times: list[Timed]) -> list[tuple[str, int, float]]:
    """(file, number of tests, summed seconds), the costliest file first."""
    seconds: dict[str, float] = collections.defaultdict(float)
    counts: collections.Counter[str] = collections.Counter()
    for t in times:
        seconds[t.file] += t.seconds
        counts[t.file] += 1
    return sorted(((f, counts[f], s) for f, s in seconds.items()), key=lambda row: row[2], reverse=True)


def report(times: list[Timed], wall: float, load_before: tuple, load_after: tuple, args: list[str],
           count: int) -> str:
    total = sum(t.seconds for t in times)
    lines = [
        f"Machine: {os.cpu_count()} CPUs; load average (1, 5, 15 min) before "
        f"{', '.join(f'{x:.2f}' for x in load_before)}, after {', '.join(f'{x:.2f}' for x in load_after)}",
        f"Command: pytest {' '.join(args)}",
        f"Wall time: {wall:.1f} s for {len(times)} tests (their own times add up to {total:.1f} s)",
        "",
        f"The {count} slowest tests (set-up + call + tear-down):",
        "",
        "| seconds | test |",
        "|---:|---|",
        *(f"| {t.seconds:.2f} | `{t.file}::{t.name}` |" for t in slowest(times, count)),
        "",
        "Each file's tests, summed (on several workers these overlap in wall time):",
        "",
        "| seconds | tests | file |",
        "|---:|---:|---|",
        *(f"| {s:.1f} | {n} | `{f}` |" for f, n, s in per_file(times)),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    ours, pytest_args = argv[:split], argv[split + 1:]
    parser = argparse.ArgumentParser(prog="make test-times", description=__doc__.splitlines()[0])
    parser.add_argument("--slowest", type=int, default=15, help="how many of the slowest tests to list")
    options = parser.parse_args(ours)
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "junit.xml"
        load_before = os.getloadavg()
        start = time.perf_counter()
        status = subprocess.call([sys.executable, "-m", "pytest", *pytest_args, f"--junitxml={junit}"], cwd=REPO)
        wall = time.perf_counter() - start
        load_after = os.getloadavg()
        if not junit.exists():
            print("pytest wrote no report: nothing to time", file=sys.stderr)
            return status or 1
        print("\n" + report(read_junit(junit), wall, load_before, load_after, pytest_args, options.slowest))
    return status


if __name__ == "__main__":
    sys.exit(main())
