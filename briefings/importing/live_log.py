"""Live logs: entries that start (or end) with a stamp, dated and placed in time the way an
editor reads them (see ``_date_blocks`` and ``_place_relative``)."""

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import dates, zones
from . import timestamps as ts
from .document import (
    MAX_HEADLINE,
    ORIGINAL,
    TAKEAWAYS,
    Line,
    ParsedDocument,
    ParsedEntry,
    TooManyEntries,
    is_bullet,
    looks_like_headline,
    paragraphs,
)

# Live logs --------------------------------------------------------------------------------


@dataclass
class _Block:
    stamp: ts.Stamp | None
    lines: list[Line]
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


def _next_text(lines: list[Line], index: int) -> str:
    return next((line.text.strip() for line in lines[index + 1 :] if line.text.strip()), "")


def parse_live(lines: list[Line], doc: ParsedDocument, max_entries: int | None = None) -> None:
    blocks: list[_Block] = []
    lede: list[Line] = []
    page_stamps: list[tuple[int, ts.Stamp]] = []  # the page's own times ("First published …")
    current_day: date | None = None
    current_partial: tuple[int, int] | None = None
    zone = doc.time_zone
    trailing = any((s := ts.find_stamp(line.text)) and s.style == "trailing" for line in lines)
    pending: list[Line] = []  # trailing style: lines waiting for the stamp that closes them
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
        declared = zones.find_zone_declaration(text)
        if declared:
            zone = declared
            continue
        zone = zones.find_zone_in_sentence(text) or zone  # "… (all times Kyiv)": the line stays
        header_day, header_partial = dates.find_date_header(text)
        if header_day or header_partial:
            current_day, current_partial = header_day, header_partial
            continue
        original = ORIGINAL.match(text)
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
                block.lines.append(Line(line.number, original.group("rest")))
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
                if source and looks_like_headline(source[-1].text):
                    block.headline = source.pop().text.strip()
                block.byline = stamp.author
            elif stamp.style == "signature":
                block.byline = stamp.author
            elif stamp.style == "glued":
                block.headline = stamp.rest
            elif stamp.rest:
                if looks_like_headline(stamp.rest) and len(stamp.rest) <= MAX_HEADLINE:
                    block.headline = stamp.rest
                else:
                    block.lines.append(Line(line.number, stamp.rest))
            if (
                not block.headline
                and above
                and source
                and source[-1].text.strip() == above
                and (source is lede or sum(1 for x in source if x.text.strip()) > 1)
                and looks_like_headline(above)
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
                page_times.append(zones.to_utc(day, stamp.clock, stamp.zone or doc.time_zone))
            except (ValueError, KeyError):
                doc.warnings.append(f"line {number}: cannot place “{stamp.raw}”")
    _place_relative(blocks, page_times, doc)
    for block in blocks:
        body_lines = [line.text for line in block.lines]
        headline = block.headline
        if not headline:
            # A short first line followed by more text is the entry's headline.
            nonblank = [t for t in body_lines if t.strip()]
            if len(nonblank) >= 2 and looks_like_headline(nonblank[0]) and len(nonblank[0]) <= 120:
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
        elif not text or TAKEAWAYS.match(text) or _is_label(block, text):
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
    """The first line of a block, when it heads more text (see parse_live)."""
    first = next((line.text.strip() for line in block.lines if line.text.strip()), "")
    return first if _nonblank(block) >= 2 and looks_like_headline(first) else ""


def fold_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _take_lede(lede: list[Line], doc: ParsedDocument) -> None:
    text = paragraphs([line.text for line in lede])
    if not text:
        return
    takeaways = [line for line in lede if is_bullet(line.text)]
    if takeaways and len(takeaways) >= 2:
        # A "Summary" / "Key takeaways" list above the first stamp: one key event, the
        # list as its body, as the page shows it.
        heading = next(
            (line.text.strip() for line in lede if TAKEAWAYS.match(line.text.strip())), ""
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
            if not is_bullet(line.text) and not TAKEAWAYS.match(line.text.strip())
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
        s for s in _SENTENCE_SPLIT.split(text) if not zones.find_zone_in_sentence(s) and s.strip()
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
            moment = zones.to_utc(day, block.stamp.clock, block.zone)
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
                        f"on {moment.astimezone(zones.tzinfo_for(block.zone)):%d %B}"
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
