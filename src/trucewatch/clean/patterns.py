"""Compiled patterns for the parts of a news page that are not its news."""

from __future__ import annotations

import re

from trucewatch.clean.datefind import MONTH_RE

_I = re.IGNORECASE

AGENCY = (
    r"(?:AP|AFP|Reuters|EPA(?:-EFE)?|Getty(?:\s+Images)?|Anadolu(?:\s+Agency)?|AA|DPA|Xinhua|SANA|"
    r"Associated\s+Press|Agence\s+France-Presse|Sipa|Pool|Handout|Courtesy|Shutterstock|IRNA|TASS|UPI)"
)

#: "Photo by: AP (Archive )", "Photo: Reuters", "Image credit: ..."; the rest decides credit vs caption.
PHOTO_LABEL = re.compile(
    r"^(?:file\s+)?(?:photo(?:graph)?s?|pictures?|images?|video|illustration)\s*(?:by|credit|courtesy(?:\s+of)?)?\s*[:\-\u2013\u2014|]\s*(?P<rest>.*)$",
    _I,
)
CREDIT_LABEL = re.compile(r"^(?:photo\s+)?credits?\s*:\s*(?P<rest>.*)$", _I)
#: A line that is nothing but an agency credit: "(AP Photo/Hussein Malla)", "Reuters/Khalil Ashawi", "Getty Images".
BARE_CREDIT = re.compile(
    rf"^\(?\s*(?:{AGENCY})(?:\s+(?:photos?|images?|file))?(?:\s*/\s*[\w .,'\-]{{1,60}})?\s*\)?\.?$",
    _I,
)
#: Captions ending in a credit: "... (AP Photo/Name)", "... Photo by Name", "... (Photo: Reuters)".
ENDS_WITH_CREDIT = re.compile(
    rf"(?:\(\s*(?:{AGENCY})(?:\s+photo)?\s*/[^()]{{1,60}}\)|\([^()]{{0,40}}\bphoto\s*/[^()]{{1,60}}\)|\((?:photo|image|picture|credit)s?\s*(?:by)?\s*:?[^()]{{1,60}}\)"
    rf"|\b(?:photo|picture|image)\s+(?:by|credit|courtesy(?:\s+of)?)\s*:?\s*[^.]{{1,60}})\s*\.?$",
    _I,
)
#: A picture's line closing on a dash and the agency: "A child reacts inside a clinic. — Reuters".
DASH_AGENCY_END = re.compile(rf"\s[\u2014\u2013-]\s*(?:{AGENCY})\s*$", _I)
#: Reporting words: a paragraph with them that ends on "- AFP" is news signed off, not a caption.
REPORTING = re.compile(r"\b(?:said|says|told|reported|according)\b", _I)
#: Credit words anywhere in a short line.
CREDIT_WORDS = re.compile(r"\bGetty Images\b|\bCredit\s*:|\(\s*photo\s*:", _I)
#: How captions begin: "File photo ...", "FILE - ...", "In this photo ...".
CAPTION_START = re.compile(
    r"^(?:file(?:\s+photo|\s+picture|\s+image)?\s*[:\-\u2013\u2014,]|file\s+photo\b|in\s+this\s+(?:file\s+)?(?:photo|image|picture)"
    r"|this\s+(?:file\s+)?(?:photo|image|picture)|pictured\s*:|above\s*:|caption\s*:)",
    _I,
)

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
SIGNOFF_TAIL = re.compile(
    r"\s*\((?:(?:additional\s+)?reporting|writing|editing|compiled|translated)\b[^()]*(?:\([^()]*\)[^()]*)*\)\s*$",
    _I,
)
SIGNOFF_LINE = re.compile(
    rf"^(?:[-\u2013\u2014]+\s*(?:{AGENCY}|[A-Z][\w.&/ ]{{1,40}})"
    rf"|(?:sources?|with|additional\s+reporting\s+by|reporting\s+by|compiled\s+by)\s*:?\s+.{{1,80}}"
    rf"|.{{0,60}}\b(?:and|&)\s+(?:news\s+)?agencies"
    rf"|\(?(?:{AGENCY})\)?|(?:staff|agencies|news\s+desk)(?:\s+(?:and|&)\s+agencies)?)\.?$",
    _I,
)

BOILERPLATE = re.compile(
    r"^(?:share(?:\s+(?:this|on|via)\b.*|\s*:.*)?|tweet|e-?mail|print|whatsapp|comments?\s*(?:\(\d+\))?"
    r"|(?:subscribe|sign\s+up|follow\s+us|read\s+more|read\s+also|see\s+also|more\s+from|related"
    r"|recommended|you\s+may\s+also\s+like|don't\s+miss|most\s+read|trending|watch|listen|click\s+here"
    r"|download\s+(?:our|the)\s+app|leave\s+a\s+comment|tags?\s*:|topics?\s*:|advertisement|sponsored"
    r"|copyright|all\s+rights\s+reserved|\u00a9|skip\s+to|back\s+to\s+top|cookies?\b).*)$",
    _I,
)
SOCIAL_WORDS = frozenset(
    "share facebook twitter x whatsapp telegram linkedin email e-mail print reddit copy link instagram youtube".split()
)
