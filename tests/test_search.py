"""Full-text search (/search/): what is found, in what order, how it is highlighted, that the
index follows edits, and that no query string can break the page. Runs on SQLite and on
PostgreSQL (the suite's second run)."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefings import search as search_module
from briefings.models import Status, Update
from briefings.search import Term, highlight, parse_query, search

from .factories import BriefingFactory, CitationFactory, MentionFactory, UpdateFactory

pytestmark = pytest.mark.django_db
URL = reverse("briefings:search")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def found(query: str) -> list[Update]:
    return search(query)[:100]


@pytest.fixture
def newsroom():
    briefing = BriefingFactory(title="Kyiv overnight")
    return {
        "drones": UpdateFactory(
            briefing=briefing,
            headline="Air defence busy",
            body="Ukrainian air defence shot down 21 of 59 drones over the capital.",
        ),
        "orban": UpdateFactory(briefing=briefing, body="Viktor Orbán met the envoy in Budapest."),
        "draft": UpdateFactory(
            briefing=briefing, body="Unreleased marmalade memo.", status=Status.DRAFT
        ),
        "scheduled": UpdateFactory(
            briefing=briefing,
            body="Scheduled marmalade memo.",
            publish_at=timezone.now() + dt.timedelta(hours=2),
        ),
        "hidden_briefing": UpdateFactory(
            briefing=BriefingFactory(title="Embargoed", status=Status.DRAFT, published_at=None),
            body="Embargoed marmalade memo.",
        ),
    }


# What is found ------------------------------------------------------------------------------


def test_a_phrase_from_a_published_update_is_found(client, newsroom):
    page = client.get(URL, {"q": '"shot down 21"'})
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 update found" in html
    assert newsroom["drones"].get_absolute_url() in html
    assert "Kyiv overnight" in html
    assert "<mark>shot down 21</mark>" in html.replace("</mark> <mark>", " ")


def test_drafts_scheduled_updates_and_unpublished_briefings_are_never_found(client, newsroom):
    assert found("marmalade") == []
    assert "Nothing found" in client.get(URL, {"q": "marmalade memo"}).content.decode()

    scheduled = newsroom["scheduled"]
    scheduled.publish_at = timezone.now() - dt.timedelta(minutes=1)
    scheduled.save()
    assert found("marmalade") == [scheduled]

    draft = newsroom["draft"]
    draft.status = Status.PUBLISHED
    draft.save()
    assert set(found("marmalade")) == {scheduled, draft}


def test_a_phrase_must_appear_in_that_order(newsroom):
    assert found('"shot down"') == [newsroom["drones"]]
    assert found('"down shot"') == []
    assert found("down shot") == [newsroom["drones"]]  # loose words: any order


def test_every_word_must_appear(newsroom):
    assert found("drones capital") == [newsroom["drones"]]
    assert found("drones budapest") == []


def test_prefix_queries_find_longer_words(newsroom):
    assert found("drone*") == [newsroom["drones"]]
    assert found("drone") == []
    assert found("budap*") == [newsroom["orban"]]
    assert found('"air def"*') == [newsroom["drones"]]  # the phrase's last word as a prefix


def test_accents_do_not_matter(newsroom):
    assert found("orban") == [newsroom["orban"]]
    assert found("ORBÁN") == [newsroom["orban"]]
    UpdateFactory(body="Orban again")
    assert len(found("Orbán")) == 2


def test_briefing_titles_are_searched(newsroom):
    assert set(found("overnight")) == {newsroom["drones"], newsroom["orban"]}


def test_titles_and_headlines_outrank_bodies():
    in_body = UpdateFactory(
        briefing=BriefingFactory(title="Morning notes"),
        body="Talks on the ceasefire resumed in Geneva after a week.",
    )
    in_title = UpdateFactory(
        briefing=BriefingFactory(title="Ceasefire watch"), body="Talks resumed after a week."
    )
    in_headline = UpdateFactory(
        briefing=BriefingFactory(title="Evening notes"),
        headline="Ceasefire holds",
        body="Talks resumed after a week.",
    )
    hits = found("ceasefire")
    assert hits[-1] == in_body
    assert set(hits[:2]) == {in_title, in_headline}
    assert hits[0].rank > hits[-1].rank


def test_results_are_counted_and_paged():
    briefing = BriefingFactory(title="Paging")
    updates = [UpdateFactory(briefing=briefing, body=f"Quokka sighting {n}.") for n in range(5)]
    results = search("quokka")
    first, second = results[0:3], results[3:6]
    assert results.count() == len(results) == 5
    assert len(first) == 3 and len(second) == 2
    assert set(first) | set(second) == set(updates)
    assert results[99:102] == []
    assert results[3] == second[0]
    with pytest.raises(IndexError):
        results[99]


# The index follows the data ----------------------------------------------------------------


def test_edits_and_deletes_update_the_index(newsroom):
    update = newsroom["drones"]
    update.body = "Interceptors scrambled over the capital."
    update.save()
    assert found("drones") == []
    assert found("interceptors") == [update]

    update.delete()
    assert found("interceptors") == []


def test_renaming_a_briefing_reindexes_its_updates(newsroom):
    briefing = newsroom["drones"].briefing
    briefing.title = "Odesa overnight"
    briefing.save()
    assert set(found("odesa")) == {newsroom["drones"], newsroom["orban"]}
    assert found("kyiv") == []


def test_deleting_a_briefing_empties_its_results(newsroom):
    newsroom["drones"].briefing.delete()
    assert found("overnight") == []


def test_saving_other_fields_keeps_the_index(newsroom):
    update = newsroom["drones"]
    update.is_key_event = True
    update.save(update_fields=["is_key_event"])
    assert found("drones") == [update]


def test_imported_updates_are_indexed():
    call_command("import_briefings", "--publish", str(FIXTURES), stdout=io.StringIO())
    hits = found("orban")
    assert hits and all("<mark>" in str(hit.snippet) for hit in hits)


def test_rebuild_search_index_indexes_rows_written_behind_its_back(capsys):
    briefing = BriefingFactory(title="Bulk")
    Update.objects.bulk_create(
        [Update(briefing=briefing, body="Wombat census.", status=Status.PUBLISHED)]
    )
    assert found("wombat") == []  # bulk_create sends no signals
    call_command("rebuild_search_index")
    assert [u.body for u in found("wombat")] == ["Wombat census."]
    assert "Indexed 1 updates." in capsys.readouterr().out


# Snippets are safe ---------------------------------------------------------------------------


def test_snippets_escape_everything_but_our_marks(client):
    update = UpdateFactory(body='Drones <script>alert("x")</script> & <b>more</b> drones.')
    html = client.get(URL, {"q": "drones"}).content.decode()
    assert "<mark>Drones</mark>" in html and "<mark>drones</mark>" in html
    assert "<script>alert" not in html and "<b>more" not in html
    assert str(found("drones")[0].snippet).count("<mark>") == 2
    assert found("drones") == [update]


def test_highlight_escapes_text_and_balances_marks():
    marked = "a <b> & \ue000x\ue001 \ue001 \ue000y \ue000"
    assert highlight(marked) == "a &lt;b&gt; &amp; <mark>x</mark>  <mark>y </mark>"


# Reading the query ----------------------------------------------------------------------------


def test_parse_query_keeps_words_phrases_and_prefixes():
    assert parse_query('"shot down" drone* NEAR( -x "open ended*') == [
        Term("shot down"),
        Term("drone", prefix=True),
        Term("NEAR("),
        Term("-x"),
        Term("open ended*"),
    ]
    assert parse_query('"peace talks"* ') == [Term("peace talks", prefix=True)]
    assert parse_query(' *** "" - \x00 ( ) ') == []


def test_empty_query_shows_the_form(client, newsroom):
    html = client.get(URL).content.decode()
    assert 'type="search"' in html and 'name="q"' in html and "<label" in html
    assert "found" not in html


@pytest.mark.parametrize("q", ["***", '""', " - ( ) "])
def test_a_query_without_words_asks_for_words(client, q):
    page = client.get(URL, {"q": q})
    assert page.status_code == 200
    assert "Type one or more words" in page.content.decode()


def test_an_overlong_query_is_refused_politely(client, newsroom):
    page = client.get(URL, {"q": "drones " * 40})
    assert page.status_code == 200
    assert "limited to 200 characters" in page.content.decode()


@pytest.mark.parametrize(
    "page", ["abc", "0", "-3", "2.5", "¹", "99999999999999999999999999", "9" * 5000]
)
def test_bad_page_numbers_do_not_break_the_page(client, page):
    for n in range(3):
        UpdateFactory(body=f"Numbat {n}")
    response = client.get(URL, {"q": "numbat", "page": page})
    assert response.status_code == 200
    assert "3 updates found" in response.content.decode()


def test_pages_link_to_each_other_with_the_query(client):
    briefing = BriefingFactory()
    for n in range(25):
        UpdateFactory(briefing=briefing, body=f"Pangolin {n}")
    html = client.get(URL, {"q": "pangolin &"}).content.decode()
    assert "Page 1 of 2" in html
    assert "?q=pangolin+%26&amp;page=2" in html
    assert "Page 2 of 2" in client.get(URL, {"q": "pangolin", "page": "2"}).content.decode()


SPECIAL = [
    '"', "*", "-", "+", "NEAR(", "NEAR", "(", ")", "AND", "OR", "NOT", "\x00", ":", "^", "'",
    "&", "|", "!", "<->", ":*", "{", "}", "[", "]", "\\", "drone", "orban", "Orbán", " ", "\t",
    "column:", "headline:", "%", "%s", "?", ";", "--", "/*", "\u0301", "½", "١", "🙂",
]  # fmt: skip
queries = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=8)), max_size=12).map(
    "".join
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(q=queries, page=st.one_of(st.none(), st.text(max_size=6)))
@example(q="x" * 5000, page=None)
@example(q='"' * 5000, page="1")
@example(q="\x00drone\x00*", page=None)
@example(q='NEAR("drone" "orban", 2) AND OR NOT -drone "unbalanced', page="2")
@example(q="drone*" * 30, page=None)
def test_no_query_string_gives_a_server_error(q, page):
    from django.test import Client

    params = {"q": q} if page is None else {"q": q, "page": page}
    assert Client().get(URL, params).status_code == 200
    if len(q) <= 200:
        results = search(q)
        assert results.count() >= len(results[:5])


@pytest.fixture
def hypothesis_data(db):
    briefing = BriefingFactory(title="Drone report")
    UpdateFactory(briefing=briefing, headline="Orbán and drones", body="Drones: 1.5 * NEAR(x).")


def test_fuzzing_against_matching_rows(hypothesis_data):
    # The fuzz test again, with rows that match, so snippets and ranking run too.
    test_no_query_string_gives_a_server_error()


# Query budget ------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 30])
def test_query_count_does_not_grow_with_results(client, django_assert_num_queries, n):
    briefing = BriefingFactory(title="Budget")
    for i in range(n):
        update = UpdateFactory(briefing=briefing, body=f"Capybara count {i}.")
        CitationFactory(update=update)
        MentionFactory(update=update)
        update.tags.add("wildlife")
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"q": "capybara"})
    with django_assert_num_queries(len(queries)):
        html = client.get(URL, {"q": "capybara"}).content.decode()
    assert f"{n} update{'s' if n > 1 else ''} found" in html
    # count, page, updates with their briefings (shown without citations, mentions, tags…)
    assert len(queries) == 3


def test_the_header_links_to_search(client):
    assert URL in client.get(reverse("briefings:home")).content.decode()


def test_unsupported_databases_are_named(monkeypatch):
    monkeypatch.setattr(search_module.connection, "vendor", "oracle", raising=False)
    with pytest.raises(NotImplementedError, match="oracle"):
        search_module.get_backend()


def test_only_the_newest_matches_are_ranked_and_counted(client, monkeypatch):
    """Past CANDIDATES matches, the newest CANDIDATES are ranked, and readers read "N+"."""
    monkeypatch.setattr(search_module, "CANDIDATES", 3)
    briefing = BriefingFactory(title="Bounded")
    # The oldest match would rank first (the word is in its headline): it is past the bound.
    oldest = UpdateFactory(briefing=briefing, headline="Quokka", body="Quokka quokka.")
    newer = [UpdateFactory(briefing=briefing, body=f"A quokka, {n}.") for n in range(4)]
    results = search("quokka")
    assert results.count() == 3 and results.more
    assert set(results[0:10]) == set(newer[-3:]) and oldest not in results[0:10]
    html = client.get(URL, {"q": "quokka"}).content.decode()
    assert "3+ updates found" in html
    # Phrases and prefixes are bounded the same way, and still match as they should.
    assert set(search('"a quokka"')[0:10]) == set(newer[-3:])
    assert set(search("quok*")[0:10]) == set(newer[-3:])
    assert search('"quokka a"')[0:10] == []
    few = search("headline-free")
    assert few.count() == 0 and not few.more


@pytest.mark.parametrize("scan_cost", [0, 10**9])
def test_the_newest_matches_are_found_across_ranges_of_ids(monkeypatch, scan_cost):
    """PostgreSQL reads the newest ids first, then ranges of older ones sized by the share
    that matched, down the primary key or through the GIN index: read either way, from a
    first read of two ids, the newest published matches are still found, newest first, and
    a lone old match past every range. (SQLite finds them by its own index: the same
    answers.)"""
    monkeypatch.setattr(search_module.PostgreSQLBackend, "SCAN", 2)
    monkeypatch.setattr(search_module.PostgreSQLBackend, "SCAN_COST", scan_cost)
    monkeypatch.setattr(search_module, "CANDIDATES", 5)
    briefing = BriefingFactory(title="Windows")
    matches = []
    for n in range(14):
        status = Status.DRAFT if n % 4 == 1 else Status.PUBLISHED
        update = UpdateFactory(briefing=briefing, status=status, body=f"A wombat, {n}.")
        if status == Status.PUBLISHED:
            matches.append(update)
        UpdateFactory(briefing=briefing, body=f"Nothing here, {n}.")
    newest = sorted(matches, key=lambda u: u.pk, reverse=True)
    results = search("wombat")
    assert results.count() == 5 and results.more
    assert {u.pk for u in results[0:10]} == {u.pk for u in newest[:5]}
    assert search("wombat*").count() == 5
    assert {u.pk for u in search('"a wombat"')[0:10]} == {u.pk for u in newest[:5]}
    # Fewer matches than the bound, the oldest of them far past the first read: all found.
    few = search('"wombat 0"')
    assert few.count() == 1 and not few.more and few[0:10][0].pk == matches[0].pk
