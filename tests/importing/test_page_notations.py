"""Notations a page uses for all its entries, read by their place on the page rather than by
a list of outlets' layouts: a numeric day before each clock (month and day in the order the
run of stamps shows), a stamp with a day but no year under each entry, "— 35 min ago" after
each headline, a table of times, a date written year first, any symbol as a bullet, and the
masthead, deck and dated nameplate around a headline. Tested on documents composed here,
never on the corpus files."""

from datetime import date

import pytest

from briefings.importing import dates, dating, places, zones
from briefings.importing.attribution import attribute, split_caption_credit
from briefings.importing.chrome import line_reason
from briefings.importing.datelines import find_dateline
from briefings.importing.document import DIGEST, LIVE, is_bullet
from briefings.importing.furniture import teaser_reason
from briefings.importing.match import _CAPITALISED
from briefings.importing.timestamps import find_stamp

from .test_general_readers import read, times, utc
from .test_names_round6 import found

HEAD = (
    "Harbour storm: live updates\n"
    "A storm hit the coast on Saturday 4 January 2025. (Times are Lisbon time.)\n\n"
)
TEXTS = [
    "Waves of eight metres were recorded at the harbour wall, the port authority said.",
    "The coastguard has closed the estuary to all shipping until further notice.",
    "Power has been cut to 12,000 homes in the northern districts, the grid operator said.",
    "The mayor asked residents to stay indoors until the wind drops on Sunday morning.",
]


# A numeric day before the clock --------------------------------------------------------


@pytest.mark.parametrize(
    "stamps, expected_days",
    [
        # month first: "1/4", "1/5" — days apart, not months
        (["[1/4 16:10]", "[1/4 22:40]", "[1/5 01:15]", "[1/5 06:05]"], [4, 4, 5, 5]),
        # day first, settled by a number above 12 nowhere: the nearer reading again
        (["[4/1 16:10]", "[4/1 22:40]", "[5/1 01:15]", "[5/1 06:05]"], [4, 4, 5, 5]),
        # day first, dots, no brackets
        (["4.1 16:10 —", "4.1 22:40 —", "5.1 01:15 —", "5.1 06:05 —"], [4, 4, 5, 5]),
        # newest first, month first in round brackets
        (["(1/5 06:05)", "(1/5 01:15)", "(1/4 22:40)", "(1/4 16:10)"], [5, 5, 4, 4]),
    ],
)
def test_a_numeric_day_before_each_clock_dates_each_entry(stamps, expected_days):
    body = "\n\n".join(f"{stamp} {text}" for stamp, text in zip(stamps, TEXTS, strict=True))
    doc = read(HEAD + body + "\n")
    assert doc.kind == LIVE
    assert [t.day for t in times(doc)] == expected_days
    clocks = sorted(t.strftime("%H:%M") for t in times(doc))
    assert clocks == ["01:15", "06:05", "16:10", "22:40"]  # Lisbon keeps UTC in January
    assert [e.body for e in doc.entries] == TEXTS


def test_numeric_days_that_make_no_calendar_days_are_left_alone():
    body = "\n\n".join(f"[{n}/{n + 20} 1{n}:10] {text}" for n, text in enumerate(TEXTS, start=14))
    doc = read(HEAD + body + "\n")
    assert not any(e.body.startswith(t) for e in doc.entries for t in TEXTS[1:])


# A day without its year under each entry -----------------------------------------------


@pytest.mark.parametrize(
    "posted",
    [
        "Posted at {clock} IST | Aug 23",
        "Posted at {clock} IST, 23 August",
        "Posted on Aug 23 at {clock} IST",
    ],
)
def test_posted_at_with_a_day_but_no_year_is_each_entry_s_stamp(posted):
    clocks = ["6:20 PM", "6:04 PM", "5:45 PM"]
    body = "\n\n".join(
        f"Headline number {n}\n{text}\n{posted.format(clock=clock)}"
        for n, (clock, text) in enumerate(zip(clocks, TEXTS, strict=False), start=1)
    )
    text = "Moon landing LIVE: the lander touches down\nUpdated: Aug 23, 2023, 18:35 IST\n\n" + body
    doc = read(text + "\n")
    assert times(doc) == [
        utc(2023, 8, 23, 12, 50),
        utc(2023, 8, 23, 12, 34),
        utc(2023, 8, 23, 12, 15),
    ]
    assert doc.entries[0].headline == "Headline number 1"


