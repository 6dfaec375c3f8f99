"""Cleaning text found in the wild (briefings/importing/clean.py): encoding repair, invisible
characters, junk lines, LaTeX fragments, and the idempotence the module promises."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.importing.clean import (
    JUNK_FILE,
    Cleaned,
    RemovedLine,
    clean_text,
    load_junk_list,
)


def cleaned(text: str) -> str:
    return clean_text(text).text


# --- encoding repair ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mojibake", "expected"),
    [
        # UTF-8 read as cp1252
        ("It\u00e2\u20ac\u2122s here", "It’s here"),
        ("Caf\u00c3\u00a9 au lait", "Café au lait"),
        ("Z\u00c3\u00bcrich", "Zürich"),
        ("na\u00c3\u00afve", "naïve"),
        ("\u00e2\u20ac\u0153Hello\u00e2\u20ac\u009d", "“Hello”"),
        ("It was \u00e2\u20ac\u201d quietly \u00e2\u20ac\u201c over", "It was — quietly – over"),
        # UTF-8 read as cp1250: ftfy alone does not see these
        ("Love đź’” đź’Ą", "Love 💔 💥"),
        ("Stand with đź‡şđź‡¦", "Stand with 🇺🇦"),
        ("Ĺ‚ĂłdĹş", "łódź"),
    ],
)
def test_mojibake_is_repaired(mojibake, expected):
    result = clean_text(mojibake)
    assert result.text == expected
    assert result.removed == []


@pytest.mark.parametrize(
    "text",
    [
        "“Quoted” and ‘single’ — it’s fine",
        "café, naïve résumé, Crème brûlée, Zürich—Genève",
        "Привет мир · Ελλάδα · 日本語 · Київ",
        "€100 and £50 at 20°C",
        "He said \"plain\" and 'plain'",
        "👨\u200d👩\u200d👧 family",
    ],
)
def test_good_text_is_left_alone(text):
    assert cleaned(text) == text


def test_typographic_quotes_are_not_uncurled():
    text = cleaned("“Yes,” she said. ‘No,’ he said. It’s over.")
    assert text == "“Yes,” she said. ‘No,’ he said. It’s over."
    assert '"' not in text
    assert "'" not in text


# --- invisible characters and white space -------------------------------------------------


def test_byte_order_mark_is_removed_and_reported():
    result = clean_text("\ufeffHello")
    assert result == Cleaned(text="Hello", removed=[], repairs=["byte-order mark"])


def test_byte_order_mark_inside_the_text_is_removed():
    assert cleaned("Y\ufeff and \ufeffZ") == "Y and Z"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\u00a0b", "a b"),  # NBSP
        ("x\u2009y\u202fz\u3000w", "x y z w"),  # thin, narrow no-break, ideographic spaces
        ("a\tb", "a b"),
        ("zero\u200bwidth", "zerowidth"),  # zero-width space
        ("non\u200cjoiner", "nonjoiner"),  # a non-joiner between Latin letters is stray
        ("word\u2060joiner", "wordjoiner"),
        ("soft\u00adhyphen", "softhyphen"),
        ("a\u200db", "ab"),  # a zero-width joiner between letters is stray
        ("end\u200d", "end"),
        ("\u200dstart", "start"),
        ("\u202eevil\u202c text", "evil text"),  # bidi override and pop
        ("\u200e\u200f\u2066\u2067\u2068\u2069x", "x"),  # marks and isolates
        ("ctl\x07x\x1bz", "ctlxz"),
        ("a\x00b\x0bc\x7fd", "abcd"),
    ],
)
def test_invisible_and_control_characters(text, expected):
    assert cleaned(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "👨\u200d👩\u200d👧",
        "❤\u200d🔥",
        "👩🏽\u200d💻",
        "🧔\u200d♂\ufe0f",
        "Team 👨\u200d👩\u200d👧!",
    ],
)
def test_zero_width_joiner_inside_an_emoji_sequence_is_kept(text):
    assert cleaned(text) == text
    assert "\u200d" in cleaned(text)


@pytest.mark.parametrize(
    "text",
    [
        "🏳\ufe0f\u200d🌈",  # rainbow flag
        "❤\ufe0f\u200d🔥",  # heart on fire, as keyboards type it
        "🏳\ufe0f\u200d⚧\ufe0f",  # transgender flag
        "👁\ufe0f\u200d🗨\ufe0f",  # eye in speech bubble
    ],
)
def test_zero_width_joiner_after_a_variation_selector_is_kept(text):
    assert cleaned(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "🐈\u200d⬛",  # black cat: U+2B1B is outside the dingbat blocks
        "🚶\u200d➡\ufe0f",  # person walking facing right
        "🧑🏿\u200d🚀",  # skin-tone modifier before the joiner
        "🏴\u200d☠\ufe0f",  # pirate flag
        "Pride 🏳\ufe0f\u200d🌈 and 🏳\ufe0f\u200d⚧\ufe0f",
    ],
)
def test_zero_width_joiner_in_other_emoji_sequences_is_kept(text):
    assert cleaned(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("🏳\ufe0f\u200d", "🏳\ufe0f"),  # nothing after it
        ("\ufe0f\u200d🌈", "\ufe0f🌈"),  # a variation selector alone is not an emoji
        ("🏳\ufe0f\u200da", "🏳\ufe0fa"),
        ("a\ufe0f\u200d🌈", "a\ufe0f🌈"),
        ("🏳\u200d\u200d🌈", "🏳🌈"),  # a doubled joiner joins nothing
    ],
)
def test_zero_width_joiner_next_to_a_non_emoji_is_removed(text, expected):
    assert cleaned(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "می\u200cخواهم",  # Persian "I want"
        "کتاب\u200cها",  # Persian plural "books"
        "ن\u200cم",  # Persian, short
        "کتاب\u200cها را می\u200cخواهم.",
        "क्\u200cष",  # Devanagari: the non-joiner after a virama stops the conjunct
    ],
)
def test_zero_width_non_joiner_between_letters_of_a_script_that_needs_it_is_kept(text):
    assert cleaned(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ab\u200cc", "abc"),
        ("می\u200c", "می"),  # at the end of the text
        ("\u200cمی", "می"),
        ("می\u200c word", "می word"),
        ("می\u200cx", "میx"),  # Persian letter, then Latin
        ("x\u200cمی", "xمی"),
        ("می\u200c\u200cخواهم", "میخواهم"),  # two in a row join nothing
        ("۱\u200c۲", "۱۲"),  # Extended Arabic-Indic digits are not letters
    ],
)
def test_zero_width_non_joiner_elsewhere_is_removed(text, expected):
    assert cleaned(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\r\nc", "a\nb\nc"),
        ("a\rb", "a\nb"),
        ("line\n\n\n\n\nnext", "line\n\nnext"),
        ("x    y", "x y"),
        ("trailing   \n", "trailing"),
        ("  - nested bullet", "  - nested bullet"),  # leading spaces mark nesting
        ("\n\nbody\n\n", "body"),
    ],
)
def test_white_space(text, expected):
    assert cleaned(text) == expected


# --- junk lines ---------------------------------------------------------------------------

JUNK_LINES = [
    "Ad Code",
    "Post a Comment",
    "0 Comments",
    "All News ›",
    "All News »",
    "Read more",
    "Share",
    "Skip to main content",
    "Previous Post",
    "Next Post",
]


def test_junk_lines_are_removed_and_reported():
    text = "\n".join(["Line one", *JUNK_LINES, "Line two"])
    result = clean_text(text)
    assert result.text == "Line one\nLine two"
    assert [r.text for r in result.removed] == JUNK_LINES
    assert [r.line for r in result.removed] == list(range(2, 2 + len(JUNK_LINES)))
    assert {r.reason for r in result.removed} == {"junk line"}


def test_tooltip_text_line_is_removed_and_reported_as_a_fragment():
    result = clean_text("Line one\nTooltip Text\nLine two")
    assert "Tooltip" not in result.text
    assert result.text.split() == ["Line", "one", "Line", "two"]
    assert result.removed == [RemovedLine(2, "Tooltip Text", "fragment")]


def test_tooltip_text_line_leaves_no_paragraph_break():
    assert cleaned("Line one\nTooltip Text\nLine two") == "Line one\nLine two"
    assert cleaned("Line one\n  Tooltip Text  \nLine two") == "Line one\nLine two"
    assert cleaned("Para one\n\nTooltip Text\n\nPara two") == "Para one\n\nPara two"


def test_a_line_of_repeated_fragments_is_removed_in_one_go():
    result = clean_text("Line one\n" + "Tooltip Text" * 5 + "\nLine two")
    assert result.text == "Line one\nLine two"
    assert result.removed == [RemovedLine(2, "Tooltip Text" * 5, "fragment")]


def test_fragments_nested_in_each_other_are_all_removed():
    result = clean_text("A " + "Tooltip" * 5 + " Text" * 5 + " fact")
    assert result.text == "A fact"
    assert [r.text for r in result.removed] == ["Tooltip Text"] * 5


def test_a_fragment_separated_by_two_spaces_is_still_a_fragment():
    assert cleaned("A Tooltip  Text fact") == "A fact"


@pytest.mark.parametrize(
    "line",
    [
        *JUNK_LINES,
        "AD CODE.",
        "Post a comment!",
        "12 comments",
        "1 Comment",
        "READ MORE",
        "Read more: Why the talks failed",
        "Read more:",
        "Read more ›",
        "Read more »",
        "Read More →",
        "See more »",
        "See more",
        "Read more › Why the talks failed",
        "ALL NEWS »",
        "All News →",
        "Skip to Main Content",
        "« Previous Post",
        "Next Post »",
        "Share on Facebook",
        "Share via WhatsApp",
        "Advertisement",
    ],
)
def test_each_junk_line_alone(line):
    result = clean_text(f"Before\n{line}\nAfter")
    assert result.text == "Before\nAfter"
    assert len(result.removed) == 1
    assert result.removed[0].line == 2


@pytest.mark.parametrize(
    "line",
    [
        "Previous Post / Next Post",
        "« Previous Post | Next Post »",
        "Previous article Next article",
        "‹ Older post · Newer post ›",
        "PREVIOUS POST NEXT POST",
    ],
)
def test_previous_and_next_post_on_one_line(line):
    result = clean_text(f"Body\n{line}")
    assert result.text == "Body"
    assert result.removed == [RemovedLine(2, line, "junk line")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Click Share to send this article.",
        "Share prices fell 3% on Monday.",
        "Shareholders met in Kyiv.",
        "He wants to share the cost of the comments section.",
        "Ad Code was the name of the operation.",
        "See more than 40 photos below.",
        "Read more about the aid package in our explainer.",
        "Read more of his letter and you see why.",
        "See more on the map: the front moved west.",
        "The previous post and next post were both vacant.",
        "All News outlets reported it.",
    ],
)
def test_a_sentence_that_merely_contains_a_junk_word_is_kept(sentence):
    result = clean_text(f"Intro\n{sentence}")
    assert result.text == f"Intro\n{sentence}"
    assert result.removed == []


def test_a_fragment_glued_into_a_sentence_is_removed():
    result = clean_text("A fact Tooltip Text here")
    assert result.text == "A fact here"
    assert result.removed == [RemovedLine(1, "Tooltip Text", "fragment")]


def test_a_decorative_prefix_is_removed():
    result = clean_text("📰 Headline of the day")
    assert result.text == "Headline of the day"
    assert result.removed == [RemovedLine(1, "📰", "prefix")]


@pytest.mark.parametrize("prefix", ["📰📰📰📰📰", "📰 📰 📰", "📰" * 12])
def test_a_repeated_prefix_is_removed_in_one_go(prefix):
    result = clean_text(f"Body\n{prefix} Headline")
    assert result.text == "Body\nHeadline"
    assert result.removed == [RemovedLine(2, prefix, "prefix")]


def test_a_line_that_is_only_a_prefix_leaves_no_paragraph_break():
    assert cleaned("Line one\n📰📰📰📰📰\nLine two") == "Line one\nLine two"


def test_a_prefix_before_a_junk_line():
    result = clean_text("Body\n📰 Read more")
    assert result.text == "Body"
    assert [r.reason for r in result.removed] == ["prefix", "junk line"]


def test_a_line_of_emoji_or_punctuation_is_content():
    assert cleaned("🇺🇦🇺🇦") == "🇺🇦🇺🇦"
    assert cleaned("* * *") == "* * *"


def test_junk_line_hidden_by_mojibake_is_removed():
    # "Read more ›" written as UTF-8 and read as cp1252.
    result = clean_text("Body\nRead more \u00e2\u20ac\u00ba")
    assert result.text == "Body"
    assert [r.reason for r in result.removed] == ["junk line"]


def test_the_shipped_junk_list_has_the_entries_the_importer_relies_on():
    junk = load_junk_list(JUNK_FILE)
    for line in ["ad code", "post a comment", "read more", "share", "skip to main content"]:
        assert line in junk.lines
    assert "Tooltip Text" in junk.fragments
    assert "📰" in junk.prefixes


def test_junk_file_setting_replaces_the_list(settings, tmp_path):
    path = tmp_path / "junk.txt"
    path.write_text("# ours\nSubscribe today\nfragment: [link]\n", encoding="utf-8")
    settings.NEWSROOM_IMPORT_JUNK_FILE = str(path)
    result = clean_text("Body [link]\nSubscribe today!\nShare")
    assert result.text == "Body\nShare"
    assert [(r.text, r.reason) for r in result.removed] == [
        ("[link]", "fragment"),
        ("Subscribe today!", "junk line"),
    ]


# --- what was repaired --------------------------------------------------------------------


def test_clean_text_reports_no_repairs():
    assert clean_text("Plain “text”, café.\n\nAnd 🏳\ufe0f\u200d🌈.").repairs == []


def test_mojibake_is_reported_with_the_lines_it_was_on():
    text = "It\u00e2\u20ac\u2122s here\nFine\nLove đź’”\nCaf\u00c3\u00a9"
    assert clean_text(text).repairs == ["mojibake repaired on 3 lines"]
    assert clean_text("It\u00e2\u20ac\u2122s").repairs == ["mojibake repaired on 1 line"]


def test_invisible_characters_are_counted():
    result = clean_text("zero\u200bwidth\u00adsoft \u202eevil\u202c\x07 a\u200db")
    assert result.text == "zerowidthsoft evil ab"
    assert result.repairs == ["6 invisible characters removed"]
    assert clean_text("Y\ufeff and Z").repairs == ["1 invisible character removed"]


def test_kept_joiners_are_not_counted():
    assert clean_text("🏳\ufe0f\u200d🌈 می\u200cخواهم").repairs == []


def test_latex_conversions_are_counted():
    result = clean_text("Area $701 \\text{ km}^2$ and $19.3\\%$ of it, for $5 and $10")
    assert result.text == "Area 701 km² and 19.3% of it, for $5 and $10"
    assert result.repairs == ["2 LaTeX formulas converted to text"]


def test_all_repairs_are_reported_in_order():
    result = clean_text("\ufeffIt\u00e2\u20ac\u2122s \u200b$x^2$")
    assert result.text == "It’s x²"
    assert result.repairs == [
        "byte-order mark",
        "mojibake repaired on 1 line",
        "1 invisible character removed",
        "1 LaTeX formula converted to text",
    ]


def test_repairs_of_already_clean_text_are_empty():
    once = clean_text("\ufeffIt\u00e2\u20ac\u2122s \u200b$x^2$").text
    assert clean_text(once).repairs == []


# --- LaTeX fragments ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Area $701 \\text{ km}^2$ big", "Area 701 km² big"),
        ("$701 \\text{ km}^2$", "701 km²"),
        ("Rate $19.3\\%$ up", "Rate 19.3% up"),
        ("$10 \\times 3$", "10 × 3"),
        ("$x^{10}$", "x¹⁰"),
        ("$50\\,\\text{bn}$", "50 bn"),
        ("$\\approx 5\\,\\mathrm{kg}$", "≈ 5 kg"),
        # Money is not LaTeX.
        ("Costs $5 and $10", "Costs $5 and $10"),
        ("$5 and $", "$5 and $"),
    ],
)
def test_latex_fragments(text, expected):
    assert cleaned(text) == expected


# --- properties ---------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces that mojibake, invisible characters, joiners and junk are made of.
MOJIBAKE_PRONE = [
    *"âÃ€™©œ\u009d\u0161đź’”Ą\u00a0\u200b\u200c\u200d\ufe0f\ufeff\u202e\x07\r\n $\\^{}%—–“”‘’éüçÂĺ",
    "👨",
    "😀",
    "🏳",
    "🏽",
    "📰",
    "ی",
    "خ",
    "Tooltip",
    " Text",
    "Previous Post",
    " / ",
    "Next Post",
    "All News",
    " »",
    ":",
    "\u00e2\u20ac\u2122",
    "\u00c3\u00a9",
    "đź’”",
    "Share",
    "Tooltip Text",
    "Ad Code",
    "Read more",
    "\\text{",
    "km",
    "a",
    "B",
    " ",
    "\n",
]
mojibake_prone_text = st.lists(st.sampled_from(MOJIBAKE_PRONE), max_size=30).map("".join)

# Correct text, for producing mojibake from it: the words a codec can decode once encoded.
WORDS = [
    "café", "it’s", "“quoted”", "‘single’", "—", "–", "💔", "💥", "🇺🇦", "Zürich",
    "naïve", "Kraków", "São Paulo", "€5", "£3", "°C", "…", "•", "Київ", "łódź", "Šibenik",
    "Ukraine", "said", "the", " ", ", ", ". ", "\n", "\n\n",
]  # fmt: skip


def _decodable(codec: str) -> list[str]:
    words = []
    for word in WORDS:
        try:
            word.encode("utf-8").decode(codec)
        except UnicodeDecodeError:
            continue
        words.append(word)
    return words


@st.composite
def mojibake_of_good_text(draw):
    codec = draw(st.sampled_from(["cp1252", "cp1250"]))
    good = "".join(draw(st.lists(st.sampled_from(_decodable(codec)), min_size=1, max_size=12)))
    return good, good.encode("utf-8").decode(codec)


@PROPERTY_SETTINGS
@given(st.text())
def test_idempotent_on_arbitrary_text(text):
    once = cleaned(text)
    assert cleaned(once) == once


@PROPERTY_SETTINGS
@given(mojibake_prone_text)
def test_idempotent_on_mojibake_prone_text(text):
    once = cleaned(text)
    assert cleaned(once) == once


@PROPERTY_SETTINGS
@given(mojibake_of_good_text())
def test_idempotent_on_mojibake_of_good_text(pair):
    _, mojibake = pair
    once = cleaned(mojibake)
    assert cleaned(once) == once


@PROPERTY_SETTINGS
@given(mojibake_of_good_text())
def test_mojibake_cleans_to_what_the_good_text_cleans_to(pair):
    good, mojibake = pair
    assert cleaned(mojibake) == cleaned(good)


LEFTOVERS = re.compile(
    r"[\ufeff\u200b\u2060\u00a0\u00ad\u202a-\u202e\u2066-\u2069\x00-\x09\x0b-\x1f\x7f-\x9f\r]"
)
# A non-joiner may stay only between two letters (or marks) of an Arabic-script or Indic word.
STRAY_NON_JOINER = re.compile(
    r"(?<![\u0600-\u0dff\ufb50-\ufefe])\u200c|\u200c(?![\u0600-\u0dff\ufb50-\ufefe])"
)


@PROPERTY_SETTINGS
@given(st.one_of(st.text(), mojibake_prone_text))
def test_never_raises_and_leaves_no_invisible_characters(text):
    result = clean_text(text)
    assert isinstance(result.text, str)
    assert not LEFTOVERS.search(result.text)
    assert not STRAY_NON_JOINER.search(result.text)
    assert "\n\n\n" not in result.text
    assert all(isinstance(r, RemovedLine) and r.line >= 1 for r in result.removed)


@pytest.mark.parametrize(
    "text",
    [
        "📰📰📰📰📰",
        "📰" * 40 + " Share",
        "Tooltip" * 5 + " Text" * 5,
        "Tooltip" * 30 + " Text" * 30,
        "📰 " + "Tooltip" * 5 + " Text" * 5 + "📰 Read more",
    ],
)
def test_idempotent_on_repeated_junk(text):
    once = cleaned(text)
    assert cleaned(once) == once
    assert "📰" not in once
    assert "Tooltip Text" not in once


@pytest.mark.parametrize("gap", ["   ", "  \u00a0 ", "\u2003\u2003\u2003"])
def test_a_menu_row_is_told_by_the_wide_gaps_that_collapsing_spaces_hides(gap):
    menu = gap.join(["Sections", "Local", "Nation", "World", "Opinion", "Video"])
    cleaned = clean_text(f"CAPITAL POST\n{menu}\n\nMidair collision over the Potomac: live\n")
    assert "Sections" not in cleaned.text
    assert [r.reason for r in cleaned.removed] == ["site chrome (menu)"]
    # the same words with single spaces may be a heading: they stay
    assert "Sections Local" in clean_text("Sections Local Nation World Opinion Video\n").text
    assert clean_text(cleaned.text).text == cleaned.text
