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
from .dating import find_document_date, find_document_zone, is_meta_line

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
    # True when some entry cannot be placed in time: the document states no date, and none
    # was given. Such a document is refused, never dated today.
    needs_date: bool = False


class TooManyEntries(ValueError):
    """More entries than a document may have (``max_entries``)."""


@dataclass
class _Line:
    number: int
    text: str


_LIVE_MARKER = re.compile(
    r"^(?:live|live updates?|live coverage|live blog|as it happened)$|"
    r"\blive(?:\s+(?:updates?|blog|coverage))?\s*(?:[:|–—-]|$)|\bas it happened\b",
    re.IGNORECASE,
)


def _counts_as_stamp(stamp: ts.Stamp | None) -> bool:
    return bool(
        stamp
        and stamp.style != "meta"
        and (
            stamp.style != "clock" or stamp.zone or not stamp.rest or len(stamp.rest) < MAX_HEADLINE
        )
    )


def says_live(lines: list[str]) -> bool:
    """Whether the page calls itself live: "Live", "… live:", "live updates", "as it happened"
    in one of its first short lines (a title or a label, not a sentence)."""
    head = [line.strip() for line in lines if line.strip()][:15]
    return any(len(line.split()) <= 16 and _LIVE_MARKER.search(line) for line in head)


def detect_kind(lines: list[str], head: list[str] | None = None) -> str:
    """The document's shape from its body ``lines``; ``head``, the whole document's first
    lines, may call it live."""
    stamps = sum(1 for line in lines if _counts_as_stamp(ts.find_stamp(line)))
    relative = sum(1 for line in lines if ts.is_relative_stamp(line))
    original = any(_ORIGINAL.match(line.strip()) for line in lines)
    if stamps >= 2 or (stamps and (original or relative)) or relative >= 2:
        return LIVE
    if stamps == 1 and says_live(head or lines):
        return LIVE  # a live page copied early, with one entry so far
    bullets = sum(1 for line in lines if is_bullet(line) and len(line.strip()) > 3)
    if bullets >= 2:
        return DIGEST
    return ARTICLE


def is_bullet(line: str) -> bool:
    match = _BULLET.match(line)
    if not match or not match.group("text").strip():
        return False
    marker, text = match.group("marker"), match.group("text")
    if marker in {"-", "–"} and not line[match.end("marker") : match.end("marker") + 1].isspace():
        return False  # "-5 degrees", "–Kyiv" are text
    glued = not line[match.end("marker") : match.end("marker") + 1].isspace()
    # *emphasis*, "*Monday 19 August* · by …": an asterisk that closes later is no bullet.
    return not (marker == "*" and (text.rstrip().endswith("*") or (glued and "*" in text)))


def parse_document(
    text: str,
    *,
    kind: str = "auto",
    default_date: date | None = None,
    default_zone: str | None = None,
    is_outlet: Callable[[str], bool] = lambda name: False,
    title: str | None = None,
    max_entries: int | None = None,
) -> ParsedDocument:
    """Parse cleaned text. ``default_date`` and ``default_zone`` apply where the text is silent.

    Raises ``TooManyEntries`` as soon as the document has more than ``max_entries`` entries.
    """
    raw_lines = text.split("\n")
    lines = [_Line(n, line) for n, line in enumerate(raw_lines, start=1)]
    doc = ParsedDocument(title="", kind=ARTICLE)
    if kind not in (*KINDS, "auto"):
        raise ValueError(f"unknown kind {kind!r}")

    body_lines = _take_header(lines, doc, title)
    body_lines = _take_footer(body_lines, doc)
    if kind == "auto":
        doc.kind = detect_kind([line.text for line in body_lines], head=raw_lines[:40])
    else:
        doc.kind = kind

    doc.date = default_date
    if doc.date is None:
        found = find_document_date(raw_lines, doc.title)
        if found:
            doc.date = found.day
            if found.guessed:
                doc.warnings.append(
                    f"line {found.line}: the document states no date of its own; "
                    f"{found.day:%d %B %Y} is taken from its text: check it or give --date"
                )
    # A zone the text declares ("All times Eastern", "… all times Kyiv (GMT+2)") beats the
    # caller's default; a dateline city ("KYIV, Nov 13 (Reuters) -") only stands in for both.
    declared, how = find_document_zone(raw_lines)
    if how == "declared":
        doc.time_zone = declared
    else:
        doc.time_zone = default_zone or declared or "UTC"
        if declared and not default_zone:
            doc.warnings.append(f"time zone {declared} taken from the dateline's city")

    if doc.kind == LIVE:
        _parse_live(body_lines, doc, max_entries)
    elif doc.kind == DIGEST:
        _parse_digest(body_lines, doc)
    else:
        _parse_article(body_lines, doc)
    if max_entries is not None and len(doc.entries) > max_entries:
        raise TooManyEntries(len(doc.entries))

    for entry in doc.entries:
        attribution = attribute(entry.body, is_outlet)
        entry.body, entry.credits = attribution.text, entry.credits + attribution.credits
        entry.citations = attribution.citations
    doc.entries = [e for e in doc.entries if e.body.strip() or e.headline]
    if not doc.entries:
        doc.warnings.append("no entries found")
    stamped = any(e.posted_at for e in doc.entries)
    doc.needs_date = doc.needs_date or (doc.date is None and not stamped and bool(doc.entries))
    return doc


