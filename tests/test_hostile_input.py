"""Hostile input on every public query parameter: never a 500, on SQLite and PostgreSQL
(where text cannot hold NUL bytes), and the database unchanged."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.models import Briefing, Update

from .factories import ActorFactory, CitationFactory, MentionFactory, SourceFactory, UpdateFactory

pytestmark = pytest.mark.django_db
NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "%00",
            "' OR 1=1 --",
            '"',
            "*",
            "NEAR(",
            "-1",
            "9" * 400,
            "１２",
            "\ud7ff",
            "<script>",
            "../../etc/passwd",
            "2024-02-30",
            "0x10",
        ]
    ),
)
PARAMETERS = {
    "/updates/": [
        "q",
        "actor",
        "source",
        "tag",
        "briefing",
        "kind",
        "date_from",
        "date_to",
        "page",
    ],
    "/updates.json": ["q", "actor", "source", "tag", "briefing", "kind", "date_from", "page"],
    "/search/": ["q", "page"],
    "/briefings/": ["page"],
    "/briefings/fuzz/": ["page"],
    "/briefings/fuzz/live.json": ["after"],
    "/actors/": ["page"],
    "/actors/antony-blinken/": ["page"],
    "/sources/reuters/": ["page"],
    "/feeds/updates.atom": ["page"],
}


@pytest.fixture
def site(db):
    update = UpdateFactory(briefing__slug="fuzz", headline="Fuzzed")
    MentionFactory(update=update, actor=ActorFactory(name="Antony Blinken"))
    CitationFactory(update=update, source=SourceFactory(name="Reuters"))
    return update


def snapshot():
    return (
        Update.objects.count(),
        Briefing.objects.count(),
        list(Update.objects.values_list("version")),
    )


# The fixtures hold no per-example state.
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(sorted(PARAMETERS)),
    data=st.data(),
)
def test_no_query_string_causes_a_server_error(client, site, path, data):
    names = st.sampled_from(PARAMETERS[path])
    params = data.draw(st.dictionaries(names, NASTY, max_size=4))
    before = snapshot()
    response = client.get(path, params)
    assert response.status_code in (200, 304, 400, 404), (path, params, response.status_code)
    assert snapshot() == before


@pytest.mark.parametrize("path", sorted(PARAMETERS))
def test_nul_bytes_in_every_parameter(client, site, path):
    for name in PARAMETERS[path]:
        response = client.get(path, {name: "x\x00y"})
        assert response.status_code in (200, 400, 404), (path, name, response.status_code)


def test_an_oversized_post_is_refused_with_a_message(client, site):
    response = client.post(
        reverse("admin:login"), {"username": "x", "password": "y" * (6 * 1024 * 1024)}
    )
    assert response.status_code == 400
    assert "too large: the limit is 5 MB. Nothing was saved." in response.content.decode()
