"""When each entry of a live log was posted: its clock on its own date, the date line above
it, or the document's date, rolling over midnight in the direction the log runs; relative
stamps ("36m ago") counted back from the time the page was copied."""

import contextlib
import itertools
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from . import timestamps as ts
from . import zones
from .document import Line, ParsedDocument


@dataclass
class Block:
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
    pinned: bool = False  # kept on top by the page ("Pinned"): outside the log's order


def date_blocks(
    blocks: list[Block],
    doc: ParsedDocument,
    report: bool = True,
    latest: datetime | None = None,
    updated: datetime | None = None,
) -> None:
    """Give every stamped block a UTC time: its own date, the date line above it, or the
    document's date, rolling over midnight in the direction the log runs.

    An entry whose clock breaks that direction is either a midnight crossing (when the day
    it would otherwise need is the nearer reading: the clock jumps by twelve hours or more)
    or an entry posted out of order, which stays on its day. Both guesses are warnings.
    A stamp that no date reaches is left without a time and the document ``needs_date``.
    ``updated``, the page's dated "Last updated" time, bounds the log: a log dated only by
    the document that would end after it started a day earlier ("Last updated 4 December,
    04:41" under a night that began at 22:27).
    """
    stamped = [b for b in blocks if b.stamp and b.relative is None]
    pinned = [b for b in stamped if b.pinned]
    if pinned and len(pinned) < len(stamped):
        # A pinned entry sits on top whenever it was posted: the log's order and its days
        # are read from the other entries, then the pinned one joins the nearest day.
        _date_ordered([b for b in stamped if not b.pinned], doc, report, latest)
        _date_pinned(pinned, stamped, latest)
        return
    _date_ordered(stamped, doc, report, latest)
    _end_by_update(stamped, doc, updated, report)


def _end_by_update(
    stamped: list[Block], doc: ParsedDocument, updated: datetime | None, report: bool
) -> None:
    """Move a log that no date line or dated stamp places back by whole days, while its
    newest entry would come after the page's last update."""
    if updated is None or any(b.day or b.partial_day or b.stamp.days_back for b in stamped):
        return
    times = [b.stamp_time for b in stamped if b.stamp_time]
    shift = timedelta(0)
    while times and max(times) + shift > updated + timedelta(minutes=1):
        shift -= timedelta(days=1)
        if shift < timedelta(days=-2):
            return  # no day within reach fits: leave the reading as it was
    if not shift:
        return
    for block in stamped:
        if block.stamp_time:
            block.stamp_time += shift
    if report:
        doc.warnings.append(
            f"the log would end after the page's last update: moved {-shift.days} day(s) back"
        )


def _date_pinned(pinned: list[Block], stamped: list[Block], latest: datetime | None) -> None:
    """A pinned entry's day: the latest day of the log on which its clock is not after the
    page's last update."""
    days = sorted(
        {b.stamp_time.astimezone(zones.tzinfo_for(b.zone)).date() for b in stamped if b.stamp_time},
        reverse=True,
    )
    for block in pinned:
        if block.day:
            with contextlib.suppress(ValueError, KeyError):
                block.stamp_time = zones.to_utc(block.day, block.stamp.clock, block.zone)
            continue
        for day in days:
            try:
                moment = zones.to_utc(day, block.stamp.clock, block.zone)
            except (ValueError, KeyError):
                break
            block.stamp_time = moment
            if latest is None or moment <= latest + timedelta(minutes=1):
                break


