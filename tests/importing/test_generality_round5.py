"""The fourth round of rules learnt from documents (600–629), each tested on documents
composed here — other outlets, other wording, other numbers — never on the corpus file."""

from datetime import UTC, datetime

import pytest

from briefings.importing import chrome, dates, zones
from briefings.importing import timestamps as ts
from briefings.importing.clean import clean_text
from briefings.importing.parse import parse_document
from briefings.importing.stamp_shape import read_bare_stamp


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def read(text, **kwargs):
    return parse_document(clean_text(text).text, **kwargs)


# A clock decorated with a dash or a bullet is a stamp, not a view counter ----------------


@pytest.mark.parametrize("line", ["— 20:17", "– 7.05", "• 09:41 •", "-- 23:59", "» 14:02"])
def test_a_decorated_bare_clock_is_no_counter(line):
    assert chrome.line_reason(line) is None


@pytest.mark.parametrize("line", ["👁 61.2K", "💬 14", "02:14 - Source: Reuters"])
def test_counters_stay_counters(line):
    assert chrome.line_reason(line) == "site chrome (counter)"


def test_headlines_over_dash_clocks_are_stamped_entries():
    text = (
        "Regional cup final: Harbour Town lift the trophy\n\n"
        "All times are Lisbon time.\n\n"
        "Kick-off\n— 18:00\nThe referee gets the final under way in front of a full ground.\n\n"
        "Harbour Town ahead\n— 18:41\nA header from the captain puts the visitors in front.\n\n"
        "Full time\n— 19:52\nHarbour Town hold on for their first cup in 40 years.\n"
    )
    doc = read(text, default_date=datetime(2025, 5, 18).date())
    assert [e.posted_at for e in doc.entries] == [
        utc(2025, 5, 18, 17, 0),
        utc(2025, 5, 18, 17, 41),
        utc(2025, 5, 18, 18, 52),
    ]
    assert doc.entries[1].headline == "Harbour Town ahead"


# Any city the zone database names declares the page's clock, accents or not ----------------


@pytest.mark.parametrize(
    ("line", "zone"),
    [
        ("Times are Brasília time.", "America/Sao_Paulo"),
        ("All times São Paulo time", "America/Sao_Paulo"),
        ("Times below are Bogotá time.", "America/Bogota"),
        ("All times in this blog are Lagos time", "Africa/Lagos"),
        ("Timestamps are Ho Chi Minh time.", "Asia/Ho_Chi_Minh"),
        ("All times are Montevideo time.", "America/Montevideo"),
    ],
)
def test_a_declaration_names_any_city_of_the_zone_database(line, zone):
    assert zones.find_zone_in_sentence(line) == zone


def test_a_database_city_without_time_after_it_declares_nothing():
    assert zones.find_zone_in_sentence("At times Lagos has been flooded.") is None
    assert zones.find_zone_in_sentence("Times in Lima were hard.") is None


def test_the_declared_city_beats_the_cities_the_page_mentions():
    text = (
        "Court rules on the mayor's appeal\n\n"
        "Times are Bogotá time. Newest first.\n\n"
        "21h10\nThe mayor said in Washington that he would appeal again.\n\n"
        "17h45\nThe court in Bogotá upheld the ruling by five votes to two.\n"
    )
    doc = read(text, default_date=datetime(2025, 3, 4).date())
    assert doc.time_zone == "America/Bogota"
    assert [e.posted_at for e in doc.entries] == [utc(2025, 3, 5, 2, 10), utc(2025, 3, 4, 22, 45)]


# A clock without its colon before AM/PM ("125 PM", "1045 AM"), as weather and warning
# services write their bulletins ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "hour", "minute"),
    [("125 PM HST TUE JUL 29 2025", 13, 25), ("1045 am", 10, 45), ("1200 PM EDT", 12, 0),
     ("905 P.M. CDT", 21, 5), ("1159 PM", 23, 59)],
)  # fmt: skip
def test_a_clock_without_its_colon_before_am_pm_is_a_stamp(line, hour, minute):
    stamp = read_bare_stamp(line)
    assert stamp is not None and (stamp.clock.hour, stamp.clock.minute) == (hour, minute)


