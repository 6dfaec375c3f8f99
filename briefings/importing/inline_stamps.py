"""Stamps inside the line that opens an entry: "00:58 Nemo has won …", "18:05 — Polling
stations …", "+++ 18:00 Uhr: First exit poll +++", "Dam gives way (11.15)".

Once, a paragraph that opens with a clock is a sentence that starts with a time ("10:30 is
when the doors open"). The same shape opening paragraph after paragraph down a page, its
clocks running one way, is how that page stamps its entries. ``split_inline_stamps`` looks
for that rhythm, not for a notation, and gives each such stamp a line of its own, so the
live-log reader meets the layout it knows: a stamp, then the entry's headline or body.
"""

import calendar
import dataclasses
import itertools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .datelines import relative_minutes
from .document import Line
from .stamp_shape import CLOCK_TOKEN, clock_of
from .zones import ANY_ZONE

# What may come between a clock and its text: "Uhr", a zone, a day in brackets ("(Monday)").
_AFTER_CLOCK = re.compile(
    r"(?:\s*(?:uhr|hrs?|horas|heures)\b\.?)?"
    rf"(?:\s+(?<![\w+-]){ANY_ZONE}(?![\w]))?"
    r"(?:\s*\((?P<aside>[^()]{1,24})\))?",
    re.IGNORECASE,
)
_OPENER = re.compile(r"^(?P<mark>[+*#>•·▪●■◆▸►▶🔴–-]{1,4})\s*")
# The separator between a leading stamp and its text: a dash, a colon, a bar, or a space.
_SEPARATOR = re.compile(r"\s*(?P<sep>[—–:|-])\s+|\s*(?P<colon>:)(?=\S)|\s+")
# "Dam at Stronie Śląskie gives way (11.15)", "… [07:50]", "… — 07.50".
_TRAILING = re.compile(r"^(?P<text>\S.{3,}?)\s*(?:(?P<open>[(\[])\s*|\s[—–|]\s+)$")
# At least this many paragraphs must open the same way, or two on a page that calls itself
# live (the caller says).
MIN_RUN = 3


# "[1/1 16:10] …", "(23.08 18:04) …": a day of the month in numbers before the clock,
# month and day in either order (the run of stamps says which).
_DAY_PAIR = re.compile(r"(?P<open>[\[(])?\s*(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)\.?,?\s+")
_CLOSE = {"[": "]", "(": ")"}
_MONTHS = list(calendar.month_name)[1:]


@dataclass(frozen=True)
class _Candidate:
    index: int
    shape: tuple  # where the clock sits and how it is set off: the page's rhythm
    stamp: str  # the stamp as a line of its own
    text: str  # the rest: a headline or the entry's first paragraph
    minutes: int
    pair: tuple[int, int] | None = None  # "1/2" before the clock: day and month, unordered


def _end(clock: re.Match) -> int:
    """Where a clock ends: the token takes the spaces after it, looking for "a.m."."""
    return clock.start() + len(clock.group().rstrip())


def _minutes(clock: re.Match) -> int | None:
    named = clock_of(clock)
    return named.hour * 60 + named.minute if named else None


def _leading(index: int, text: str) -> _Candidate | None:
    """ "18:05 — Polling stations …", "+++ 18:00 Uhr: Exit poll +++", "00:58 Nemo has …"."""
    opener = _OPENER.match(text)
    mark = opener.group("mark") if opener else ""
    start = opener.end() if opener else 0
    clock = CLOCK_TOKEN.match(text, start)
    if not clock:
        return None
    end = _end(clock)
    after = _AFTER_CLOCK.match(text, end)
    separator = _SEPARATOR.match(text, after.end())
    if not separator:
        return None
    rest = text[separator.end() :]
    if mark:
        rest = rest.rstrip().removesuffix(mark).rstrip()  # "+++ 18:00: … +++"
    if not rest[:1].isupper() and rest[:1] not in "\"“‘'«„":
        return None  # "10:30-11:00", "18:00 and counting"
    stamp = text[clock.start() : after.end()]
    if after.group("aside"):
        stamp = stamp.replace(f"({after.group('aside')})", after.group("aside"))
    kind = separator.group("sep") or separator.group("colon") or " "
    shape = ("leading", mark, "dash" if kind in "—–-" else kind)
    minutes = _minutes(clock)
    if minutes is None:
        return None
    return _Candidate(index, shape, " ".join(stamp.split()), rest.strip(), minutes)


