"""Live logs written in every combination of the notations the importer reads: where the
zone is declared and how, how the date is written, how each entry is stamped and where the
stamp stands, in which order. Fresh documents recombine known notations in ways no corpus
listed; the importer must read every combination, not the ones a document happened to use.

Each example is rendered from a layout drawn by hypothesis, with the instants it must give.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.importing.clean import clean_text
from briefings.importing.parse import parse_document

# (zone, how a page may name it)
ZONES = [
    ("Europe/Kyiv", ["Kyiv time", "Ukraine time"]),
    ("Europe/London", ["UK time", "London time"]),
    ("Europe/Paris", ["Paris time", "France time"]),
    ("Asia/Tokyo", ["Tokyo time", "JST"]),
    ("America/New_York", ["Eastern Time", "ET"]),
    ("Asia/Kolkata", ["IST", "India time"]),
    ("Australia/Sydney", ["Sydney time", "Australian Eastern time"]),
    ("Africa/Lagos", ["Lagos time", "WAT"]),
    ("America/Sao_Paulo", ["Brasília time", "São Paulo time"]),
]
DECLARATIONS = [
    "All times are {zone}.",
    "All times {zone}",
    "Times in this log are {zone}.",
    "Our reporters follow the story through the day (all times {zone}).",
    "Live · {date} · all times {zone}",
]
DATE_FORMATS = [
    lambda d: f"{d:%A} {d.day} {d:%B %Y}",
    lambda d: f"{d.day} {d:%B %Y}",
    lambda d: f"{d:%B} {d.day}, {d:%Y}",
    lambda d: f"{d:%a %d %b %Y}",
    lambda d: f"{d:%d.%m.%Y}",
    lambda d: f"{d:%Y-%m-%d}",
]
CLOCKS = [
    lambda t: f"{t:%H:%M}",
    lambda t: f"{t:%H.%M}",
    lambda t: f"{t.hour % 12 or 12}:{t:%M} {'a.m.' if t.hour < 12 else 'p.m.'}",
    lambda t: f"{t.hour % 12 or 12}.{t:%M}{'am' if t.hour < 12 else 'pm'}",
    lambda t: f"{t:%Hh%M}",
]
DECORATIONS = ["{}", "**{}**", "[{}]", "### {}", "{} —"]
HEADLINES = [
    "Talks resume at the harbour",
    "Power restored in the east",
    "Minister visits the flooded district",
    "Second convoy reaches the border",
    "Rescue teams search collapsed block",
    "Airport reopens to passenger flights",
]
BODIES = [
    "Negotiators returned to the table on the third floor of the port authority building.",
    "Engineers said most homes in the eastern districts had electricity again by the evening.",
    "The minister spoke to residents who had spent two nights in the school gymnasium.",
    "Aid workers said the lorries carried water, blankets and medicine for several thousand.",
    "Firefighters and volunteers worked through the rubble with sniffer dogs and cranes.",
    "The first flight, from the capital, landed shortly after the runway lights were fixed.",
]


@dataclass
class Layout:
    zone: str
    zone_name: str
    declaration: str
    day: date
    date_format: int
    clock: int
    decoration: int
    placement: str
    newest_first: bool
    date_place: str
    zone_way: str
    minutes: list[int]  # after the day's midnight, in the order the entries were posted
    headers: int = -1  # a date line over each day's entries, in this format (-1: none)
    chrome: int = -1  # a line of site furniture between entries (-1: none)
    offset_zone: bool = False  # the zone declared as its offset ("all times GMT+2")
    time_in_body: bool = False  # bodies mention a time of day ("… at 10.30 on Monday")
    transport: str = "plain"  # what the copy did to the text: CRLF, soft hyphens, mojibake


PLACEMENTS = [
    "above",
    "above_no_headline",
    "headline_above",
    "inline",
    "inline_space",
    "inline_headline",
    "trailing",
]
# Date lines over each day's entries; a log with them runs over two days.
HEADER_FORMATS = [
    lambda d: f"{d:%A} {d.day} {d:%B}",
    lambda d: f"## {d:%A}, {d:%B} {d.day}, {d:%Y}",
    lambda d: f"**{d.day} {d:%B %Y}**",
    lambda d: f"— {d:%a} {d.day} {d:%b} —",
]
TRANSPORTS = ["plain", "crlf", "soft_hyphens", "mojibake"]
CHROME = ["Advertisement", "Share", "Read more: Our full coverage of the storm", "Sign up"]
# Where the date stands: its own line under the title, the title, a footer, a dateline.
DATE_PLACES = ["line", "title", "footer", "dateline"]
# How the zone is given: a declaration, or a zone on every stamp, or a dateline's city.
ZONE_WAYS = ["declared", "every_stamp", "dateline_local"]
CITIES = {
    "Europe/Kyiv": ("KYIV", "EET", "EEST"),
    "Europe/London": ("LONDON", "GMT", "BST"),
    "Europe/Paris": ("PARIS", "CET", "CEST"),
    "Asia/Tokyo": ("TOKYO", "JST", "JST"),
    "America/New_York": ("NEW YORK", "EST", "EDT"),
    "Asia/Kolkata": ("NEW DELHI", "IST", "IST"),
    "Australia/Sydney": ("SYDNEY", "AEST", "AEDT"),
    "Africa/Lagos": ("LAGOS", "WAT", "WAT"),
    "America/Sao_Paulo": ("SÃO PAULO", "BRT", "BRT"),
}


@st.composite
def layouts(draw):
    zone, names = draw(st.sampled_from(ZONES))
    count = draw(st.integers(3, 5))
    newest_first = draw(st.booleans())
    # A newest-first page crossing midnight under one date line is read two ways by
    # people (the date of its top entry, or of the day it began): oldest-first logs only.
    latest_start = 14 * 60 if newest_first else 21 * 60 + 30
    start = draw(st.integers(6 * 60, latest_start))
    gaps = draw(st.lists(st.integers(17, 140), min_size=count - 1, max_size=count - 1))
    minutes = [start]
    for gap in gaps:
        minutes.append(minutes[-1] + gap)
    return Layout(
        zone=zone,
        zone_name=draw(st.sampled_from(names)),
        declaration=draw(st.sampled_from(DECLARATIONS)),
        day=draw(st.dates(date(2022, 1, 1), date(2025, 12, 31))),
        date_format=draw(st.integers(0, len(DATE_FORMATS) - 1)),
        clock=draw(st.integers(0, len(CLOCKS) - 1)),
        decoration=draw(st.integers(0, len(DECORATIONS) - 1)),
        placement=draw(st.sampled_from(PLACEMENTS)),
        newest_first=newest_first,
        date_place=draw(st.sampled_from(DATE_PLACES)),
        zone_way=draw(st.sampled_from(ZONE_WAYS)),
        minutes=minutes,
        headers=draw(st.integers(-1, len(HEADER_FORMATS) - 1)),
        chrome=draw(st.integers(-1, len(CHROME) - 1)),
        offset_zone=draw(st.booleans()),
        time_in_body=draw(st.booleans()),
        transport=draw(st.sampled_from(TRANSPORTS)),
    )


def render(layout: Layout) -> tuple[str, list[datetime]]:
    """The document and the UTC instants of its entries, in the document's order."""
    written_date = DATE_FORMATS[layout.date_format](layout.day)
    city, winter, summer = CITIES[layout.zone]
    title = "Storm Ingrid floods the northern coast: live updates"
    if layout.date_place == "title":
        title += f", {written_date}"
    lines = [title, ""]
    if layout.date_place == "line":
        lines += [written_date, ""]
    lede = "Our reporters follow the storm through the day."
    if layout.date_place == "dateline" or layout.zone_way == "dateline_local":
        when = f", {layout.day:%b} {layout.day.day}" if layout.date_place == "dateline" else ""
        lede = f"{city}{when} (Newsroom) - {lede}"
    lines += [lede, ""]
    zone_name = layout.zone_name
    if layout.offset_zone:
        offset = datetime.combine(layout.day, time(12)).replace(tzinfo=ZoneInfo(layout.zone))
        hours, seconds = divmod(int(offset.utcoffset().total_seconds()), 3600)
        zone_name = f"GMT{'+' if hours >= 0 else '-'}{abs(hours)}"
        if seconds:
            zone_name += f":{seconds // 60:02d}"
    if layout.zone_way == "declared":
        declaration = layout.declaration.format(zone=zone_name, date=written_date)
        lines += [declaration, ""]
    elif layout.zone_way == "dateline_local":
        lines += ["All times local.", ""]
    entries = []
    minutes = list(layout.minutes)
    if layout.headers >= 0:
        # the second half of the entries a day later: a two-day log under date lines
        half = len(minutes) // 2
        minutes = minutes[:half] + [m + 24 * 60 for m in minutes[half:]]
    for number, minute in enumerate(minutes):
        local = datetime.combine(layout.day, time()) + timedelta(minutes=minute)
        aware = local.replace(tzinfo=ZoneInfo(layout.zone))
        instant = aware.astimezone(UTC)
        clock = CLOCKS[layout.clock](local.time())
        if layout.zone_way == "every_stamp":
            clock += " " + (summer if aware.dst() else winter)
        headline, body = HEADLINES[number], BODIES[number]
        if layout.time_in_body:
            body += " The next update is due at 10.30 on Monday, officials said."
        stamp = DECORATIONS[layout.decoration].format(clock)
        block = {
            "above": [stamp, headline, body],
            "above_no_headline": [stamp, body],
            "headline_above": [headline, stamp, body],
            "inline": [f"{clock} — {body}"],
            "inline_space": [f"{clock} {body}"],
            "inline_headline": [f"{clock} {headline}", body],
            "trailing": [f"{headline} ({clock})", body],
        }[layout.placement]
        entries.append((block, instant, local.date()))
    if layout.newest_first:
        entries.reverse()
    shown = None
    for block, _, day in entries:
        if layout.headers >= 0 and day != shown:
            lines += [HEADER_FORMATS[layout.headers](day), ""]
            shown = day
        lines += [*block, ""]
        if layout.chrome >= 0:
            lines += [CHROME[layout.chrome], ""]
    if layout.date_place == "footer":
        lines += [f"Updated {written_date}", ""]
    return "\n".join(lines), [instant for _, instant, _ in entries]


def carried(text: str, transport: str) -> str:
    """The text as a copy brings it: Windows line ends, soft hyphens inside long words, or
    UTF-8 read as Windows-1252 (mojibake)."""
    if transport == "crlf":
        return text.replace("\n", "\r\n")
    if transport == "soft_hyphens":
        return re.sub(r"(?<=\w{4})(?=\w{4})", "\u00ad", text, count=40)
    if transport == "mojibake":
        return text.encode("utf-8").decode("cp1252", errors="replace")
    return text


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(layouts())
def test_every_combination_of_known_notations_is_read(layout):
    text, instants = render(layout)
    text = carried(text, layout.transport)
    doc = parse_document(clean_text(text).text)
    dated = (layout.zone_way == "declared" and "{date}" in layout.declaration) or (
        layout.headers >= 0 and str(layout.day.year) in HEADER_FORMATS[layout.headers](layout.day)
    )
    if layout.date_place == "dateline" and not dated:
        # "KYIV, Jan 1 (Reuters) -" and no year anywhere: the importer must ask, not guess
        assert doc.needs_date, text
        doc = parse_document(clean_text(text).text, default_date=layout.day)
    assert [e.posted_at for e in doc.entries] == instants, text
