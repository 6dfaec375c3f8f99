"""Issue 13: documents read as an editor reads them: entries, order, chrome and titles."""

import datetime as dt
import json
from pathlib import Path

import pytest

from briefings.importing.chrome import line_reason
from briefings.importing.clean import clean_text
from briefings.importing.document import is_bullet
from briefings.importing.parse import ARTICLE, DIGEST, LIVE, parse_document

UTC = dt.UTC
TUNE = Path(__file__).resolve().parent / "corpus" / "tune"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# Documents promoted from the scored held-out rounds (200–226, 300–319, 400–429, 600–629,
# 700–729, 800–829, 830–859) or written for tuning (860–899) whose title is still wrong.
# Strict: a fix turns the test red until its name leaves here.
TITLE_MISSES = {"718", "726", "818", "832", "841", "847", "849", "880"}
PRECISION_MISSES = {"216", "600"}


def tune(misses):
    return [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="promoted, not fixed yet"))
        if p.name[:3] in misses
        else p
        for p in sorted(TUNE.glob("*.txt"))
    ]


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


def read(text, **kwargs):
    return parse_document(clean_text(text).text, **kwargs)


# Entries -----------------------------------------------------------------------------------


def test_a_headline_directly_above_its_stamp_belongs_to_the_entry_below():
    doc = read(
        "Kursk incursion, Aug. 8, 2024\n\n"
        "White House was not told in advance\n08:20 GMT\nJohn Kirby said so on Thursday.\n\n"
        "Russia declares an emergency\n07:10 GMT\nThe governor declared an emergency.\n"
    )
    assert [(e.headline, e.body) for e in doc.entries] == [
        ("White House was not told in advance", "John Kirby said so on Thursday."),
        ("Russia declares an emergency", "The governor declared an emergency."),
    ]


def test_a_headline_only_entry_is_an_update():
    doc = read(
        "Strikes on Dnipro, 21 November 2024\n\n"
        "Breaking: missile launch reported from Astrakhan"
        "published at 12:30 GMT 21 November 2024\n\n"
        "Damage in Dniprooublished\n\n"
        "Dnipro wakes to damaged buildingspublished at 08:05 GMT 21 November 2024\n\n"
        "Two people were injured.\n"
    )
    assert doc.entries[0].headline == "Breaking: missile launch reported from Astrakhan"
    assert doc.entries[0].posted_at == utc(2024, 11, 21, 12, 30)


@pytest.mark.django_db
def test_a_headline_only_update_is_loaded(tmp_path):
    from django.core.management import call_command

    (tmp_path / "log.txt").write_text(
        "Strikes, 21 November 2024\n\n12:30 GMT Missile launch reported from Astrakhan\n\n"
        "08:05 GMT\nTwo people were injured in Dnipro.\n"
    )
    call_command("import_briefings", "--no-registry", str(tmp_path), stdout=None)
    from briefings.models import Update

    assert Update.objects.filter(
        headline="Missile launch reported from Astrakhan", body=""
    ).exists()


def test_a_page_with_one_stamp_is_a_live_log_when_it_says_so():
    text = (
        "Home > World > Europe\nLIVE\nRussia fires 120 missiles at Ukraine's power grid\n"
        "Sunday, 17 November 2024\n\n09:55 GMT\nZelensky said Russia launched 120 missiles.\n"
    )
    doc = read(text)
    assert doc.kind == LIVE
    assert doc.title == "Russia fires 120 missiles at Ukraine's power grid"
    assert doc.entries[-1].posted_at == utc(2024, 11, 17, 9, 55)
    assert read(text.replace("LIVE\n", "")).kind != LIVE


def test_relative_stamps_are_placed_only_from_an_absolute_time():
    log = (
        "2m ago\nHungary will not join the loan.\n\n"
        "4m ago\n16.16 GMT\nNato chief: allies must go further\nMark Rutte spoke in Brussels.\n\n"
        "47m ago\n15.33 GMT\nBlinken promises aid\nAntony Blinken spoke.\n"
    )
    doc = read("Ukraine war live\nWed 13 Nov 2024 16.20 GMT\n\n" + log)
    assert [e.posted_at for e in doc.entries] == [
        utc(2024, 11, 13, 16, 18),
        utc(2024, 11, 13, 16, 16),
        utc(2024, 11, 13, 15, 33),
    ]
    alone = read("Ukraine war live, 13 Nov 2024\n\n2m ago\nOne.\n\n9m ago\nTwo.\n")
    assert [e.posted_at for e in alone.entries] == [None, None]
    assert any("no absolute time" in w for w in alone.warnings)