def _take_header(lines: list[_Line], doc: ParsedDocument, title: str | None) -> list[_Line]:
    """Title, byline, "…’s Coverage:" and credit lines at the top of the document."""
    rest = list(lines)
    while rest and not rest[0].text.strip():
        rest.pop(0)
    if rest and not title:
        above = _headline_index(rest)
        if above:
            for line in rest[:above]:
                if line.text.strip():
                    doc.warnings.append(
                        f"line {line.number}: “{line.text.strip()}” above the headline: left out"
                    )
            rest = rest[above:]
            rest[0] = _Line(rest[0].number, _MARKDOWN_HEADING.sub("", rest[0].text))
    if rest:
        first = rest[0].text.strip()
        following = next((line.text for line in rest[1:] if line.text.strip()), "")
        if ts.find_stamp(first) or is_bullet(rest[0].text):
            doc.warnings.append("the document has no title line")
        elif is_bullet(following) and _looks_like_headline(_MARKDOWN_HEADING.sub("", first)):
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
            doc.title = strip_bullet(first)[:300]
            rest.pop(0)
    return _take_header_lines(rest, doc, title)


_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")


def _is_dating_line(text: str) -> bool:
    """A line that dates the page: "Wednesday 25 December 2024 11:48, UK", "Published …"."""
    if ts.find_date_header(text) != (None, None):
        return True
    stamp = ts.find_stamp(text)
    if stamp and (stamp.style == "meta" or (stamp.day and not stamp.rest)):
        return True
    return bool(ts.dates_in(text)) and is_meta_line(text)


def _headline_candidate(text: str) -> bool:
    text = _MARKDOWN_HEADING.sub("", text)
    words = len(text.split())
    return (
        3 <= words <= 30
        and _is_title_like(text)
        and not text.endswith(".")
        and not _BYLINE.match(text)
        and not find_credit(text)
        and not ts.find_stamp(text)
        and not text.startswith("[")
    )


def _headline_index(rest: list[_Line]) -> int | None:
    """Where the real headline is when mastheads, navigation or labels sit above it: the
    title-like line just above a byline, a line dating the page or a "Live" label, or that
    carries a date itself; else the first title-like line of four words or more that is not
    a label repeated at the start of the next line. Only short lines may be passed over."""
    nonblank = [(i, line.text.strip()) for i, line in enumerate(rest) if line.text.strip()][:12]
    head = []
    for i, text in nonblank:
        if is_bullet(rest[i].text) or (ts.find_stamp(text) and not _is_dating_line(text)):
            break
        if len(text.split()) > 14 or (text.endswith(".") and len(text.split()) > 8):
            if head:
                head.append((i, text))
            break
        head.append((i, text))
    for k, (i, text) in enumerate(head):
        if not _headline_candidate(text):
            continue
        after = head[k + 1][1] if k + 1 < len(head) else ""
        if (
            _BYLINE.match(after)
            or (after and _is_dating_line(after))
            or after.strip().lower() in ("live", "live updates")
            or (ts.dates_in(text) and len(text.split()) >= 4 and not _is_dating_line(text))
        ):
            return i
    for k, (i, text) in enumerate(head):
        after = head[k + 1][1] if k + 1 < len(head) else ""
        label = after.casefold().startswith(text.casefold())
        if _headline_candidate(text) and len(text.split()) >= 4 and not label:
            return i
    return None


