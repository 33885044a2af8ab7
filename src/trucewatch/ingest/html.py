"""Main text of an HTML page with trafilatura (no network: the page is passed as a string)."""

from __future__ import annotations

from dataclasses import dataclass

#: Dates only from markup (meta tags, time elements), never guessed from the body text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: Fewer words than this is a menu or a script remnant, not an article.
MIN_WORDS = 8


@dataclass(slots=True)
class Page:
    text: str
    title: str | None
    date: str | None
    url: str | None


def extract_html(html: str) -> Page | None:
    """The page's main text as paragraphs separated by blank lines, or None when nothing is found."""
    try:
        import trafilatura
    except ImportError as exc:  # a declared dependency; say which package is missing
        raise ImportError("HTML input needs the 'trafilatura' package (pip install trafilatura)") from exc
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura raises assorted errors on malformed markup
        return None
    if doc is None:
        return None
    text = (getattr(doc, "text", None) or "").strip()
    if len(text.split()) < MIN_WORDS:
        return None
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return Page(
        text="\n\n".join(paragraphs),
        title=getattr(doc, "title", None) or None,
        date=getattr(doc, "date", None) or None,
        url=getattr(doc, "url", None) or None,
    )


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), block elements as paragraphs."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return ""
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "figcaption"):
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.split("\n\n")]
    return "\n\n".join(line for line in lines if line)
