"""The tops of pages as they are copied, in every combination: a masthead, a menu, a kicker
or label, the headline, a standfirst, a byline, a line dating the page, a photo's caption, a
share bar, in the orders real pages put them. Whatever surrounds it, the headline is the
title, and no line of the header becomes an entry."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.importing.clean import clean_text
from briefings.importing.parse import parse_document

MASTHEADS = [
    ["Skip to main content"],
    ["We use cookies to improve your experience. Accept all | Manage settings"],
    ["Advertisement", "Harbour Herald"],
    ["Subscribe | Sign in", "THE HARBOUR HERALD", "World | Europe | Weather"],
    ["Harbour Herald", "Home | News | World | Business | Sport"],
    ["Menu  Search  Sign in"],
    ["NORTHERN TIMES", "News › World › Europe"],
]
KICKERS = [
    "LIVE",
    "Live",
    "BREAKING",
    "Live updates",
    "Storm Ingrid",
    "Weather",
    "Analysis",
    "● LIVE REPORTING",
    "Europe › Storm Ingrid",
]
HEADLINES = [
    "Storm Ingrid: thousands evacuated as river breaks its banks",
    "Ministers agree emergency fund after floods in the north",
    "Why the floods were worse than forecast",
    "Ferries cancelled and schools shut as storm reaches coast",
    "Live: Storm Ingrid makes landfall on the northern coast",
    "Rescue teams reach cut-off villages",
]
STANDFIRSTS = [
    "Forecasters warn of more rain as the clean-up begins in coastal towns.",
    "The government has promised help for families forced from their homes.",
]
BYLINES = ["By Jane Doe", "Jane Doe and Tom Roe", "By Jane Doe, weather correspondent"]
DATE_LINES = [
    "Published 14 March 2024, 10:05 GMT",
    "Updated 14 March 2024 11:20 GMT",
    "Thu 14 Mar 2024 10.05 GMT",
    "March 14, 2024 at 6:05 a.m. EDT",
    "14.03.2024 | 10:05",
]
CAPTIONS = [
    "Firefighters wade through a flooded street. Photograph: Jane Doe/Reuters",
    "Residents are evacuated by boat. (AP Photo/Tom Roe)",
]
SHARES = ["Share", "Share on Facebook | X | WhatsApp", "Copy link"]
META = ["5 min read", "Listen to this article", "Updated 2 hours ago", "Live", "LIVE"]


@st.composite
def page_tops(draw):
    parts = []
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(MASTHEADS)))
    if draw(st.booleans()):
        parts.append([draw(st.sampled_from(KICKERS))])
    headline = draw(st.sampled_from(HEADLINES))
    parts.append([draw(st.sampled_from(["{}", "# {}", "**{}**"])).format(headline)])
    rest = []
    if draw(st.booleans()):
        rest.append([draw(st.sampled_from(META))])
    if draw(st.booleans()):
        rest.append([draw(st.sampled_from(STANDFIRSTS))])
    if draw(st.booleans()):
        rest.append([draw(st.sampled_from(BYLINES))])
    rest.append([draw(st.sampled_from(DATE_LINES))])
    if draw(st.booleans()):
        rest.append([draw(st.sampled_from(CAPTIONS))])
    if draw(st.booleans()):
        rest.append([draw(st.sampled_from(SHARES))])
    parts += draw(st.permutations(rest))
    blank = draw(st.booleans())
    lines = []
    for part in parts:
        lines += part + ([""] if blank else [])
    return lines, headline


BODY = (
    "\n09:40\nThe river rose above its 1997 record before dawn, officials said.\n\n"
    "10:15\nThe army sent two helicopters to the villages in the valley.\n\n"
    "11:30\nPower was cut to 4,000 homes along the coast road.\n"
)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(page_tops())
def test_the_headline_is_the_title_whatever_surrounds_it(top):
    lines, headline = top
    text = "\n".join(lines) + "\n" + BODY
    doc = parse_document(clean_text(text).text, default_date=date(2024, 3, 14))
    assert doc.title == headline.removeprefix("Live: ") or doc.title == headline, text
    assert len(doc.entries) == 3, text
