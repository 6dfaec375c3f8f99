"""Parsing: cleaned text → a ParsedDocument. Pure: no database, no files.

Three shapes, detected from the text unless the caller says which:

- **live log** — entries that start (or end) with a time stamp (see ``timestamps``), newest
  first or oldest first, optionally an ``ORIGINAL ENTRY:`` at the bottom, date headers for
  multi-day logs, a lede before the first stamp;
- **digest** — topic headings with bullets (``•`` ``-`` ``*`` ``📌`` ``>``, with or without a
  space); each top-level bullet is an entry under its heading, nested bullets stay in their
  parent's body; "Key Takeaways" lists are marked as key events;
- **article** — a title and paragraphs, one entry.

Every shape: the first line is the title; "By …" under it and "Author(s): …" at the foot are
the byline; "Wednesday’s Coverage: …" names the coverage it continues; "Map: …" and photo
lines are credits. Anything odd is a warning on the document, never an exception.
"""

import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import timestamps as ts
from .attribution import ParsedCitation, attribute, find_credit

LIVE, DIGEST, ARTICLE = "live", "digest", "article"
KINDS = (LIVE, DIGEST, ARTICLE)

_BULLET = re.compile(
    r"^(?P<indent>\s*)(?P<marker>[•·▪●◦‣⁃\-*>]|📌|✅|🔴|➡️?|–)(?=\s|\S)\s*(?P<text>.*)$"
)
_ORIGINAL = re.compile(r"^original\s+(?:entry|post)\s*[:—–-]?\s*(?P<rest>.*)$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|written by)\s+(?P<name>[^\d].{1,150})$", re.IGNORECASE)
_AUTHOR = re.compile(
    r"^(?:authors?|reporting by|compiled by|edited by)\s*:\s*(?P<name>.{2,300})$", re.IGNORECASE
)
_PREVIOUS = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun|yester)day|previous|earlier|last\s+\w+)"
    r"(?:[’']s)?\s+(?:coverage|live\s*blog|briefing|updates?)\s*:\s*(?P<title>.+)$",
    re.IGNORECASE,
)
_TAKEAWAYS = re.compile(
    r"^(?:key\s+(?:takeaways?|points|developments|events)|what\s+we\s+know(?:\s+so\s+far)?|"
    r"in\s+brief|at\s+a\s+glance|summary|the\s+latest)\s*:?$",
    re.IGNORECASE,
)
_TERMINAL = ".!?”\"’'…):;"
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

    @property
    def coverage_start(self) -> datetime | None:
        times = [e.posted_at for e in self.entries if e.posted_at]
        return min(times) if times else None


@dataclass
class _Line:
    number: int
    text: str


def detect_kind(lines: list[str]) -> str:
    stamps = sum(
        1
        for line in lines
        if (s := ts.find_stamp(line))
        and (s.style != "clock" or s.zone or not s.rest or len(s.rest) < MAX_HEADLINE)
    )
    original = any(_ORIGINAL.match(line.strip()) for line in lines)
    if stamps >= 2 or (stamps and original):
        return LIVE
    bullets = sum(1 for line in lines if _is_bullet(line) and len(line.strip()) > 3)
    if bullets >= 2:
        return DIGEST
    return ARTICLE


def _is_bullet(line: str) -> bool:
    match = _BULLET.match(line)
    if not match or not match.group("text").strip():
        return False
    marker, text = match.group("marker"), match.group("text")
    if marker in {"-", "–"} and not line[match.end("marker") : match.end("marker") + 1].isspace():
        return False  # "-5 degrees", "–Kyiv" are text
    return not (marker == "*" and text.rstrip().endswith("*"))  # *emphasis*


