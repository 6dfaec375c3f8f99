"""/updates/ and /updates.json: one FilterSet, combinable filters, clear errors."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.models import Briefing, Status, Update

from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    MentionFactory,
    SourceFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.datetime(2024, 11, 13, 12, tzinfo=dt.UTC)


@pytest.fixture
def corpus():
    live = BriefingFactory(slug="brussels", kind=Briefing.Kind.LIVE)
    digest = BriefingFactory(slug="digest", kind=Briefing.Kind.DIGEST)
    blinken, sybiha = ActorFactory(name="Antony Blinken"), ActorFactory(name="Andrii Sybiha")
    nbc, reuters = SourceFactory(name="NBC News"), SourceFactory(name="Reuters")
    both = UpdateFactory(briefing=live, posted_at=DAY, headline="Both", body="Air defence talks.")
    MentionFactory(update=both, actor=blinken)
    MentionFactory(update=both, actor=sybiha)
    CitationFactory(update=both, source=nbc)
    CitationFactory(update=both, source=reuters, role="see_also", position=1)
    both.tags.add("air defence")
    only_blinken = UpdateFactory(
        briefing=digest, posted_at=DAY - dt.timedelta(days=2), headline="Blinken alone"
    )
    MentionFactory(update=only_blinken, actor=blinken)
    CitationFactory(update=only_blinken, source=reuters)
    draft = UpdateFactory(briefing=live, headline="SENTINEL draft", status=Status.DRAFT)
    MentionFactory(update=draft, actor=blinken)
    return {"both": both, "only_blinken": only_blinken}


def headlines(client, **params):
    response = client.get(reverse("briefings:update_list_json"), params)
    assert response.status_code == 200, response.content
    return [u["headline"] for u in response.json()["updates"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Both", "Blinken alone"]),
        ({"actor": "antony-blinken"}, ["Both", "Blinken alone"]),
        ({"actor": "antony-blinken", "source": "nbc-news"}, ["Both"]),
        ({"actor": "andrii-sybiha", "source": "reuters"}, ["Both"]),
        ({"tag": "air-defence"}, ["Both"]),
        ({"briefing": "digest"}, ["Blinken alone"]),
        ({"kind": "digest"}, ["Blinken alone"]),
        ({"q": "air DEFENCE"}, ["Both"]),
        ({"q": "blinken"}, ["Blinken alone"]),
        ({"date_from": "2024-11-12"}, ["Both"]),
        ({"date_to": "2024-11-12"}, ["Blinken alone"]),
        ({"date_from": "2024-11-13", "date_to": "2024-11-13", "source": "reuters"}, ["Both"]),
    ],
)
def test_filters_combine(client, corpus, params, expected):
    assert headlines(client, **params) == expected


def test_html_and_json_agree_and_urls_are_shareable(client, corpus):
    page = client.get("/updates/?actor=antony-blinken&source=nbc-news")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Both" in html and "Blinken alone" not in html and "SENTINEL" not in html
    assert "1 update<" in html
    assert 'name="actor" value="antony-blinken"' in html  # what the reader asked for, kept


@pytest.mark.parametrize("typed", ["Antony Blinken", "antony blinken", "antony-blinken"])
def test_a_filter_takes_a_name_or_an_address(client, corpus, typed):
    assert headlines(client, actor=typed, source="Reuters") == ["Both", "Blinken alone"]
    assert headlines(client, briefing=Briefing.objects.get(slug="digest").title) == [
        "Blinken alone"
    ]


def filter_form(client, path="/updates/"):
    html = client.get(path).content.decode()
    return html[html.index("<form") : html.index("</form>")]


def test_the_filter_form_weighs_the_same_however_many_actors_sources_and_briefings(client):
    UpdateFactory()
    small = filter_form(client)
    for n in range(40):
        update = UpdateFactory(briefing=BriefingFactory(title=f"Story {n}"))
        MentionFactory(update=update, actor=ActorFactory(name=f"Person {n}"))
        CitationFactory(update=update, source=SourceFactory(name=f"Outlet {n}"))
    large = filter_form(client)
    assert "Person 7" not in large and "Outlet 7" not in large and "Story 7" not in large
    assert len(large) == len(small)
    for field in ("actor", "source", "briefing"):
        assert f'list="{field}-suggestions"' in large
        assert f'<datalist id="{field}-suggestions"></datalist>' in large


def suggested(client, **params):
    response = client.get(reverse("briefings:update_suggestions"), params)
    assert response.status_code == 200, response.content
    return [(s["value"], s["label"]) for s in response.json()["results"]]


def test_suggestions_offer_public_names_only(client, corpus):
    ActorFactory(name="Antonio Guterres")  # mentioned nowhere: no page, not offered
    unpublished = UpdateFactory(status=Status.DRAFT)
    MentionFactory(update=unpublished, actor=ActorFactory(name="Anton Draftsman"))
    assert suggested(client, field="actor", q="anto") == [("antony-blinken", "Antony Blinken")]
    assert suggested(client, field="source", q="NEWS") == [("nbc-news", "NBC News")]
    assert suggested(client, field="briefing", q="") == []
    digest = Briefing.objects.get(slug="digest")
    assert ("digest", digest.title) in suggested(client, field="briefing", q=digest.title[:8])
    unpublished.status = Status.PUBLISHED
    unpublished.save()
    assert ("anton-draftsman", "Anton Draftsman") in suggested(client, field="actor", q="anto")


@pytest.mark.parametrize(
    "params", [{}, {"field": "tag", "q": "x"}, {"field": "actor", "q": "x" * 201}]
)
def test_bad_suggestion_requests_are_400s(client, params):
    response = client.get(reverse("briefings:update_suggestions"), params)
    assert response.status_code == 400 and response.json()["errors"]


@pytest.mark.parametrize("n", [1, 30])
def test_suggestions_cost_the_same_however_many_entries(client, django_assert_num_queries, n):
    for i in range(n):
        MentionFactory(update=UpdateFactory(), actor=ActorFactory(name=f"Kallas {i}"))
    # Two for the stored counts (what came due: settle_due_counts), one for the names.
    with django_assert_num_queries(3):
        assert len(suggested(client, field="actor", q="kal")) == min(n, 10)


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "nobody"},
        {"date_from": "2024-13-45"},
        {"kind": "poem"},
        {"date_from": "2024-11-14", "date_to": "2024-11-01"},
        {"q": "x" * 500},
    ],
)
def test_invalid_values_are_form_errors_not_500s(client, corpus, params):
    page = client.get(reverse("briefings:update_list"), params)
    assert page.status_code == 200
    assert "Some filters could not be used" in page.content.decode()
    json = client.get(reverse("briefings:update_list_json"), params)
    assert json.status_code == 400 and json.json()["errors"]


def test_bad_pages(client, corpus):
    assert client.get("/updates/?page=99").status_code == 404
    assert client.get("/updates/?page=abc").status_code == 404
    assert client.get("/updates.json?page=abc").status_code == 404


# The client fixture holds no per-example state.
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(["q", "actor", "source", "tag", "briefing", "kind", "date_from", "page"]),
        st.text(max_size=30).map(lambda s: s.replace("\x00", "")),
        max_size=4,
    )
)
def test_no_parameters_cause_a_server_error(client, params):
    assert client.get("/updates/", params).status_code in (200, 404)
    assert client.get("/updates.json", params).status_code in (200, 400, 404)


@pytest.mark.parametrize("n", [1, 30])
def test_query_count_is_constant(client, django_assert_num_queries, n):
    actor, source = ActorFactory(slug="a"), SourceFactory(slug="s")
    for update in UpdateFactory.create_batch(n):
        MentionFactory(update=update, actor=actor)
        CitationFactory(update=update, source=source)
    with django_assert_num_queries(13):
        client.get("/updates/?actor=a&source=s")
    with django_assert_num_queries(12):
        client.get("/updates.json?actor=a&source=s")


@pytest.fixture
def hidden_tags():
    """Tag names on drafts, on a scheduled update and on a draft briefing only."""
    UpdateFactory(headline="Public").tags.add("public topic")
    UpdateFactory(status=Status.DRAFT).tags.add("draft topic")
    UpdateFactory(publish_at=timezone.now() + dt.timedelta(hours=1)).tags.add("scheduled topic")
    draft_briefing = BriefingFactory(status=Status.DRAFT)
    draft_briefing.tags.add("draft briefing topic")
    UpdateFactory(briefing=draft_briefing).tags.add("draft briefing update topic")
    return ["draft-topic", "scheduled-topic", "draft-briefing-topic", "draft-briefing-update-topic"]


def test_hidden_tags_are_not_in_the_menu(client, hidden_tags):
    page = client.get(reverse("briefings:update_list")).content.decode()
    assert 'value="public-topic"' in page
    for slug in hidden_tags:
        assert slug not in page
        assert slug.replace("-", " ") not in page


def test_a_hidden_tag_is_answered_like_an_unknown_one(client, hidden_tags):
    url = reverse("briefings:update_list_json")
    unknown = client.get(url, {"tag": "no-such-topic"})
    assert unknown.status_code == 400
    for slug in hidden_tags:
        response = client.get(url, {"tag": slug})
        assert response.status_code == 400
        assert response.json() == unknown.json()
    assert client.get(url, {"tag": "public-topic"}).status_code == 200


def test_a_tag_appears_in_the_menu_once_its_update_is_published(client, hidden_tags):
    draft = Update.objects.get(tags__slug="draft-topic")
    draft.status = Status.PUBLISHED
    draft.save()
    assert 'value="draft-topic"' in client.get(reverse("briefings:update_list")).content.decode()
    assert (
        client.get(reverse("briefings:update_list_json"), {"tag": "draft-topic"}).status_code == 200
    )


def test_a_briefing_published_after_start_up_can_be_chosen(client):
    """What the fields accept is decided for each request, not once at import."""
    client.get(reverse("briefings:update_list"))
    later = BriefingFactory(slug="published-later", published_at=timezone.now())
    UpdateFactory(briefing=later, headline="Later")
    assert headlines(client, briefing="published-later") == ["Later"]
    assert suggested(client, field="briefing", q=later.title) == [("published-later", later.title)]


# At any size: what the stream reads does not grow with the data ------------------------------


def test_the_count_stops_at_the_bound_and_says_so(client, monkeypatch):
    from briefings import pagination

    monkeypatch.setattr(pagination.BoundedPaginator, "bound", 3)
    UpdateFactory.create_batch(5)
    data = client.get("/updates.json").json()
    assert (data["count"], data["more"]) == (3, True)
    assert "3+ updates" in client.get("/updates/").content.decode()
    monkeypatch.setattr(pagination.BoundedPaginator, "bound", 5)
    data = client.get("/updates.json").json()
    assert (data["count"], data["more"]) == (5, False)


def test_words_are_read_as_search_reads_them(client, corpus):
    """From the search index: a phrase, a prefix, and a word nothing holds."""
    assert headlines(client, q='"air defence"') == ["Both"]
    assert headlines(client, q='"defence air"') == []
    assert headlines(client, q="defen*") == ["Both"]
    assert headlines(client, q="nowhere") == []


def test_days_are_the_site_time_zones(client, settings):
    """date_from and date_to are days in the site's zone (TIME_ZONE): an update at 23:30
    there belongs to that day, whatever its UTC date."""
    settings.TIME_ZONE = "America/New_York"
    late = dt.datetime(2024, 11, 13, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    UpdateFactory(headline="Late", posted_at=late)  # 04:30 UTC on the 14th
    assert headlines(client, date_to="2024-11-13") == ["Late"]
    assert headlines(client, date_from="2024-11-14") == []
    assert headlines(client, date_from="2024-11-13", date_to="2024-11-13") == ["Late"]


@pytest.mark.parametrize("many", [False, True])
def test_an_entrys_updates_are_the_same_whichever_way_they_are_found(client, many, monkeypatch):
    """referred_to_by() walks the newest updates for an actor named in much of everything
    and reads the mentions for one named rarely: the same updates either way."""
    from briefings.models import Update

    actor, tag_source = ActorFactory(slug="a"), SourceFactory(slug="s")
    named = [UpdateFactory(headline=f"Named {i}") for i in range(4)]
    UpdateFactory(headline="Other")
    for update in named:
        MentionFactory(update=update, actor=actor)
        CitationFactory(update=update, source=tag_source)
        update.tags.add("topic")
    original = Update.objects.none().referred_to_by.__func__

    def forced(self, rows, key, count, reach, total=None):
        # A huge count makes it walk; a zero count makes it read the rows.
        return original(self, rows, key, 10**9 if many else 0, reach, total)

    monkeypatch.setattr(type(Update.objects.none()), "referred_to_by", forced)
    expected = sorted(u.headline for u in named)
    for params in (
        {"actor": "a"},
        {"source": "s"},
        {"tag": "topic"},
        {"actor": "a", "tag": "topic"},
    ):
        assert sorted(headlines(client, **params)) == expected, params