def _clock_to_text(text: str, start: int, close: str) -> tuple[re.Match, str, str] | None:
    """The clock at ``start`` (with its "Uhr" or zone), the bracket ``close`` that ends the
    stamp if one opened it, and the separator after: (the clock, the stamp, the text)."""
    clock = CLOCK_TOKEN.match(text, start)
    if not clock or _minutes(clock) is None:
        return None
    after = _AFTER_CLOCK.match(text, _end(clock))
    end = after.end()
    if close:
        closing = re.compile(r"\s*" + re.escape(close)).match(text, end)
        if not closing:
            return None
        end = closing.end()
    separator = _SEPARATOR.match(text, end)
    if not separator:
        return None
    rest = text[separator.end() :].strip()
    if not rest[:1].isupper() and rest[:1] not in "\"“‘'«„":
        return None  # "10:30-11:00", "18:00 and counting"
    return clock, " ".join(text[clock.start() : after.end()].split()), rest


def _dated_leading(index: int, text: str) -> _Candidate | None:
    """ "[1/1 16:10] A strong earthquake …": a numeric day before the clock, in brackets or
    not."""
    day = _DAY_PAIR.match(text)
    found = day and _clock_to_text(text, day.end(), _CLOSE.get(day.group("open") or "", ""))
    if not found:
        return None
    clock, stamp, rest = found
    shape = ("dated", day.group("open") or "", day.group("sep"))
    pair = (int(day.group("a")), int(day.group("b")))
    return _Candidate(index, shape, stamp, rest, _minutes(clock), pair)


# "T+00:07:00 (7:32 a.m. CDT) — …", "67' (20:52) …": a mission's or a match's own clock,
# the wall clock in brackets after it.
_ELAPSED = re.compile(
    r"(?P<elapsed>[TL]\s?[+-]\s?\d{1,3}(?::\d\d){1,2}|\d{1,3}(?:\+\d{1,2})?['’′])\s*\(\s*"
)


def _elapsed_leading(index: int, text: str) -> _Candidate | None:
    """ "T+00:07:00 (7:32 a.m. CDT) — The booster is caught": the wall clock is the stamp;
    the elapsed time stays at the head of the entry's text."""
    elapsed = _ELAPSED.match(text)
    found = elapsed and _clock_to_text(text, elapsed.end(), ")")
    if not found:
        return None
    clock, stamp, rest = found
    text = f"{elapsed.group('elapsed')} {rest}"
    return _Candidate(index, ("elapsed",), stamp, text, _minutes(clock))


def _day_first(pairs: list[tuple[int, int]]) -> bool | None:
    """Which way a run of numeric days reads, day first or month first, or None when
    neither makes calendar days: a number above 12 settles it; else the reading whose
    days lie closer together (a live page's run spans days, not months)."""
    if any(a > 12 for a, _ in pairs) or any(not 1 <= b <= 12 for _, b in pairs):
        day_first = True
    elif any(b > 12 for _, b in pairs) or any(not 1 <= a <= 12 for a, _ in pairs):
        day_first = False
    else:

        def spread(day_first: bool) -> int:
            ordinals = [(b, a) if day_first else (a, b) for a, b in pairs]
            return sum(
                abs((m2 - m1) * 31 + d2 - d1) for (m1, d1), (m2, d2) in itertools.pairwise(ordinals)
            )

        day_first = spread(True) <= spread(False)
    for a, b in pairs:
        month, day = (b, a) if day_first else (a, b)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
    return day_first


def _dated(run: list[_Candidate]) -> list[_Candidate] | None:
    """The run with each stamp's day written out ("16:10, 1 January"), or None when its
    numbers make no calendar days or do not run one way."""
    day_first = _day_first([candidate.pair for candidate in run])
    if day_first is None:
        return None
    result, moments = [], []
    for candidate in run:
        a, b = candidate.pair
        month, day = (b, a) if day_first else (a, b)
        moments.append((month * 31 + day) * 1440 + candidate.minutes)
        stamp = f"{candidate.stamp}, {day} {_MONTHS[month - 1]}"
        result.append(dataclasses.replace(candidate, stamp=stamp))
    return result if _runs_one_way(moments) else None


