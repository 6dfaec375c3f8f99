"""Tables of times: a live page kept as a Markdown table, a clock in the first column and
the news beside it ("| 15:10 | The lawyer said … |"). ``unfold_time_tables`` gives each row
the layout the live-log reader knows, a stamp on a line of its own over its text; a zone
named in the clock column's heading ("Time (Paris)") is declared above the rows."""

import re

from .document import Line
from .stamp_shape import CLOCK_TOKEN
from .zones import ANY_ZONE

_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?\s*)?\|?\s*$")
_CLOCK_CELL = re.compile(
    CLOCK_TOKEN.pattern + rf"(?:\s*(?<![\w+-]){ANY_ZONE}(?!\w))?\s*$", re.IGNORECASE
)
# "Time (Paris)", "Time, CET", "Hour (local)": the heading of the clock column.
_TIME_HEADING = re.compile(
    r"^(?:time|hour|heure|hora|zeit|uhrzeit|ora)s?\s*(?:[(,:]\s*(?P<zone>[^()]{2,30}?)\s*\)?)?$",
    re.IGNORECASE,
)
MIN_ROWS = 2


def _cells(text: str) -> list[str] | None:
    match = _ROW.match(text)
    return [cell.strip() for cell in match.group("cells").split("|")] if match else None


def unfold_time_tables(lines: list[Line]) -> list[Line]:
    """``lines`` with each table whose rows open with a clock unfolded into stamped
    paragraphs; any other table stays as it is."""
    result: list[Line] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and _cells(lines[end].text) is not None:
            end += 1
        if end == index:
            result.append(lines[index])
            index += 1
            continue
        result += _unfold(lines[index:end])
        index = end
    return result


def _unfold(table: list[Line]) -> list[Line]:
    rows = [(line, _cells(line.text)) for line in table if not _RULE.match(line.text)]
    heading = None
    if len(table) >= 2 and _RULE.match(table[1].text):
        heading, rows = rows[0], rows[1:]
    timed = {line.number for line, cells in rows if _CLOCK_CELL.match(cells[0])}
    if len(timed) < MIN_ROWS or len(timed) < len(rows) * 3 / 4:
        return table
    unfolded: list[Line] = []
    if heading:
        named = _TIME_HEADING.match(heading[1][0])
        if named and named.group("zone"):
            number = heading[0].number
            unfolded += [Line(number, f"All times {named.group('zone')}"), Line(number, "")]
    for line, cells in rows:
        text = " ".join(cell for cell in cells[1:] if cell)
        if line.number in timed:
            unfolded += [
                Line(line.number, cells[0]),
                Line(line.number, text),
                Line(line.number, ""),
            ]
        else:
            unfolded += [Line(line.number, " ".join(cells)), Line(line.number, "")]
    return unfolded