def _take_header_lines(rest: list[_Line], doc: ParsedDocument, title: str | None) -> list[_Line]:
    if title:
        doc.title = title
    # Header lines may follow the title in any order, separated by blank lines.
    under_title = bool(doc.title) and not title
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
        elif under_title and _is_standfirst(line):
            # "US secretary of state says …; Kyiv reports …": a summary line right under
            # the headline, without a full stop, is the standfirst.
            doc.standfirst = line
        elif line.casefold() in ("live", "live updates", "live coverage"):
            pass  # the page's label: read by detect_kind
        elif _is_dating_line(line) and not ts.find_stamp(line) and not ts.find_date_header(line)[0]:
            pass  # "Wednesday 26 June 2024 · 6 min read": read by find_document_date
        elif not ts.find_zone_declaration(line):  # a declaration is read by parse_document
            break
        under_title = False
        rest.pop(0)
    return rest


def _is_standfirst(line: str) -> bool:
    return (
        len(line.split()) >= 8
        and line[-1:] not in _TERMINAL
        and not is_bullet(line)
        and not ts.find_stamp(line)
        and not _is_dating_line(line)
        and not _BYLINE.match(line)
    )


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


def strip_bullet(text: str) -> str:
    match = _BULLET.match(text)
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
        joining = line.rstrip()[-1:] not in _TERMINAL and not is_bullet(line)
    # Consecutive bullets form one list; other paragraphs are separated by a blank line.
    text = ""
    for index, para in enumerate(out):
        if index:
            text += "\n" if is_bullet(para) and is_bullet(out[index - 1]) else "\n\n"
        text += para
    return text


_QUOTED_HEADLINE = re.compile(r"^[^.!?:]{1,60}:\s.*[‘'“\"][^’'”\"]+[’'”\"]$")  # X: 'go further'


def _looks_like_headline(line: str) -> bool:
    line = line.strip()
    if not 0 < len(line) <= MAX_HEADLINE or is_bullet(line):
        return False
    return line[-1] not in ".!?”\"’'…:;," or bool(_QUOTED_HEADLINE.match(line))


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
    relative: int | None = None  # "36m ago" alone: minutes before the page was copied
    paired: int | None = None  # "47m ago" written beside this block's absolute stamp
    from_header: bool = False  # its day (if any) is the date line above, not its own


# "UPDATE 2561 GMT:": shaped like a stamp, but no time of day.
_MALFORMED_STAMP = re.compile(r"^update[ds]?\s+\d{3,4}\b", re.IGNORECASE)
_DISPATCH = re.compile(
    r"^from\s+(?P<name>[A-Z][\w.’' -]{1,60}?)[’']s?\s+"
    r"(?:dispatch|report|reporting|notebook)\b.{0,60}:$",
    re.IGNORECASE,
)
_NO_STAMP = ts.Stamp(dt.time(0, 0), None, None, None, "relative")


def _next_text(lines: list[_Line], index: int) -> str:
    return next((line.text.strip() for line in lines[index + 1 :] if line.text.strip()), "")


