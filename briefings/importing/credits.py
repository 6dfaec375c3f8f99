"""Bylines and photo credits: the parts of a text whose names are not the news's."""

import re

# Where the names are a page's writers and photographers, not the news's: bylines
# ("By Olena Harmash and Tom Balmforth", "From Shaun Walker's dispatch"), "Reporting by …",
# photo credits ("Photograph: Genya Savilov/AFP", "(AP Photo/Efrem Lukatsky)") and lines that
# are nothing but names (an author list, a live post's author). Nobody is proposed there;
# registry names still count.
_CREDIT_LINE = re.compile(
    r"^[ \t]*(?:(?:photo(?:graph)?s?|image(?: source| caption)?|picture|video|illustration|"
    r"credit|caption)\s*[:,]|from\s+[A-Z][^\n]{0,60}?(?:[’']s\b|:\s*$))",
    re.IGNORECASE | re.MULTILINE,
)
_CREDIT_BY = re.compile(
    r"\b(?:reporting|editing|writing|additional reporting|compiled|edited|written|produced|"
    r"photographs?|photos?|images?)\s+by\b[^\n.;]*",
    re.IGNORECASE,
)
_CREDIT_PARENS = re.compile(r"\((?:[^()\n]*\b[Pp]hoto\b|[^()\n]*/)[^()\n]*\)")
# "Gleb Garanich/Reuters" ends its line (or its parentheses); "the CDU/CSU won …" goes on.
_CREDIT_SLASH = re.compile(
    r"(?:[A-Z][\w’'.-]*[ \t]+){0,3}[A-Z][\w’'.-]*/[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,3}"
    r"[ \t]*(?=\)|\.?[ \t]*$)",
    re.MULTILINE,
)
_LINE = re.compile(
    r"^[ \t]*(?:(?:photo(?:graph)?s?|image(?: source| caption)?|picture|video|illustration|"
    r"credit|caption)\s*[:,]|from\s+[A-Z][^\n]{0,60}?(?:[’']s\b|:\s*$))",
    re.IGNORECASE | re.MULTILINE,
)
_CREDIT_INLINE = re.compile(
    r"\b(?:reporting|editing|writing|additional reporting|compiled|edited|written|produced|"
    r"photographs?|photos?|images?)\s+by\b[^\n.;]*"
    r"|\((?:[^()\n]*\bphoto\b|[^()\n]*/)[^()\n]*\)"
    r"|(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*/[A-Z][^\n]*",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^\n]+")
_DATELINE_PLACE = re.compile(
    r"^[ \t]*[A-Z][A-Za-z .'/-]{1,40}(?:,[^\n(]{0,40})?\([^()\n]{2,40}\)[ \t]*[—–-]", re.MULTILINE
)
# "— Jonas Verbeke" signing a post, "Priya Anand, news reporter" under it, and a photo's
# "© Ludovic Marin, AFP": a writer's or photographer's name, not the news's.
_SIGNATURE = re.compile(
    r"^[ \t]*(?:[—–-]+[ \t]*(?=[A-Z])"
    r"|(?=[A-Z][\w’'.-]*[ \t]+[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*)?,"
    r"[ \t]*(?:[a-z-]+[ \t]+){0,3}(?:reporter|correspondent|editor|writer|producer|journalist|"
    r"photographer|columnist|presenter|analyst)s?[ \t]*$))[^\n]*$"
    r"|©[^\n]*",
    re.MULTILINE,
)
_NAMES_ONLY_WORDS = {"and", "&", "by", "from", "in", "with"}
# "*Kristiina Laur writes about energy security in the Baltic states.*": the writer's note
# under a post, not the news.
_WRITER_NOTE = re.compile(
    r"^[ \t*_]*(?:[A-Z][\w’'.-]*[ \t]+){1,3}(?:writes|blogs)[ \t]+(?:about|on|for)\b[^\n]*$",
    re.MULTILINE,
)


def _signature(line: str) -> bool:
    """A signature line holds a name and no sentence: "— Jonas Verbeke", not "— and then
    the sirens stopped."."""
    if line.startswith("©"):
        return True
    words = line.strip(" \t—–-").split(",")[0].split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def credit_zones(text: str) -> list[tuple[int, int]]:
    zones = []
    # Each pattern only where its telltale character is: most entries have none.
    if " by" in text or " By" in text:
        zones += [m.span() for m in _CREDIT_BY.finditer(text)]
    if "(" in text:
        zones += [m.span() for m in _CREDIT_PARENS.finditer(text)]
    if "/" in text:
        zones += [m.span() for m in _CREDIT_SLASH.finditer(text)]
    zones += [m.span() for m in _DATELINE_PLACE.finditer(text)]  # "MINSK, June 24 (Reuters) -"
    if "writes" in text or "blogs" in text:
        zones += [m.span() for m in _WRITER_NOTE.finditer(text)]
    if "—" in text or "–" in text or "©" in text or "," in text:
        zones += [m.span() for m in _SIGNATURE.finditer(text) if _signature(m.group(0))]
    for line in _LINE.finditer(text):
        # "Tom Ambrose (now) and Shaun Walker in Kyiv (earlier)": a live page's authors.
        words = re.sub(r"\([^()]*\)", " ", line.group(0)).replace(",", " ").split()
        names_only = (
            words
            and len(words) <= 24
            and line.group(0).rstrip()[-1:] not in '.!?:”"'
            and all(w[:1].isupper() or w.casefold() in _NAMES_ONLY_WORDS for w in words)
        )
        if names_only or _CREDIT_LINE.match(line.group(0)):
            zones.append(line.span())
    return zones