def test_a_key_events_box_repeating_headlines_is_not_entries():
    doc = read(
        "Ukraine war live\nWed 13 Nov 2024 16.20 GMT\n\nKey events\n4m ago\nNato chief speaks\n\n"
        "4m ago\n16.16 GMT\nNato chief speaks\nMark Rutte spoke in Brussels.\n"
    )
    assert [e.headline for e in doc.entries] == ["Nato chief speaks"]


# Order -------------------------------------------------------------------------------------


def test_an_entry_out_of_order_stays_on_its_day_and_is_named():
    doc = read(
        "Scholz and Putin speak, 15 November 2024\n\n14:30 GMT Third.\n\n"
        "15:10 GMT Posted late about an earlier call.\n\n12:00 GMT Second.\n\n09:00 GMT First.\n"
    )
    assert [e.posted_at.date() for e in doc.entries] == [dt.date(2024, 11, 15)] * 4
    late = [w for w in doc.warnings if "out of order" in w]
    assert len(late) == 1 and "15:10 GMT" in late[0]


def test_a_plausible_midnight_crossing_moves_the_day_and_is_named():
    doc = read(
        "Drones over Poland\nTuesday 9 September 2025\n\n23:30 GMT Jets scrambled.\n\n"
        "23:55 GMT Residents hear aircraft.\n\n00:40 GMT Airspace closed.\n"
    )
    assert [e.posted_at for e in doc.entries] == [
        utc(2025, 9, 9, 23, 30),
        utc(2025, 9, 9, 23, 55),
        utc(2025, 9, 10, 0, 40),
    ]
    assert any("crossing midnight" in w for w in doc.warnings)


# Chrome ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Sign up to First Edition",
        "Support independent journalism in Ukraine. Join us in rebuilding the country.",
        "Copyright 2024 BBC. All rights reserved.",
        "Sky News ©2024 Sky UK",
        "Home > World > Europe",
        "Print | Subscribe",
        "To watch our latest coverage from the front line, click here.",
        "Read also: Two years of full-scale war in ten photographs",
        "4 min read",
        "❤️ 1.2K 😢 980",
        "Our Standards: The Thomson Reuters Trust Principles., opens new tab",
        "This email was sent to you because you subscribed to the Evening Brief.",
        "Follow Sky News on WhatsApp",
    ],
)
def test_chrome_is_recognised_by_its_nature(line):
    assert line_reason(line)


def test_navigation_runs_and_related_links_go_and_are_reported():
    cleaned = clean_text(
        "World\nEurope\nUkraine\n\nTalks resume in Geneva\n\nDelegations met on Monday.\n\n"
        "More on this story\nUkraine fires missiles into Russia\nPublished 1 day ago\n"
    )
    assert cleaned.text == "Talks resume in Geneva\n\nDelegations met on Monday."
    assert {r.text for r in cleaned.removed} == {
        "World", "Europe", "Ukraine", "More on this story",
        "Ukraine fires missiles into Russia", "Published 1 day ago",
    }  # fmt: skip


def _sentences(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.split("\n")
        if len(line.split()) >= 6 and line.strip()[-1:] in '.!?”"’'
    ]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_no_sentence_of_a_seed_is_taken_for_chrome(path):
    raw = path.read_text(encoding="utf-8")
    removed = {r.text for r in clean_text(raw).removed if r.reason.startswith("site chrome")}
    assert not removed & set(_sentences(raw))


@pytest.mark.parametrize("path", tune(PRECISION_MISSES), ids=lambda p: p.name[:3])
def test_precision_on_the_tune_corpus_no_sentence_that_must_survive_is_removed(path):
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    removed = " ".join(r.text for r in clean_text(path.read_text(encoding="utf-8")).removed)
    assert not [s for s in gold["must_survive"] if s in removed]
    junk = set(gold["junk"])
    sentences = [r.text for r in clean_text(path.read_text(encoding="utf-8")).removed]
    assert not [s for s in sentences if s not in junk and _sentences(s) and len(s.split()) > 12]


# Titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", tune(TITLE_MISSES), ids=lambda p: p.name[:3])
def test_the_title_is_the_headline_never_chrome_or_empty(path):
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    doc = read(path.read_text(encoding="utf-8"))
    assert doc.title and doc.title not in gold["junk"]
    assert doc.title == gold["title"]


