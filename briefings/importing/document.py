"""What parsing produces (``ParsedDocument``, ``ParsedEntry``) and the line-level reading
every shape shares: bullets, paragraphs, headlines."""

import datetime as dt
import re
from dataclasses import dataclass, field
from datetime import datetime

from .attribution import ParsedCitation

LIVE, DIGEST, ARTICLE = "live", "digest", "article"
KINDS = (LIVE, DIGEST, ARTICLE)

# A bullet is any mark a page sets before its points: the usual ones, and any arrow,
# geometric shape, dingbat or pictograph ("▸", "◆", "➤", "✦", "🔹") followed by a space.
SYMBOL_MARK = "\u2190-\u21ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff"
_LIST_MARKS = "•·▪●◦‣⁃"
BULLET = re.compile(
    r"^(?P<indent>\s*)(?P<marker>["
    + _LIST_MARKS
    + r"\-*>]|["
    + SYMBOL_MARK
    + r"]\ufe0f?(?=\s)|📌|✅|🔴|➡️?|–|"
    r"\d{1,2}\)(?=\s)|\d{1,2}\s?\|(?=\s)|"  # "3) …", "3 | …"
    # "2. Kremlin officials …", "1.1 The RSF …": numbered points (never "9.15", a clock)
    r"\d{1,2}\.(?:[1-9]\.?)?(?=\s))(?=\s|\S)\s*"
    r"(?P<text>.*)$"
)
NUMBERED = re.compile(r"^\s*\d")
_SYMBOL = re.compile("[" + SYMBOL_MARK + "]")
ORIGINAL = re.compile(r"^original\s+(?:entry|post)\s*[:—–-]?\s*(?P<rest>.*)$", re.IGNORECASE)
BYLINE = re.compile(r"^(?:by|written by)\s+(?P<name>[^\d].{1,150})$", re.IGNORECASE)
AUTHOR = re.compile(
    r"^(?:authors?|reporting by|compiled by|edited by)\s*:\s*(?P<name>.{2,300})$", re.IGNORECASE
)
PREVIOUS = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun|yester)day|previous|earlier|last\s+\w+)"
    r"(?:[’']s)?\s+(?:coverage|live\s*blog|briefing|updates?)\s*:\s*(?P<title>.+)$",
    re.IGNORECASE,
)
TAKEAWAYS = re.compile(
    r"^(?:key\s+(?:takeaways?|points|developments|events)|what\s+we\s+know(?:\s+so\s+far)?|"
    r"in\s+brief|at\s+a\s+glance|summary|the\s+latest)\s*:?$",
    re.IGNORECASE,
)
TERMINAL = ".!?”\"’'…):;"
MAX_HEADLINE = 160


@dataclass
class ParsedEntry:
    body: str  # plain text: paragraphs separated by blank lines, nested bullets kept
    posted_at: datetime | None = None
    headline: str = ""
    section: str = ""
    byline: str = ""
    is_original_entry: bool = False
    is_key_event: bool = False
    citations: list[ParsedCitation] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    stamp: str = ""  # the stamp as written
    line: int = 0  # where the entry starts in the cleaned text, 1-based


@dataclass
class ParsedDocument:
    title: str
    kind: str
    entries: list[ParsedEntry] = field(default_factory=list)
    standfirst: str = ""
    byline: str = ""
    credit: str = ""
    previous_title: str = ""
    date: dt.date | None = None
    time_zone: str = "UTC"
    warnings: list[str] = field(default_factory=list)
    # True when some entry cannot be placed in time: the document states no date, and none
    # was given. Such a document is refused, never dated today.
    needs_date: bool = False


class TooManyEntries(ValueError):
    """More entries than a document may have (``max_entries``)."""


@dataclass
class Line:
    number: int
    text: str


def is_bullet(line: str) -> bool:
    match = BULLET.match(line)
    if not match or not match.group("text").strip():
        return False
    marker, text = match.group("marker"), match.group("text")
    if NUMBERED.match(marker) and _numbered_heading(text):
        return False  # "1. SITUATION OVERVIEW": the heading of a numbered section
    if (
        _SYMBOL.match(marker)
        and marker not in _LIST_MARKS
        and not match.group("indent")
        and (_short_heading(text) or _SYMBOL_LABEL.match(text))
    ):
        # "🔬 SCIENCE", "▸ The exodus" over its paragraph, "▸ Belgrade: …": a heading or
        # a label the mark decorates, read as a digest's headings and labels are
        return False
    if marker in {"-", "–"} and not line[match.end("marker") : match.end("marker") + 1].isspace():
        return False  # "-5 degrees", "–Kyiv" are text
    glued = not line[match.end("marker") : match.end("marker") + 1].isspace()
    # *emphasis*, "*Monday 19 August* · by …": an asterisk that closes later is no bullet.
    return not (marker == "*" and (text.rstrip().endswith("*") or (glued and "*" in text)))


_SYMBOL_LABEL = re.compile(r"^[^\W\d][^:.!?]{0,40}:\s")


def _short_heading(text: str) -> bool:
    text = text.strip()
    return len(text.split()) <= 8 and text[-1:] not in TERMINAL + ","


def _numbered_heading(text: str) -> bool:
    text = text.strip()
    return len(text.split()) <= 8 and text[-1:] not in TERMINAL + ","


def strip_bullet(text: str) -> str:
    match = BULLET.match(text)
    return match.group("text").strip() if match and is_bullet(text) else text.strip()


def paragraphs(lines: list[str]) -> str:
    """Join lines into paragraphs: one paragraph a line, except that a hard-wrapped line
    (no closing punctuation, next line starting in lower case) continues on the next."""
    out: list[str] = []
    joining = False
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            joining = False
            continue
        if joining and out and (line.lstrip()[:1].islower() or line.lstrip()[:1].isdigit()):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line if is_bullet(line) else line.strip())
        joining = line.rstrip()[-1:] not in TERMINAL and not is_bullet(line)
    # Consecutive bullets form one list; other paragraphs are separated by a blank line.
    text = ""
    for index, para in enumerate(out):
        if index:
            text += "\n" if is_bullet(para) and is_bullet(out[index - 1]) else "\n\n"
        text += para
    return text


QUOTED_HEADLINE = re.compile(r"^[^.!?:]{1,60}:\s.*[‘'“\"][^’'”\"]+[’'”\"]$")  # X: 'go further'


def looks_like_headline(line: str) -> bool:
    line = line.strip()
    if not 0 < len(line) <= MAX_HEADLINE or is_bullet(line):
        return False
    return line[-1] not in ".!?”\"’'…:;," or bool(QUOTED_HEADLINE.match(line))
