"""The citation registry: one deduplicated list of sources, numbered references on every page."""

from .markers import marker

__all__ = ["marker"]
