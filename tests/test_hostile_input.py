"""Hostile input on every public query parameter: never a 500, on SQLite and PostgreSQL
(where text cannot hold NUL bytes), and the database unchanged."""

import re

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


# Typed markup and a hostile Host header ------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (f"{SCRIPT}Sirens in Kyiv", "alert(1)Sirens in Kyiv"),
        ("<b>Bold</b> <img src=x onerror=alert(1)>claims", "Bold claims"),
        ("<<b>script>nested", "nested"),
        # Not tags: kept as typed.
        ("AT&T <100 casualties, a < b > c", "AT&T <100 casualties, a < b > c"),
    ],
)
def test_headlines_titles_and_names_lose_tags_on_save(typed, stored):
    update = UpdateFactory(headline=typed, section=typed, body=typed)
    actor = ActorFactory(name=typed, title=typed, aliases=[typed])
    source = SourceFactory(name=typed)
    update.briefing.title = typed
    update.briefing.save()
    update.tags.add(typed)
    for instance, field in [
        (update, "headline"),
        (update, "section"),
        (update.briefing, "title"),
        (actor, "name"),
        (actor, "title"),
        (source, "name"),
    ]:
        instance.refresh_from_db()
        assert getattr(instance, field) == stored, field
    assert actor.aliases == [stored]
    assert [tag.name for tag in update.tags.all()] == [stored]
    assert update.body == typed  # Markdown: shown as text, never run


def test_no_feed_title_carries_markup(client, settings):
    settings.NEWSROOM_SITE_URL = "https://news.example.org"
    UpdateFactory(headline=f"{SCRIPT} Sirens")
    # Without a headline, the title is the body's first words: a body shows typed markup
    # as text, but in a title it must not come back.
    UpdateFactory(headline="", body=f"{SCRIPT} Take cover now.")
    for feed in ("briefings:site_feed_rss", "briefings:site_feed_atom"):
        content = client.get(reverse(feed)).content.decode()
        titles = re.findall(r"<title[^>]*>(.*?)</title>", content, re.S)
        assert any(t.endswith("Take cover now.") for t in titles), titles
        assert "alert(1) Sirens" in titles, titles
        assert not [t for t in titles if "script" in t.lower()], feed


def test_absolute_urls_come_from_the_site_url_not_the_host_header(client, settings):
    settings.NEWSROOM_SITE_URL = "https://news.example.org"
    settings.ALLOWED_HOSTS = ["*"]  # as behind a proxy that passes any Host on
    MentionFactory(update=UpdateFactory())
    data = client.get(reverse("briefings:update_list_json"), headers={"host": "evil.example"})
    urls = [u["url"] for u in data.json()["updates"]]
    urls += [u["briefing"]["url"] for u in data.json()["updates"]]
    urls += [a["url"] for u in data.json()["updates"] for a in u["actors"]]
    assert len(urls) == 3
    assert all(url.startswith("https://news.example.org/") for url in urls), urls
    assert "evil.example" not in data.content.decode()


def _mangled_image(data: bytes, cuts: list[tuple[int, bytes]]) -> bytes:
    """A valid image with bytes overwritten here and there: headers, sizes, chunks."""
    data = bytearray(data)
    for position, junk in cuts:
        at = position % max(1, len(data))
        data[at : at + len(junk)] = junk
    return bytes(data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(["jpeg", "png", "gif", "webp", "none"]),
    cuts=st.lists(st.tuples(st.integers(0, 4000), st.binary(min_size=1, max_size=8)), max_size=6),
    tail=st.binary(max_size=64),
    name=st.sampled_from(["photo.jpg", "x.png", "a.svg", "no-extension", "../../etc/passwd"]),
)
def test_uploads_of_mangled_files_get_an_answer_never_a_500(base, cuts, tail, name):
    """The image library's upload (images/): broken, truncated and disguised files are
    stored cleanly or refused with a message; never a 500, never a half-stored file."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from images.models import Image

    from .factories import UserFactory
    from .images_helpers import drawn, encoded

    client = Client()
    client.force_login(UserFactory(username="uploader", is_superuser=True))
    formats = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}
    data = encoded(drawn((96, 64)), formats[base]) if base in formats else b""
    data = _mangled_image(data, cuts) + tail
    before = Image.objects.count()
    response = client.post(
        reverse("admin:images_image_add"),
        {"upload": SimpleUploadedFile(name, data), "kind": "photo", "alt_text": "A picture"},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "errornote" in response.content.decode()
        assert Image.objects.count() == before
    else:
        image = Image.objects.latest("pk")
        assert image.width and image.file.storage.exists(image.file.name)