def _parse_live(lines: list[_Line], doc: ParsedDocument, max_entries: int | None = None) -> None:
    blocks: list[_Block] = []
    lede: list[_Line] = []
    page_stamps: list[tuple[int, ts.Stamp]] = []  # the page's own times ("First published …")
    current_day: date | None = None
    current_partial: tuple[int, int] | None = None
    zone = doc.time_zone
    trailing = any((s := ts.find_stamp(line.text)) and s.style == "trailing" for line in lines)
    pending: list[_Line] = []  # trailing style: lines waiting for the stamp that closes them
    pending_relative: int | None = None
    previous_text = ""

    def add(block: _Block) -> None:
        blocks.append(block)
        if max_entries is not None and len(blocks) > max_entries:
            raise TooManyEntries(len(blocks))

    for index, line in enumerate(lines):
        text = line.text.strip()
        above, previous_text = previous_text, text
        minutes = ts.relative_minutes(text)
        if minutes is not None:
            following = ts.find_stamp(_next_text(lines, index))
            if following and following.style != "meta":
                pending_relative = minutes  # "47m ago" over "15.33 GMT": one stamp
            else:
                add(_Block(_NO_STAMP, [], None, None, zone, line=line.number, relative=minutes))
                blocks[-1].stamp = ts.Stamp(dt.time(0, 0), None, None, None, "relative", raw=text)
            continue
        declared = ts.find_zone_declaration(text)
        if declared:
            zone = declared
            continue
        zone = ts.find_zone_in_sentence(text) or zone  # "… (all times Kyiv)": the line stays
        header_day, header_partial = ts.find_date_header(text)
        if header_day or header_partial:
            current_day, current_partial = header_day, header_partial
            continue
        original = _ORIGINAL.match(text)
        stamp = ts.find_stamp(text) if not original else None
        if stamp and stamp.style == "meta":
            page_stamps.append((line.number, stamp))
            continue
        if stamp and stamp.second_zone_mismatch:
            doc.warnings.append(f"line {line.number}: the two zones in “{text[:60]}” disagree")
        if stamp and stamp.style == "trailing":
            block = _Block(stamp, pending, stamp.day, None, stamp.zone or zone, line=line.number)
            block.byline = stamp.author
            add(block)
            pending = []
            continue
        if trailing and stamp is None and not original:
            pending.append(line)
            continue
        if stamp is None and not original and _MALFORMED_STAMP.match(text):
            doc.warnings.append(f"line {line.number}: “{text}” is not a valid time; entry kept")
            add(_Block(None, [], current_day, current_partial, zone, line=line.number))
            continue
        if original:
            block = _Block(
                None, [], current_day, current_partial, zone, original=True, line=line.number
            )
            if original.group("rest"):
                block.lines.append(_Line(line.number, original.group("rest")))
            add(block)
            continue
        if stamp:
            block = _Block(
                stamp,
                [],
                stamp.day or current_day,
                stamp.partial_day or (None if stamp.day else current_partial),
                stamp.zone or zone,
                line=line.number,
                paired=pending_relative,
                from_header=not (stamp.day or stamp.partial_day),
            )
            pending_relative = None
            source = blocks[-1].lines if blocks else lede
            if stamp.style == "headline-clock":
                # The headline is the line above the stamp; take it back from the block before.
                while source and not source[-1].text.strip():
                    source.pop()
                if source and _looks_like_headline(source[-1].text):
                    block.headline = source.pop().text.strip()
                block.byline = stamp.author
            elif stamp.style == "signature":
                block.byline = stamp.author
            elif stamp.style == "glued":
                block.headline = stamp.rest
            elif stamp.rest:
                if _looks_like_headline(stamp.rest) and len(stamp.rest) <= MAX_HEADLINE:
                    block.headline = stamp.rest
                else:
                    block.lines.append(_Line(line.number, stamp.rest))
            if (
                not block.headline
                and above
                and source
                and source[-1].text.strip() == above
                and (source is lede or sum(1 for x in source if x.text.strip()) > 1)
                and _looks_like_headline(above)
                and not ts.find_stamp(above)
            ):
                # A headline directly above its stamp belongs to the entry below it; so does
                # a byline.
                taken = source.pop().text.strip()
                if _looks_like_byline(taken):
                    block.byline = taken
                else:
                    block.headline = taken
            add(block)
            continue
        (blocks[-1].lines if blocks else lede).append(line)

    if pending and any(line.text.strip() for line in pending):
        doc.warnings.append(
            f"line {pending[0].number}: text after the last stamp has no time; kept as an entry"
        )
        add(_Block(None, pending, None, None, zone, line=pending[0].number))
    blocks, page_blocks = _drop_non_entries(blocks, doc)
    if lede:
        _take_lede(lede, doc)
    _date_blocks(blocks, doc)
    _date_blocks(page_blocks, doc, report=False)
    page_times = [b.stamp_time for b in page_blocks if b.stamp_time]
    for number, stamp in page_stamps:
        day = stamp.day or doc.date
        if day:
            try:
                page_times.append(ts.to_utc(day, stamp.clock, stamp.zone or doc.time_zone))
            except (ValueError, KeyError):
                doc.warnings.append(f"line {number}: cannot place “{stamp.raw}”")
    _place_relative(blocks, page_times, doc)
    for block in blocks:
        body_lines = [line.text for line in block.lines]
        headline = block.headline
        if not headline:
            # A short first line followed by more text is the entry's headline.
            nonblank = [t for t in body_lines if t.strip()]
            if len(nonblank) >= 2 and _looks_like_headline(nonblank[0]) and len(nonblank[0]) <= 120:
                headline = nonblank[0].strip()
                body_lines = body_lines[body_lines.index(nonblank[0]) + 1 :]
        nonblank = [t for t in body_lines if t.strip()]
        if nonblank and _DISPATCH.match(nonblank[0].strip()) and not block.byline:
            # "From Shaun Walker's dispatch in Kyiv:": who wrote it, not what happened.
            block.byline = _DISPATCH.match(nonblank[0].strip()).group("name")
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


