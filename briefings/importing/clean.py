"""Cleaning: turn the text of a document found in the wild into plain, honest text.

``clean_text()`` is the one function that does it; its docstring lists every rule. The site
chrome it drops comes from ``junk.txt`` next to this module, an editable list whose header
describes its format.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
from django.conf import settings

from . import chrome, furniture
from .document import is_bullet
from .timestamps import find_stamp
from .zones import find_zone_in_sentence, row_declares_zone

JUNK_FILE = Path(__file__).with_name("junk.txt")

# Cleaning repeats until the text stops changing. Two passes are the rule (the second finds
# nothing); the bound only guards against a cycle nobody has found yet.
MAX_PASSES = 50

# Runs of non-ASCII characters are where mojibake lives: "â€™", "Ã©", "đź’”".
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")  # ftfy's segments: lines split after LF only
# ftfy's own control-character removal is off: _INVISIBLE and _CONTROL remove the same
# characters (and more) in one place, where they are counted for the report.
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_line_breaks=True, normalization="NFC", remove_control_chars=False
)
# Steps of ftfy's explanation that mean text had been decoded with the wrong codec.
_MOJIBAKE_STEPS = {"encode", "decode", "transcode"}
_MOJIBAKE_FIXES = {"decode_inconsistent_utf8", "replace_lossy_sequences", "fix_c1_controls"}

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
# Zero-width space, word joiner, BOM, soft hyphen, bidi marks, embeddings and isolates, the
# deprecated Arabic format characters and the interlinear annotation characters.
_INVISIBLE = re.compile(
    r"[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u206a-\u206f\ufff9-\ufffc]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ZWJ, _VS16 = "\u200d", "\ufe0f"
_JOINER = re.compile(r"[\u200c\u200d]")
# Characters an emoji ZWJ sequence is built from (Unicode's Extended_Pictographic, rounded to
# whole blocks): 🏳️‍🌈 joins U+1F3F3 and U+1F308, 🐈‍⬛ U+1F408 and U+2B1B, 🧔‍♂️ U+1F9D4 and
# U+2642. Skin-tone modifiers (U+1F3FB–U+1F3FF) fall inside the last range.
_EMOJI = re.compile(
    r"[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2190-\u21ff\u2300-\u23ff\u24c2\u25a0-\u25ff"
    r"\u2600-\u27bf\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff]"
)
# Scripts whose spelling needs the zero-width non-joiner: Persian "می‌خواهم" and the other
# Arabic-script languages, Syriac, N'Ko, and the Indic scripts from Devanagari to Sinhala,
# where it stops a conjunct ("क्‌ष").
_ZWNJ_SCRIPTS = re.compile(
    r"[\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u07c0-\u07ff\u0870-\u08ff\u0900-\u0dff"
    r"\ufb50-\ufdff\ufe70-\ufefe]"
)

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

_INNER_SPACES = re.compile(r"(?<=\S) {2,}")
# "›", "»", ">" and "→" all point to the next page: fold() makes them one character.
_ARROWS = str.maketrans({"»": "›", ">": "›", "→": "›"})


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

    @functools.cached_property
    def fragment_pattern(self) -> re.Pattern | None:
        """Any run of fragments, longest alternatives first: "Tooltip TextTooltip Text"."""
        if not self.fragments:
            return None
        alternatives = "|".join(map(re.escape, sorted(self.fragments, key=len, reverse=True)))
        return re.compile(f"(?:{alternatives})+")

    @functools.cached_property
    def prefix_pattern(self) -> re.Pattern | None:
        """Any run of prefixes at the start of a line, with the spaces after them: "📰📰 "."""
        if not self.prefixes:
            return None
        alternatives = "|".join(map(re.escape, sorted(self.prefixes, key=len, reverse=True)))
        return re.compile(rf"(?:(?:{alternatives})\s*)+")


@dataclass
class _Repairs:
    """What cleaning repaired, counted over all passes."""

    byte_order_mark: bool = False
    mojibake_lines: int = 0
    invisible: int = 0
    latex: int = 0

    def describe(self) -> list[str]:
        repairs = ["byte-order mark"] if self.byte_order_mark else []
        if self.mojibake_lines:
            repairs.append(f"mojibake repaired on {_plural(self.mojibake_lines, 'line')}")
        if self.invisible:
            repairs.append(f"{_plural(self.invisible, 'invisible character')} removed")
        if self.latex:
            repairs.append(f"{_plural(self.latex, 'LaTeX formula')} converted to text")
        return repairs


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def fold(text: str) -> str:
    """Case- and punctuation-insensitive form of a line, for comparing with the junk list."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_ARROWS)
    return " ".join(re.sub(r"[^\w\s›<>/]+", " ", text).split())


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


