"""scripts/test_times.py (``make test-times``): what it reads from pytest's JUnit report and how it reports it."""

from __future__ import annotations

import re

from scripts import test_times as times

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="4">
<testcase classname="tests.test_a" name="test_one" time="1.5" />
<testcase classname="tests.test_a" name="test_two[x]" time="0.25" />
<testcase classname="tests.test_b" name="test_slow" time="7.0"><skipped message="no" /></testcase>
<testcase classname="tests.test_c.TestGroup" name="test_method" time="3.0" />
</testsuite></testsuites>
"""


def test_each_file_and_the_slowest_tests_are_read_from_the_junit_report(tmp_path):
    report = tmp_path / "junit.xml"
    report.write_text(JUNIT, encoding="utf-8")
    found = times.read_junit(report)
    assert [t.file for t in found] == ["tests/test_a.py", "tests/test_a.py", "tests/test_b.py", "tests/test_c.py"]
    assert [t.name for t in times.slowest(found, 2)] == ["test_slow", "test_method"]
    assert times.per_file(found) == [("tests/test_b.py", 1, 7.0), ("tests/test_c.py", 1, 3.0),
                                     ("tests/test_a.py", 2, 1.75)]
    text = times.report(found, 42.0, (1.0, 2.0, 3.0), (0.5, 0.5, 0.5), ["-n", "4"], 2)
    assert "Wall time: 42.0 s for 4 tests (their own times add up to 11.8 s)" in text
    assert "| 7.00 | `tests/test_b.py::test_slow` |" in text
    assert "| 1.8 | 2 | `tests/test_a.py` |" in text
    assert "load average (1, 5, 15 min) before 1.00, 2.00, 3.00" in text
    assert len(re.findall(r"^\| \d", text, re.M)) == 2 + 3  # two slowest tests, three files