def _date_ordered(
    stamped: list[Block],
    doc: ParsedDocument,
    report: bool,
    latest: datetime | None,
    start: date | None = None,
) -> None:
    if not stamped:
        return
    anchor = start or doc.date
    if anchor is None:
        anchor = next((b.day for b in stamped if b.day), None)
    newest_first = _runs_newest_first(stamped)
    if start:
        pass  # a trial reading from a given day
    elif newest_first and latest and anchor:
        anchor = _newest_day(stamped[0], anchor, latest)
    elif newest_first and anchor and not any(_dates_itself(b) for b in stamped):
        # A page's date with no time of its own ("Saturday 29 June 2024 · All times IST")
        # names the day its log began, whichever way the log runs: the clocks that cross
        # midnight put the top entries on the next day, not the foot on the day before.
        _date_ordered(stamped, replace(doc, warnings=[]), False, None, start=anchor)
        foot = next((b for b in reversed(stamped) if b.stamp_time), None)
        if foot is not None:
            began = foot.stamp_time.astimezone(zones.tzinfo_for(foot.zone)).date()
            if began < anchor and (anchor - began).days <= 2:
                anchor += anchor - began
    previous: datetime | None = None
    day_offset = 0
    header: date | None = None
    for block in stamped:
        day = block.day
        if day is None and block.partial_day:
            reference = anchor or doc.date
            day = nearest_year(block.partial_day, reference) if reference else None
            if reference and day is None:
                doc.warnings.append(f"line {block.line}: “{block.stamp.raw}” is not a real date")
        if block.from_header and day is not None:
            # A date line starts its day; the clocks under it may still cross midnight.
            if day != header:
                header, anchor, day_offset, previous = day, day, 0, None
            day = None
        if day is None and block.stamp.days_back is not None and doc.date is not None:
            day = doc.date - timedelta(days=block.stamp.days_back)  # "Yesterday 21:40"
        if day is None and block.stamp.weekday is not None and anchor is not None:
            # "Wed 00:40": the day of that name nearest the day the log has reached.
            running = anchor + timedelta(days=day_offset)
            day = min(
                (running + timedelta(days=k) for k in range(-3, 4)),
                key=lambda d: (d.weekday() != block.stamp.weekday, abs((d - running).days)),
            )
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


def _dates_itself(block: Block) -> bool:
    stamp = block.stamp
    return bool(
        block.day or block.partial_day or stamp.weekday is not None or stamp.days_back is not None
    )


def nearest_year(month_day: tuple[int, int], reference: date) -> date | None:
    """A date written without its year, in the year that puts it nearest ``reference``:
    "December 31" on a page exported on 2 January 2025 is 31 December 2024."""
    found = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        with contextlib.suppress(ValueError):
            found.append(date(year, *month_day))
    return min(found, key=lambda d: abs((d - reference).days)) if found else None


def _newest_day(first: Block, anchor: date, latest: datetime) -> date:
    """The day of a newest-first log's top entry, which was posted before the page's last
    update (``latest``): "Tue 25 Feb 2025 00.52 GMT" over a blog first published, and dated,
    the day before puts its top "00.41" on the 25th; "Updated 1:05 a.m. ET, Nov. 6" over a
    top "11:20 p.m." puts that entry on the 5th."""
    if first.day or first.partial_day:
        return anchor
    day = latest.astimezone(zones.tzinfo_for(first.zone)).date()
    try:
        if zones.to_utc(day, first.stamp.clock, first.zone) > latest + timedelta(minutes=1):
            day -= timedelta(days=1)
    except (ValueError, KeyError):
        return anchor
    return day if abs((day - anchor).days) <= 1 else anchor


def place_relative(blocks: list[Block], page_times: list[datetime], doc: ParsedDocument) -> None:
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


def _utc_minutes(block: Block) -> int:
    clock = block.stamp.clock
    try:
        moment = zones.to_utc(date(2024, 1, 15), clock, block.zone)
    except (ValueError, KeyError):
        return clock.hour * 60 + clock.minute
    return (moment.hour * 60 + moment.minute) % 1440


def _runs_newest_first(blocks: list[Block]) -> bool:
    """Whether the stamps mostly go down the clock as one reads down the page; on a tie, what
    their dates say, then where an original entry stands (at the foot: newest first)."""
    # Clocks in different zones ("Moscow, 15:05 MSK" above "Washington, 12:03 EST") are
    # compared as the instants they name, on one day.
    minutes = [_utc_minutes(b) for b in blocks if not b.stamp.day]
    # A jump of twelve hours or more is a midnight crossing, not evidence of direction.
    down = sum(1 for a, b in itertools.pairwise(minutes) if 0 < a - b < 720)
    up = sum(1 for a, b in itertools.pairwise(minutes) if 0 < b - a < 720)
    if down == up:
        days = [b.stamp.day for b in blocks if b.stamp.day]
        return len(days) < 2 or days[0] >= days[-1]
    return down > up
