"""Cleaning: turn the text of a document found in the wild into plain, honest text.

``clean_text()`` is the one function that does it. In order:

1. Encoding repair: UTF-8 that was mis-read as cp1252 or cp1250 ("â€™" → ’, "đź’”" → 💔),
   then ftfy for the rest — with its quote-uncurling off, so typographic quotes survive.
2. Invisible characters: BOM, zero-width characters (a zero-width joiner between emoji is
   kept), soft hyphens, bidirectional overrides, control characters; NBSP and the other
   Unicode spaces become plain spaces; CRLF becomes LF.
3. LaTeX fragments of content-farm rewrites: ``$701 \\text{ km}^2$`` → "701 km²",
   ``$19.3\\%$`` → "19.3%".
4. Site chrome and junk lines from an editable list (``junk.txt`` next to this module, or the
   file named by the ``NEWSROOM_IMPORT_JUNK_FILE`` setting): whole lines such as "Ad Code",
   "Post a Comment", "Read more", fragments glued into sentences ("Tooltip Text"), and
   decorative prefixes ("📰 ").
5. White space: runs of spaces collapsed, at most one blank line between paragraphs.

Cleaning is idempotent: ``clean_text(clean_text(t).text).text == clean_text(t).text``.
Everything removed is reported, line by line, so an import can show what it dropped.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
from django.conf import settings

JUNK_FILE = Path(__file__).with_name("junk.txt")

# Runs of non-ASCII characters are where mojibake lives: "â€™", "Ã©", "đź’”".
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=True, normalization="NFC")

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
# Zero-width space/non-joiner, word joiner, BOM, soft hyphen, bidi embeddings and isolates.
_INVISIBLE = re.compile(r"[\u200b\u200c\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A zero-width joiner is only meaningful inside an emoji sequence.
_STRAY_ZWJ = re.compile(
    r"(?<![\U0001f000-\U0001faff\u2600-\u27bf])\u200d|\u200d(?![\U0001f000-\U0001faff\u2600-\u27bf])"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_LATEX_SPAN = re.compile(r"\$([^$\n]{1,200}?)\$")
_LATEX_TEXT = re.compile(r"\\(?:text|mathrm|textrm|mbox|operatorname)\s*\{([^{}]*)\}")
_SUPERSCRIPTS = str.maketrans("0123456789+-n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ⁿ")
_LATEX_SYMBOLS = {
    r"\%": "%",
    r"\$": "$",
    r"\&": "&",
    r"\times": "×",
    r"\approx": "≈",
    r"\sim": "~",
    r"\leq": "≤",
    r"\geq": "≥",
    r"\le": "≤",
    r"\ge": "≥",
    r"\pm": "±",
    r"\cdot": "·",
    r"\euro": "€",
    r"\texteuro": "€",
    r"\degree": "°",
    r"\circ": "°",
    r"\,": " ",
    r"\;": " ",
    r"\ ": " ",
}


@dataclass(frozen=True)
class RemovedLine:
    line: int  # 1-based, in the text as it was after encoding repair
    text: str
    reason: str


@dataclass
class Cleaned:
    text: str
    removed: list[RemovedLine] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class JunkList:
    lines: frozenset[str]  # folded whole lines
    patterns: tuple[re.Pattern, ...]  # whole-line regular expressions
    fragments: tuple[str, ...]  # removed wherever they occur
    prefixes: tuple[str, ...]  # removed from the start of a line


def fold(text: str) -> str:
    """Case- and punctuation-insensitive form of a line, for comparing with the junk list."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s›»<>/]+", " ", text).split())