def test_posted_at_with_a_full_date_still_dates_the_page():
    stamp = find_stamp("Published 6:20 PM IST | Aug 23, 2023")
    assert stamp.style == "meta" and stamp.day == date(2023, 8, 23)


# "— 35 min ago" after each headline ----------------------------------------------------


@pytest.mark.parametrize("tail", ["— {n} min ago", "| {n}m ago", "- {n} mins ago"])
def test_a_relative_stamp_after_each_headline_places_each_entry(tail):
    text = (
        "Storm live: roads close across the coast\nLast updated: January 4, 2025 | 21:05 (GMT)\n\n"
    )
    for n, body in zip((5, 35, 95), TEXTS, strict=False):
        text += f"Headline {n} {tail.format(n=n)}\n{body}\n\n"
    doc = read(text)
    assert doc.kind == LIVE and len(doc.entries) == 3
    assert [e.headline for e in doc.entries] == ["Headline 5", "Headline 35", "Headline 95"]
    assert times(doc) == [utc(2025, 1, 4, 21, 5), utc(2025, 1, 4, 20, 35), utc(2025, 1, 4, 19, 35)]


def test_one_headline_ending_in_ago_is_a_headline():
    doc = read(
        "Storm news\n\nA look back — 10 years ago\nThe last storm of this size hit in 2015.\n"
    )
    assert len(doc.entries) == 1


# A table of times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, zone_line", [("Time (Lisbon)", ""), ("Time", "All times Lisbon.\n\n")]
)
def test_a_markdown_table_of_times_is_a_log(heading, zone_line):
    rows = [("16:10", TEXTS[0]), ("14:05", TEXTS[1]), ("09:32", TEXTS[2])]
    text = (
        "Storm hits the coast\n\nLisbon, 4 July 2025.\n\n" + zone_line
        + f"| {heading} | Update |\n|---|---|\n"
        + "".join(f"| {clock} | {body} |\n" for clock, body in rows)
    )  # fmt: skip
    doc = read(text)
    assert doc.kind == LIVE
    assert times(doc) == [utc(2025, 7, 4, 15, 10), utc(2025, 7, 4, 13, 5), utc(2025, 7, 4, 8, 32)]
    assert [e.body for e in doc.entries] == TEXTS[:3]


def test_a_table_of_figures_stays_text():
    text = (
        "Storm figures\n\nThe storm in numbers.\n\n| Place | Rain |\n|---|---|\n"
        "| Porto | 80 mm |\n| Braga | 95 mm |\n"
    )
    doc = read(text, default_date=date(2025, 1, 4))
    assert "| Porto | 80 mm |" in doc.entries[0].body


# Dates written year first ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, day",
    [("2024/02/22 (16:05 JST)", date(2024, 2, 22)), ("Published 2024.2.3", date(2024, 2, 3))],
)
def test_a_date_written_year_first_is_read(text, day):
    assert dates.dates_in(text) == [day]


def test_a_version_number_is_no_date():
    assert dates.dates_in("Firmware 1.2024.02.22x") == []


# Any symbol as a bullet -------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["▸", "◆", "➤", "✦", "🔹", "►"])
def test_any_symbol_before_each_point_makes_a_digest(mark):
    items = [f"{mark} {text} (Reuters)" for text in TEXTS[:3]]
    doc = read(
        "Coast digest: the storm in three points\n\n" + "\n\n".join(items) + "\n",
        default_date=date(2025, 1, 4),
    )
    assert doc.kind == DIGEST
    assert [e.body for e in doc.entries] == TEXTS[:3]
    assert [[c.name for c in e.citations] for e in doc.entries] == [["Reuters"]] * 3


@pytest.mark.parametrize(
    "text", ["🔬 SCIENCE", "▸ The exodus", "▸ Belgrade: talks resume on Monday."]
)
def test_a_symbol_before_a_heading_or_label_is_no_point(text):
    assert not is_bullet(text)


