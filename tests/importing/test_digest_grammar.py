"""Digests written in every combination of the notations the importer reads: items as
bullets, numbers or labelled paragraphs, each citing its outlets in one of the ways
newsletters and briefings cite ("(NBC News; see also Reuters)", "— Reuters", "Reuters
reports", "[Reuters](…)", "according to Reuters"), outlets the registry knows or not. Every
item is an entry, and each cites exactly its outlets."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.importing.clean import clean_text
from briefings.importing.parse import parse_document

KNOWN = ["Reuters", "BBC News", "The Guardian", "Le Monde", "Al Jazeera"]
UNKNOWN = ["Harbour Gazette", "Nordic Daily", "Kveldsposten", "Radio Sever", "Delta Tribune"]
REGISTRY = set(KNOWN)
ITEMS = [
    "Ministers agreed an emergency fund for the flooded north on Tuesday",
    "The central bank held its main rate at 4.5 per cent for a third month",
    "Dockworkers at the two biggest ports ended a nine-day strike",
    "Parliament passed the electoral reform by 212 votes to 181",
    "The health ministry reported the first cases of the new variant",
]
MARKERS = ["- {}", "• {}", "* {}", "{n}. {}", "{n}) {}"]


def cite(form: str, first: str, second: str) -> tuple[str, list[str]]:
    """An item's citation in ``form`` and the outlets it names."""
    return {
        "paren": (f" ({first}).", [first]),
        "paren_see_also": (f" ({first}; see also {second}).", [first, second]),
        "dash": (f". — {first}", [first]),
        "reports": (f", {first} reported.", [first]),
        "according": (f", according to {first}.", [first]),
        "link": (f" ([{first}](https://example.org/a)).", [first]),
        "via": (f" (via {first}).", [first]),
        "source": (f". Source: {first}", [first]),
        "two_report": (f", {first} and {second} reported.", [first, second]),
        "writes": (f", writes {first}.", [first]),
        "none": (".", []),
    }[form]


@st.composite
def digests(draw):
    count = draw(st.integers(3, 5))
    marker = draw(st.sampled_from(MARKERS))
    form = draw(st.sampled_from(["paren", "paren_see_also", "dash", "reports", "according",
                                 "link", "source", "two_report", "writes", "none"]))  # fmt: skip
    lines = [
        "Morning briefing: floods, rates and the port strike",
        "",
        "Wednesday 6 March 2024",
        "",
    ]
    wanted = []
    for n in range(count):
        first = draw(st.sampled_from(KNOWN + UNKNOWN))
        second = draw(st.sampled_from([o for o in KNOWN + UNKNOWN if o != first]))
        tail, outlets = cite(form, first, second)
        lines.append(marker.format(ITEMS[n] + tail, n=n + 1))
        if draw(st.booleans()):
            lines.append("")
        wanted.append(outlets)
    return "\n".join(lines) + "\n", wanted


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(digests())
def test_every_item_is_an_entry_citing_its_outlets(digest):
    text, wanted = digest
    doc = parse_document(
        clean_text(text).text, default_date=date(2024, 3, 6), is_outlet=REGISTRY.__contains__
    )
    assert len(doc.entries) == len(wanted), text
    cited = [[c.name for c in e.citations] for e in doc.entries]
    assert cited == wanted, text
