"""An HTML article's date comes from what the page declares about itself, never from a year in its
text (found by an outside tester: "ein Schiff aus dem Jahr 1998" made the article's date
1998-01-01, "der Haushalt für 2025" 2025-01-01)."""

from __future__ import annotations

import datetime as dt

import pytest

from service.parse import parse_article
from service.parse.page_dates import parse_declared_date

HEADER_TIME = "<header><time datetime='2024-09-01T10:00'>1. September</time></header>"
BODY = (
    "<article><h1>Hafen gesperrt</h1><p>Der Hafen in Hamburg wurde gesperrt, weil ein Schiff aus dem "
    "Jahr 1998 festsaß. Die Behörden prüfen den Fall.</p></article>"
)


def page(head: str = "", body: str = BODY) -> str:
    return f"<html><head><title>Test</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "html",
    [
        page(),  # the tester's page
        page(body=(  # a year in the title and the text, a whole date in the text
            "<article><h1>Haushalt für 2025</h1><p>Der Bundestag berät den Haushalt für 2025. "
            "Abgestimmt wird am 28.09.2025, seit 2019-05-01 10:00:00 gilt die Schuldenbremse.</p></article>"
        )),
        page(body=(  # a <time> in the text is a date the article talks about, not its own
            "<article><h1>Wahl</h1><p>Die Wahl am <time datetime='2025-09-28'>28. September</time> "
            "entscheidet über die Regierung. Die Parteien werben um Stimmen.</p></article>"
        )),
        page("<meta itemprop='copyrightYear' content='2024'>"),  # a year alone is no day
    ],
)  # fmt: skip
def test_a_page_that_declares_no_date_has_none(html: str) -> None:
    assert parse_article(html, "html").metadata.date is None


@pytest.mark.parametrize(
    ("html", "day"),
    [
        (
            page("<meta property='article:published_time' content='2024-11-20T23:30:00-05:00'>"),
            dt.date(2024, 11, 20),  # the day where it was published
        ),
        (
            page(
                '<script type="application/ld+json">{"@context": "https://schema.org", '
                '"@type": "NewsArticle", '
                '"headline": "Hafen gesperrt", "articleBody": "Ein Schiff aus dem Jahr 1998.", '
                '"datePublished": "2024-10-05T09:30:00Z", "dateModified": "2024-10-06T10:00:00Z"}</script>'
            ),
            dt.date(2024, 10, 5),
        ),
        (
            page(
                '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, '
                '{"@type": "NewsArticle", "datePublished": "2024-10-07"}]}</script>'
            ),
            dt.date(2024, 10, 7),
        ),
        (page("<meta name='date' content='2025-03-04'>"), dt.date(2025, 3, 4)),
        (page("<meta name='DC.date.issued' content='Tue, 04 Mar 2025 08:00:00 GMT'>"), dt.date(2025, 3, 4)),
        (
            page(body=BODY.replace("</h1>", "</h1>" + HEADER_TIME)),
            dt.date(2024, 9, 1),
        ),
        (
            page("<link rel='canonical' href='https://example.org/2024/08/15/hafen-gesperrt.html'>"),
            dt.date(2024, 8, 15),
        ),
        (page("<meta property='article:modified_time' content='2024-07-02T12:00:00Z'>"), dt.date(2024, 7, 2)),
    ],
)
def test_a_date_the_page_declares_is_the_articles(html: str, day: dt.date) -> None:
    assert parse_article(html, "html").metadata.date == day


def test_the_published_date_wins_over_the_modified_one() -> None:
    html = page(
        "<meta property='article:modified_time' content='2024-12-01T08:00:00Z'>"
        "<meta property='article:published_time' content='2024-11-20T08:00:00Z'>"
    )
    assert parse_article(html, "html").metadata.date == dt.date(2024, 11, 20)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-03-04", dt.date(2025, 3, 4)),
        ("2025-03-04T08:00:00+01:00", dt.date(2025, 3, 4)),
        ("04.03.2025", dt.date(2025, 3, 4)),
        ("20250304", dt.date(2025, 3, 4)),
        ("Tue, 04 Mar 2025 08:00:00 GMT", dt.date(2025, 3, 4)),
        ("2025", None),
        ("2025-03", None),
        ("2025-02-30", None),
        ("gestern", None),
        ("", None),
    ],
)
def test_declared_dates_are_read_whole_or_not_at_all(value: str, day: dt.date | None) -> None:
    assert parse_declared_date(value) == day
