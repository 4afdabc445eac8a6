"""Phone numbers a reader may need: the services' numbers in ``content_src/urgent_care.yaml``.

The cards feature links them wherever text names them (``macros.cards.phones``)."""

from __future__ import annotations

from ..core.problems import ContentError
from ..core.project import Project
from .urgent_care import POLICY_PATH, load_policy

PHONES_PATH = POLICY_PATH


def load_phone_numbers(project: Project) -> tuple[str, ...]:
    """The services' numbers, longest first; raises ``ContentError`` when the policy file has errors."""
    policy = load_policy(project)
    if policy.errors:
        raise ContentError(policy.errors)
    return policy.numbers


def check_phone_numbers(model) -> list:
    """``make check``: the urgent care policy (the services and their numbers) loads and is consistent
    (``model``: the ``SiteModel``)."""
    return list(load_policy(model.project).problems)