def _text_of(block: _Block) -> str:
    return " ".join(line.text.strip() for line in block.lines if line.text.strip())


def _drop_non_entries(blocks: list[_Block], doc: ParsedDocument) -> tuple[list, list]:
    """A stamp with nothing under it ("Updated at 16.19 GMT", the page's "Wed 13 Nov 2024
    16.20 GMT") or only a box heading ("Key events") is not an entry; a one-line teaser that
    repeats another entry's headline (a "Key events" box) is not one either."""
    headlines = {fold_text(h) for b in blocks if (h := b.headline or _first_headline(b))}
    kept, page = [], []
    for block in blocks:
        text = _text_of(block)
        if block.original or block.headline:
            kept.append(block)
        elif not text or _TAKEAWAYS.match(text) or _is_label(block, text):
            # Nothing, a box heading, or a one-word label ("Breaking"): no entry.
            if text:
                doc.warnings.append(
                    f"line {block.line}: “{text}” under a stamp is a heading: dropped"
                )
            if block.stamp and block.stamp.style != "relative":
                page.append(block)  # still dates the page: see _place_relative
        elif _nonblank(block) == 1 and fold_text(text) in headlines:
            doc.warnings.append(
                f"line {block.line}: “{text}” repeats a later headline (a key-events box): dropped"
            )
        else:
            kept.append(block)
    return kept, page


def _is_label(block: _Block, text: str) -> bool:
    """One word, no sentence ("Breaking"): a label, not an entry."""
    return _nonblank(block) == 1 and text.isalpha() and len(text) >= 4 and text[0].isupper()


def _nonblank(block: _Block) -> int:
    return sum(1 for line in block.lines if line.text.strip())


def _first_headline(block: _Block) -> str:
    """The first line of a block, when it heads more text (see _parse_live)."""
    first = next((line.text.strip() for line in block.lines if line.text.strip()), "")
    return first if _nonblank(block) >= 2 and _looks_like_headline(first) else ""


def fold_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _take_lede(lede: list[_Line], doc: ParsedDocument) -> None:
    text = paragraphs([line.text for line in lede])
    if not text:
        return
    takeaways = [line for line in lede if is_bullet(line.text)]
    if takeaways and len(takeaways) >= 2:
        # A "Summary" / "Key takeaways" list above the first stamp: one key event, the
        # list as its body, as the page shows it.
        heading = next(
            (line.text.strip() for line in lede if _TAKEAWAYS.match(line.text.strip())), ""
        )
        doc.entries.append(
            ParsedEntry(
                body=paragraphs([line.text.strip() for line in takeaways]),
                section=heading.rstrip(":") or "Key takeaways",
                is_key_event=True,
                line=takeaways[0].number,
            )
        )
        rest = [
            line.text
            for line in lede
            if not is_bullet(line.text) and not _TAKEAWAYS.match(line.text.strip())
        ]
        text = paragraphs(rest)
    if _is_news(text):
        # More than a line of introduction: the news the coverage opened with.
        doc.entries.append(
            ParsedEntry(body=text, is_original_entry=True, stamp="lede", line=lede[0].number)
        )
        return
    doc.standfirst = (f"{doc.standfirst}\n\n{text}" if doc.standfirst else text).strip()


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[”\"’')]*\s+")


