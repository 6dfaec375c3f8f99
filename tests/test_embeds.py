"""Embedded posts and videos (embeds/): recognised addresses, cards made from bare links,
oEmbed against a real HTTP server on 127.0.0.1, change tracking, and every surface."""

import contextlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from briefings.markup import bare_links, render_markdown
from briefings.models import Update
from briefings.models.changes import briefing_state
from embeds import oembed, providers
from embeds.models import Embed
from embeds.signals import sync_from_body
from embeds.tasks import fill_card

from .admin_forms import form_data
from .factories import BriefingFactory, EmbedFactory, UpdateFactory
from .task_queue import run_ready_tasks

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
X_POST = "https://x.com/kyivindependent/status/1856000000000000000"

# One address of each provider, and the frame its "Load content" button opens.
EXAMPLES = {
    "youtube": (YOUTUBE, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    "x": (X_POST, "https://platform.twitter.com/embed/Tweet.html?id=1856000000000000000&dnt=true"),
    "telegram": ("https://t.me/kyivpost/12345", "https://t.me/kyivpost/12345?embed=1"),
    "bluesky": (
        "https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx/post/3kabc2def3ghi",
        "https://embed.bsky.app/embed/did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3kabc2def3ghi",
    ),
    "mastodon": (
        "https://mastodon.social/@newsroom/113456789012345678",
        "https://mastodon.social/@newsroom/113456789012345678/embed",
    ),
    "facebook": (
        "https://www.facebook.com/nato/posts/pfbid0abc",
        "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fnato%2Fposts%2Fpfbid0abc&show_text=true",
    ),
    "instagram": (
        "https://www.instagram.com/p/C1a2B3c4D5e/",
        "https://www.instagram.com/p/C1a2B3c4D5e/embed/",
    ),
    "tiktok": (
        "https://www.tiktok.com/@newsroom/video/7301234567890123456",
        "https://www.tiktok.com/embed/v2/7301234567890123456",
    ),
    "vimeo": ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
}


# Addresses ------------------------------------------------------------------------------


def test_every_provider_has_an_example():
    assert set(EXAMPLES) == set(providers.PROVIDERS)


@pytest.mark.parametrize("key", sorted(EXAMPLES))
def test_an_address_of_each_provider_is_recognised_with_its_frame(key):
    url, frame = EXAMPLES[key]
    provider, found = providers.recognise(url)
    assert (provider.key, found) == (key, frame)
    host = urlsplit(frame).hostname
    assert host in providers.frame_hosts()


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/",  # a provider's page that is no post
        "https://www.youtube.com/watch?v=short",
        "https://x.com/newsroom",
        "https://x.com/newsroom/status/notanumber",
        "https://example.org/watch?v=dQw4w9WgXcQ",
        "https://mastodon.example/@user/113456789012345678",  # a server not in the setting
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
        "ftp://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "http://[::1",  # not even a URL
    ],
)
def test_other_addresses_are_not_embeds(url):
    assert providers.recognise(url) == (None, "")
    assert not providers.embeddable(url)


def test_short_and_alternative_youtube_and_x_addresses():
    frame = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    for url in [
        "https://youtu.be/dQw4w9WgXcQ",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ]:
        assert providers.recognise(url)[1] == frame, url
    assert providers.recognise("https://twitter.com/nato/status/123/photo/1")[0].key == "x"


def test_a_bluesky_address_with_a_handle_is_a_card_without_a_frame_until_fetched():
    provider, frame = providers.recognise("https://bsky.app/profile/nato.int/post/3kabc2def3ghi")
    assert (provider.key, frame) == ("bluesky", "")


def test_the_csp_frames_exactly_the_providers_hosts_and_scripts_stay_local(client, db):
    directives = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    allowed = {source.removeprefix("https://") for source in directives["frame-src"]}
    assert allowed == {"'self'", *providers.frame_hosts()}
    header = client.get("/").headers["Content-Security-Policy"]
    assert "frame-src 'self' https://www.youtube-nocookie.com" in header
    assert "https://www.youtube.com" not in header  # the cookie-setting host is never framed