def parse_document(
    text: str,
    *,
    kind: str = "auto",
    default_date: date | None = None,
    default_zone: str | None = None,
    is_outlet: Callable[[str], bool] = lambda name: False,
    title: str | None = None,
) -> ParsedDocument:
    """Parse cleaned text. ``default_date`` and ``default_zone`` apply where the text is silent."""
    raw_lines = text.split("\n")
    lines = [_Line(n, line) for n, line in enumerate(raw_lines, start=1)]
    doc = ParsedDocument(title="", kind=ARTICLE)
    if kind not in (*KINDS, "auto"):
        raise ValueError(f"unknown kind {kind!r}")

    body_lines = _take_header(lines, doc, title)
    body_lines = _take_footer(body_lines, doc)
    doc.kind = detect_kind([line.text for line in body_lines]) if kind == "auto" else kind

    doc.date = default_date or ts.find_date_in_text(doc.title)
    if doc.date is None:
        for line in body_lines[:5]:
            found, _ = ts.find_date_header(line.text)
            if found:
                doc.date = found
                break
    # A zone the text declares ("All times Eastern") beats the caller's default.
    doc.time_zone = _declared_zone(lines) or default_zone or "UTC"

    if doc.kind == LIVE:
        _parse_live(body_lines, doc)
    elif doc.kind == DIGEST:
        _parse_digest(body_lines, doc)
    else:
        _parse_article(body_lines, doc)

    for entry in doc.entries:
        attribution = attribute(entry.body, is_outlet)
        entry.body, entry.credits = attribution.text, entry.credits + attribution.credits
        entry.citations = attribution.citations
    doc.entries = [e for e in doc.entries if e.body.strip() or e.headline]
    if not doc.entries:
        doc.warnings.append("no entries found")
    return doc


def _take_header(lines: list[_Line], doc: ParsedDocument, title: str | None) -> list[_Line]:
    """Title, byline, "…’s Coverage:" and credit lines at the top of the document."""
    rest = list(lines)
    while rest and not rest[0].text.strip():
        rest.pop(0)
    if rest:
        first = rest[0].text.strip()
        following = next((line.text for line in rest[1:] if line.text.strip()), "")
        if ts.find_stamp(first) or _is_bullet(rest[0].text):
            doc.warnings.append("the document has no title line")
        elif _is_bullet(following) and _looks_like_headline(first):
            # A digest that opens with its first topic heading: that heading stays a
            # section, and stands in as the title unless one is given.
            doc.title = first
        elif not _is_title_like(first):
            if title:  # the given title stands; the paragraph stays body text
                return _take_header_lines(rest, doc, title)
            sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
            doc.title = sentence if len(sentence) <= 120 else sentence[:119].rsplit(" ", 1)[0] + "…"
            doc.warnings.append("the first line is a paragraph, not a title: title taken from it")
        else:
            doc.title = _strip_bullet(first)[:300]
            rest.pop(0)
    return _take_header_lines(rest, doc, title)


def _take_header_lines(rest: list[_Line], doc: ParsedDocument, title: str | None) -> list[_Line]:
    if title:
        doc.title = title
    # Header lines may follow the title in any order, separated by blank lines.
    while rest:
        line = rest[0].text.strip()
        if not line:
            rest.pop(0)
            continue
        byline = _BYLINE.match(line)
        previous = _PREVIOUS.match(line)
        credit = find_credit(line)
        if byline and not doc.byline and len(line) < 160:
            doc.byline = byline.group("name").strip()
        elif previous and not doc.previous_title:
            doc.previous_title = line
        elif credit and len(line) < 300:
            doc.credit = f"{doc.credit} · {credit}" if doc.credit else credit
        elif not ts.find_zone_declaration(line):  # a declaration is read by parse_document
            break
        rest.pop(0)
    return rest


def _is_title_like(line: str) -> bool:
    return len(line) <= 200 and not (line.endswith(".") and len(line) > 120)


