"""Every page's navigation landmarks have labels of their own (axe-core's landmark-unique: a
screen reader lists landmarks by label, and two "Pages" cannot be told apart). The outside page
walk found the review list's pager labelled like the site menu."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[3] / "service" / "web" / "templates"
NAV = re.compile(r'<nav aria-label="([^"]+)"')


def test_no_page_labels_two_navigation_landmarks_alike() -> None:
    site = NAV.findall((TEMPLATES / "base.html").read_text(encoding="utf-8"))
    assert site, "the site menu is a labelled landmark"
    for page in sorted(TEMPLATES.glob("*.html")):
        if page.name == "base.html":
            continue
        own = NAV.findall(page.read_text(encoding="utf-8"))
        labels = [*site, *own]
        assert len(labels) == len(set(labels)), f"{page.name}: navigation labels {labels}"