# Around the headline ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "top",
    [
        "The Harbour Courier\n{nav}\n{headline}",  # the paper's name over its menu
        "Harbour Courier — Coast Edition\n{headline}",
        "HARBOUR BRIEFING — Saturday, 4 January 2025\n{headline}",  # a dated nameplate
        "THE HARBOUR TIMES\n{nav}\n{headline}\n"
        "A deck that says more about the storm than the headline does\nBy Ana Costa, Staff writer",
    ],
)
def test_the_headline_is_found_under_mastheads_and_over_decks(top):
    headline = "Storm closes the harbour as waves reach eight metres"
    nav = "News | Business | Sport | Weather"
    text = top.format(nav=nav, headline=headline) + "\n\n" + TEXTS[0] + "\n"
    doc = read(text, default_date=date(2025, 1, 4))
    assert doc.title == headline


# A mission's or a match's own clock before the wall clock -------------------------------


@pytest.mark.parametrize(
    "elapsed", [["T+00:00:00", "T+00:02:42", "T+01:05:40"], ["12'", "45+2'", "67’"]]
)
def test_the_wall_clock_after_an_elapsed_time_is_the_stamp(elapsed):
    clocks = ["7:25 a.m. CDT", "7:27 a.m. CDT", "8:30 a.m. CDT"]
    body = "\n\n".join(
        f"{mark} ({clock}) — {text}"
        for mark, clock, text in zip(elapsed, clocks, TEXTS, strict=False)
    )
    doc = read("Launch day: live\n\n" + body + "\n", default_date=date(2024, 10, 13))
    assert times(doc) == [
        utc(2024, 10, 13, 12, 25),
        utc(2024, 10, 13, 12, 27),
        utc(2024, 10, 13, 13, 30),
    ]
    assert doc.entries[1].body == f"{elapsed[1]} {TEXTS[1]}"  # the elapsed time is kept


# Where the page is -------------------------------------------------------------------------


@pytest.mark.parametrize("city, zone", [("RIYADH", "Asia/Riyadh"), ("ISLAMABAD", "Asia/Karachi")])
def test_a_city_in_capitals_with_a_colon_is_a_dateline(city, zone):
    dateline = find_dateline(f"{city}: The government said on Wednesday that talks would resume.")
    assert dateline.zone == zone


@pytest.mark.parametrize("label", ["BREAKING", "UPDATE", "WATCH", "ANALYSIS", "CORRECTION"])
def test_a_label_in_capitals_with_a_colon_is_no_dateline(label):
    assert (
        find_dateline(f"{label}: The government said on Wednesday that talks would resume.") is None
    )


def test_an_unknown_place_s_time_with_its_offset_in_brackets_declares_the_zone():
    line = "Millions voted on Sunday. All times below are central Mexico time (GMT-6)."
    assert zones.find_zone_in_sentence(line) == "Etc/GMT+6"


# The advertisement's label in the page's language ------------------------------------------


@pytest.mark.parametrize("label", ["Publicidad", "PUBLICIDADE", "Anzeige", "Reklama", "Pubblicità"])
def test_an_advertisement_label_in_any_language_is_chrome(label):
    assert line_reason(label)


def test_a_sentence_about_advertising_is_kept():
    assert not line_reason("Publicidad en la televisión pública fue prohibida en 2010, dijo.")


@pytest.mark.parametrize(
    "stamp", ["July 24 | 11:20 a.m. MT", "24 July — 11:20 MDT", "Wed, July 24 - 11:20 am MT"]
)
def test_a_day_before_its_clock_behind_a_bar_or_dash_dates_the_stamp(stamp):
    found = find_stamp(stamp)
    assert (found.partial_day, found.author) == ((7, 24), "")
    assert found.clock.hour == 11


def test_a_name_before_its_clock_is_who_posted_it():
    assert find_stamp("Marta Kowalczyk — 19:40").author == "Marta Kowalczyk"


def test_a_day_header_with_a_comma_after_the_day_dates_its_entries():
    assert dates.find_date_header("WEDNESDAY 1, MARCH 2023") == (date(2023, 3, 1), None)