def _take_footer(lines: list[_Line], doc: ParsedDocument) -> list[_Line]:
    """ "Author: …" lines at the foot of the document become the byline."""
    rest = list(lines)
    while rest and not rest[-1].text.strip():
        rest.pop()
    while rest:
        match = _AUTHOR.match(rest[-1].text.strip())
        if not match:
            break
        doc.byline = doc.byline or match.group("name").strip()
        rest.pop()
        while rest and not rest[-1].text.strip():
            rest.pop()
    return rest


def _declared_zone(lines: list[_Line]) -> str | None:
    for line in lines:
        zone = ts.find_zone_declaration(line.text)
        if zone:
            return zone
    return None


def _strip_bullet(text: str) -> str:
    match = _BULLET.match(text)
    return match.group("text").strip() if match and _is_bullet(text) else text.strip()


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
            out.append(line if _is_bullet(line) else line.strip())
        joining = line.rstrip()[-1:] not in _TERMINAL and not _is_bullet(line)
    # Consecutive bullets form one list; other paragraphs are separated by a blank line.
    text = ""
    for index, para in enumerate(out):
        if index:
            text += "\n" if _is_bullet(para) and _is_bullet(out[index - 1]) else "\n\n"
        text += para
    return text


def _looks_like_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= MAX_HEADLINE and line[-1] not in ".!?”\"’'…:;," and not _is_bullet(line)


# Live logs --------------------------------------------------------------------------------


@dataclass
class _Block:
    stamp: ts.Stamp | None
    lines: list[_Line]
    day: date | None
    partial_day: tuple[int, int] | None
    zone: str
    original: bool = False
    headline: str = ""
    byline: str = ""
    line: int = 0
    stamp_time: datetime | None = None


def _parse_live(lines: list[_Line], doc: ParsedDocument) -> None:
    blocks: list[_Block] = []
    lede: list[_Line] = []
    current_day: date | None = None
    current_partial: tuple[int, int] | None = None
    zone = doc.time_zone
    trailing = any((s := ts.find_stamp(line.text)) and s.style == "trailing" for line in lines)
    pending: list[_Line] = []  # trailing style: lines waiting for the stamp that closes them

    for line in lines:
        text = line.text.strip()
        if ts.is_relative_stamp(text):
            continue  # "36m ago": no reference time, and an absolute stamp is alongside
        declared = ts.find_zone_declaration(text)
        if declared:
            zone = declared
            continue
        header_day, header_partial = ts.find_date_header(text)
        if header_day or header_partial:
            current_day, current_partial = header_day, header_partial
            continue
        original = _ORIGINAL.match(text)
        stamp = ts.find_stamp(text) if not original else None
        if stamp and stamp.second_zone_mismatch:
            doc.warnings.append(f"line {line.number}: the two zones in “{text[:60]}” disagree")
        if stamp and stamp.style == "trailing":
            block = _Block(stamp, pending, stamp.day, None, stamp.zone or zone, line=line.number)
            block.byline = stamp.author
            blocks.append(block)
            pending = []
            continue
        if trailing and stamp is None and not original:
            pending.append(line)
            continue
        if original:
            block = _Block(
                None, [], current_day, current_partial, zone, original=True, line=line.number
            )
            if original.group("rest"):
                block.lines.append(_Line(line.number, original.group("rest")))
            blocks.append(block)
            continue
        if stamp:
            block = _Block(
                stamp,
                [],
                stamp.day or current_day,
                stamp.partial_day or (None if stamp.day else current_partial),
                stamp.zone or zone,
                line=line.number,
            )
            if stamp.style == "headline-clock":
                # The headline is the line above the stamp; take it back from the block before.
                source = blocks[-1].lines if blocks else lede
                while source and not source[-1].text.strip():
                    source.pop()
                if source and _looks_like_headline(source[-1].text):
                    block.headline = source.pop().text.strip()
                block.byline = stamp.author
            elif stamp.rest:
                if _looks_like_headline(stamp.rest) and len(stamp.rest) <= MAX_HEADLINE:
                    block.headline = stamp.rest
                else:
                    block.lines.append(_Line(line.number, stamp.rest))
            blocks.append(block)
            continue
        (blocks[-1].lines if blocks else lede).append(line)

    if pending and any(line.text.strip() for line in pending):
        doc.warnings.append(
            f"line {pending[0].number}: text after the last stamp has no time; kept as an entry"
        )
        blocks.append(_Block(None, pending, None, None, zone, line=pending[0].number))
    if lede:
        _take_lede(lede, doc)
    _date_blocks(blocks, doc)
    for block in blocks:
        body_lines = [line.text for line in block.lines]
        headline = block.headline
        if not headline:
            # A short first line followed by more text is the entry's headline.
            nonblank = [t for t in body_lines if t.strip()]
            if len(nonblank) >= 2 and _looks_like_headline(nonblank[0]) and len(nonblank[0]) <= 120:
                headline = nonblank[0].strip()
                body_lines = body_lines[body_lines.index(nonblank[0]) + 1 :]
        entry = ParsedEntry(
            body=paragraphs(body_lines),
            posted_at=block.stamp_time,
            headline=headline,
            byline=block.byline,
            is_original_entry=block.original,
            stamp=block.stamp.raw if block.stamp else ("ORIGINAL ENTRY" if block.original else ""),
            line=block.line,
        )
        doc.entries.append(entry)