def _trailing(index: int, text: str) -> _Candidate | None:
    """ "Dam at Stronie Śląskie gives way (11.15)": a headline that ends with its clock."""
    stripped = text.rstrip(")] ")
    for clock in CLOCK_TOKEN.finditer(stripped):
        after = _AFTER_CLOCK.match(stripped, _end(clock))
        if after.end() != len(stripped):
            continue
        head = _TRAILING.match(stripped[: clock.start()])
        if not head:
            return None
        bracket = head.group("open")
        if bracket and text.rstrip()[-1:] != {"(": ")", "[": "]"}[bracket]:
            return None
        if not bracket and text.rstrip() != stripped:
            return None
        stamp = " ".join(stripped[clock.start() :].split())
        shape = ("trailing", "bracket" if bracket else "dash")
        minutes = _minutes(clock)
        if minutes is None:
            return None
        return _Candidate(index, shape, stamp, head.group("text").strip(), minutes)
    return None


def _runs_one_way(minutes: list[int]) -> bool:
    """Whether clocks read down the page run one way, forwards or backwards, allowing for a
    midnight and an entry added late: a schedule or a sentence's times do too, but the
    caller has already asked that each opens a paragraph."""
    steps = [b - a for a, b in itertools.pairwise(minutes)]
    if not steps or any(step == 0 for step in steps):
        return False
    forward = sum(step > 0 for step in steps)
    against = min(forward, len(steps) - forward)
    return against <= max(1, len(steps) // 4)


def split_inline_stamps(
    lines: list[Line], is_stamp: Callable[[str], bool], live: bool
) -> list[Line]:
    """``lines`` with each inline stamp of the page's rhythm on a line of its own.

    ``is_stamp``: whether a line already reads as a stamp and nothing else (an author's name
    may stand beside it); a page whose entries are stamped so keeps its layout. ``live``:
    the page calls itself live, when two paragraphs opening alike are enough.
    """
    groups: dict[tuple, list[_Candidate]] = defaultdict(list)
    previous = ""
    for index, line in enumerate(lines):
        text = line.text.strip()
        if text and not previous:  # a paragraph's first line
            candidate = (
                _leading(index, text)
                or _dated_leading(index, text)
                or _elapsed_leading(index, text)
                or _trailing(index, text)
            )
            if candidate and not is_stamp(text):
                groups[candidate.shape].append(candidate)
        previous = text
    if not groups:
        return lines
    run = max(groups.values(), key=len)
    if len(run) < (2 if live else MIN_RUN):
        return lines
    if len(run) <= sum(1 for line in lines if is_stamp(line.text)):
        return lines  # the page's entries are stamped on lines of their own
    if run[0].pair:
        run = _dated(run)
        if run is None:
            return lines
    elif not _runs_one_way([candidate.minutes for candidate in run]):
        return lines
    split = {candidate.index: candidate for candidate in run}
    result = []
    for index, line in enumerate(lines):
        candidate = split.get(index)
        if candidate is None:
            result.append(line)
        else:
            result += [Line(line.number, candidate.stamp), Line(line.number, candidate.text)]
    return result


# "Dubai International diverts arriving flights — 35 min ago": a headline and how long ago
# it was posted.
_RELATIVE_TAIL = re.compile(r"^(?P<head>\S.{2,200}?\S)\s+[—–|·-]\s+(?P<ago>[^—–|·]{2,30})$")


def split_relative_tails(lines: list[Line]) -> list[Line]:
    """``lines`` with each relative stamp that closes a paragraph's first line ("… — 35 min
    ago") on a line of its own above it, when two or more paragraphs open so."""
    found = {}
    previous = ""
    for index, line in enumerate(lines):
        text = line.text.strip()
        if text and not previous:
            match = _RELATIVE_TAIL.match(text)
            if match and relative_minutes(match.group("ago")) is not None:
                found[index] = match
        previous = text
    if len(found) < 2:
        return lines
    result = []
    for index, line in enumerate(lines):
        match = found.get(index)
        if match:
            result += [
                Line(line.number, match.group("ago")),
                Line(line.number, match.group("head")),
            ]
        else:
            result.append(line)
    return result