def load_junk_list(path: Path) -> JunkList:
    """Read a junk list: one entry a line; ``#`` comments; ``re:``, ``fragment:`` and
    ``prefix:`` mark regular expressions, in-line fragments and line prefixes."""
    lines, patterns, fragments, prefixes = set(), [], [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        kind, _, value = entry.partition(":")
        if kind in {"re", "fragment", "prefix"} and value:
            value = value.strip()
            if kind == "re":
                patterns.append(re.compile(value, re.IGNORECASE))
            elif kind == "fragment":
                fragments.append(value)
            else:
                prefixes.append(value)
        else:
            lines.add(fold(entry))
    return JunkList(frozenset(lines), tuple(patterns), tuple(fragments), tuple(prefixes))


@functools.cache
def _junk_list_at(path: str) -> JunkList:
    return load_junk_list(Path(path))


def junk_list() -> JunkList:
    return _junk_list_at(str(getattr(settings, "NEWSROOM_IMPORT_JUNK_FILE", None) or JUNK_FILE))


def _redecode(match: re.Match) -> str:
    run = match.group(0)
    for codec in ("cp1252", "cp1250"):
        try:
            fixed = run.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if fixed != run:
            return fixed
    return run


def repair_encoding(text: str) -> str:
    """Undo UTF-8 read as cp1252 or cp1250, then let ftfy fix what else it can.

    ftfy alone does not recognise cp1250 mojibake such as "đź’”" (💔), so runs of
    non-ASCII characters are first re-encoded with each code page and kept when they decode
    as UTF-8. Ordinary text does not survive that round trip: "’" alone is not UTF-8.
    """
    text = _NON_ASCII_RUN.sub(_redecode, text)
    return ftfy.fix_text(text, _FTFY)


def _latex_to_text(match: re.Match) -> str:
    inner = match.group(1)
    if "\\" not in inner and "^" not in inner:
        return match.group(0)  # "$5 and $" is money, not LaTeX
    inner = _LATEX_TEXT.sub(r"\1", inner)
    for symbol, replacement in sorted(_LATEX_SYMBOLS.items(), key=lambda kv: -len(kv[0])):
        inner = inner.replace(symbol, replacement)
    inner = re.sub(
        r"\^\{([0-9+\-n]+)\}|\^([0-9n])", lambda m: (m[1] or m[2]).translate(_SUPERSCRIPTS), inner
    )
    inner = re.sub(r"\\[a-zA-Z]+", "", inner).replace("{", "").replace("}", "")
    return " ".join(inner.split())


def remove_latex(text: str) -> str:
    return _LATEX_SPAN.sub(_latex_to_text, text)


def _is_junk(line: str, junk: JunkList) -> bool:
    folded = fold(line)
    if not folded and line.strip():
        return False  # a line of punctuation or emoji only is content, not chrome
    return folded in junk.lines or any(p.fullmatch(line.strip()) for p in junk.patterns)


def _clean_once(text: str, junk: JunkList, removed: list[RemovedLine]) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = repair_encoding(text)
    text = _INVISIBLE.sub("", text)
    text = _STRAY_ZWJ.sub("", text)
    text = _CONTROL.sub("", _SPACES.sub(" ", text))
    text = remove_latex(text)
    kept = []
    for number, line in enumerate(text.split("\n"), start=1):
        for fragment in junk.fragments:
            if fragment in line:
                removed.append(RemovedLine(number, fragment, "fragment"))
                line = line.replace(fragment, "")
        stripped = line.strip()
        for prefix in junk.prefixes:
            if stripped.startswith(prefix):
                removed.append(RemovedLine(number, prefix, "prefix"))
                stripped = stripped[len(prefix) :].lstrip()
                line = stripped
        if stripped and _is_junk(stripped, junk):
            removed.append(RemovedLine(number, stripped, "junk line"))
            continue
        # Leading spaces are kept: they tell a nested bullet from a top-level one.
        kept.append(re.sub(r"(?<=\S) {2,}", " ", line.rstrip()))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
    return text.strip("\n")


def clean_text(text: str) -> Cleaned:
    """Clean a document's text; see the module docstring for what that means."""
    junk = junk_list()
    removed: list[RemovedLine] = []
    repairs = []
    if "\ufeff" in text[:1]:
        repairs.append("byte-order mark")
    # Each pass can expose more to clean (a junk line that was mojibake); stop at a fixpoint.
    for _ in range(4):
        cleaned = _clean_once(text, junk, removed)
        if cleaned == text:
            break
        text = cleaned
    return Cleaned(text=text, removed=removed, repairs=repairs)
