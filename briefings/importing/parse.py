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

import re
from collections.abc import Callable
from datetime import date, datetime

from . import dates, zones
from . import timestamps as ts
from .attribution import attribute, signed_by_outlet
from .citation_slot import slot_outlets
from .dating import find_document_date, find_document_zone, weekday_suggestion
from .document import (
    ARTICLE,
    BYLINE,
    DIGEST,
    KINDS,
    LIVE,
    MAX_HEADLINE,
    NUMBERED,
    ORIGINAL,
    SYMBOL_MARK,
    TAKEAWAYS,
    TERMINAL,
    Line,
    ParsedDocument,
    ParsedEntry,
    TooManyEntries,
    is_bullet,
    looks_like_headline,
    paragraphs,
    strip_bullet,
)
from .header import is_dating_line, take_footer, take_header
from .inline_stamps import split_inline_stamps, split_relative_tails
from .live_log import parse_live
from .tables import unfold_time_tables

__all__ = [
    "ARTICLE", "DIGEST", "KINDS", "LIVE", "ParsedDocument", "ParsedEntry", "TooManyEntries",
    "detect_kind", "entry_starts", "is_bullet", "paragraphs", "parse_document", "strip_bullet",
]  # fmt: skip


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


def _whole_stamp(text: str) -> bool:
    """A line that is a stamp and nothing else, or a stamp and its author's name."""
    stamp = ts.find_stamp(text)
    return bool(
        stamp and stamp.style != "meta" and (not stamp.rest or ts.looks_like_name(stamp.rest))
    )


def says_live(lines: list[str]) -> bool:
    """Whether the page calls itself live: "Live", "… live:", "live updates", "as it happened"
    in one of its first short lines (a title or a label, not a sentence)."""
    head = [line.strip() for line in lines if line.strip()][:15]
    return any(
        (len(line.split()) <= 16 and _LIVE_MARKER.search(line))
        # "● LIVE REPORTING", "LIVE NOW": a short label in capitals
        or (len(line.split()) <= 3 and line.isupper() and "LIVE" in line.split())
        for line in head
    )


# What may start an entry: a clock, military time, "UPDATE", a bullet. A cheap upper bound.
_ENTRY_START = re.compile(
    r"^\s*(?:[01]?\d[:.h][0-5]\d|2[0-3][:.h][0-5]\d|[0-2]\d[0-5]\d\s*(?:z|hrs|gmt|utc)|update|"
    r"[•·▪●◦‣⁃*>" + SYMBOL_MARK + r"-]\ufe0f?\s|\d{1,2}(?:\.[1-9])?[.)]?\s|\d{1,2}\s?\|\s)",
    re.IGNORECASE,
)


def entry_starts(lines: list[str]) -> int:
    """How many lines may start an entry: at least as many as the entries parsing finds."""
    return sum(1 for line in lines if _ENTRY_START.match(line))


