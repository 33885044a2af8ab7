"""Compiled patterns for the parts of a news page that are not its news."""

from __future__ import annotations

import re

from trucewatch.clean.datefind import MONTH_RE
from trucewatch.lexicon import lexicon

_LEX = lexicon()

_I = re.IGNORECASE

AGENCY = _LEX.regex("news_agencies").pattern

#: "Photo by: AP (Archive )", "Photo: Reuters", "Image credit: ..."; the rest decides credit vs caption.
PHOTO_LABEL = _LEX.regex("photo_label")
CREDIT_LABEL = _LEX.regex("credit_label")
#: A line that is nothing but an agency credit: "(AP Photo/Hussein Malla)", "Reuters/Khalil Ashawi", "Getty Images".
BARE_CREDIT = _LEX.regex("bare_credit")
#: Captions ending in a credit: "... (AP Photo/Name)", "... Photo by Name", "... (Photo: Reuters)".
ENDS_WITH_CREDIT = _LEX.regex("ends_with_credit")
#: A picture's line closing on a dash and the agency: "A child reacts inside a clinic. — Reuters".
DASH_AGENCY_END = _LEX.regex("dash_agency_end")
#: Reporting words: a paragraph with them that ends on "- AFP" is news signed off, not a caption.
REPORTING = _LEX.regex("reporting_words")
#: Credit words anywhere in a short line.
CREDIT_WORDS = _LEX.regex("credit_words")
#: How captions begin: "File photo ...", "FILE - ...", "In this photo ...".
CAPTION_START = _LEX.regex("caption_start")

#: Datelines: "BEIRUT (Reuters) -", "DAMASCUS, April 10 -", "Beirut, April 10 (AFP) -".
_CAPS_PLACE = r"[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+){0,3}"
_MIXED_PLACE = r"[A-Z][a-z'.\-]+(?:\s+[A-Z][a-z'.\-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][A-Za-z'.\-]+(?:\s+[A-Z][A-Za-z'.\-]+){0,2})?"
_DATE = rf"(?:,?\s*{MONTH_RE}\s+\d{{1,2}}(?:,?\s+(?:19|20)\d{{2}})?)"
_AGENCY_PAREN = r"(?:\s*\((?:[A-Z][A-Za-z.\-]*(?:\s+[A-Z][A-Za-z.\-]*){0,3})\))"
_DASH = r"\s*(?:--|[-\u2013\u2014])\s+"
DATELINE_CAPS = re.compile(rf"^{_CAPS_PLACE}{_REGION}{_DATE}?{_AGENCY_PAREN}?{_DASH}")
DATELINE_MIXED = re.compile(rf"^{_MIXED_PLACE}{_REGION}(?:{_DATE}{_AGENCY_PAREN}?|{_AGENCY_PAREN}){_DASH}")
MAX_DATELINE = 70

#: "(Reporting by X; Editing by Y)" closing a paragraph.
SIGNOFF_TAIL = _LEX.regex("signoff_tail")
SIGNOFF_LINE = _LEX.regex("signoff_line")

BOILERPLATE = _LEX.regex("page_boilerplate")
SOCIAL_WORDS = _LEX.words("social_share_words")
