"""Who an entry cites: attribution styles turned into ordered citations, and photo credits.

Styles recognised:

- trailing parentheses: "… a firm response. (NBC News; see also Reuters, Euractiv)" — the
  names before "see also" are primary, the rest see-also; duplicates are dropped with the
  first kept, and a trailing ")." or ".)" is tolerated;
- a source-name prefix: "Reuters: Russia says …", "ISW: Russian forces …";
- inline phrasing: "Reuters reports", "according to NBC News", ", CNN reported", "told the BBC";
- a wire dateline: "KYIV (AP) — …", "KYIV, Nov 13 (Reuters) - …", at the start of any line;
- a closing dash: "… in the past day. — Kyiv Independent", "— *Meduza*";
- "via Meduza", "per RIA Novosti", and Markdown links after an attribution word
  ("according to the mapping project [DeepState](https://…)", "([The Associated Press](…))").

An outlet the registry does not know is still cited where the style itself says it is one
(a dateline, a closing dash, a link, a name with a newsroom word such as "Times" or
"Pravda"), and the loader proposes it as an unreviewed source.

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
# "KYIV (AP) —", "ROSTOV-ON-DON, Russia, June 24 (Reuters) -", "MOSCOW, Nov. 13 (AFP) –".
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z .'-]{1,40}(?:,[ \t]*[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,2})?)"
    r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
    r"[ \t]*\((?P<wire>[^()\n]{2,40})\)[ \t]*[—–-]+[ \t]*",
    re.MULTILINE,
)
_LINK = re.compile(r"\[([^\[\]\n]{1,120})\]\((https?://[^()\s]+)\)")
# "… the past day. — Kyiv Independent" and "— *Meduza*", on the entry's last line.
_CLOSING_DASH = re.compile(
    r"[ \t]+[—–][ \t]*[*_]{0,2}(?P<name>[A-Z][^\n*_.!?;:]{1,60}?)[*_]{0,2}[ \t]*$"
)
_TRAILING_LINKED_PARENS = re.compile(r"\s*\(((?:[^()]|\([^()]*\))+)\)\s*\.?\s*$")
# Words that make a name a newsroom's: an outlet the registry lacks, "according to the
# Moscow Times", is still an outlet.
OUTLET_WORDS = {
    "news", "times", "post", "journal", "radio", "television", "tv", "daily", "weekly",
    "gazette", "herald", "tribune", "telegraph", "press", "media", "broadcasting", "pravda",
    "agency", "inform", "gazeta", "zeitung", "observer", "guardian", "monitor", "wire",
}  # fmt: skip
# Where people post, not newsrooms: "via Telegram" cites nobody.
PLATFORMS = {
    "telegram", "x", "twitter", "facebook", "youtube", "instagram", "tiktok", "whatsapp",
    "signal", "vk", "vkontakte", "zoom", "truth social", "threads", "bluesky", "video link",
}  # fmt: skip
_NAME = r"(?:the\s+)?(?P<name>[A-Z][\w&.'’-]*(?:\s+(?:of\s+the\s+|of\s+|for\s+the\s+|de\s+|&\s+)?[A-Z][\w&.'’-]*){0,5})"  # noqa: E501
_INLINE = [
    re.compile(r"\b[Aa]ccording\s+to\s+" + _NAME),
    re.compile(
        r"\b(?:told|(?:reported|summari[sz]ed|published|obtained|cited|quoted|conducted|compiled)"
        r"\s+by|(?:an\s+)?interview\s+with|data\s+(?:from|by)|(?:analysis|report|survey)\s+(?:by|from))"
        r"\s+(?:the\s+)?(?:[A-Z][\w-]*-based\s+)?" + _NAME
    ),
    re.compile(
        _NAME + r"\s+(?:reports|reported|said|says|writes|wrote|cited|cites|quoted|assesses|"
        r"assessed|estimates|estimated)\b"
    ),
    re.compile(r"\b(?:reports|reported|writes|wrote)\s+" + _NAME),
    re.compile(r"\b(?:via|per)\s+" + _NAME),
]
# Attribution words a Markdown link's outlet follows, within its clause.
_LINK_CUE = re.compile(
    r"\b(?:according\s+to|via|per|reported\s+by|citing|cited\s+by|from|told|reports?|said)\b"
    r"[^.;:!?()\n]{0,60}$|\(\s*$",
    re.IGNORECASE,
)


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

    urls = {m.group(1).strip(): m.group(2) for m in reversed(list(_LINK.finditer(text)))}
    flat = _LINK.sub(r"\1", text)
    linked = {name.casefold() for name in urls}

    def outlet(name: str) -> bool:
        return _known_or_newsroom(name, is_outlet) or name.casefold() in linked

    text, stated = _trailing_citation(text, flat, outlet)
    text, closing = _closing_dash(text, outlet)
    found = []  # from a prefix, a dateline or inline phrasing, in reading order
    prefix = re.match(r"^(?P<name>[A-Z][\w&.'’ -]{1,40}?)\s*:\s+(?=\S)", text)
    if prefix and is_outlet(prefix.group("name")):
        found.append(prefix.group("name").strip())
        text = text[prefix.end() :]
    inline = []
    for dateline in _DATELINE.finditer(text):
        for name in re.split(r"\s*[/,;&]\s*|\s+and\s+", dateline.group("wire")):
            # The wire in a dateline is an outlet by position: "(Reuters)", "(Kyodo)".
            if _outlet_shaped(name) and name.casefold() not in PLATFORMS:
                inline.append((dateline.start(), name.strip()))
    flat = _LINK.sub(r"\1", text)
    for pattern in _INLINE:
        for match in pattern.finditer(flat):
            name = _trim_to_outlet(match.group("name"), outlet)
            if name:
                inline.append((match.start(), name))
    for match in _LINK.finditer(text):
        name = match.group(1).strip()
        if (
            _LINK_CUE.search(text, max(0, match.start() - 80), match.start())
            and _outlet_shaped(name)
            and name.casefold() not in PLATFORMS
        ):
            inline.append((match.start(), _trim_to_outlet(name, outlet) or name))
    found.extend(name for _, name in sorted(inline))
    found.extend(closing)

    # A stated list ("(NBC News; see also Reuters)") is the editor's own ranking: outlets
    # only named in the text come after it as see-also. Without one, they are the primary.
    role = SEE_ALSO if stated else PRIMARY
    seen = set()
    for citation in [*stated, *(ParsedCitation(name, role) for name in found)]:
        if citation.name.casefold() not in seen:
            seen.add(citation.name.casefold())
            url = citation.url or urls.get(citation.name, "")
            result.citations.append(ParsedCitation(citation.name, citation.role, url))
    result.text = text
    return result


def _known_or_newsroom(name: str, is_outlet: Callable[[str], bool]) -> bool:
    """An outlet by the registry, or by a newsroom word in its name ("Moscow Times")."""
    if is_outlet(name):
        return True
    words = name.replace("-", " ").split()
    return (
        _outlet_shaped(name)
        and len(words) >= 2
        and any(w.casefold().strip(".,") in OUTLET_WORDS for w in words)
    )


def _trailing_citation(text, flat, outlet) -> tuple[str, list[ParsedCitation]]:
    """The trailing list, links inside it flattened: "([The Associated Press](…))"."""
    if flat == text:
        return parse_trailing_citation(text, outlet)
    _, stated = parse_trailing_citation(flat, outlet)
    match = _TRAILING_LINKED_PARENS.search(text)
    if not stated or not match:
        return text, []
    return text[: match.start()].rstrip(), stated


def _closing_dash(text, outlet) -> tuple[str, list[str]]:
    """ "… in the past day. — Kyiv Independent": the outlet after a closing dash, at the end
    of a paragraph's line; the dash and name leave the text."""
    lines, names = text.split("\n"), []
    for n, line in enumerate(lines):
        match = _CLOSING_DASH.search(line)
        if not match:
            continue
        name = _LINK.sub(r"\1", match.group("name")).strip(" []")
        before = line[: match.start()].rstrip()
        if not before or before[-1] not in ".!?”\"’'…)" or not _outlet_shaped(name):
            continue  # a dash inside a sentence
        emphasised = match.group(0).rstrip()[-1:] in "*_"
        if name.casefold() in PLATFORMS or not (outlet(name) or emphasised or " " not in name):
            continue  # "— John Smith" signs a post; "— *Meduza*", "— Kyiv Independent" cite
        lines[n] = before
        names.append(name)
    return "\n".join(lines), names


def _trim_to_outlet(name: str, is_outlet: Callable[[str], bool]) -> str | None:
    """The longest leading run of words of ``name`` that is an outlet: "NBC News on Monday"
    → "NBC News"."""
    words = name.split()
    for end in range(len(words), 0, -1):
        candidate = " ".join(words[:end]).strip(" .,'’")
        if is_outlet(candidate):
            return candidate
    return None