def _is_news(text: str) -> bool:
    """Whether a lede reports something (a long sentence, or two), rather than introduce
    the page ("Live coverage. All times GMT.", "Our reporters follow the war from Kyiv.")."""
    sentences = [
        s for s in _SENTENCE_SPLIT.split(text) if not ts.find_zone_in_sentence(s) and s.strip()
    ]
    words = [len(s.split()) for s in sentences]
    return any(n >= 15 for n in words) or sum(1 for n in words if n >= 6) >= 2


_NAMES = re.compile(
    r"^(?:[A-Z][\w’'.-]+|and|in|with|\((?:now|earlier|\w+)\)|,)(?:\s+(?:[A-Z][\w’'.-]+|and|in|"
    r"with|\((?:now|earlier|\w+)\)|,))*$"
)


def _looks_like_byline(text: str) -> bool:
    """ "Tom Ambrose (now) and Shaun Walker in Kyiv (earlier)": names, not a headline."""
    text = text.replace(",", " , ")
    return bool(_NAMES.match(text.strip())) and (" and " in text or "(" in text)


def _date_blocks(blocks: list[_Block], doc: ParsedDocument, report: bool = True) -> None:
    """Give every stamped block a UTC time: its own date, the date line above it, or the
    document's date, rolling over midnight in the direction the log runs.

    An entry whose clock breaks that direction is either a midnight crossing (when the day
    it would otherwise need is the nearer reading: the clock jumps by twelve hours or more)
    or an entry posted out of order, which stays on its day. Both guesses are warnings.
    A stamp that no date reaches is left without a time and the document ``needs_date``.
    """
    stamped = [b for b in blocks if b.stamp and b.relative is None]
    if not stamped:
        return
    anchor = doc.date
    if anchor is None:
        anchor = next((b.day for b in stamped if b.day), None)
    newest_first = _runs_newest_first(stamped)
    previous: datetime | None = None
    day_offset = 0
    header: date | None = None
    for block in stamped:
        day = block.day
        if day is None and block.partial_day:
            year = (anchor or doc.date).year if (anchor or doc.date) else None
            try:
                day = date(year, *block.partial_day) if year else None
            except ValueError:
                doc.warnings.append(f"line {block.line}: “{block.stamp.raw}” is not a real date")
                day = None
        if block.from_header and day is not None:
            # A date line starts its day; the clocks under it may still cross midnight.
            if day != header:
                header, anchor, day_offset, previous = day, day, 0, None
            day = None
        explicit = day is not None
        if day is None:
            if anchor is None:
                doc.needs_date = True  # never today: the caller must give the date
                continue
            day = anchor + timedelta(days=day_offset)
        try:
            moment = ts.to_utc(day, block.stamp.clock, block.zone)
        except (ValueError, KeyError) as error:
            doc.warnings.append(f"line {block.line}: cannot place “{block.stamp.raw}”: {error}")
            continue
        if previous is not None and not explicit:
            wrong_way = moment > previous if newest_first else moment < previous
            if wrong_way and abs(moment - previous) >= timedelta(hours=12):
                step = -1 if newest_first else 1
                day_offset += step
                moment += timedelta(days=step)
                if report:
                    doc.warnings.append(
                        f"line {block.line}: “{block.stamp.raw}” read as crossing midnight, "
                        f"on {moment.astimezone(ts.tzinfo_for(block.zone)):%d %B}"
                    )
            elif wrong_way:
                if report:
                    doc.warnings.append(
                        f"line {block.line}: “{block.stamp.raw}” is out of order; kept on "
                        f"{day:%d %B}, as posted late"
                    )
                block.stamp_time = moment
                continue  # the order goes on from the entries around it
        elif explicit:
            anchor, day_offset = day, 0
        block.stamp_time = moment
        previous = moment