def test_a_photo_caption_above_the_headline_is_the_credit_never_the_title():
    doc = read(
        "Firefighters at the scene in Kyiv on Sunday. (AP Photo/Efrem Lukatsky)\n\n"
        "Drone debris sets Kyiv block on fire\n\nBy Hanna Arhirova\n\n"
        "KYIV, Ukraine (AP) — Falling debris set fire to a block, officials said.\n"
    )
    assert doc.title == "Drone debris sets Kyiv block on fire"
    assert doc.credit == "Firefighters at the scene in Kyiv on Sunday. (AP Photo/Efrem Lukatsky)"
    assert doc.byline == "Hanna Arhirova"


# Issue 13, entries as an editor sees them: composed documents, one rule each.


def test_numbered_points_that_carry_a_document_are_its_entries():
    doc = parse_document(
        "Daily assessment, 4 March 2025\n\nKey Takeaways:\n\n"
        "1. The ministry said the grid held through the night despite the strikes.\n\n"
        "2. Officials in the capital reported no damage to the water supply network.\n\n"
        "3. Talks on a ceasefire are set to resume in Geneva later this week.\n"
    )
    assert doc.kind == DIGEST
    assert [e.body.split()[0] for e in doc.entries] == ["The", "Officials", "Talks"]


def test_numbered_sections_head_their_numbered_paragraphs():
    doc = parse_document(
        "Situation report No. 4\n\n1. OVERVIEW\n\n"
        "1.1 Fighting around the town continued for a third day, local officials said.\n\n"
        "1.2 The hospital received 40 wounded people overnight, its director said.\n\n"
        "2. ACCESS\n\n2.1 The main road north remains closed to aid convoys since Monday.\n"
    )
    assert [(e.section, e.body.split()[0]) for e in doc.entries] == [
        ("1. OVERVIEW", "Fighting"),
        ("1. OVERVIEW", "The"),
        ("2. ACCESS", "The"),
    ]


def test_a_numbered_list_under_paragraphs_of_prose_stays_in_the_article():
    doc = parse_document(
        "Assessment\n\n"
        + "The ministry said that the grid held through the night despite heavy strikes on it.\n\n"
        * 3
        + "Key points:\n\n1. The grid held.\n2. No damage to water.\n"
    )
    assert doc.kind == ARTICLE and "1. The grid held." in doc.entries[0].body


def test_clocks_are_never_numbered_points():
    assert not is_bullet("9.15 Sirens sound across the city centre.")
    assert is_bullet("9. Sirens sound across the city centre.")


def test_a_headline_its_clock_and_its_author_in_one_row():
    doc = parse_document(
        "Storm live\n\n30 Oct 2024 · Last update: 19:34 CET\n\n"
        "Toll rises to 95 | 17:42 CET | Ana Ruiz\nThe minister said 95 people had died so far.\n\n"
        "Red alert kept | 14:05 CET | Jorge Gil\nThe weather agency kept its red warning.\n"
    )
    assert [(e.headline, e.byline, e.posted_at.hour) for e in doc.entries] == [
        ("Toll rises to 95", "Ana Ruiz", 16),
        ("Red alert kept", "Jorge Gil", 13),
    ]


def test_a_lede_that_points_to_the_log_below_is_the_standfirst():
    doc = parse_document(
        "Vote live\n\nParliament on Wednesday voted to bring down the government less than "
        "three months after it took office. Follow our live coverage below.\n\n"
        "21:40 The president will address the nation.\n\n20:49 The motion passed.\n",
        default_date=dt.date(2024, 12, 4),
    )
    assert len(doc.entries) == 2 and doc.standfirst.startswith("Parliament on Wednesday")


# Issue 13, titles: the real headline past the page's furniture, composed one rule each.


