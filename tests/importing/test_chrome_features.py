"""Chrome read by its features (briefings/importing/furniture.py): each cue is tested over
the whole vocabulary the code holds, against a sentence of reporting that uses the same
words, which must stay."""

import pytest

from briefings.importing import chrome, furniture
from briefings.importing.clean import clean_text

REPORTING = "{} was the word the minister used on Tuesday in Kyiv, officials said."


@pytest.mark.parametrize("verb", sorted(furniture.CTA_VERBS))
def test_a_call_to_action_is_chrome_and_a_sentence_opening_with_its_verb_is_not(verb):
    assert chrome.line_reason(f"{verb.title()} here") is not None
    assert chrome.line_reason(f"{verb.title()} to our newsletter now") is not None
    assert chrome.line_reason(REPORTING.format(verb.title())) is None


@pytest.mark.parametrize("word", sorted(furniture._STRONG_WORDS))
def test_a_site_word_alone_stays_and_goes_beside_other_chrome(word):
    assert furniture.feature_reason(word.title()) is None  # alone it may be a heading
    assert furniture.lone_word_reason(word.title(), lambda: True) is not None
    assert furniture.lone_word_reason(word.title(), lambda: False) is None
    assert chrome.line_reason(REPORTING.format(word.title())) is None


@pytest.mark.parametrize("word", sorted(furniture._STRONG_WORDS))
def test_a_menu_of_site_words_is_chrome(word):
    assert chrome.line_reason(f"Home | {word.title()} | World | Contact") is not None


@pytest.mark.parametrize("label", ["Watch", "Analysis", "Video", "Listen", "Opinion", "Explained"])
def test_a_teaser_is_chrome_once_the_text_has_begun_and_a_headline_above_it(label):
    line = f"{label}: Why the summer attacks are growing larger"
    assert furniture.teaser_reason(line, text_started=True) is not None
    assert furniture.teaser_reason(line, text_started=False) is None
    cleaned = clean_text(f"{line}\n\nRussia launched 40 drones overnight, the air force said.\n")
    assert cleaned.text.startswith(line)  # the headline stays


def test_captions_known_by_their_credit_go_once_the_headline_is_past():
    text = (
        "Drone debris sets fire to a block in Odesa\n\n"
        "Rescuers at the scene on Sunday. Photo: State Emergency Service\n\n"
        "A woman sleeps in a metro station during the alert\nPhoto: Nadia Petrenko\n\n"
        "Ten people were treated for smoke inhalation, the service said.\n"
    )
    cleaned = clean_text(text)
    assert [r.reason for r in cleaned.removed] == ["photo caption", "photo caption"]
    assert "Photo: Nadia Petrenko" in cleaned.text  # a credit line: the parser's business
    assert "Ten people were treated" in cleaned.text


@pytest.mark.parametrize(
    "line",
    [
        "Officials said the report was not for publication.",
        "The ministry said it would not share the figures, and asked you to wait.",
        "Share prices fell 3% on Monday.",
        "Save the Children said 40 children were killed in the strikes.",
        "Follow-up talks are planned in Geneva next week, the envoy said.",
        "End of the ceasefire",
    ],
)
def test_reporting_with_chrome_words_stays(line):
    assert chrome.line_reason(line) is None
    assert clean_text(f"Title\n\nFirst paragraph, officials said.\n\n{line}\n").removed == []


# Issue 13: a report's or a chat's frame around its text, known by its form.


@pytest.mark.parametrize(
    "line",
    [
        "For further information, please contact:",
        "Media enquiries: desk@relief.example.org",
        "Press officer, press@relief.example.org",
        "press@relief.example.org | +44 20 0000 0000",
        "ENDS",
        "-- END OF LOG --",
        "END OF ENTRIES FOR 3 JUNE",
        "[3] https://www.example.org/report/2025/06/03/",
        "Endnotes",
        "UNCLASSIFIED // FOR TRAINING ONLY",
        "<Media omitted>",
        "This message was deleted",
        "Oksana P joined #desk-live.",
        "Taras joined using this group's invite link",
        "Message #desk-live",
        ":fire: 3 :eyes: 2",
        "Terms of Use",
        "Was this forwarded to you? Sign up here.",
        "Newsletter: Get our morning briefing every day",
        "Download PDF (300 KB)",
        "The Daily Courier is an independent news organization serving readers since 1901.",
    ],
)
def test_a_report_s_frame_is_chrome(line):
    assert chrome.line_reason(line)


