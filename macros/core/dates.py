"""Dates as the site shows them: en-GB, the NHS style (``22 November 2026``), in one place."""

from __future__ import annotations

import datetime as dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def format_date(value: str) -> str:
    """``2026-11-22`` -> ``22 November 2026`` (the NHS date style)."""
    day = dt.date.fromisoformat(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