def lines(*parts):
    return "\n".join(parts) + "\n"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a breadcrumb over the headline
        (
            lines("Home / World / Storm live", "Storm live: floods hit the coast", "", "09:10 Go."),
            "Storm live: floods hit the coast",
        ),
        # a site's name over its menu, a label in capitals over the headline
        (
            lines(
                "Relief Aid International",
                "Who we are | Our work | News | Donate",
                "",
                "PRESS RELEASE",
                "",
                "Floods: aid reaches cut-off villages in the north",
                "",
                "Aid arrived on Monday.",
            ),
            "Floods: aid reaches cut-off villages in the north",
        ),
        # a masthead, then "LIVE" over the headline
        (
            lines(
                "The Evening Courier",
                "",
                "LIVE",
                "City council votes to close the old bridge",
                "",
                "9:10 a.m. ET",
                "The vote passed.",
                "",
                "8:40 a.m. ET",
                "Debate opened.",
            ),
            "City council votes to close the old bridge",
        ),
        # metadata lines with a date, a download link
        (
            lines(
                "Flood response: Update #2 for the northern districts",
                "",
                "Source: Relief Office",
                "Posted: 13 May 2024",
                "Download PDF (400 KB)",
                "",
                "- Aid reached 4,000 people.",
                "- Roads remain closed.",
            ),
            "Flood response: Update #2 for the northern districts",
        ),
        # a line that opens with the date is its dateline, not the headline
        (
            lines(
                "Evening roundup: bridge closed, aid arrives, talks resume",
                "Monday 13 May 2024 — compiled from agency copy",
                "",
                "1) The bridge closed.",
                "",
                "2) Aid arrived.",
            ),
            "Evening roundup: bridge closed, aid arrives, talks resume",
        ),
        # a channel's counts, a chat's topic with its posting rules, a wire tag
        (
            lines(
                "Border watch — channel posts",
                "channel · 12 400 subscribers",
                "Exported 02.01.2025 09:30",
                "",
                "23:48 Alert in the north.",
            ),
            "Border watch — channel posts",
        ),
        (
            lines(
                "#desk-live",
                "Topic: Night of strikes on the port · all times Odesa · threads for corrections",
                "",
                "Anna  1:47 AM",
                "Explosions near the port.",
            ),
            "Night of strikes on the port",
        ),
        (
            lines("(LEAD) Parliament votes to lift the decree within hours", "", "Text."),
            "Parliament votes to lift the decree within hours",
        ),
    ],
)
def test_the_title_is_found_past_the_page_s_furniture(text, title):
    assert parse_document(text, default_date=dt.date(2024, 5, 13)).title == title


def test_an_entry_s_edit_time_and_its_signature_stay_with_it():
    doc = parse_document(
        "Ceasefire live\n\nTimes are Israel time. Newest first.\n\n"
        "6:12 pm\nHostages cross the border\nThe army says three women have crossed back.\n"
        "By Dana Levi\nUpdated at 6:20 pm\n\n"
        "4:58 pm\nHanded to the Red Cross\nThe three were handed over in the city centre.\n"
        "By Amir Cohen\n",
        default_date=dt.date(2025, 1, 19),
    )
    assert [(e.headline, e.byline) for e in doc.entries] == [
        ("Hostages cross the border", "Dana Levi"),
        ("Handed to the Red Cross", "Amir Cohen"),
    ]
    assert all("By " not in e.body for e in doc.entries)


def test_a_chat_export_is_a_live_log_of_its_messages():
    doc = parse_document(
        lines(
            '23/07/2024, 08:02 - Anna K created group "Port desk: strike night (all times EET)"',
            "23/07/2024, 21:12 - Anna K: Explosions heard near the port, several fires reported.",
            "23/07/2024, 21:20 - Anna K: <Media omitted>",
            "23/07/2024, 21:44 - Ivan P: noted 👍",
            "23/07/2024, 22:05 - Ivan P: The governor says two people were hurt by debris.",
        )
    )
    assert doc.kind == LIVE and doc.title == "Port desk: strike night"
    assert [(e.byline, e.posted_at) for e in doc.entries] == [
        ("Anna K", dt.datetime(2024, 7, 23, 18, 12, tzinfo=dt.UTC)),
        ("Ivan P", dt.datetime(2024, 7, 23, 19, 5, tzinfo=dt.UTC)),
    ]


def test_a_report_s_sections_in_capitals_head_paragraphs_as_well_as_bullets():
    doc = parse_document(
        lines(
            "Flood update #2",
            "",
            "HIGHLIGHTS",
            "",
            "• More than 4,000 people were moved from the river villages since Friday.",
            "• Partners hand out water and food at the transit centre in the city.",
            "",
            "SITUATION OVERVIEW",
            "",
            "Rain kept falling over the weekend in the north of the region, forcing more "
            "people to leave their homes, the authorities said.",
        )
    )
    assert [(e.section, e.body.split()[0]) for e in doc.entries] == [
        ("HIGHLIGHTS", "More"),
        ("HIGHLIGHTS", "Partners"),
        ("SITUATION OVERVIEW", "Rain"),
    ]