@pytest.mark.parametrize(
    "line, chrome",
    [
        ("Home News Politics Business Sport Opinion Videos", True),  # separators lost
        ("Sport and Culture in the News", False),  # a phrase of the same words
        ("World News Live", False),  # too short to tell from a heading
    ],
)
def test_a_menu_whose_separators_were_lost_is_chrome(line, chrome):
    assert bool(line_reason(line)) == chrome


@pytest.mark.parametrize(
    "line, credit",
    [
        (
            "Ishiba won the vote on his fifth try, beating Takaichi in the runoff (via Kyodo)",
            None,
        ),
        ("Rescuers search the rubble in Kharkiv (via Reuters)", "via Reuters"),
        ("Protesters outside the court (Screenshot via WBAL-TV)", "Screenshot via WBAL-TV"),
    ],
)
def test_via_after_a_sentence_of_reporting_cites_and_after_a_caption_credits(line, credit):
    assert split_caption_credit(line)[1] == credit


# The page's top -------------------------------------------------------------------------------

MENU = "News | Sport | Entertainment | Business | Lifestyle | Culture | Player | Weather"


@pytest.mark.parametrize(
    "masthead, headline",
    [
        ("RTÉ", "Storm warning extended to the entire country"),
        ("The Daily Courier", "[Live] Curfew declared as lawmakers vote to lift it"),
        ("Diario del Sur", "EN VIVO | Incendios en la región: el presidente decreta duelo"),
        ("Harbour Mirror", "LIVE | Presidential Election 2024: second count decides"),
    ],
)
def test_the_headline_under_a_long_menu_and_a_live_label_is_the_title(masthead, headline):
    text = f"{masthead}\n{MENU}\n{headline}\nUpdated / Thursday, 23 Jan 2025 12:47\n\n{TEXTS[0]}\n"
    assert read(text).title == headline


def test_a_lede_of_two_sentences_is_no_headline():
    text = (
        "LatAm Daily\nThursday, 27 June 2024 — No. 612\n\n"
        "Buenos días. A failed uprising dominates the morning, and Congress votes. Five things:\n\n"
        + "\n\n".join(f"{n} | {t}" for n, t in enumerate(TEXTS, start=1))
        + "\n"
    )
    doc = read(text)
    assert doc.title == "LatAm Daily"
    assert doc.kind == DIGEST and [e.body for e in doc.entries] == TEXTS  # "1 | …" items


# Clocks and page times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, clock, day",
    [
        ("Last Updated: Tue, Jun 04 2024. 04 12 PM IST", "16:12", date(2024, 6, 4)),
        ("Stand: 24.02.2025, 01:12 Uhr", "01:12", date(2025, 2, 24)),
        ("Mis à jour le 9 septembre 2023 à 22h10", "22:10", date(2023, 9, 9)),
        ("Actualizado: 14/07/2024 23:50", "23:50", date(2024, 7, 14)),
    ],
)
def test_the_page_s_updated_time_in_its_words_and_notation(line, clock, day):
    stamp = find_stamp(line)
    assert (stamp.clock.strftime("%H:%M"), stamp.day) == (clock, day)


def test_a_byline_with_a_date_and_a_clock_stamps_the_article():
    stamp = find_stamp("by Andrei Munteanu | 18.05.2025 | 23:20")
    assert (stamp.author, stamp.day, stamp.clock.hour) == ("Andrei Munteanu", date(2025, 5, 18), 23)


def test_a_byline_above_a_photo_credit_is_no_caption():
    text = (
        "Romania Insider\nRunoff won by the Bucharest mayor, partial results show\n"
        "by Andrei Munteanu | 18.05.2025 | 23:20\nPhoto: Inquam Photos\n\n" + TEXTS[0] + "\n"
    )
    doc = read(text, default_zone="Europe/Bucharest")
    assert doc.entries[0].posted_at == utc(2025, 5, 18, 20, 20)


def test_dashes_before_each_clock_are_the_page_s_stamps():
    body = "\n\n".join(
        f"- {clock} IST Headline {n}\n{text}"
        for n, (clock, text) in enumerate(
            zip(["04.12 pm", "03.31 pm", "12.45 pm"], TEXTS[:3], strict=True), 1
        )
    )
    doc = read("Counting day LIVE\nTuesday, 4 June 2024\n\n" + body + "\n")
    assert doc.kind == LIVE
    assert times(doc) == [utc(2024, 6, 4, 10, 42), utc(2024, 6, 4, 10, 1), utc(2024, 6, 4, 7, 15)]