def detect_kind(lines: list[str], head: list[str] | None = None) -> str:
    """The document's shape from its body ``lines``; ``head``, the whole document's first
    lines, may call it live."""
    stamps = sum(1 for line in lines if _counts_as_stamp(ts.find_stamp(line)))
    relative = sum(1 for line in lines if ts.is_relative_stamp(line))
    original = any(ORIGINAL.match(line.strip()) for line in lines)
    if stamps >= 2 or (stamps and (original or relative)) or relative >= 2:
        return LIVE
    if stamps == 1 and says_live(head or lines):
        return LIVE  # a live page copied early, with one entry so far
    listed = [line for line in lines if is_bullet(line) and len(line.strip()) > 3]
    numbered = sum(1 for line in listed if NUMBERED.match(line))
    prose = sum(1 for line in lines if not is_bullet(line) and len(line.split()) >= 12)
    # Numbered points are the document's entries when they carry it ("Key Takeaways: 1. …
    # 5. …" and little else); under paragraphs of prose they are a list inside an article.
    bullets = len(listed) - (numbered if numbered <= prose else 0)
    if bullets >= 2:
        return DIGEST
    return ARTICLE


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
    lines = [Line(n, line) for n, line in enumerate(raw_lines, start=1)]
    doc = ParsedDocument(title="", kind=ARTICLE)
    if kind not in (*KINDS, "auto"):
        raise ValueError(f"unknown kind {kind!r}")
    if max_entries is not None:
        # Before any real work: a document of 200,000 one-line entries must be refused in
        # a moment, not after reading every line for dates and zones.
        starts = entry_starts(raw_lines)
        if starts > max_entries:
            raise TooManyEntries(starts)

    body_lines = take_header(lines, doc, title)
    body_lines = take_footer(body_lines, doc)
    if kind in ("auto", LIVE):
        live = kind == LIVE or says_live(raw_lines[:40])
        body_lines = unfold_time_tables(body_lines)
        body_lines = split_relative_tails(split_inline_stamps(body_lines, _whole_stamp, live))
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
    declared, how = find_document_zone(raw_lines, doc.date)
    if how == "declared":
        doc.time_zone = declared
    else:
        doc.time_zone = default_zone or declared or "UTC"

    headed = False
    if doc.kind == ARTICLE and kind == "auto" and _mostly_labelled(body_lines):
        doc.kind = DIGEST  # paragraphs that open with a label sentence: a digest's items
    elif doc.kind in (ARTICLE, DIGEST) and kind == "auto" and _mostly_headed(body_lines):
        doc.kind, headed = DIGEST, True  # short headings, each over its own paragraph
    if doc.kind == LIVE:
        parse_live(body_lines, doc, max_entries)
    elif headed:
        _parse_headed(body_lines, doc)
    elif doc.kind == DIGEST and not any(is_bullet(line.text) for line in body_lines):
        _parse_labelled(body_lines, doc)
    elif doc.kind == DIGEST:
        _parse_digest(body_lines, doc)
    else:
        _parse_article(body_lines, doc)
    if doc.kind == DIGEST:
        _digest_time(raw_lines, doc)
    if max_entries is not None and len(doc.entries) > max_entries:
        raise TooManyEntries(len(doc.entries))

    slot = slot_outlets([entry.body for entry in doc.entries], is_outlet)
    if slot:
        known = is_outlet
        is_outlet = lambda name: known(name) or name in slot  # noqa: E731
    for entry in doc.entries:
        attribution = attribute(entry.body, is_outlet)
        entry.body, entry.credits = attribution.text, entry.credits + attribution.credits
        entry.citations = attribution.citations
        if not entry.citations and entry.headline:
            # "Harris wins Virginia, AP projects": a headline cites too; it keeps its words
            entry.citations = attribute(entry.headline, is_outlet).citations
        if entry.byline:  # a channel's post signed by an outlet cites it
            entry.citations = signed_by_outlet(entry.byline, entry.citations, is_outlet)
    doc.entries = [e for e in doc.entries if e.body.strip() or e.headline]
    if (
        declared
        and how != "declared"
        and not default_zone
        and any(e.posted_at for e in doc.entries)
    ):
        where = "the dateline's city" if how == "dateline" else "the places the page names"
        doc.warnings.append(f"time zone {declared} taken from {where}")
    if not doc.entries:
        doc.warnings.append("no entries found")
    stamped = any(e.posted_at for e in doc.entries)
    doc.needs_date = doc.needs_date or (doc.date is None and not stamped and bool(doc.entries))
    suggested = weekday_suggestion(raw_lines) if doc.needs_date else None
    if suggested:
        # A weekday narrows the year to one in five or six, not to one: the editor decides.
        doc.warnings.append(
            f"line {suggested.line}: the document states no year; its weekday suggests "
            f"{suggested.day:%A %d %B %Y}: give --date {suggested.day:%Y-%m-%d} if that is right"
        )
    return doc


# Digests ----------------------------------------------------------------------------------