def _take_lede(lede: list[_Line], doc: ParsedDocument) -> None:
    text = paragraphs([line.text for line in lede])
    if not text:
        return
    takeaways = [line for line in lede if _is_bullet(line.text)]
    if takeaways and len(takeaways) >= 2:
        # A "Key takeaways" list above the first stamp: each bullet a key event.
        heading = next(
            (line.text.strip() for line in lede if _TAKEAWAYS.match(line.text.strip())), ""
        )
        for line in takeaways:
            doc.entries.append(
                ParsedEntry(
                    body=_strip_bullet(line.text),
                    section=heading.rstrip(":") or "Key takeaways",
                    is_key_event=True,
                    line=line.number,
                )
            )
        rest = [
            line.text
            for line in lede
            if not _is_bullet(line.text) and not _TAKEAWAYS.match(line.text.strip())
        ]
        text = paragraphs(rest)
    doc.standfirst = (f"{doc.standfirst}\n\n{text}" if doc.standfirst else text).strip()


def _date_blocks(blocks: list[_Block], doc: ParsedDocument) -> None:
    """Give every block a UTC time: its own date, the header above it, or the document's
    date, rolling over midnight in the direction the log runs."""
    stamped = [b for b in blocks if b.stamp]
    if not stamped:
        return
    anchor = doc.date
    if anchor is None:
        anchor = next((b.day for b in stamped if b.day), None)
    if anchor is None and any(b.partial_day for b in stamped):
        doc.warnings.append("no year found; the stamps are read as this year")
    newest_first = _runs_newest_first(stamped)
    previous: datetime | None = None
    day_offset = 0
    for block in blocks:
        if not block.stamp:
            continue
        day = block.day
        if day is None and block.partial_day:
            year = (anchor or doc.date or date.today()).year
            try:
                day = date(year, *block.partial_day)
            except ValueError:
                doc.warnings.append(f"line {block.line}: “{block.stamp.raw}” is not a real date")
                day = None
        explicit = day is not None
        if day is None:
            if anchor is None:
                doc.warnings.append(
                    f"line {block.line}: no date for “{block.stamp.raw}”; give --date"
                )
                anchor = date.today()
            day = anchor + timedelta(days=day_offset)
        try:
            moment = ts.to_utc(day, block.stamp.clock, block.zone)
        except (ValueError, KeyError) as error:
            doc.warnings.append(f"line {block.line}: cannot place “{block.stamp.raw}”: {error}")
            continue
        if previous is not None and not explicit:
            # An undated stamp that goes the wrong way crossed midnight.
            if newest_first and moment > previous:
                day_offset -= 1
                moment -= timedelta(days=1)
            elif not newest_first and moment < previous:
                day_offset += 1
                moment += timedelta(days=1)
        elif explicit:
            anchor, day_offset = day, 0
        block.stamp_time = moment
        previous = moment