# Bare links in the body ---------------------------------------------------------------------


def test_a_bare_provider_link_on_its_own_line_is_left_out_of_the_body_html():
    html = render_markdown(f"Watch the briefing.\n\n{YOUTUBE}\n\nMore later.")
    assert "youtube" not in html
    assert html.count("<p>") == 2
    # On a line of its own inside a paragraph too (no blank line around it).
    html = render_markdown(f"Watch:\n{YOUTUBE}\nand then:\n<{X_POST}>")
    assert "youtube" not in html and "x.com" not in html
    assert "Watch:" in html and "and then:" in html


def test_other_links_stay_links():
    for body in [
        "https://example.org/report",  # not a provider's post
        f"See {YOUTUBE} for the speech.",  # inside a sentence
        f"[the speech]({YOUTUBE})",  # a link with words
        f"- {YOUTUBE}",  # in a list
        f"> {YOUTUBE}",  # quoted
    ]:
        assert "href=" in render_markdown(body), body


def test_bare_links_are_found_in_order():
    assert bare_links(f"{X_POST}\n\ntext {YOUTUBE}\n\n{YOUTUBE}\nhttps://example.org/") == [
        X_POST,
        YOUTUBE,
        "https://example.org/",
    ]


@pytest.mark.django_db
def test_bare_links_become_cards_and_go_with_their_lines(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        update = UpdateFactory(body=f"Two posts.\n\n{YOUTUBE}\n\n{X_POST}\n\n{YOUTUBE}")
    cards = list(update.embeds.values_list("provider", "url", "position", "from_body"))
    assert cards == [("youtube", YOUTUBE, 0, True), ("x", X_POST, 1, True)]
    typed = EmbedFactory(update=update, url=EXAMPLES["vimeo"][0], position=5)
    update.refresh_from_db()
    update.body = f"One post.\n\n{X_POST}"
    with django_capture_on_commit_callbacks(execute=True):
        update.save()
    assert list(update.embeds.values_list("url", flat=True)) == [X_POST, typed.url]
    # A card whose address is also typed into the body is still one card.
    sync_from_body(update.pk)
    assert update.embeds.count() == 2


@pytest.mark.django_db
def test_an_address_typed_without_its_scheme_becomes_a_card(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        update = UpdateFactory(body="Watch:\n\nyoutu.be/dQw4w9WgXcQ")
    assert update.body_html == "<p>Watch:</p>"
    assert update.embeds.get().url == "https://youtu.be/dQw4w9WgXcQ"


# Change tracking ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_card_saved_or_deleted_moves_the_update_and_the_briefing_version():
    update = UpdateFactory()
    slug = update.briefing.slug
    before_state, before_time = briefing_state(slug).version, update.updated_at
    embed = EmbedFactory(update=update)
    after = Update.objects.get(pk=update.pk)
    assert after.updated_at > before_time and after.version == update.version
    assert briefing_state(slug).version != before_state
    middle = briefing_state(slug).version
    embed.text = "Corrected words."
    embed.save()
    assert briefing_state(slug).version != middle
    middle = briefing_state(slug).version
    embed.delete()
    assert briefing_state(slug).version != middle


# oEmbed, against a server on 127.0.0.1 ----------------------------------------------------------


class Provider(BaseHTTPRequestHandler):
    """Answers like the providers' oEmbed endpoints, from ``answers`` by path."""

    answers: dict = {}
    asked: list = []

    def do_GET(self):
        split = urlsplit(self.path)
        self.asked.append((split.path, parse_qs(split.query)))
        status, delay, body = self.answers.get(split.path, (404, 0, b"{}"))
        time.sleep(delay)
        try:
            self.send_response(status)
            if 300 <= status < 400:  # a redirect: the body is where to
                self.send_header("Location", body.decode())
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def oembed_server(settings):
    Provider.asked = []
    Provider.answers = {
        "/youtube": (200, 0, json.dumps(
            {"type": "video", "title": "Briefing at NATO", "author_name": "NATO",
             "thumbnail_url": "https://i.ytimg.com/vi/x/hqdefault.jpg"}
        ).encode()),
        "/x": (200, 0, json.dumps(
            {"author_name": "Kyiv Independent",
             "html": '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Air raid alert '
             'in Kyiv.<br>Stay in shelters. <a href="https://t.co/x">pic.twitter.com/x</a></p>'
             "&mdash; Kyiv Independent (@KyivIndependent) <a href=\"#\">Nov 13</a></blockquote>"
             '<script src="https://platform.twitter.com/widgets.js"></script>'}
        ).encode()),
        "/bluesky": (200, 0, json.dumps(
            {"author_name": "NATO",
             "html": '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:'
             'abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3kabc2def3ghi"><p lang="en">Allies '
             "meet in Brussels.</p></blockquote>"}
        ).encode()),
        "/slow": (200, 3, b'{"title": "too late"}'),
        "/broken": (500, 0, b"<html>error</html>"),
        "/nonsense": (200, 0, b"[1, 2, 3]"),
    }  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.NEWSROOM_EMBED_OEMBED_ENDPOINTS = {
        "youtube": f"{base}/youtube",
        "x": f"{base}/x",
        "bluesky": f"{base}/bluesky",
    }
    settings.NEWSROOM_EMBED_FETCH_TIMEOUT = 0.5
    yield base
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_a_card_is_filled_from_oembed(oembed_server):
    video = EmbedFactory(url=YOUTUBE, author="", text="")
    post = EmbedFactory(url=X_POST, author="", text="")
    assert fill_card(video.pk) and fill_card(post.pk)
    video.refresh_from_db()
    post.refresh_from_db()
    assert (video.author, video.title, video.text) == ("NATO", "Briefing at NATO", "")
    assert (post.author, post.text) == (
        "Kyiv Independent",
        "Air raid alert in Kyiv. Stay in shelters. pic.twitter.com/x",
    )
    assert video.fetched_at is not None
    path, query = Provider.asked[0]
    assert (path, query["url"], query["format"]) == ("/youtube", [YOUTUBE], ["json"])
    assert Provider.asked[1][1]["omit_script"] == ["1"]  # X's script is never asked for
    # Asked once: a second run (a queue delivering twice) asks nothing.
    assert not fill_card(video.pk) and len(Provider.asked) == 2


@pytest.mark.django_db
def test_what_the_editor_typed_is_kept(oembed_server):
    post = EmbedFactory(url=X_POST, author="", text="The editor's words.")
    assert fill_card(post.pk)
    post.refresh_from_db()
    assert (post.author, post.text) == ("Kyiv Independent", "The editor's words.")


@pytest.mark.django_db
def test_bluesky_learns_its_frame_from_the_answer(oembed_server):
    post = EmbedFactory(url="https://bsky.app/profile/nato.int/post/3kabc2def3ghi", text="")
    assert post.loadable_url == ""
    assert fill_card(post.pk)
    post.refresh_from_db()
    assert post.text == "Allies meet in Brussels."
    assert post.loadable_url == EXAMPLES["bluesky"][1]
    post.author = "NATO"
    post.save()  # a later save keeps what was learnt
    assert Embed.objects.get(pk=post.pk).loadable_url == EXAMPLES["bluesky"][1]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/slow", "/broken", "/nonsense", "/missing"])
def test_a_slow_broken_or_absent_provider_leaves_the_card_alone(oembed_server, settings, path):
    settings.NEWSROOM_EMBED_OEMBED_ENDPOINTS = {"youtube": oembed_server + path}
    video = EmbedFactory(url=YOUTUBE, author="", text="Typed.")
    started = time.monotonic()
    assert not fill_card(video.pk)
    assert time.monotonic() - started < 2  # the timeout, not the provider, decides
    video.refresh_from_db()
    assert (video.author, video.text, video.fetched_at) == ("", "Typed.", None)


@pytest.mark.django_db
def test_a_redirect_is_followed_only_within_the_endpoint(oembed_server, settings):
    """SSRF: an endpoint (or whoever answers for it) redirecting the fetch to another host —
    an internal address, the cloud's metadata service — is not followed, so nothing from
    there reaches a card; a redirect on the endpoint's own host is followed."""
    port = int(oembed_server.rsplit(":", 1)[1])
    Provider.answers["/same"] = (302, 0, f"{oembed_server}/youtube".encode())
    for code in (301, 302, 307):  # 'localhost' is the same server under another host name
        Provider.answers[f"/away{code}"] = (code, 0, f"http://localhost:{port}/youtube".encode())
    settings.NEWSROOM_EMBED_OEMBED_ENDPOINTS = {"youtube": oembed_server + "/same"}
    video = EmbedFactory(url=YOUTUBE, author="", text="")
    assert fill_card(video.pk)
    assert [path for path, _ in Provider.asked] == ["/same", "/youtube"]
    for code in (301, 302, 307):
        Provider.asked.clear()
        settings.NEWSROOM_EMBED_OEMBED_ENDPOINTS = {"youtube": f"{oembed_server}/away{code}"}
        video = EmbedFactory(url=YOUTUBE.replace("dQw4w9WgXcQ", f"dQw4w9Wg{code}"), author="")
        assert not fill_card(video.pk)
        assert [path for path, _ in Provider.asked] == [f"/away{code}"]
        video.refresh_from_db()
        assert (video.author, video.title, video.fetched_at) == ("", "", None)


@pytest.mark.django_db
def test_an_unreachable_provider_leaves_the_card_alone(settings):
    with socket_closed() as port:
        settings.NEWSROOM_EMBED_OEMBED_ENDPOINTS = {"youtube": f"http://127.0.0.1:{port}/"}
        video = EmbedFactory(url=YOUTUBE, author="", text="")
        assert not fill_card(video.pk)


@contextlib.contextmanager
def socket_closed():
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    yield port


def test_providers_without_a_public_endpoint_are_not_asked(settings):
    settings.NEWSROOM_EMBED_OEMBED_ENDPOINTS = {}
    for key in ("telegram", "facebook", "instagram"):
        assert oembed.fetch(EXAMPLES[key][0]) is None


@pytest.mark.django_db
def test_a_new_card_is_fetched_in_the_background_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        embed = EmbedFactory(url=YOUTUBE)
    task = DBTaskResult.objects.get(task_path="embeds.tasks.fetch_card")
    assert task.args_kwargs["args"] == [embed.pk]


# Readers' pages and the other surfaces --------------------------------------------------------


@pytest.fixture
def with_cards(db):
    briefing = BriefingFactory(slug="brussels")
    update = UpdateFactory(briefing=briefing, headline="Ministers meet")
    EmbedFactory(update=update, url=YOUTUBE, author="NATO", title="Press conference", text="")
    EmbedFactory(update=update, url=X_POST, author="Kyiv Independent", text="Air raid alert.")
    cache.clear()
    return briefing, update


def test_the_page_shows_cards_and_frames_nothing(client, with_cards):
    briefing, update = with_cards
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert "<iframe" not in html
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'data-embed-provider="YouTube"' in html and "Press conference" in html
    assert f'href="{X_POST}"' in html and "Air raid alert." in html
    assert "/static/embeds/embeds.js" in html
    for url in (update.get_absolute_url(), reverse("briefings:live", args=[briefing.slug])):
        assert "Press conference" in client.get(url, {"after": 0}).content.decode()


def test_the_feeds_and_the_api_link_the_posts(client, with_cards):
    briefing, update = with_cards
    for feed in ("updates.atom", "updates.rss", "feed.json"):
        body = client.get(briefing.get_absolute_url() + feed).content.decode()
        assert X_POST in body and "youtube.com/watch" in body, feed
        assert "iframe" not in body
    item = client.get(reverse("api:update", args=[update.pk])).json()
    assert [(e["provider"], e["url"]) for e in item["embeds"]] == [
        ("YouTube", YOUTUBE),
        ("X", X_POST),
    ]
    stream = client.get("/updates.json").json()
    assert stream["updates"][0]["embeds"][1]["text"] == "Air raid alert."


@pytest.mark.django_db
def test_the_query_count_is_the_same_for_1_and_50_cards(client):
    def page_with(cards):
        Embed.objects.all().delete()
        briefing = BriefingFactory()
        updates = [UpdateFactory(briefing=briefing) for _ in range(5)]
        for n in range(cards):
            EmbedFactory(update=updates[n % 5], url=f"https://x.com/a/status/{n + 1}")
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(briefing.get_absolute_url()).status_code == 200
        return len(captured)

    assert page_with(1) == page_with(50)


# The editor's side ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_quick_post_with_two_links_makes_two_cards(
    editor_client, client, django_capture_on_commit_callbacks
):
    briefing = BriefingFactory()
    url = reverse("admin:briefings_briefing_post_update", args=[briefing.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url, {"body": f"Statements today.\n\n{YOUTUBE}\n\n{X_POST}", "_publish": "1"}
        )
    assert response.status_code == 302
    update = Update.objects.get(briefing=briefing)
    assert [e.provider for e in update.embeds.all()] == ["youtube", "x"]
    assert "youtube" not in update.body_html
    cache.clear()
    page = client.get(briefing.get_absolute_url()).content.decode()
    assert page.count('class="embed-card ') == 2


@pytest.mark.django_db
def test_the_update_form_edits_cards_and_refuses_other_addresses(editor_client):
    update = UpdateFactory()
    embed = EmbedFactory(update=update, text="Wrong words.")
    url = reverse("admin:briefings_update_change", args=[update.pk])
    data = form_data(editor_client.get(url), "update_form")
    data["embeds-0-text"] = "Right words."
    assert editor_client.post(url, data).status_code == 302
    embed.refresh_from_db()
    assert embed.text == "Right words."
    data = form_data(editor_client.get(url), "update_form")
    data.update(
        {
            "embeds-TOTAL_FORMS": "2",
            "embeds-1-url": "https://example.org/not-a-post",
            "embeds-1-text": "Typed and kept.",
            "embeds-1-position": "1",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not the address of a post or video" in html and "Typed and kept." in html
    assert update.embeds.count() == 1


def test_a_row_with_a_hostile_address_shows_no_link_and_no_frame(client, with_cards):
    """The form refuses such an address; a row written by other means (a restore, a
    queryset update) still never becomes a javascript: link or a frame elsewhere."""
    from .test_injection import problems_in

    briefing, update = with_cards
    update.embeds.filter(provider="x").update(
        url="javascript:window.xss=1//x.com/a/status/1", frame_url="https://evil.example/x"
    )
    cache.clear()
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert problems_in(html) == []
    assert "evil.example" not in html and "javascript:" not in html
    assert "Air raid alert." in html  # the card's words are still shown


# Transactional: between tasks the worker closes a connection that is inside a transaction
# (the test's own, otherwise), and on PostgreSQL that connection is the test's.
@pytest.mark.django_db(transaction=True)
def test_the_worker_fills_the_cards_of_a_quick_post(
    editor_client, client, oembed_server, django_capture_on_commit_callbacks
):
    """End to end: the quick post makes two cards, the queue's worker asks the provider
    (here on 127.0.0.1) in the background, and the page shows what it answered."""
    briefing = BriefingFactory()
    url = reverse("admin:briefings_briefing_post_update", args=[briefing.pk])
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {"body": f"{YOUTUBE}\n\n{X_POST}", "_publish": "1"})
    cache.clear()
    assert "Briefing at NATO" not in client.get(briefing.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        run_ready_tasks()
    page = client.get(briefing.get_absolute_url()).content.decode()
    assert "Briefing at NATO" in page and "Air raid alert in Kyiv." in page