def _parse_digest(lines: list[Line], doc: ParsedDocument) -> None:
    bullet_indents = [
        len(line.text) - len(line.text.lstrip()) for line in lines if is_bullet(line.text)
    ]
    top = min(bullet_indents) if bullet_indents else 0
    section = ""
    key_events = False
    entry: ParsedEntry | None = None
    entry_lines: list[str] = []
    lede: list[Line] = []

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
            key_events = bool(TAKEAWAYS.match(stripped))
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
        elif len(stripped) < 60 and stripped[-1] not in TERMINAL:
            doc.warnings.append(f"line {line.number}: “{stripped}” belongs to no entry; skipped")
        else:
            close()
            entry = ParsedEntry(body="", section=section, line=line.number)
            entry_lines = [stripped]
    close()
    if lede:
        doc.standfirst = paragraphs([line.text for line in lede])


def _is_heading(lines: list[Line], index: int) -> bool:
    """A short line without closing punctuation, followed by a bullet: a topic heading."""
    text = lines[index].text.strip()
    if not looks_like_headline(text) and not text.endswith(":"):
        return False
    if len(text) > 120:
        return False
    if re.search(r"[a-z]{2}[.!?]\s+[A-Z]", text) and len(text.split()) >= 8:
        return False  # "The court finished its term. Four rulings:": a lede over its list
    for following in lines[index + 1 :]:
        if following.text.strip():
            # "SITUATION OVERVIEW" over a paragraph: a section of a report in capitals heads
            # prose as well as bullets.
            return is_bullet(following.text) or (
                text.isupper() and len(text.split()) <= 6 and len(following.text.split()) >= 12
            )
    return False


# "Damage at Natanz. Commercially available satellite imagery shows …": a paragraph that
# opens with a short label sentence (its headline), then reports. Not "Mr. Smith …", "U.S. …".
_LABEL = re.compile(
    # one word only before a colon ("Bosnia: A state court …"); "Yes. The vote …" is prose
    r"^(?P<label>[A-Z][\w’'-]*(?:(?:\s+[\w’'-]+){1,5}[.:]|:))\s+(?P<text>[A-Z“\"‘'].{40,})$"
)
_ABBREVIATION = re.compile(
    r"\b(?:[A-Z]\.|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Rep|Sen|Gov|No|Jr|Sr)[.:]$"
)


# "— Belgrade: Somewhere between …", "▸ Niamey. General …": a mark in front of the label.
_LEAD_MARK = re.compile(r"^(?:[—–▸►▶➤■◆▪→»]|#{1,6})\s+")


# "**Whiplash on Wall Street.** The S&P 500 …": the writer's bold marks the label, with or
# without its stop.
_BOLD_LABEL = re.compile(
    r"^(?P<mark>\*\*|__)(?P<label>[A-Z“\"‘'][^*_\n]{1,80}?)(?P=mark)[.:—–-]?\s+"
    r"(?P<text>[A-Z“\"‘'].{40,})$"
)


def _bold_label(text: str) -> re.Match | None:
    bold = _BOLD_LABEL.match(_LEAD_MARK.sub("", text.strip()))
    if bold and len(bold.group("label").split()) <= 8 and len(bold.group("text").split()) >= 8:
        return bold
    return None


def _label_of(text: str, bold_only: bool = False) -> re.Match | None:
    bold = _bold_label(text)
    if bold or bold_only:
        return bold
    match = _LABEL.match(_LEAD_MARK.sub("", text.strip()))
    if not match or _ABBREVIATION.search(match.group("label")):
        return None
    words = match.group("label").split()
    # A label names a topic; a sentence has a verb and runs on ("Talks resumed.": a verb).
    return match if len(match.group("text").split()) >= 8 and len(words) <= 6 else None


def _mostly_labelled(lines: list[Line]) -> bool:
    """Three labelled paragraphs or more, and most of the document's paragraphs: prose
    whose paragraphs now and then open with a short sentence stays an article."""
    labelled = sum(1 for line in lines if _label_of(line.text))
    prose = sum(1 for line in lines if len(line.text.split()) >= 12)
    return labelled >= 3 and 3 * labelled >= 2 * prose