@pytest.mark.parametrize("line", ["Route 101 AM radio", "1375 PM", "2025 AM", "The 930 am train"])
def test_other_numbers_before_am_pm_are_no_stamp(line):
    stamp = read_bare_stamp(line)
    assert stamp is None or stamp.residue


def test_a_bulletin_log_stamped_without_colons_reads_each_bulletin():
    text = (
        "Volcano alert raised for Mount Spurr\n\n"
        "930 AM AKDT MON AUG 4 2025\n"
        "The observatory has raised the alert level to orange after a burst of tremor.\n\n"
        "1215 PM AKDT MON AUG 4 2025\n"
        "Ash has been seen to 20,000 feet. Flights from Anchorage are being reviewed.\n\n"
        "805 AM AKDT TUE AUG 5 2025\n"
        "The alert level is lowered to yellow. No ash fell on the city overnight.\n"
    )
    doc = read(text)
    assert [e.posted_at for e in doc.entries] == [
        utc(2025, 8, 4, 17, 30),
        utc(2025, 8, 4, 20, 15),
        utc(2025, 8, 5, 16, 5),
    ]


# A page's plain date names the day its log began, whichever way the log runs ---------------


def test_a_newest_first_log_past_midnight_starts_on_the_page_date():
    text = (
        "Election night: the count as it happened\n\n"
        "Sunday 9 March 2025 · All times CET\n\n"
        "12.40am\nThe last district has reported. The turnout was 71 per cent.\n\n"
        "11.55pm\nThe opposition leader concedes in a short speech to supporters.\n\n"
        "10.05pm\nThe first projection puts the governing party ahead by four points.\n\n"
        "8.00pm\nPolls have closed across the country and counting has begun.\n"
    )
    doc = read(text)
    assert [e.posted_at for e in doc.entries] == [
        utc(2025, 3, 9, 23, 40),
        utc(2025, 3, 9, 22, 55),
        utc(2025, 3, 9, 21, 5),
        utc(2025, 3, 9, 19, 0),
    ]


def test_an_oldest_first_log_past_midnight_still_starts_on_the_page_date():
    text = (
        "Storm Darragh: the night as it happened\n\n"
        "Friday 6 December 2024\nAll times GMT\n\n"
        "9.10pm\nThe Met Office has issued a red warning for wind along the coast.\n\n"
        "11.45pm\nGusts of 90mph were recorded at a station on the headland.\n\n"
        "1.20am\nMore than 100,000 homes are without power, the network operator said.\n"
    )
    doc = read(text)
    assert [e.posted_at for e in doc.entries] == [
        utc(2024, 12, 6, 21, 10),
        utc(2024, 12, 6, 23, 45),
        utc(2024, 12, 7, 1, 20),
    ]


def test_a_newest_first_log_with_its_own_dated_stamps_keeps_them():
    text = (
        "Ceasefire talks: latest\n\n"
        "10 March 2025 00:30\nThe delegations have left the hotel without a statement.\n\n"
        "9 March 2025 22:10\nA spokesman said the talks would go on past midnight.\n"
    )
    doc = read(text)
    assert [e.posted_at for e in doc.entries] == [utc(2025, 3, 10, 0, 30), utc(2025, 3, 9, 22, 10)]


# The zone in brackets after a page's own time, and a post's time signed in its footer ------


@pytest.mark.parametrize(
    ("line", "zone"),
    [
        ("Last Modified: Monday, March 3, 2025, 08:10 [PKT]", "Asia/Karachi"),
        ("Published: 3 March 2025 08:10 (Nairobi)", "Africa/Nairobi"),
        ("Posted on 3 March 2025 at 08:10 (Lima time)", "America/Lima"),
        ("Updated: March 3, 2025 8:10 AM [EST]", "America/New_York"),
    ],
)
def test_the_zone_in_brackets_after_a_page_time(line, zone):
    stamp = ts.find_stamp(line)
    assert stamp is not None and stamp.zone == zone