# Where a page is ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, zone",
    [
        ("Domingo, 2 de junio de 2024 · Hora del centro de México", "America/Mexico_City"),
        ("Toutes les heures sont à l’heure de Paris", "Europe/Paris"),
        ("Horário de Brasília", "America/Sao_Paulo"),
    ],
)
def test_a_place_s_time_declared_in_the_page_s_language(line, zone):
    assert dating.find_document_zone([line, "", "18:00 horas · Cierran las casillas"])[0] == zone


@pytest.mark.parametrize("spelling", ["Marrakech", "México"])
def test_a_big_city_s_other_spelling_is_the_city(spelling):
    assert places.city_zone(spelling) in {"Africa/Casablanca", "America/Mexico_City"}


@pytest.mark.parametrize("word", ["The", "Dacca", "Peking"])  # not close to today's name
def test_a_big_city_s_old_or_foreign_name_is_not_read_as_it(word):
    assert places.city_zone(word) is None


def test_places_in_the_page_s_top_count_twice():
    top = [
        "LIVE UPDATES: ex-president flown out of Manila",
        "He was arrested at the airport on arrival from Hong Kong.",
        "Refresh this page for the latest.",
    ]
    entries = [
        ("11:03 PM", "The plane left for The Hague, where the court is ready."),
        ("10:15 PM", "Lawyers in The Hague said the hearing could be on Friday."),
        ("09:20 PM", "His daughter, in Kuala Lumpur, called it a kidnapping."),
        ("08:40 PM", "A court official confirmed the warrant."),
    ]
    lines = top + [line for clock, text in entries for line in ("", clock, text)]
    # Manila and Hong Kong twice, Kuala Lumpur once: five on UTC+8, two in The Hague
    assert dating.find_document_zone(lines, date(2025, 3, 11)) == ("Asia/Manila", "places")
    # the same places lower down make no majority
    lines = top[2:] + [line for clock, text in entries for line in ("", clock, text)] + top[:2]
    assert dating.find_document_zone(lines, date(2025, 3, 11)) == (None, "")


# Labels in front of headlines -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line, teaser",
    [
        ("More than 800 shelters open, but few occupied", False),  # a headline's first word
        ("Live music returns to the harbour front tonight", False),
        ("More: Shelters open across the island", True),
        ("WATCH Firefighters tackle the blaze", True),
        ("Previous log: the summit dinner", True),
        ("More in Politics", True),
    ],
)
def test_a_label_in_front_of_a_headline_is_set_off(line, teaser):
    assert bool(teaser_reason(line, text_started=True)) == teaser


# Outlets in a list, joined by words --------------------------------------------------------


@pytest.mark.parametrize(
    "tail, cited",
    [
        ("[Xinhua; analysis in The Diplomat]", ["Xinhua", "The Diplomat"]),
        ("— The Astana Times, with detail from Reuters", ["The Astana Times", "Reuters"]),
        ("Source: Kun.uz; see also AFP", ["Kun.uz", "AFP"]),
        ("— El Deber, AP", ["El Deber", "AP"]),
        ("Reported by the Solomon Star", ["Solomon Star"]),
        ("(TOLOnews 12/05/2024, Reuters 13/05/2024)", ["TOLOnews", "Reuters"]),
    ],
)
def test_a_list_of_outlets_joined_by_words_cites_each(tail, cited):
    known = {"Xinhua", "Reuters", "AFP", "AP"}
    found = attribute(f"The ministers met on Monday and agreed a plan. {tail}", known.__contains__)
    assert [c.name for c in found.citations] == cited


@pytest.mark.parametrize("phrase", ["según ESPN", "selon Franceinfo"])
def test_according_to_in_the_page_s_language_cites(phrase):
    found = attribute(
        f"Miles de hinchas intentaron entrar sin entrada, {phrase}.", {"ESPN"}.__contains__
    )
    assert [c.name for c in found.citations] == [phrase.split()[1]]