@pytest.mark.parametrize(
    "line",
    [
        "The ministry said the talks would end on Friday, its spokesman told reporters.",
        "Officials said the convoy joined the main road north of the city at dawn.",
        "Endnotes in the report list 40 sources, the authors said.",
        "The agency is an independent body that reports to parliament, the minister said.",
        "Contact with the crew was lost at 04:10, the coastguard said.",
        "Aid groups said they would download data from the sensors later.",
    ],
)
def test_reporting_about_the_same_things_stays(line):
    assert not chrome.line_reason(line)


# End marks by their shape: the word END in capitals, or between marks, whatever it ends.
END_WORDS = ["END", "ENDS", "END LOG", "END OF LOG", "END OF WATCH", "END OF TRANSMISSION"]
END_MARKS = ["{}", "// {} //", "-- {} --", "*** {} ***", "[{}]", "{} — next watch from 2000 hrs"]


@pytest.mark.parametrize(
    ("word", "mark"),
    # a tail after a dash follows only "END OF …"
    [(w, m) for w in END_WORDS for m in END_MARKS if "{} —" not in m or w.startswith("END OF")],
)
def test_an_end_mark_is_chrome_however_it_is_decorated(word, mark):
    assert chrome.line_reason(mark.format(word)) == "site chrome (end mark)"


@pytest.mark.parametrize(
    "line",
    [
        "End of the ceasefire",
        "End of an era for Merkel",
        "END — Ukraine signs the deal",
        "The ends justify the means, he said.",
        "Endgame in Kursk",
    ],
)
def test_a_headline_about_an_end_is_no_end_mark(line):
    assert chrome.line_reason(line) is None


@pytest.mark.parametrize(
    "row",
    [
        "www.humanitarianbulletin.example | @HumBulletin",
        "https://example.org/report · press@example.org",
        "@desk_kyiv • www.kyivdesk.example/contact",
    ],
)
def test_a_row_of_nothing_but_addresses_is_a_contact_line(row):
    assert chrome.line_reason(row) == "site chrome (contact)"


@pytest.mark.parametrize(
    "links",
    [
        "[Unsubscribe](https://x.example/u) | [Manage preferences](https://x.example/p)",
        "[Share on X](https://x.example/s) · [Copy link](https://x.example/c)",
    ],
)
def test_a_row_of_links_is_read_as_the_words_the_reader_sees(links):
    visible = furniture.MARKDOWN_LINK.sub(r"\1", links)
    assert chrome.line_reason(visible) is not None
    assert chrome.line_reason(links) == chrome.line_reason(visible)


@pytest.mark.parametrize(
    "line",
    [
        "Forwarded from Levant Watch Maps",
        "Comments are closed for this story.",
        "Comments are now disabled.",
        "For further information, please contact the coordination unit.",
        "Reading time: 4 minutes",
        "Write a comment",
    ],
)
def test_a_page_s_or_a_chat_s_own_notices_are_chrome(line):
    assert chrome.line_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "The minister declined to comment for this story.",
        "Comments by the minister were closed to the press, officials said on Monday.",
        "Add to that the cost of the new sanctions, analysts said.",
    ],
)
def test_reporting_about_comments_and_contacts_stays(line):
    assert chrome.line_reason(line) is None


@pytest.mark.parametrize("topic", ["election", "Ukraine war", "", "local"])
def test_the_links_under_a_more_coverage_heading_go(topic):
    heading = " ".join(["More", topic, "coverage"]).replace("  ", " ")
    lines = [
        "The count went on through the night, the returning officer said.",
        heading,
        "Full results for every North East seat",
        "",
    ]
    assert set(chrome.link_blocks(lines, lambda line: None)) == {1, 2}


@pytest.mark.parametrize("label", ["Read also", "Also read", "Related", "See also", "Read more"])
def test_a_link_label_is_chrome_wherever_it_stands_and_a_long_sentence_is_not(label):
    assert chrome.line_reason(f"{label}: Who is Ruben Vardanyan?") == "site chrome (related link)"
    assert furniture.teaser_reason(f"{label}: Who is Ruben Vardanyan?", text_started=False)
    long = f"{label}: " + "the ministry said the talks would go on " * 3
    assert chrome.line_reason(long) is None
