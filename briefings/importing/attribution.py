"""Who an entry cites: attribution styles turned into ordered citations, and photo credits.

Styles recognised:

- trailing parentheses: "… a firm response. (NBC News; see also Reuters, Euractiv)" — the
  names before "see also" are primary, the rest see-also; duplicates are dropped with the
  first kept, and a trailing ")." or ".)" is tolerated;
- a source-name prefix: "Reuters: Russia says …", "ISW: Russian forces …";
- inline phrasing: "Reuters reports", "according to NBC News", ", CNN reported", "told the BBC";
- a wire dateline: "KYIV (AP) — …".

Photo credits ("Photograph: Gleb Garanich/Reuters", a caption ending "(AFP)") are credits,
not citations. Which names are outlets is decided by ``is_outlet`` (the caller's registry):
"according to Zelensky" cites nobody.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

PRIMARY, SEE_ALSO = "primary", "see_also"

_TRAILING_PARENS = re.compile(r"\s*\(([^()]{2,300})\)\s*\.?\s*$")
_SEE_ALSO = re.compile(r"\bsee\s+also\b:?", re.IGNORECASE)
_CREDIT_LINE = re.compile(
    r"^(?:photo(?:graph)?s?|image|picture|pic|video|footage|illustration|graphic|map|credit)"
    r"\s*(?:credit)?\s*:\s*(?P<credit>.+)$",
    re.IGNORECASE,
)
_CREDIT_PARENS = re.compile(
    r"^(?:photo|image|picture|video)?\s*:?\s*(?:.*\bvia\b.*|getty.*|afp|epa|ap photo.*|reuters/.*|.*/(?:afp|reuters|ap|epa|getty images))$",  # noqa: E501
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .,'-]{2,40})\s*\((?P<wire>[^()]{2,30})\)\s*[—–-]+\s*")
_NAME = r"(?:the\s+)?(?P<name>[A-Z][\w&.'’-]*(?:\s+(?:of\s+the\s+|of\s+|for\s+the\s+|de\s+|&\s+)?[A-Z][\w&.'’-]*){0,5})"  # noqa: E501
_INLINE = [
    re.compile(r"\b[Aa]ccording\s+to\s+" + _NAME),
    re.compile(
        r"\b(?:told|(?:reported|summari[sz]ed|published|obtained|cited|quoted|conducted|compiled)"
        r"\s+by|(?:an\s+)?interview\s+with|data\s+(?:from|by)|(?:analysis|report|survey)\s+(?:by|from))"
        r"\s+(?:the\s+)?(?:[A-Z][\w-]*-based\s+)?" + _NAME
    ),
    re.compile(_NAME + r"\s+(?:reports|reported|said|says|writes|wrote|cited|cites|quoted)\b"),
    re.compile(r"\b(?:reports|reported|writes|wrote)\s+" + _NAME),
]


@dataclass(frozen=True)
class ParsedCitation:
    name: str  # as written: "AP News"
    role: str = PRIMARY
    url: str = ""


@dataclass
class Attribution:
    text: str  # the entry's text, with a trailing citation or source prefix removed
    citations: list[ParsedCitation] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)


def split_names(text: str) -> list[str]:
    names = re.split(r"\s*(?:[,;]|\band\b|&)\s*", text)
    return [" ".join(n.split()).strip(" .") for n in names if n.strip(" .")]


def parse_trailing_citation(
    text: str, is_outlet: Callable[[str], bool]
) -> tuple[str, list[ParsedCitation]]:
    """Split "… (Politico; see also Reuters, Euractiv)" into text and citations.

    The parentheses count as a citation when they follow the end of a sentence and every
    name in them is an outlet by ``is_outlet`` or looks like one (a short capitalised name).
    """
    match = _TRAILING_PARENS.search(text)
    if not match:
        return text, []
    before = text[: match.start()].rstrip()
    inner = match.group(1).strip()
    if not before or before[-1] not in ".!?”\"’'…)":
        return text, []  # "(AFP)" after a caption, or "(ISW)" after a name: not a citation
    parts = _SEE_ALSO.split(inner, maxsplit=1)
    primary = split_names(parts[0].rstrip(" ;,"))
    see_also = split_names(parts[1]) if len(parts) > 1 else []
    names = primary + see_also
    if not names or not all(is_outlet(n) or _outlet_shaped(n) for n in names):
        return text, []
    citations, seen = [], set()
    for role, group in ((PRIMARY, primary), (SEE_ALSO, see_also)):
        for name in group:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                citations.append(ParsedCitation(name, role))
    return before, citations


def _outlet_shaped(name: str) -> bool:
    words = name.split()
    return (
        1 <= len(words) <= 5
        and len(name) <= 60
        and words[0][:1].isupper()
        and not re.search(r"\d{3,}|[:!?\"“”]", name)
    )


def find_credit(line: str) -> str | None:
    """A photo or map credit line ("Photograph: Gleb Garanich/Reuters"), or None."""
    match = _CREDIT_LINE.match(line.strip())
    if match:
        return line.strip()
    return None


def split_caption_credit(line: str) -> tuple[str, str | None]:
    """A caption ending in a credit in parentheses: ("Rescuers in Kharkiv", "AFP")."""
    match = _TRAILING_PARENS.search(line)
    if not match:
        return line, None
    before = line[: match.start()].rstrip()
    inner = match.group(1).strip()
    if before and before[-1] in ".!?”\"’'…":
        return line, None
    if _CREDIT_PARENS.match(inner) or not before:
        return before, inner
    return line, None


def attribute(text: str, is_outlet: Callable[[str], bool]) -> Attribution:
    """The citations and credits of an entry's text, in the order the styles rank them:
    the trailing list, then a prefix or dateline, then inline phrasing."""
    result = Attribution(text=text)
    lines = list(text.split("\n"))
    # Credit lines anywhere in the entry are credits, and leave the text.
    kept = []
    for line in lines:
        credit = find_credit(line)
        if credit:
            result.credits.append(credit)
            continue
        caption, caption_credit = split_caption_credit(line)
        if caption_credit and len(caption) < 200:
            result.credits.append(f"{caption_credit}")
            line = caption
        kept.append(line)
    text = "\n".join(kept).strip()

    text, stated = parse_trailing_citation(text, is_outlet)
    found = []  # from a prefix, a dateline or inline phrasing, in reading order
    prefix = re.match(r"^(?P<name>[A-Z][\w&.'’ -]{1,40}?)\s*:\s+(?=\S)", text)
    if prefix and is_outlet(prefix.group("name")):
        found.append(prefix.group("name").strip())
        text = text[prefix.end() :]
    dateline = _DATELINE.match(text)
    if dateline:
        found.extend(name for name in split_names(dateline.group("wire")) if is_outlet(name))
    inline = []
    for pattern in _INLINE:
        for match in pattern.finditer(text):
            name = _trim_to_outlet(match.group("name"), is_outlet)
            if name:
                inline.append((match.start(), name))
    found.extend(name for _, name in sorted(inline))

    # A stated list ("(NBC News; see also Reuters)") is the editor's own ranking: outlets
    # only named in the text come after it as see-also. Without one, they are the primary.
    role = SEE_ALSO if stated else PRIMARY
    seen = set()
    for citation in [*stated, *(ParsedCitation(name, role) for name in found)]:
        if citation.name.casefold() not in seen:
            seen.add(citation.name.casefold())
            result.citations.append(citation)
    result.text = text
    return result


def _trim_to_outlet(name: str, is_outlet: Callable[[str], bool]) -> str | None:
    """The longest leading run of words of ``name`` that is an outlet: "NBC News on Monday"
    → "NBC News"."""
    words = name.split()
    for end in range(len(words), 0, -1):
        candidate = " ".join(words[:end]).strip(" .,'’")
        if is_outlet(candidate):
            return candidate
    return None