def test_a_dash_before_a_reporter_s_names_cites_nobody():
    assert (
        attribute("Talks resumed on Monday. — Jane Smith, Tom Roe", set().__contains__).citations
        == []
    )


# A name's particles stand inside it ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, runs",
    [
        (
            "la Corporación Nacional Forestal de Valparaíso dijo",
            ["Corporación Nacional Forestal de Valparaíso"],
        ),
        ("En Sonora la votación", ["En Sonora"]),
        ("Charles de Gaulle airport", ["Charles de Gaulle"]),
        ("Ursula von der Leyen said", ["Ursula von der Leyen"]),
        ("Abu Bakr al-Baghdadi met al-Assad", ["Abu Bakr al-Baghdadi", "al-Assad"]),
    ],
)
def test_a_name_never_starts_or_ends_with_a_particle(text, runs):
    assert [m.group(0) for m in _CAPITALISED.finditer(text)] == runs


# A newsletter's name over its tagline -------------------------------------------------------


@pytest.mark.parametrize(
    "tagline",
    [
        "European football's morning read",
        "Politics, money and power before your first coffee",
        "The week in Latin America, in five minutes",
    ],
)
def test_a_tagline_is_never_the_title(tagline):
    text = f"THE TOUCHLINE\n{tagline}\nSaturday, 31 May 2025\n\n" + "\n\n".join(
        f"• {t} (Reuters)" for t in TEXTS[:3]
    )
    assert read(text + "\n").title == "THE TOUCHLINE"


def test_an_issue_s_title_with_a_colon_is_kept():
    text = "Morning Briefing: harbour closes as the storm hits\n\n" + "\n\n".join(
        f"• {t} (Reuters)" for t in TEXTS[:3]
    )
    assert read(text + "\n", default_date=date(2025, 1, 4)).title.startswith("Morning Briefing:")


@pytest.mark.parametrize(
    "text, actors",
    [
        (
            "Tonight Romanians choose between Nicușor Dan and George Simion.",
            ["Nicușor Dan", "George Simion"],
        ),
        ("Earlier Nadia Calviño met Olaf Scholz in Brussels.", ["Nadia Calviño", "Olaf Scholz"]),
        ("Students Against Discrimination called a march.", ["Students Against Discrimination"]),
    ],
)
def test_an_adverb_or_preposition_opening_a_sentence_is_no_part_of_a_name(text, actors):
    assert found(text) == actors


# Found after the seventh held-out round was scored -----------------------------------------


@pytest.mark.parametrize(
    "header, day",
    [("Wednesday, December 4", date(2024, 12, 4)), ("Thursday 1 June", date(2023, 6, 1))],
)
def test_a_weekday_suggests_a_year_but_the_editor_gives_it(header, day):
    lines = ["Martial law: live", "", header, "", "4:30 a.m.", "The cabinet met."]
    found = dating.weekday_suggestion(lines)
    assert (found.day, found.source) == (day, "weekday")
    doc = read("\n".join(lines) + "\n")
    assert doc.needs_date and doc.date is None  # never dated behind the editor's back
    assert any(f"give --date {day:%Y-%m-%d}" in warning for warning in doc.warnings)


def test_a_slashed_date_with_equal_numbers_reads_one_way():
    assert dates.dates_in("09/09/2023 - 10:15") == [date(2023, 9, 9)]


@pytest.mark.parametrize(
    "line, style",
    [
        ("Sunday, May 5, 2024 · Last updated 18:40 (Brasília time)", "meta"),
        ("Tuesday, 4 June 2024 | As of 7:45 am IST", "meta"),
        ("UPDATE @ 7:15 a.m.: Curfew now in effect", "update"),
    ],
)
def test_the_page_s_time_and_an_update_at_sign(line, style):
    assert find_stamp(line).style == style


def test_a_digest_s_items_take_the_time_its_header_gives():
    text = "Before the Bell\nTuesday, 4 June 2024 | As of 7:45 am IST\n\n" + "\n\n".join(
        f"• {t} (Reuters)" for t in TEXTS[:3]
    )
    assert times(read(text + "\n")) == [utc(2024, 6, 4, 2, 15)] * 3