def test_an_article_dated_by_its_bracketed_zone():
    text = (
        "Floods cut the coastal highway for a second day\n\n"
        "Last Modified: Tuesday, October 8, 2024, 07:30 [PKT]\n\n"
        "Karachi: Rain flooded the coastal highway again overnight, the highway police said, "
        "and traffic was diverted through the port road.\n\n"
        "The provincial government has asked the army to help clear the drains.\n"
    )
    doc = read(text)
    assert [e.posted_at for e in doc.entries] == [utc(2024, 10, 8, 2, 30)]


def test_a_blog_post_dated_by_its_footer():
    text = (
        "What the vote on the budget tells us\n\n"
        "The government survived the vote by eleven votes, with four of its own members "
        "abstaining and one voting against.\n\n"
        "The opposition had hoped to bring down the cabinet before the summer recess.\n\n"
        "Posted on 2 July 2025 at 18:05 (Lisbon)\n"
        "Filed under: Politics\n"
    )
    doc = read(text)
    assert [e.posted_at for e in doc.entries] == [utc(2025, 7, 2, 17, 5)]


# Stamps laid out as sign-offs close their entries, whatever their notation ----------------


def test_signed_off_entries_under_a_lede_close_on_their_stamps():
    text = (
        "Harbour strike enters its third day\n\n"
        "Our team on the quays reports through the day. All times are CET.\n\n"
        "Cranes stand idle\n"
        "Not one container ship has been unloaded since Monday, the port authority said.\n"
        "— Anna Berg, 08.15\n\n"
        "Talks resume\n"
        "Union leaders and the employers met again at the labour ministry this morning.\n"
        "— Piet de Vries, 11.40\n\n"
        "Deal in sight\n"
        "Both sides said a deal on night-shift pay could be signed by the evening.\n"
        "— Anna Berg, 17.05\n"
    )
    doc = read(text, default_date=datetime(2025, 2, 12).date())
    assert [e.headline for e in doc.entries] == [
        "Cranes stand idle",
        "Talks resume",
        "Deal in sight",
    ]
    assert [e.posted_at for e in doc.entries] == [
        utc(2025, 2, 12, 7, 15),
        utc(2025, 2, 12, 10, 40),
        utc(2025, 2, 12, 16, 5),
    ]


# Dates in the page's own language; the word for hours after a clock ----------------------

FOREIGN_DATES = [
    ("sábado 5 de abril de 2025", (2025, 4, 5)),
    ("Lisboa, 12 de setembro de 2024", (2024, 9, 12)),
    ("Paris, le 3 août 2024", (2024, 8, 3)),
    ("Berlin, 12. März 2025", (2025, 3, 12)),
    ("Roma, 21 dicembre 2024", (2024, 12, 21)),
    ("mercredi 1 janvier 2025", (2025, 1, 1)),
]


@pytest.mark.parametrize(("text", "day"), FOREIGN_DATES)
def test_a_date_written_in_another_language(text, day):
    assert dates.dates_in(text) == [datetime(*day).date()]


@pytest.mark.parametrize("word", ["hs", "Uhr", "horas", "h", "hrs"])
def test_the_word_for_hours_after_a_clock_keeps_it_a_stamp(word):
    stamp = ts.find_stamp(f"21:10 {word} – First results give the governing party 41%.")
    assert stamp is not None and (stamp.clock.hour, stamp.clock.minute) == (21, 10)
    assert stamp.rest.startswith("First results")


def test_a_log_dated_in_spanish_with_hour_words():
    text = (
        "Chile: the second round count\n\n"
        "Santiago, domingo 14 de diciembre de 2025 (all times Santiago time)\n\n"
        "18:00 hs – Polls have closed across the country.\n\n"
        "20:40 hs – With most of the ballots counted, the challenger leads by ten points.\n\n"
        "23:05 hs – The outgoing president called the winner to congratulate him.\n"
    )
    doc = read(text)
    assert doc.date == datetime(2025, 12, 14).date()
    assert [e.posted_at for e in doc.entries] == [
        utc(2025, 12, 14, 21, 0),
        utc(2025, 12, 14, 23, 40),
        utc(2025, 12, 15, 2, 5),
    ]


# A digest's items marked by the writer's bold label, or headed over a credit row -----------


