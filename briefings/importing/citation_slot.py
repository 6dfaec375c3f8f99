"""Outlets known by where a page cites them: the slot at the end of its items.

A digest cites its outlets in the same place item after item: "… on Tuesday (Reuters).",
"… a third month (Kveldsposten).", "… the strike. — Delta Tribune", "…, Kveldsposten
reported.", "…, writes Nordic Daily." Once that slot is
established, by outlets the registry knows or by its recurring use, a name the registry has
never heard of in the same slot is an outlet too: an editor reads the page's pattern, not a
list. ``slot_outlets`` returns those names; ``attribution`` then cites them like known ones.
"""

import re
from collections.abc import Callable, Iterable

from . import places

# "… (Reuters).", "… (Reuters; see also Kveldsposten)", "… (Reuters, AFP)"
_PARENS = re.compile(r"\((?P<inside>[^()]{2,80})\)\s*\.?\s*$")
# "… strike. — Delta Tribune", "… strike – Nordic Daily"
_DASH = re.compile(r"[.!?”\"]\s+[—–]\s+(?P<inside>[^—–.]{2,50}?)\s*$")
# "…, Kveldsposten and Reuters reported.", "…, writes Nordic Daily."
_NAMES = r"[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}"
_VERB_AFTER = re.compile(
    rf",\s+(?P<inside>(?:the\s+)?{_NAMES}(?:(?:,\s+|\s+and\s+)(?:the\s+)?{_NAMES})*)\s+"
    r"(?:reported|reports|said|says|wrote|writes)\.?\s*$"
)
_VERB_BEFORE = re.compile(rf",\s+(?:writes|reports|says)\s+(?P<inside>(?:the\s+)?{_NAMES})\.?\s*$")
_SPLIT = re.compile(r"\s*(?:;|,|\band\b|\bsee\s+also\b|\balso\b|/)\s*", re.IGNORECASE)
_NAME = re.compile(r"^(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w&.'’-]*){0,4}$")
# A slot is the page's when this many items use it.
MIN_ITEMS = 2


def _slot(body: str) -> tuple[str, list[str]] | None:
    text = body.strip()
    slots = (("parens", _PARENS), ("dash", _DASH), ("after", _VERB_AFTER), ("before", _VERB_BEFORE))
    for kind, pattern in slots:
        match = pattern.search(text)
        if match:
            parts = [p.strip(" .") for p in _SPLIT.split(match.group("inside")) if p.strip(" .")]
            if parts and all(_NAME.match(p) for p in parts):
                return kind, parts
    return None


def slot_outlets(bodies: Iterable[str], is_outlet: Callable[[str], bool]) -> set[str]:
    """The names in the citation slot of a page whose items cite in one place: the slot
    used by at least two items, one of whose names the registry knows as an outlet, or by
    three items or more."""
    slots: dict[str, list[list[str]]] = {}
    for body in bodies:
        found = _slot(body)
        if found:
            slots.setdefault(found[0], []).append(found[1])
    names: set[str] = set()
    for items in slots.values():
        known = any(is_outlet(name) for item in items for name in item)
        if len(items) >= 3 or (len(items) >= MIN_ITEMS and known):
            # "(Kharkiv)", "(Ukraine)" at the end of items say where, not who
            names.update(n for item in items for n in item if not places.zone_of(n))
    return names