def _repair_line(line: str, config: ftfy.TextFixerConfig) -> tuple[str, bool]:
    fixed = _NON_ASCII_RUN.sub(_redecode, line)
    mojibake = fixed != line
    fixed, steps = ftfy.fix_and_explain(fixed, config)
    mojibake = mojibake or any(
        kind in _MOJIBAKE_STEPS or name in _MOJIBAKE_FIXES for kind, name in steps or ()
    )
    return fixed, mojibake


def _repair_encoding_counted(text: str) -> tuple[str, int]:
    # What ftfy.fix_text() does (one line at a time, HTML unescaping off from the first line
    # with a "<" on), keeping ftfy's explanation of each line to tell mojibake from the rest.
    config, out, mojibake_lines = _FTFY, [], 0
    for line in _LINE.findall(text):
        if config.unescape_html == "auto" and "<" in line:
            config = config._replace(unescape_html=False)
        fixed, mojibake = _repair_line(line, config)
        out.append(fixed)
        mojibake_lines += mojibake
    return "".join(out), mojibake_lines


def _is_emoji_before(text: str, index: int) -> bool:
    """Whether an emoji ends just before ``index``, with or without VARIATION SELECTOR-16."""
    if index and text[index - 1] == _VS16:
        index -= 1
    return index > 0 and bool(_EMOJI.match(text[index - 1]))


def _keeps_joiner(text: str, index: int) -> bool:
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    if text[index] == _ZWJ:
        return _is_emoji_before(text, index) and bool(after) and bool(_EMOJI.match(after))
    return all(
        char and _ZWNJ_SCRIPTS.match(char) and unicodedata.category(char)[0] in "LM"
        for char in (before, after)
    )


def remove_stray_joiners(text: str) -> tuple[str, int]:
    """Remove zero-width joiners and non-joiners that join nothing; return the count.

    A joiner is kept between two emoji (🏳️‍🌈, 👩🏽‍💻): the emoji before it may end in
    VARIATION SELECTOR-16 or a skin-tone modifier. A non-joiner is kept between two letters
    (or marks) of a script that spells with it: Persian "می‌خواهم", Hindi "क्‌ष".
    """
    removed = 0

    def keep_or_drop(match: re.Match) -> str:
        nonlocal removed
        if _keeps_joiner(match.string, match.start()):
            return match.group(0)
        removed += 1
        return ""

    return _JOINER.sub(keep_or_drop, text), removed


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


def _remove_latex_counted(text: str) -> tuple[str, int]:
    converted = 0

    def convert(match: re.Match) -> str:
        nonlocal converted
        text = _latex_to_text(match)
        converted += text != match.group(0)
        return text

    return _LATEX_SPAN.sub(convert, text), converted


def _is_junk(line: str, junk: JunkList) -> bool:
    folded = fold(line)
    if not folded and line.strip():
        return False  # a line of punctuation or emoji only is content, not chrome
    return folded in junk.lines or any(p.fullmatch(line.strip()) for p in junk.patterns)


def _remove_fragments(line: str, junk: JunkList, number: int, removed: list) -> str:
    """Remove fragments until none is left: removing one can join the halves of another
    ("TooltipTooltip Text Text")."""
    if junk.fragment_pattern is None:
        return line
    indent = line[: len(line) - len(line.lstrip())]
    found = False
    while match := junk.fragment_pattern.search(line):
        found = True
        removed.append(RemovedLine(number, match.group(0), "fragment"))
        line = _INNER_SPACES.sub(" ", line[: match.start()] + line[match.end() :])
    return indent + line.strip() if found else line


def _clean_line(line: str, junk: JunkList, number: int, removed: list) -> str | None:
    """The line without its junk, or None when nothing of it is left to keep."""
    had_text = bool(line.strip())
    line = _remove_fragments(_INNER_SPACES.sub(" ", line), junk, number, removed)
    stripped = line.strip()
    if junk.prefix_pattern is not None and (match := junk.prefix_pattern.match(stripped)):
        removed.append(RemovedLine(number, match.group(0).strip(), "prefix"))
        line = stripped = stripped[match.end() :]
    if had_text and not stripped:
        return None  # emptied by removing its junk: not a paragraph break
    if stripped and _is_junk(stripped, junk):
        removed.append(RemovedLine(number, stripped, "junk line"))
        return None
    # Leading spaces are kept: they tell a nested bullet from a top-level one.
    return line.rstrip()