def test_paragraphs_that_open_with_a_label_sentence_are_a_digest_s_items():
    doc = parse_document(
        lines(
            "Region update, 2 March 2025",
            "",
            "This update covers what happened in the region in the past day.",
            "",
            "Toplines",
            "",
            "Strikes on the port. Drones hit grain silos at the port overnight, the governor "
            "said, and two workers were hurt.",
            "",
            "Talks in Geneva. Delegations met for a second day and agreed to meet again next "
            "week, a mediator said.",
            "",
            "Power cuts. The grid operator said supply would be rationed in three regions "
            "until repairs are done.",
        )
    )
    assert doc.kind == DIGEST
    assert [e.headline for e in doc.entries] == [
        "Strikes on the port.",
        "Talks in Geneva.",
        "Power cuts.",
    ]
    assert doc.entries[0].body.startswith("Drones hit") and doc.entries[0].section == "Toplines"


def test_prose_whose_paragraphs_sometimes_open_short_stays_an_article():
    doc = parse_document(
        lines(
            "Talks resume",
            "",
            "It was not easy. The delegations met for a second day in Geneva on Monday.",
            "",
            "Mr. Smith spoke first. He told reporters the talks would go on all week long.",
            "",
            "The mediator said both sides had agreed on the agenda for the coming days, and "
            "that a first document could be signed by Friday if the talks went well.",
            "",
            "Officials in both capitals declined to comment on the details of the agenda or "
            "on who would sign any document, citing the sensitivity of the talks.",
        )
    )
    assert doc.kind == ARTICLE


# Headings each over a paragraph of their own: the marks differ from one newsletter or report
# to the next, the shape does not.
HEADING_MARKS = ["{}", "### {}", "▸ {}", "**{}**", "{n}. {}", "### {n}. {}"]
ITEMS = [
    ("The offensive", "Troops crossed the line before dawn and took three villages by noon, "
     "the ministry said."),
    ("The exodus", "More than 90,000 people had crossed the border by Thursday evening, "
     "according to figures from the agency."),
    ("The arrest", "Border guards detained the former minister as he tried to leave the "
     "region, the state agency said."),
    ("The decree", "The leader signed a decree dissolving the region's institutions by "
     "1 January, the office said."),
]  # fmt: skip


@pytest.mark.parametrize("mark", HEADING_MARKS)
@pytest.mark.parametrize("upper", [False, True])
def test_short_headings_each_over_a_paragraph_are_a_digest_s_items(mark, upper):
    text = ["Region week: an offensive and an exodus", "", "Good morning. Four things."]
    for n, (heading, paragraph) in enumerate(ITEMS, start=1):
        heading = heading.upper() if upper else heading
        text += ["", mark.format(heading, n=n), paragraph]
    doc = parse_document("\n".join(text), default_date=dt.date(2024, 9, 29))
    assert doc.kind == DIGEST
    assert [e.body.split()[0] for e in doc.entries] == ["Troops", "More", "Border", "The"]
    assert doc.entries[1].headline.endswith("EXODUS" if upper else "exodus")
    assert doc.standfirst == "Good morning. Four things."


def test_an_article_whose_crossheads_stand_over_several_paragraphs_stays_an_article():
    paragraph = "The delegations met for a second day in Geneva on Monday and went on talking."
    text = ["Talks resume in Geneva", "", paragraph]
    for heading in ("The agenda", "The sticking points", "What comes next"):
        text += ["", heading, paragraph, "", paragraph, "", paragraph]
    doc = parse_document("\n".join(text), default_date=dt.date(2024, 9, 29))
    assert doc.kind == ARTICLE and len(doc.entries) == 1


@pytest.mark.parametrize("mark", ["—", "▸"])  # "– " is a bullet already
def test_labelled_paragraphs_behind_a_dash_are_a_digest_s_items(mark):
    text = ["Balkan brief, 16 March 2025"]
    for label, (_, paragraph) in zip(("Belgrade", "Sound device", "Bosnia"), ITEMS, strict=False):
        text += ["", f"{mark} {label}: {paragraph}"]
    doc = parse_document("\n".join(text))
    assert doc.kind == DIGEST
    assert [e.headline for e in doc.entries] == ["Belgrade:", "Sound device:", "Bosnia:"]


@pytest.mark.parametrize("separator", ["|", "·", "•"])
@pytest.mark.parametrize("notice", ["oldest first", "This blog is closed", "Live"])
def test_a_row_that_declares_the_page_s_zone_is_not_chrome(separator, notice):
    row = f"13.12.2024 {separator} All times CET (UTC+1) {separator} {notice}"
    cleaned = clean_text(
        f"Coalition collapses\n{row}\n\n21:24\nThe chancellor spoke.\n\n"
        "18:05\nThe coalition committee met.\n"
    )
    assert row in cleaned.text
    doc = parse_document(cleaned.text)
    assert times(doc) == [utc(2024, 12, 13, 20, 24), utc(2024, 12, 13, 17, 5)]


