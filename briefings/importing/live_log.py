"""Live logs: entries that start (or end) with a stamp, dated and placed in time the way an
editor reads them (see ``_date_blocks`` and ``_place_relative``)."""

import dataclasses
import datetime as dt
import itertools
import re
from collections import Counter
from datetime import date

from . import chrome, dates, zones
from . import timestamps as ts
from .document import (
    BYLINE,
    MAX_HEADLINE,
    ORIGINAL,
    TAKEAWAYS,
    Line,
    ParsedDocument,
    ParsedEntry,
    TooManyEntries,
    looks_like_headline,
    paragraphs,
)
from .header import is_byline, plain_heading
from .log_time import Block, date_blocks, place_relative

# Live logs --------------------------------------------------------------------------------


# "UPDATE 2561 GMT:": shaped like a stamp, but no time of day.
_MALFORMED_STAMP = re.compile(r"^update[ds]?\s+\d{3,4}\b", re.IGNORECASE)
_DISPATCH = re.compile(
    r"^from\s+(?P<name>[A-Z][\w.’' -]{1,60}?)[’']s?\s+"
    r"(?:dispatch|report|reporting|notebook)\b.{0,60}:$",
    re.IGNORECASE,
)
# "Pinned", "📌 PINNED POST": the page keeps the entry below on top, whenever it was posted.
_PINNED = re.compile(r"^(?:📌\s*)?pinned(?:\s+(?:post|entry|message|update))?\s*:?$", re.I)
_PINNED_STAMP = re.compile(r"^(?:📌\s*)?pinned\b", re.IGNORECASE)
_UPDATED = re.compile(r"\b(?:updated|modified|edited|last\s+update)\b", re.IGNORECASE)
_NO_STAMP = ts.Stamp(dt.time(0, 0), None, None, None, "relative")


_SIGNED_OFF = re.compile(r"^(?:[Bb]y|—|–)\s+(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})$")
_EDITED = re.compile(r"^(?:updated|edited|modified)\s+(?:at\s+)?\d", re.IGNORECASE)


def _is_message(text: str) -> bool:
    """A chat message that reports something: a few words at least, not the app's notice."""
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 4 and not chrome.line_reason(text)


def _next_is_stamp_or_end(lines: list[Line], index: int) -> bool:
    following = _next_text(lines, index)
    stamp = ts.find_stamp(following) if following else None
    return not following or bool(stamp and stamp.style != "meta")


def _next_text(lines: list[Line], index: int) -> str:
    return next((line.text.strip() for line in lines[index + 1 :] if line.text.strip()), "")