def _clean_once(text: str, junk: JunkList, removed: list[RemovedLine], repairs: _Repairs) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text, mojibake_lines = _repair_encoding_counted(text)
    text, invisible = _INVISIBLE.subn("", text)
    text, controls = _CONTROL.subn("", text)
    text, joiners = remove_stray_joiners(text)
    text = _SPACES.sub(" ", text)
    text, latex = _remove_latex_counted(text)
    repairs.mojibake_lines += mojibake_lines
    repairs.invisible += invisible + controls + joiners
    repairs.latex += latex
    lines = text.split("\n")
    # Chrome seen in context (navigation runs, the links under "More on this story"), read
    # before the junk list takes the heading that announces them.
    blocks = chrome.link_blocks(lines, find_stamp)
    kept = []
    for number, line in enumerate(lines, start=1):
        if number - 1 in blocks and line.strip():
            removed.append(RemovedLine(number, line.strip(), blocks[number - 1]))
            continue
        line = _clean_line(line, junk, number, removed)
        if line is not None:
            kept.append((number, line))
    # A row of menu items is told by the wide gaps between them ("Sections   Local   World"),
    # which collapsing runs of spaces hides: chrome reads each line as it was written too.
    spaced = {number: lines[number - 1].strip() for number, _ in kept}
    kept = _remove_chrome(kept, removed, spaced)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(line for _, line in kept))
    return text.strip("\n")


def _remove_chrome(
    kept: list[tuple[int, str]], removed: list[RemovedLine], spaced: dict[int, str]
) -> list:
    """Lines that behave like site chrome (see ``chrome``), whether or not the list has them.

    Some readings need the lines before: a teaser ("Watch: …") or a caption counts once the
    headline is past, since above it either may be what the page is about."""
    lines = [line for _, line in kept]
    runs = chrome.navigation_runs(lines, find_stamp, is_bullet) | furniture.link_list_runs(lines)
    out = []
    headline_seen = text_started = last_removed = False
    for index, (number, line) in enumerate(kept):
        reason = runs.get(index) or _line_reason(line, headline_seen, text_started)
        if not reason and spaced.get(number, line.strip()) != line.strip():
            reason = chrome.line_reason(spaced[number])
        if not reason and headline_seen and index + 1 < len(kept):
            reason = furniture.caption_above_credit(line, kept[index + 1][1])
        if not reason and text_started and furniture.is_credit_line(line):
            # "Photo: ČTK / Jan Novák" on its own once the text has begun: a picture's
            # credit the copy left without its picture (above the text it is the page's)
            reason = "photo credit"
        if not reason and line.strip():
            reason = furniture.lone_word_reason(
                line, lambda i=index, after=last_removed: after or _next_is_chrome(kept, i)
            )
        if reason and row_declares_zone(line):
            # "13.12.2024 | all times Kyiv (UTC+2) | oldest first": a row of short parts that
            # looks like a menu, or ends in a notice ("This blog is closed"), but tells the
            # reader which clock the page keeps; without it every stamp is read in UTC.
            reason = None
        if line.strip():
            last_removed = bool(reason)
        if reason and line.strip() and not runs.get(index):
            # "This live blog is now closed. All times in CEST.": a notice glued to the line
            # that declares the page's zone; that declaration stays, the rest goes.
            sentences = re.split(r"(?<=[.!?])\s+", line.strip())
            text = [s for s in sentences if find_zone_in_sentence(s) and not chrome.line_reason(s)]
            if text and len(sentences) > 1:
                for sentence in sentences:
                    if sentence not in text:
                        removed.append(RemovedLine(number, sentence, reason))
                out.append((number, " ".join(text)))
                continue
        if reason and line.strip():
            removed.append(RemovedLine(number, line.strip(), reason))
            continue
        out.append((number, line))
        stripped = line.strip()
        if not headline_seen and len(stripped.split()) >= 3 and not find_stamp(stripped):
            headline_seen = True
        if not text_started and len(stripped.split()) >= 8:
            text_started = furniture.is_reporting(stripped)
    return out


def _next_is_chrome(kept: list[tuple[int, str]], index: int) -> bool:
    following = next((text for _, text in kept[index + 1 :] if text.strip()), "")
    return bool(following and chrome.line_reason(following))


def _short_question(sentence: str) -> bool:
    """ "Have a tip?", "Liked this issue?": a question put to the reader before a call."""
    return sentence.endswith("?") and len(sentence.split()) <= 4