def _runs_newest_first(blocks: list[_Block]) -> bool:
    """Whether the stamps mostly go down the clock as one reads down the page."""
    clocks = [b.stamp.clock for b in blocks if not b.stamp.day]
    down = sum(1 for a, b in itertools.pairwise(clocks) if b < a)
    up = sum(1 for a, b in itertools.pairwise(clocks) if b > a)
    if down == up:
        days = [b.stamp.day for b in blocks if b.stamp.day]
        return len(days) < 2 or days[0] >= days[-1]
    return down > up


# Digests ----------------------------------------------------------------------------------


def _parse_digest(lines: list[_Line], doc: ParsedDocument) -> None:
    bullet_indents = [
        len(line.text) - len(line.text.lstrip()) for line in lines if _is_bullet(line.text)
    ]
    top = min(bullet_indents) if bullet_indents else 0
    section = ""
    key_events = False
    entry: ParsedEntry | None = None
    entry_lines: list[str] = []
    lede: list[_Line] = []

    def close():
        nonlocal entry, entry_lines
        if entry is not None:
            entry.body = paragraphs(entry_lines)
            doc.entries.append(entry)
        entry, entry_lines = None, []

    for index, line in enumerate(lines):
        text = line.text
        stripped = text.strip()
        if not stripped:
            continue
        indent = len(text) - len(text.lstrip())
        if _is_bullet(text) and indent <= top + 1:
            close()
            entry = ParsedEntry(body="", section=section, is_key_event=key_events, line=line.number)
            entry_lines = [_strip_bullet(text)]
            continue
        if _is_bullet(text):
            if entry is None:
                lede.append(line)
            else:
                entry_lines.append(text)  # a nested bullet stays in its parent's body
            continue
        if _is_heading(lines, index):
            close()
            section = stripped.rstrip(":")[:200]
            key_events = bool(_TAKEAWAYS.match(stripped))
            continue
        if entry is None:
            if not doc.entries:
                lede.append(line)
            else:
                entry = ParsedEntry(body="", section=section, line=line.number)
                entry_lines = [stripped]
            continue
        previous = entry_lines[-1].rstrip() if entry_lines else ""
        if indent > top or previous[-1:] not in ")":
            entry_lines.append(stripped if not indent else text)
        elif len(stripped) < 60 and stripped[-1] not in _TERMINAL:
            doc.warnings.append(f"line {line.number}: “{stripped}” belongs to no entry; skipped")
        else:
            close()
            entry = ParsedEntry(body="", section=section, line=line.number)
            entry_lines = [stripped]
    close()
    if lede:
        doc.standfirst = paragraphs([line.text for line in lede])


def _is_heading(lines: list[_Line], index: int) -> bool:
    """A short line without closing punctuation, followed by a bullet: a topic heading."""
    text = lines[index].text.strip()
    if not _looks_like_headline(text) and not text.endswith(":"):
        return False
    if len(text) > 120:
        return False
    for following in lines[index + 1 :]:
        if following.text.strip():
            return _is_bullet(following.text)
    return False


# Articles ---------------------------------------------------------------------------------


def _parse_article(lines: list[_Line], doc: ParsedDocument) -> None:
    texts = [line.text for line in lines]
    nonblank = [t for t in texts if t.strip()]
    if nonblank and _BYLINE.match(nonblank[0].strip()) and not doc.byline:
        doc.byline = _BYLINE.match(nonblank[0].strip()).group("name").strip()
        texts = texts[texts.index(nonblank[0]) + 1 :]
    body = paragraphs(texts)
    if body:
        doc.entries.append(ParsedEntry(body=body, line=lines[0].number if lines else 0))
