"""Step wording: `{first_name}`, `{business}`, `{review_link}`, `{tech}`, `{service}` filled at send time."""

from __future__ import annotations

import string

PLACEHOLDERS = ("first_name", "business", "review_link", "tech", "service")
FALLBACKS = {"first_name": "there", "tech": "our technician", "service": "last visit", "review_link": ""}


def unknown_placeholders(template: str) -> list[str]:
    """The placeholders a template uses that we cannot fill; ValueError when it is not a valid template."""
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    return sorted({name for name in names if name not in PLACEHOLDERS})


def render(template: str, values: dict[str, str | None]) -> str:
    filled = {name: values.get(name) or FALLBACKS.get(name, "") for name in PLACEHOLDERS}
    return " ".join(template.format(**filled).split())


def first_name(name: str | None) -> str | None:
    return name.split()[0] if name and name.split() else None