def _place_relative(blocks: list[_Block], page_times: list[datetime], doc: ParsedDocument) -> None:
    """Place "36m ago" entries from the moment the page was copied: known from a pair such as
    "4m ago" over "16.16 GMT", else from the page's own latest time. Without either, a relative
    stamp places nothing."""
    relative = [b for b in blocks if b.relative is not None]
    if not relative:
        return
    pairs = [b for b in blocks if b.paired is not None and b.stamp_time]
    if pairs:
        best = min(pairs, key=lambda b: b.paired)
        copied = best.stamp_time + timedelta(minutes=best.paired)
    elif page_times:
        # The page's own time ("Wednesday 25 December 2024 11:48") is when its newest
        # entry went up: the newest relative stamp counts from it.
        copied = max(page_times) + timedelta(minutes=min(b.relative for b in relative))
    else:
        for block in relative:
            doc.warnings.append(
                f"line {block.line}: “{block.stamp.raw}” has no absolute time to count from; "
                "the entry has no time"
            )
        return
    for block in relative:
        block.stamp_time = copied - timedelta(minutes=block.relative)


def _runs_newest_first(blocks: list[_Block]) -> bool:
    """Whether the stamps mostly go down the clock as one reads down the page; on a tie, what
    their dates say, then where an original entry stands (at the foot: newest first)."""
    clocks = [b.stamp.clock for b in blocks if not b.stamp.day]
    minutes = [c.hour * 60 + c.minute for c in clocks]
    # A jump of twelve hours or more is a midnight crossing, not evidence of direction.
    down = sum(1 for a, b in itertools.pairwise(minutes) if 0 < a - b < 720)
    up = sum(1 for a, b in itertools.pairwise(minutes) if 0 < b - a < 720)
    if down == up:
        days = [b.stamp.day for b in blocks if b.stamp.day]
        return len(days) < 2 or days[0] >= days[-1]
    return down > up


# Digests ----------------------------------------------------------------------------------


def _parse_digest(lines: list[_Line], doc: ParsedDocument) -> None:
    bullet_indents = [
        len(line.text) - len(line.text.lstrip()) for line in lines if is_bullet(line.text)
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
        if is_bullet(text) and indent <= top + 1:
            close()
            entry = ParsedEntry(body="", section=section, is_key_event=key_events, line=line.number)
            entry_lines = [strip_bullet(text)]
            continue
        if is_bullet(text):
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
            return is_bullet(following.text)
    return False


# Articles ---------------------------------------------------------------------------------


def _publication_time(lines: list[_Line], doc: ParsedDocument) -> tuple[datetime | None, list]:
    """An article's publication time from a line near its top that dates the page with a
    clock ("November 13, 2024 3:21 PM GMT+0 Updated 2 hours ago"); that line leaves the
    body."""
    nonblank = [line for line in lines if line.text.strip()][:4]
    for line in nonblank:
        text = line.text.strip()
        stamp = ts.find_stamp(text)
        if not (stamp and (stamp.day or doc.date) and _is_dating_line(text)):
            continue
        try:
            moment = ts.to_utc(stamp.day or doc.date, stamp.clock, stamp.zone or doc.time_zone)
        except (ValueError, KeyError):
            return None, lines
        return moment, [other for other in lines if other is not line]
    return None, lines


def _parse_article(lines: list[_Line], doc: ParsedDocument) -> None:
    published, lines = _publication_time(lines, doc)
    texts = [line.text for line in lines]
    nonblank = [t for t in texts if t.strip()]
    if nonblank and _BYLINE.match(nonblank[0].strip()) and not doc.byline:
        doc.byline = _BYLINE.match(nonblank[0].strip()).group("name").strip()
        texts = texts[texts.index(nonblank[0]) + 1 :]
    body = paragraphs(texts)
    if body:
        doc.entries.append(
            ParsedEntry(body=body, posted_at=published, line=lines[0].number if lines else 0)
        )
