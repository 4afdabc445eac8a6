"""The digest of what readers are shown: a short fingerprint of loaded content, not of file bytes.

A review record keeps the digest of the content it reviewed (``content_digest``); when the content
changes, its digest no longer matches, and ``make check`` says so. The digest is taken from the
parsed data (``json.dumps`` with sorted keys), so a comment, quoting style, indentation or key
order is not a change; any change to a value is. Pure: no files, no model.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

LENGTH = 12  # hex digits kept: short enough to read in a review record, ample for one site's pages


def digest(value: Any) -> str:
    """``sha256`` of ``value`` written as canonical JSON, its first ``LENGTH`` hex digits."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:LENGTH]


def without(data: Any, *keys: str) -> Any:
    """``data`` without its top-level ``keys`` (a review record is not part of what it reviews)."""
    return {k: v for k, v in data.items() if k not in keys} if isinstance(data, dict) else data