def _parse_labelled(lines: list[Line], doc: ParsedDocument) -> None:
    """Each labelled paragraph is an item, its label the headline; a short line without a
    full stop between them is a section; the paragraphs above the first are the standfirst;
    a paragraph after an item without a label continues it."""
    lede: list[str] = []
    section = ""
    entry: ParsedEntry | None = None
    # Where the writer marks labels in bold, an unmarked "Good morning." is no label.
    bold_only = sum(1 for line in lines if _bold_label(line.text)) >= 2
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        label = _label_of(text, bold_only)
        if label:
            entry = ParsedEntry(
                body=label.group("text"),
                headline=label.group("label"),
                section=section,
                line=line.number,
            )
            doc.entries.append(entry)
        elif looks_like_headline(text) and len(text.split()) <= 6:
            section = text.rstrip(":")
        elif entry is not None:
            entry.body = f"{entry.body}\n\n{text}"
        else:
            lede.append(text)
    if lede:
        doc.standfirst = paragraphs(lede)


# "### 1. The Pentagon", "▸ THE ANNOUNCEMENT", "**Congress**", "SITUATION OVERVIEW": a
# short heading line over a paragraph, its marks and emphasis aside.
_HEADING_MARKS = re.compile(r"^(?:#{1,6}\s+|[▸►▶➤■◆▪→»]\s*)|^[*_]+|[*_]+$")


def _section_heading(text: str) -> str:
    """The words of a short heading line (no closing punctuation, no clock, no date), or "" —
    the shape, not the wording, says what it is."""
    words = _HEADING_MARKS.sub("", text.strip()).strip()
    words = _HEADING_MARKS.sub("", words).strip()
    if not words or len(words.split()) > 8 or len(words) > 80:
        return ""
    if words[-1] in ".!?;,:" or not (words[0].isupper() or words[0].isdigit()):
        return ""
    if ts.find_stamp(words) or dates.dates_in(words):
        return ""
    if is_bullet(text) and not NUMBERED.match(text):
        return ""  # "- Sanctions" is an item of a list; "1. The offensive" may head one
    return words


def _is_paragraph(text: str) -> bool:
    words = len(text.split())
    return words >= 12 or (words >= 6 and text.rstrip()[-1:] in TERMINAL)


def _headed_starts(lines: list[Line]) -> list[int]:
    """Indexes, among ``lines``' non-blank ones, of the headings directly over a paragraph,
    or over a credit row and its paragraph (see ``_credited_starts``)."""
    nonblank = [line.text for line in lines if line.text.strip()]
    plain = [
        i
        for i, text in enumerate(nonblank[:-1])
        if _section_heading(text)
        and not _section_heading(nonblank[i + 1])
        and _is_paragraph(nonblank[i + 1])
        and not is_bullet(nonblank[i + 1])
    ]
    return sorted({*plain, *_credited_starts(nonblank)})


# "Leyla Aziz, Financial Times | Climate | November 11, 2024": who wrote an item, where and
# when, in one row of short parts between a headline and its text.
_ROW_PARTS = re.compile(r"\s+[|·•]\s+")


def _credit_row(text: str) -> bool:
    text = text.strip()
    parts = _ROW_PARTS.split(text)
    return (
        len(text.split()) <= 16
        and text[-1:] not in TERMINAL
        and (len(parts) >= 2 or bool(dates.dates_in(text)))
        and all(len(part.split()) <= 6 for part in parts)
    )


def _credited_starts(nonblank: list[str]) -> list[int]:
    """Headlines (up to sixteen words) each over a credit row and a paragraph, three times or
    more: a reading list's items."""
    starts = [
        i
        for i in range(len(nonblank) - 2)
        if looks_like_headline(nonblank[i])
        and len(nonblank[i].split()) <= 16
        and nonblank[i].strip()[-1:] not in TERMINAL
        and not _credit_row(nonblank[i])
        and _credit_row(nonblank[i + 1])
        and _is_paragraph(nonblank[i + 2])
    ]
    return starts if len(starts) >= 3 else []