def times(doc):
    return [e.posted_at for e in doc.entries]


@pytest.mark.parametrize("label", ["Key points", "Summary", "At a glance", "What we know", ""])
@pytest.mark.parametrize("bullet", ["-", "•", "*"])
def test_a_list_above_a_live_log_s_first_stamp_is_the_standfirst(label, bullet):
    box = "\n".join(
        f"{bullet} {item}"
        for item in (
            "Employers' national insurance up to 15% from April",
            "Capital gains tax rates rise; inheritance tax thresholds frozen to 2030",
            "Fuel duty frozen again",
        )
    )
    doc = read(
        f"Budget live: taxes rise\nWednesday 30 October 2024\n\n{label}\n{box}\n\n"
        "16:40\nThe institute said the measures would lift taxes.\n\n"
        "15:15\nThe opposition leader said working people would pay.\n"
    )
    assert [e.body.split()[0] for e in doc.entries] == ["The", "The"]
    assert "Fuel duty frozen again" in doc.standfirst


@pytest.mark.parametrize(
    "dateline", ["DHAKA, Aug 5 (Reuters) - ", "DHAKA (AP) — ", "Dhaka, 5 August 2024 — ", ""]
)
@pytest.mark.parametrize("adjective", ["Running", "Rolling", "Live", "Our"])
def test_a_lede_about_the_coverage_is_the_standfirst_behind_a_dateline(dateline, adjective):
    doc = read(
        "Hasina resigns and flees, 5 August 2024\n\n"
        f"{dateline}{adjective} coverage of the protests that brought down Prime Minister "
        "Sheikh Hasina. Times GMT.\n\n"
        "0615 GMT - Hundreds of thousands of people are marching on Dhaka.\n\n"
        "0845 GMT - Sheikh Hasina has resigned and left her official residence.\n"
    )
    assert [e.posted_at for e in doc.entries] == [
        utc(2024, 8, 5, 6, 15),
        utc(2024, 8, 5, 8, 45),
    ]
    assert "coverage of the protests" in doc.standfirst


@pytest.mark.parametrize("separator", ["·", "|", "•"])
@pytest.mark.parametrize("zone", ["times are Kyiv time", "all times CET", "All times GMT+2"])
def test_a_row_that_declares_the_zone_under_a_short_name_is_not_the_title(separator, zone):
    doc = read(
        f"Poltava Region Today\nchannel {separator} regional news {separator} {zone}\n\n"
        "Two missiles hit an institute in Poltava, the governor says.\n👁 45.2K  09:41\n\n"
        "Rescuers pulled 11 people alive from the rubble.\n👁 38.0K  15:20\n",
        default_date=dt.date(2024, 9, 3),
    )
    assert doc.title == "Poltava Region Today"


@pytest.mark.parametrize("issue", ["Issue 47", "No. 47", "#47", "Edition 47", "Vol. 3"])
@pytest.mark.parametrize("separator", ["—", "·", "|", "-"])
def test_a_newsletter_s_name_and_issue_number_is_its_masthead(issue, separator):
    doc = read(
        f"SAHEL WEEKLY {separator} {issue}\n"
        "Mali, Burkina Faso and Niger announce they are leaving ECOWAS\n\n"
        "The military governments said in a joint statement read on state television that "
        "they were leaving the bloc without delay.\n",
        default_date=dt.date(2024, 1, 29),
    )
    assert doc.title == "Mali, Burkina Faso and Niger announce they are leaving ECOWAS"


def test_a_headline_in_sentence_case_stands_over_a_deck_that_carries_the_date():
    text = (
        "Moldova votes on EU membership and a president\n"
        "Referendum and presidential first round: running results, Sunday 20 October 2024\n\n"
        "21:00\nPolls have closed, the electoral commission said.\n\n"
        "22:40\nWith a third of protocols counted, No leads.\n"
    )
    assert read(text).title == "Moldova votes on EU membership and a president"
    # a name in capitals over the dated title is the masthead
    masthead = read(
        "Institute for the Study of War\n\n"
        "Russian Offensive Campaign Assessment, February 3, 2025\n\n"
        "Russian forces advanced near Pokrovsk, according to geolocated footage published "
        "on Sunday.\n"
    )
    assert masthead.title == "Russian Offensive Campaign Assessment, February 3, 2025"