def test_bold_labels_are_a_digests_items_and_the_greeting_is_not_one():
    text = (
        "The Energy Brief\n\nMonday, June 2, 2025\n\n"
        "Hello and welcome. Oil had a quiet weekend, but the week ahead will not be.\n\n"
        "**OPEC+ adds barrels** The group agreed on Saturday to raise output by 411,000 "
        "barrels a day in July, the third such increase in a row (Bloomberg).\n\n"
        "**Gas storage.** European storage sites are 48% full, behind last year's pace, "
        "according to the industry's own tracker (Reuters).\n\n"
        "**Coal's last stand** A court in Poland halted the closure of the country's "
        "largest coal-fired plant pending an appeal by its unions (Notes from Poland).\n"
    )
    doc = read(text)
    assert [e.headline.rstrip(".") for e in doc.entries] == [
        "OPEC+ adds barrels",
        "Gas storage",
        "Coal's last stand",
    ]
    assert doc.entries[0].body.startswith("The group agreed")


def test_items_headed_over_a_credit_row_are_a_digests_items():
    text = (
        "Books of the Week\nIssue of Friday, 6 June 2025\n\n"
        "Three reviews we liked, picked by the culture desk.\n\n"
        "A long history of the Danube and the towns along its banks\n"
        "Mira Novak, Die Zeit | History | June 2, 2025\n"
        "The author follows the river from the Black Forest to the delta and finds a story "
        "of trade, floods and empires.\n\n"
        "The novel that swept this year's prizes in Lisbon\n"
        "João Reis, Público | Fiction | May 30, 2025\n"
        "A family saga told over one summer night, and the best-selling debut of the decade "
        "in Portugal.\n\n"
        "What the chip war means for Taiwan's small firms\n"
        "Lin Wei, Nikkei Asia | Taipei | June 4, 2025\n"
        "Suppliers in Hsinchu say the export rules have cut their orders by a third since "
        "January.\n"
    )
    cleaned = clean_text(text)
    assert not [r for r in cleaned.removed if "|" in r.text]
    doc = parse_document(cleaned.text)
    assert [e.headline for e in doc.entries] == [
        "A long history of the Danube and the towns along its banks",
        "The novel that swept this year's prizes in Lisbon",
        "What the chip war means for Taiwan's small firms",
    ]
    assert doc.entries[1].byline == "João Reis, Público | Fiction | May 30, 2025"
    assert doc.entries[2].body.startswith("Suppliers in Hsinchu")


# Site chrome by its nature, in other wordings and languages ---------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Telegram",
        "Siga-nos no WhatsApp",
        "Suivez-nous sur Google News",
        "Get our alerts on WhatsApp",
        "Abonnez-vous à notre newsletter",
        "Watch: our live stream from the summit",
        "Print this page",
        "Save this story",
        "Turn on push notifications",
        "For breaking news, enable notifications",
        "Lire aussi : Le gouvernement face à la censure",
        "Leia também: Congresso aprova reforma",
        "**See also:** [The court's earlier ruling](https://example.org/a)",
        "Photo caption: The minister arrives at the summit",
        "This issue was sent to subscribers on Monday 3 March.",
        "Got a tip? Email the newsroom.",
    ],
)
def test_the_outlets_own_devices_are_chrome(line):
    assert clean_text(f"Headline of the day\n\n{line}\n").removed, line


@pytest.mark.parametrize(
    "line",
    [
        "Russia blocks Telegram",
        "Our app was hacked, the company said.",
        "The channel said its stream had been cut off by the regulator.",
        "WhatsApp fined 5 million euros",
        "Print this, the minister told reporters, and they did.",
        "Who won? Voters in the north backed the mayor by a wide margin.",
        "Save the Children said the camp had no clean water.",
    ],
)
def test_reporting_that_names_the_same_things_stays(line):
    assert not clean_text(f"Headline of the day\n\n{line}\n").removed, line