def parse_live(lines: list[Line], doc: ParsedDocument, max_entries: int | None = None) -> None:
    blocks: list[Block] = []
    lede: list[Line] = []
    page_stamps: list[tuple[int, ts.Stamp]] = []  # the page's own times ("First published …")
    current_day: date | None = None
    current_partial: tuple[int, int] | None = None
    zone = doc.time_zone
    trailing = _stamps_close_entries(lines)
    closers = _closing_lines(lines) if trailing else set()
    one_group = _one_run_each(lines, closers)
    pending: list[Line] = []  # trailing style: lines waiting for the stamp that closes them
    pending_relative: int | None = None
    previous_text = ""
    order = dates.numeric_order([line.text for line in lines])
    labels = _repeated_labels(lines)
    offbeat = _offbeat_stamps(lines)
    signatures = _signatures(lines)
    page_time = _page_time_line(lines)

    pin_next = False

    def add(block: Block) -> None:
        nonlocal pin_next
        if block.stamp and (pin_next or _PINNED_STAMP.match(block.stamp.raw)):
            block.pinned = True
        pin_next = False
        blocks.append(block)
        if max_entries is not None and len(blocks) > max_entries:
            raise TooManyEntries(len(blocks))

    for index, line in enumerate(lines):
        text = line.text.strip()
        above, previous_text = previous_text, text
        if text in labels:
            previous_text = above
            continue  # "Post" over every stamp: the page's furniture, not a headline
        if _PINNED.match(text) and ts.find_stamp(_next_text(lines, index)):
            pin_next, previous_text = True, above
            doc.warnings.append(f"line {line.number}: “{text}” marks the pinned entry below")
            continue
        minutes = ts.relative_minutes(text)
        if minutes is not None:
            following = ts.find_stamp(_next_text(lines, index))
            if following and following.style != "meta":
                pending_relative = minutes  # "47m ago" over "15.33 GMT": one stamp
            else:
                add(Block(_NO_STAMP, [], None, None, zone, line=line.number, relative=minutes))
                blocks[-1].stamp = ts.Stamp(dt.time(0, 0), None, None, None, "relative", raw=text)
            continue
        declared = zones.find_zone_declaration(text)
        if declared:
            zone = declared
            continue
        zone = zones.find_zone_in_sentence(text) or zone  # "… (all times Kyiv)": the line stays
        header_day, header_partial = dates.find_date_header(text, order)
        if header_day or header_partial:
            current_day, current_partial = header_day, header_partial
            if trailing and not blocks and pending:
                lede.extend(pending)  # above the first day's first entry: the lede
                pending = []
            continue
        original = ORIGINAL.match(text)
        stamp = ts.find_stamp(text) if not original else None
        if stamp and text in offbeat:
            doc.warnings.append(
                f"line {line.number}: “{text[:60]}” is not shaped like the page's stamps: "
                "kept as text"
            )
            stamp = None
        if stamp and not (stamp.day or stamp.partial_day) and order and ts.SLASHED_ANY.search(text):
            # "[11/02/2025 14:37]": read the way the rest of the page writes its dates
            found = dates.dates_in(stamp.raw, order)
            stamp = dataclasses.replace(stamp, day=found[0]) if found else stamp
        if stamp and index == page_time and not blocks:
            page_stamps.append((line.number, ts.page_update(stamp)))
            doc.warnings.append(f"line {line.number}: “{text}” dates the page, not an entry")
            continue
        if stamp and stamp.style == "meta":
            stamp = ts.page_update(stamp)
            if not stamp.day and order and ts.SLASHED_ANY.search(text):
                # "Modified: 04/12/2024 - 21:44": the page's own time, read like its dates
                found = dates.dates_in(text, order)
                stamp = dataclasses.replace(stamp, day=found[-1]) if found else stamp
            page_stamps.append((line.number, stamp))
            continue
        if (
            stamp
            and blocks
            and not stamp.rest
            and _EDITED.match(text)
            and _next_is_stamp_or_end(lines, index)
        ):
            # "Updated at 6:20 pm" closing an entry: when that entry was edited, not a new one.
            doc.warnings.append(f"line {line.number}: “{text}” is the edit time of the entry above")
            previous_text = above
            continue
        if stamp and stamp.second_zone_mismatch:
            doc.warnings.append(f"line {line.number}: the two zones in “{text[:60]}” disagree")
        if stamp and (
            stamp.style == "trailing" or (trailing and (stamp.style == "end" or index in closers))
        ):
            if not blocks and index in closers and one_group:
                # Entries signed off in one run of lines each: the paragraphs above the
                # first entry's run are the lede, as above an opening stamp.
                runs = _runs(pending)
                if len(runs) > 1:
                    lede.extend(line for run in runs[:-1] for line in run)
                    pending = runs[-1]
            block = Block(
                stamp,
                pending,
                stamp.day or current_day,
                stamp.partial_day or (None if stamp.day else current_partial),
                stamp.zone or zone,
                line=line.number,
                from_header=not (stamp.day or stamp.partial_day),
            )
            block.byline = stamp.author
            add(block)
            pending = []
            continue
        if trailing and stamp is None and not original:
            pending.append(line)
            continue
        if stamp is None and not original and _MALFORMED_STAMP.match(text):
            doc.warnings.append(f"line {line.number}: “{text}” is not a valid time; entry kept")
            add(Block(None, [], current_day, current_partial, zone, line=line.number))
            continue
        if original:
            block = Block(
                None, [], current_day, current_partial, zone, original=True, line=line.number
            )
            if original.group("rest"):
                block.lines.append(Line(line.number, original.group("rest")))
            add(block)
            continue
        if stamp:
            block = Block(
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
            elif stamp.style == "chat":
                if not _is_message(stamp.rest):
                    # "noted 👍", "<Media omitted>": a reply or the app's notice, no news
                    doc.warnings.append(f"line {line.number}: “{text[:60]}” carries no news")
                    continue
                block.byline = stamp.author
                block.lines.append(Line(line.number, stamp.rest))
            elif stamp.style == "glued":
                block.headline, block.byline = stamp.rest, stamp.author
            elif stamp.rest and stamp.rest in signatures:
                block.byline = stamp.rest  # "14:05 — Jane Doe" on several entries: who wrote it
            elif stamp.rest:
                if (
                    looks_like_headline(stamp.rest)
                    and len(stamp.rest) <= MAX_HEADLINE
                    and not _SENTENCE_INSIDE.search(stamp.rest)
                ):
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

    texts = [line.text.strip() for line in pending if line.text.strip()]
    if texts and not any(_is_prose_line(text) or len(text.split()) >= 6 for text in texts):
        # "Download Telegram" under the last message: no sentence and no time, the page's
        # furniture; reported, so an editor can restore it.
        doc.warnings.append(
            f"line {pending[0].number}: “{' / '.join(texts)[:80]}” after the last stamp is no "
            "sentence and has no time: left out"
        )
    elif texts:
        doc.warnings.append(
            f"line {pending[0].number}: text after the last stamp has no time; kept as an entry"
        )
        add(Block(None, pending, None, None, zone, line=pending[0].number))
    blocks, page_blocks = _drop_non_entries(blocks, doc)
    if lede:
        _take_lede(lede, doc)
    date_blocks(page_blocks, doc, report=False)
    page_times = [b.stamp_time for b in page_blocks if b.stamp_time]
    updated = []  # "Last updated …": no entry of the page is later
    for number, stamp in page_stamps:
        day = stamp.day or doc.date
        if day:
            try:
                moment = zones.to_utc(day, stamp.clock, stamp.zone or doc.time_zone)
            except (ValueError, KeyError):
                doc.warnings.append(f"line {number}: cannot place “{stamp.raw}”")
                continue
            page_times.append(moment)
            if stamp.day and _UPDATED.search(stamp.raw):
                updated.append(moment)
    date_blocks(
        blocks, doc, latest=max(page_times, default=None), updated=max(updated, default=None)
    )
    place_relative(blocks, page_times, doc)
    for block in blocks:
        body_lines = [line.text for line in block.lines]
        headline = block.headline
        if not headline:
            # A short first line followed by more text is the entry's headline.
            nonblank = [t for t in body_lines if t.strip()]
            if len(nonblank) >= 2 and looks_like_headline(nonblank[0]) and len(nonblank[0]) <= 120:
                headline = plain_heading(nonblank[0].strip())
                body_lines = body_lines[body_lines.index(nonblank[0]) + 1 :]
        nonblank = [t for t in body_lines if t.strip()]
        if len(nonblank) >= 2 and not block.byline and _SIGNED_OFF.match(nonblank[-1].strip()):
            # "By Emanuel Fabian" under an entry's text: who wrote it.
            block.byline = _SIGNED_OFF.match(nonblank[-1].strip()).group("name")
            body_lines = body_lines[: len(body_lines) - body_lines[::-1].index(nonblank[-1]) - 1]
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


def _stamp_kind(stamp: ts.Stamp) -> tuple:
    """What a stamp writes besides its clock: a zone, am/pm, a date, an author."""
    ampm = bool(re.search(r"\d\s*[ap]\.?\s?m\b", stamp.raw, re.IGNORECASE))
    return (bool(stamp.zone), ampm, bool(stamp.day or stamp.partial_day), bool(stamp.author))


def _offbeat_stamps(lines: list[Line]) -> set[str]:
    """Lines that read as a bare clock on a page whose stamps all say more ("02:14 - Source:
    WKNX", a video's length, among "5:30 PM ET" stamps): the page's rhythm says they are
    not stamps. Only a clock that says less than the page's stamps, and only once."""
    found = [(line.text.strip(), s) for line in lines if (s := ts.find_stamp(line.text))]
    found = [(text, s) for text, s in found if s.style not in ("meta", "relative")]
    kinds = Counter(_stamp_kind(s) for _, s in found)
    if not kinds:
        return set()
    dominant, count = kinds.most_common(1)[0]
    if count < 3 or not any(dominant):
        return set()
    return {
        text
        for text, s in found
        if kinds[_stamp_kind(s)] == 1 and not any(_stamp_kind(s)) and s.style == "clock"
    }


def _page_time_line(lines: list[Line]) -> int | None:
    """ "Thu 14 Mar 2024 10.05 GMT" over a log stamped "09:40", "10:15": the first stamp,
    when it alone carries a full date (a page that dates every entry dates them alike) and
    nothing but its time, is the page's own time, not its first entry's."""
    found = [(n, s) for n, line in enumerate(lines) if (s := ts.find_stamp(line.text.strip()))]
    found = [(n, s) for n, s in found if s.style != "meta"]
    if len(found) < 3:
        return None
    (first, stamp), later = found[0], [s for _, s in found[1:]]
    if not stamp.day or stamp.rest or any(s.day or s.partial_day for s in later):
        return None
    return first


def _signatures(lines: list[Line]) -> set[str]:
    """Names that follow the clock on more than one stamp ("14:05 — Jane Doe", "16:30 — Jane
    Doe"): the page's reporters signing their entries, not headlines."""
    rests = Counter(
        s.rest
        for line in lines
        if (s := ts.find_stamp(line.text)) and s.style == "clock" and s.rest
    )
    return {
        rest
        for rest, count in rests.items()
        if count >= 2
        and 2 <= len(rest.split()) <= 4
        and all(w[:1].isupper() for w in rest.split())
        and not any(ch.isdigit() for ch in rest)
    }


def _repeated_labels(lines: list[Line]) -> set[str]:
    """Short lines the page repeats at every entry ("Post", "Share", "Advertisement"): one to
    three words, no sentence, no stamp, three times or more."""
    counts = Counter(line.text.strip() for line in lines if line.text.strip())
    return {
        text
        for text, count in counts.items()
        if count >= 3
        and len(text.split()) <= 3
        and text[-1] not in ".!?"
        and not any(ch.isdigit() for ch in text)
        and not ts.find_stamp(text)
    }


def _stamps_close_entries(lines: list[Line]) -> bool:
    """Whether the page's stamps close their entries rather than open them, as a reader sees
    from the rhythm of the page: a signature after each entry ("Thomas Kingsley25 February
    2022 10:55"), or times that end short lines of their own ("👁 61.2K  22:54") — most of
    the page's stamps — with text above the first of them and none below the last."""
    stamps = [(i, s) for i, line in enumerate(lines) if (s := ts.find_stamp(line.text))]
    if any(s.style == "trailing" for _, s in stamps):
        return True
    closers = _closing_lines(lines)
    ends = [i for i, s in stamps if s.style == "end" or i in closers]
    entry_stamps = [i for i, s in stamps if s.style != "meta"]
    if len(ends) < 2 or 2 * len(ends) < len(entry_stamps):
        return False
    above = next(
        (line.text.strip() for line in reversed(lines[: ends[0]]) if line.text.strip()), ""
    )
    below = [line.text.strip() for line in lines[ends[-1] + 1 :] if line.text.strip()]
    return len(above.split()) >= 6 and not any(len(text.split()) >= 8 for text in below)


def _closing_lines(lines: list[Line]) -> set[int]:
    """Stamp lines laid out as a sign-off: directly under a line of text (six words or more),
    with a blank line or the end of the page after them ("…killed on Thursday night." /
    "— Dimas Pratama, 09.40 WIB" / ""). An opening stamp stands after a blank line or a
    headline, its text directly below."""
    found = set()
    for i, line in enumerate(lines):
        stamp = ts.find_stamp(line.text)
        if not stamp or stamp.style == "meta" or i == 0:
            continue
        above = lines[i - 1].text.strip()
        below = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
        if len(above.split()) >= 6 and not ts.find_stamp(above) and not below:
            found.add(i)
    return found


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Runs of consecutive nonblank lines."""
    runs: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _one_run_each(lines: list[Line], closers: set[int]) -> bool:
    """Whether most entries after the first, between one sign-off and the next, are one run
    of lines (a headline and its text with no blank line between)."""
    ends = sorted(closers)
    counts = [len(_runs(lines[a + 1 : b])) for a, b in itertools.pairwise(ends)]
    return bool(counts) and 2 * sum(1 for c in counts if c == 1) > len(counts)


# "Governor X said drones were shot down. (TASS)": a sentence and its source, not a headline.
_SENTENCE_INSIDE = re.compile(r"[a-z0-9][.!?][”\"’')]*\s+\S")


def _text_of(block: Block) -> str:
    return " ".join(line.text.strip() for line in block.lines if line.text.strip())


def _drop_non_entries(blocks: list[Block], doc: ParsedDocument) -> tuple[list, list]:
    """A stamp with nothing under it ("Updated at 16.19 GMT", the page's "Wed 13 Nov 2024
    16.20 GMT") or only a box heading ("Key events") is not an entry; a one-line teaser that
    repeats another entry's headline (a "Key events" box) is not one either."""
    headlines = {fold_text(h) for b in blocks if (h := b.headline or _first_headline(b))}
    kept, page = [], []
    for number, block in enumerate(blocks):
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
        elif number == 0 and _nonblank(block) == 1 and is_byline(text):
            # "Thu 14 Mar 2024 10.05 GMT" over "By Jane Doe" at the top of the page: the
            # page's time and its author, not an entry
            doc.warnings.append(f"line {block.line}: “{text}” under a stamp is the byline")
            doc.byline = doc.byline or BYLINE.sub(r"\g<name>", text)
            if block.stamp and block.stamp.style != "relative":
                page.append(block)
        elif _nonblank(block) == 1 and fold_text(text) in headlines:
            doc.warnings.append(
                f"line {block.line}: “{text}” repeats a later headline (a key-events box): dropped"
            )
        else:
            kept.append(block)
    return kept, page


def _is_label(block: Block, text: str) -> bool:
    """One word, no sentence ("Breaking"): a label, not an entry."""
    return _nonblank(block) == 1 and text.isalpha() and len(text) >= 4 and text[0].isupper()


def _nonblank(block: Block) -> int:
    return sum(1 for line in block.lines if line.text.strip())


def _first_headline(block: Block) -> str:
    """The first line of a block, when it heads more text (see parse_live)."""
    first = next((line.text.strip() for line in block.lines if line.text.strip()), "")
    return first if _nonblank(block) >= 2 and looks_like_headline(first) else ""


def fold_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _take_lede(lede: list[Line], doc: ParsedDocument) -> None:
    """What stands above a live log's first stamp and has no time of its own — a lede, a
    pinned box, a "Key points" list, a lede about the coverage ("Our correspondent reports
    through the night …") — introduces the log: it is the standfirst, never an update (the
    convention the corpus follows from its third round on; an entry needs its time)."""
    text = paragraphs([line.text for line in lede])
    if text:
        doc.standfirst = (f"{doc.standfirst}\n\n{text}" if doc.standfirst else text).strip()


def _is_prose_line(line: str) -> bool:
    """A line of sentences, not a label: "DISTRIBUTION: Desk editors" and "DTG OF REPORT:
    260600ZMAR25" are a report's frame."""
    line = line.strip()
    if re.match(r"^[A-Z][A-Z .'/-]{1,40}:\s", line):
        return False
    words = re.findall(r"[^\W\d_]+", line)
    lower = sum(1 for w in words if w[0].islower())
    return bool(re.search(r"[.!?][”\"’')]*$", line)) or (
        len(words) >= 12 and 2 * lower > len(words)
    )


_NAMES = re.compile(
    r"^(?:[A-Z][\w’'.-]+|and|in|with|\((?:now|earlier|\w+)\)|,)(?:\s+(?:[A-Z][\w’'.-]+|and|in|"
    r"with|\((?:now|earlier|\w+)\)|,))*$"
)


def _looks_like_byline(text: str) -> bool:
    """ "Tom Ambrose (now) and Shaun Walker in Kyiv (earlier)": names, not a headline."""
    text = text.replace(";", ",").replace(",", " , ")
    return bool(_NAMES.match(text.strip())) and (" and " in text or "(" in text)
