"""A page's controls and notices on lines of their own ("Print", "Load more updates",
"Story continues below advertisement", "Lire en français") are chrome, in any page's words;
sentences that open with the same words are kept."""

import pytest

from briefings.importing import chrome


@pytest.mark.parametrize(
    "line",
    [
        "Print",
        "Print this article",
        "Bookmark",
        "Refresh",
        "Next article",
        "Promoted content",
        "Hide caption",
        "Toggle caption",
        "Enlarge this image",
        "Open in app",
        "Jump to latest update",
        "Newest first",
        "Oldest first",
        "Sort by: newest",
        "Already a subscriber? Sign in",
        "Story continues below advertisement",
        "Continue reading the main story",
        "Was this article helpful?",
        "Send us your feedback",
        "Report an ad",
        "Ad feedback",
        "Lire en français",
        "Leer en español",
        "Tip us off",
        "Load more updates",
        "Show more",
        "See latest updates",
        "Listen · 4 min",
        "Contact the newsroom",
        "Have you been affected? Get in touch.",
        "**Load more**",
        "[Print]",
    ],
)
def test_page_controls_are_chrome(line):
    assert chrome.line_reason(line) == "site chrome (page control)"


@pytest.mark.parametrize(
    "line",
    [
        "Print media lost a third of their readers in ten years.",
        "Previous talks in Istanbul broke down after two days.",
        "Continue reading, the judge told the prosecutor, and he did.",
        "Refresh rates of the new screens were the talk of the fair.",
        "Load-shedding schedules were published for the next week.",
        "Oldest first-time voter in the district was 104.",
        "Listen to the people of Mariupol, the mayor said.",
        "Contact the families, the rescuers were told, before the names are published.",
    ],
)
def test_sentences_that_open_with_a_control_s_word_are_kept(line):
    assert chrome.line_reason(line) is None