def test_a_lede_ending_in_a_colon_over_its_list_is_the_standfirst_not_a_section():
    text = (
        "# Oil slips as producers agree to pump more\n\n"
        "Stocks rose for a third day. Three moves worth knowing before the open:\n\n"
        "- Oil fell 2% after the producers' group agreed to pump more in July (Reuters).\n"
        "- The yen touched its strongest level since January against the dollar (Nikkei).\n"
        "- Copper rose to a record as a mine in Chile stayed shut (Bloomberg).\n"
    )
    doc = read(text)
    assert doc.standfirst.startswith("Stocks rose for a third day. Three moves")
    assert [e.section for e in doc.entries] == ["", "", ""]


def test_a_heading_with_a_colon_over_its_list_stays_a_section():
    text = (
        "# Morning markets\n\nIn brief:\n\n"
        "- Oil fell 2% after the producers' group agreed to pump more in July (Reuters).\n"
        "- The yen touched its strongest level since January against the dollar (Nikkei).\n"
    )
    assert {e.section for e in read(text).entries} == {"In brief"}


def test_a_photo_credit_alone_in_the_text_is_chrome_and_above_the_text_is_kept():
    text = (
        "Floods close the old town\n\n"
        "Photo: Ana Ruiz / EFE\n\n"
        "The river rose two metres overnight and the fire brigade closed the bridges, the "
        "mayor said on Sunday morning.\n\n"
        "Photo: Reuters / Lukas Meier\n\n"
        "Schools will stay shut on Monday, the regional government said.\n"
    )
    removed = [r.text for r in clean_text(text).removed]
    assert removed == ["Photo: Reuters / Lukas Meier"]


@pytest.mark.parametrize(
    "line",
    [
        "That's it for this week. Share this with a colleague who needs it.",
        "Thanks for reading. See you on Monday.",
        "See you tomorrow.",
        "A note from the editors: thanks for reading our evening brief.",
        "We report from the front every day. Help us stay independent – become a supporter.",
        "Compiled by Ana Ruiz, Piet Smit and Lin Wei.",
    ],
)
def test_a_newsletters_goodbye_appeal_and_staff_credit_are_chrome(line):
    assert clean_text(f"Headline of the day\n\n{line}\n").removed, line


@pytest.mark.parametrize(
    "line",
    [
        "That's all for today, the minister said as she left the talks.",
        "Help us keep going, the mayor told donors who had gathered in the hall.",
        "Edited by the government, the report was then leaked to the press.",
        "Thanks for reading the bill, the speaker told MPs who had asked for a delay.",
    ],
)
def test_reporting_that_opens_like_a_goodbye_stays(line):
    assert not clean_text(f"Headline of the day\n\n{line}\n").removed, line


# Zone abbreviations that are also words are read in capitals only ---------------------------


@pytest.mark.parametrize(
    ("line", "zone"),
    [
        ("18:05 ART – Polls have closed across the country.", "America/Argentina/Buenos_Aires"),
        ("09:10 WITA: The ferry left Makassar on time.", "Asia/Makassar"),
        ("21:40 BRT – The court adjourned until Friday.", "America/Sao_Paulo"),
        ("10:00 MESZ: Die Sitzung beginnt.", "Europe/Berlin"),
        ("07:15 PET – Rescue teams reached the village.", "America/Lima"),
    ],
)
def test_a_zone_abbreviation_in_capitals_after_a_clock(line, zone):
    stamp = ts.find_stamp(line)
    assert stamp is not None and stamp.zone == zone


@pytest.mark.parametrize(
    "line",
    [
        "14:00 Art galleries reopened across the city on Monday.",
        "21:30 West of the city, shelling was heard again.",
        "06:45 Pet owners were asked to keep animals indoors.",
    ],
)
def test_the_same_letters_as_a_word_are_no_zone(line):
    stamp = ts.find_stamp(line)
    assert stamp is None or stamp.zone is None


@pytest.mark.parametrize(
    "line",
    ["Ver más", "Lire la suite »", "Weiterlesen", "Leia mais", "Baca selengkapnya", "Voir plus…"],
)
def test_a_read_more_button_in_another_language_is_chrome(line):
    assert chrome.line_reason(line) == "site chrome (buttons)"


def test_a_sentence_with_the_same_words_stays():
    assert chrome.line_reason("Ver más allá de la crisis, dijo el ministro, es urgente.") is None