@functools.lru_cache(maxsize=furniture.CACHED_LINES)
def _line_reason(line: str, headline_seen: bool, text_started: bool) -> str | None:
    reason = chrome.line_reason(line) or furniture.teaser_reason(line, text_started)
    reason = reason or furniture.byline_reason(line)
    if not reason and headline_seen:
        reason = furniture.caption_reason(line)
    if not reason:
        # "Power your business with clean energy. Learn more at …": every sentence of the
        # line is chrome, or speaks to the reader without reporting anything.
        sentences = re.split(r"(?<=[.!?])\s+", line.strip())
        if len(sentences) > 1 and len(line.split()) <= furniture.MAX_WORDS:
            reasons = [chrome.line_reason(s) for s in sentences]
            calls = [bool(furniture.features(s).get("call to action")) for s in sentences]
            # "Tips? Write to the desk.": a short question, then the call it leads to
            asked = any(_short_question(s) for s in sentences) and any(calls)
            if (any(reasons) or asked) and all(
                r or c or furniture.features(s).get("reader addressed") or _short_question(s)
                for r, c, s in zip(reasons, calls, sentences, strict=True)
            ):
                reason = next((r for r in reasons if r), "site chrome (call to action)")
    return reason


def clean_text(text: str) -> Cleaned:
    """Clean a document's text and report what was removed and repaired.

    The rules, in the order they apply:

    1. **Line breaks.** CRLF, CR and LINE SEPARATOR become LF.
    2. **Encoding repair.** UTF-8 that was mis-read as cp1252 or cp1250 is decoded again
       ("â€™" → ’, "đź’”" → 💔); then ftfy fixes what else it can (HTML entities, ligatures,
       full-width letters, NFC), with its quote-uncurling off so typographic quotes survive.
       Reported as "mojibake repaired on N lines".
    3. **Invisible characters.** A byte-order mark at the very start is reported as
       "byte-order mark". Elsewhere, zero-width spaces, word joiners, BOMs, soft hyphens,
       bidirectional marks, overrides and isolates, control characters and the other
       format characters ftfy would drop are removed. A zero-width joiner (U+200D) is kept
       only between two emoji, where it builds one picture (👨‍👩‍👧, 🏳️‍🌈: the first emoji may
       end in VARIATION SELECTOR-16 or a skin-tone modifier). A zero-width non-joiner (U+200C)
       is kept only between two letters of a script that spells with it (Persian
       "می‌خواهم", the other Arabic-script languages, the Indic scripts). Reported as
       "N invisible characters removed".
    4. **Spaces.** NBSP, tabs and the other Unicode spaces become plain spaces.
    5. **LaTeX** of content-farm rewrites becomes text: ``$701 \\text{ km}^2$`` → "701 km²",
       ``$19.3\\%$`` → "19.3%". A span without a backslash or caret is money ("$5 and $10")
       and is left alone. Reported as "N LaTeX formulas converted to text".
    6. **Junk**, from the junk list (``junk.txt`` next to this module, or the file named by the
       ``NEWSROOM_IMPORT_JUNK_FILE`` setting), line by line:

       - ``fragment: TEXT`` is removed wherever it occurs, however often and even glued into a
         word ("will Tooltip Textget" → "will get");
       - ``prefix: TEXT`` is removed from the start of a line, repeated or not ("📰📰 Title");
       - a line that removing fragments or prefixes leaves empty is removed entirely, so it
         leaves no paragraph break behind;
       - a plain entry removes a whole line equal to it, ignoring case, punctuation and which
         arrow points onward ("All News ›" also removes "ALL NEWS »");
       - ``re: PATTERN`` removes a whole line the regular expression matches in full,
         ignoring case.

       A line of only punctuation or emoji ("* * *", "🇺🇦") is content and is never junk.
       Each removal is reported as a ``RemovedLine`` (line number, text, reason).
    7. **Site chrome by its nature** (``chrome`` for devices, ``furniture`` for features):
       share bars, menus, breadcrumbs, sign-up and cookie prompts, copyright and address
       lines, counters, teaser links ("Watch: …", "Read more: …") once the text has begun,
       "From X's …" bylines, photo captions known by their credit once the headline is past,
       and the links under a "More on this story" heading. A sentence of reporting is never
       taken; each removal is reported with its reason.
    8. **White space.** Runs of spaces inside a line collapse to one, trailing spaces go,
       leading spaces stay (they mark nested bullets), and there is at most one blank line
       between paragraphs.

    The rules repeat until the text no longer changes, since one can expose work for another
    (a junk line hidden by mojibake), so cleaning is idempotent:
    ``clean_text(clean_text(t).text).text == clean_text(t).text``.
    """
    junk = junk_list()
    removed: list[RemovedLine] = []
    repairs = _Repairs()
    if text.startswith("\ufeff"):
        repairs.byte_order_mark = True
        text = text[1:]
    for _ in range(MAX_PASSES):
        cleaned = _clean_once(text, junk, removed, repairs)
        if cleaned == text:
            break
        text = cleaned
    return Cleaned(text=text, removed=removed, repairs=repairs.describe())