def _mostly_headed(lines: list[Line]) -> bool:
    """Three headed paragraphs or more, and most paragraphs below the first heading open a
    section of their own: a newsletter's or a report's items. An article whose crossheads
    each stand over several paragraphs stays an article."""
    starts = _headed_starts(lines)
    if len(starts) < 3:
        return False
    nonblank = [line.text for line in lines if line.text.strip()]
    below = [t for t in nonblank[starts[0] :] if len(t.split()) >= 12]
    return 3 * len(starts) >= 2 * len(below)


def _parse_headed(lines: list[Line], doc: ParsedDocument) -> None:
    """Each heading over a paragraph opens an item, its words the headline; what follows it
    up to the next such heading is its body; what comes before the first, the standfirst."""
    nonblank = [line for line in lines if line.text.strip()]
    starts = set(_headed_starts(lines))
    lede: list[str] = []
    entry: ParsedEntry | None = None
    body: list[str] = []

    def close():
        if entry is not None:
            entry.body = paragraphs(body)
            doc.entries.append(entry)

    credited = set(_credited_starts([line.text for line in nonblank]))
    for index, line in enumerate(nonblank):
        if index in starts:
            close()
            headline = _section_heading(line.text) or line.text.strip()
            entry, body = ParsedEntry(body="", headline=headline, line=line.number), []
        elif index - 1 in credited and entry is not None and not body:
            entry.byline = line.text.strip()  # the item's credit row
        elif entry is None:
            lede.append(line.text.strip())
        else:
            body.append(line.text.strip())
    close()
    if lede:
        doc.standfirst = paragraphs(lede)


# Articles ---------------------------------------------------------------------------------


# The lines at the top of a digest where its own time is written.
HEADER_LINES = 8


def _digest_time(raw_lines: list[str], doc: ParsedDocument) -> None:
    """A digest's items went out when the page says it did ("Tuesday, 4 June 2024 | As of
    7:45 am IST", "Sent at 07:00 GST" in its header): each item without a time of its own
    takes that one."""
    for raw in [line for line in raw_lines if line.strip()][:HEADER_LINES]:
        stamp = ts.find_stamp(raw)
        day = stamp and (stamp.day or doc.date)
        if not (stamp and stamp.style == "meta" and day):
            continue
        try:
            moment = zones.to_utc(day, stamp.clock, stamp.zone or doc.time_zone)
        except (ValueError, KeyError):
            return
        for entry in doc.entries:
            entry.posted_at = entry.posted_at or moment
        return


def _publication_time(lines: list[Line], doc: ParsedDocument) -> tuple[datetime | None, list]:
    """An article's publication time from a line near its top that dates the page with a
    clock ("November 13, 2024 3:21 PM GMT+0 Updated 2 hours ago"); that line leaves the
    body."""
    nonblank = [line for line in lines if line.text.strip()]
    # Near the top, or in the footer a blog signs its post with ("Posted on 19 January 2025
    # at 21:47 (Jerusalem)"), after the text.
    for line in [*nonblank[:4], *nonblank[4:][-3:]]:
        text = line.text.strip()
        stamp = ts.find_stamp(text)
        if not (stamp and (stamp.day or doc.date) and is_dating_line(text)):
            continue
        try:
            moment = zones.to_utc(stamp.day or doc.date, stamp.clock, stamp.zone or doc.time_zone)
        except (ValueError, KeyError):
            return None, lines
        return moment, [other for other in lines if other is not line]
    return None, lines


def _parse_article(lines: list[Line], doc: ParsedDocument) -> None:
    published, lines = _publication_time(lines, doc)
    texts = [line.text for line in lines]
    nonblank = [t for t in texts if t.strip()]
    if nonblank and BYLINE.match(nonblank[0].strip()) and not doc.byline:
        doc.byline = BYLINE.match(nonblank[0].strip()).group("name").strip()
        texts = texts[texts.index(nonblank[0]) + 1 :]
    body = paragraphs(texts)
    if body:
        doc.entries.append(
            ParsedEntry(body=body, posted_at=published, line=lines[0].number if lines else 0)
        )
