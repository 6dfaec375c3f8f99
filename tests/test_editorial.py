"""The editorial workflow: states and scheduling on every public surface, closing coverage,
posting from the briefing's page, previews, key events, corrections, history, presence and
registry upkeep."""

import datetime as dt
import json
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from briefings.models import Actor, Briefing, Citation, Mention, Quote, Source, Status, Update

from .admin_forms import form_data
from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    MentionFactory,
    QuoteFactory,
    SourceFactory,
    UpdateFactory,
)
from .roles import role_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _url(name, *args):
    return reverse(f"admin:briefings_{name}", args=args)


def _save_update(client, update, **changes):
    url = _url("update_change", update.pk)
    data = form_data(client.get(url), "update_form")
    data.update(changes)
    return client.post(url, data)


# States --------------------------------------------------------------------------------------


def test_draft_published_unpublished(editor_client, client):
    update = UpdateFactory(status=Status.DRAFT, body="Not yet.")
    permalink = update.get_absolute_url()
    assert client.get(permalink).status_code == 404
    changelist = _url("update_changelist")
    action = {"_selected_action": [update.pk], "index": 0}
    editor_client.post(changelist, {"action": "publish_selected", **action})
    assert client.get(permalink).status_code == 200
    editor_client.post(changelist, {"action": "unpublish_selected", **action})
    assert client.get(permalink).status_code == 404
    statuses = list(update.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == ["draft", "published", "draft"]


def _surfaces(client, update, word):
    """Whether each public surface shows the update (found by a word of its body)."""
    cache.clear()
    briefing = update.briefing
    # live.json asked for every change since the epoch: what a reader's poll would get.
    live = client.get(reverse("briefings:live", args=[briefing.slug]), {"after": "1"}).json()
    search = client.get(reverse("briefings:search"), {"q": word}).content.decode()
    return {
        "briefing page": word in client.get(briefing.get_absolute_url()).content.decode(),
        "permalink": client.get(update.get_absolute_url()).status_code == 200,
        "live.json": update.pk in [u["id"] for u in live["updates"]],
        "/updates/": word in client.get(reverse("briefings:update_list")).content.decode(),
        "updates.json": word in client.get(reverse("briefings:update_list_json")).content.decode(),
        "site feed": word in client.get(reverse("briefings:site_feed_atom")).content.decode(),
        "briefing feed": word
        in client.get(
            reverse("briefings:briefing_feed_rss", args=[briefing.slug])
        ).content.decode(),
        "search": update.get_absolute_url() in search,  # the page repeats the query itself
    }


def test_a_scheduled_update_appears_on_every_surface_at_its_time(db, client):
    due = (timezone.now() + dt.timedelta(hours=1)).replace(microsecond=0)
    update = UpdateFactory(body="Zeppelinfield ceasefire announced.", publish_at=due)
    word = "Zeppelinfield"
    for moment, visible in [
        (due - dt.timedelta(seconds=1), False),
        (due, True),
        (due + dt.timedelta(seconds=1), True),
    ]:
        with mock.patch("django.utils.timezone.now", return_value=moment):
            shown = _surfaces(client, update, word)
        assert shown == dict.fromkeys(shown, visible), (moment - due, list(shown.items()))


def test_a_scheduled_briefing_appears_in_the_list_and_sitemap_at_its_time(db, client):
    due = (timezone.now() + dt.timedelta(hours=1)).replace(microsecond=0)
    briefing = BriefingFactory(title="Scheduled coverage", published_at=due, coverage_start=None)
    for moment, visible in [(due - dt.timedelta(seconds=1), False), (due, True)]:
        with mock.patch("django.utils.timezone.now", return_value=moment):
            cache.clear()
            listed = (
                briefing.slug in client.get(reverse("briefings:briefing_list")).content.decode()
            )
            sitemap = reverse("sitemap_section", args=["briefings"])
            mapped = briefing.slug in client.get(sitemap).content.decode()
            page = client.get(briefing.get_absolute_url()).status_code
        assert (listed, mapped, page == 200) == (visible, visible, visible)


def test_scheduling_from_the_change_form(editor_client, client):
    update = UpdateFactory(status=Status.DRAFT, body="Embargoed.")
    later = timezone.now() + dt.timedelta(hours=2)
    response = _save_update(
        editor_client,
        update,
        status=Status.PUBLISHED,
        publish_at_0=f"{later:%Y-%m-%d}",
        publish_at_1=f"{later:%H:%M:%S}",
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.publish_at is not None
    assert client.get(update.get_absolute_url()).status_code == 404
    listing = editor_client.get(_url("update_changelist")).content.decode()
    assert "Scheduled for" in listing


def test_closing_coverage_stops_readers_polling(editor_client, client):
    briefing = BriefingFactory(kind=Briefing.Kind.LIVE)
    live_url = reverse("briefings:live", args=[briefing.slug])
    assert client.get(live_url).json()["live"] is True
    page = editor_client.get(_url("briefing_change", briefing.pk)).content.decode()
    assert "Close coverage" in page
    assert editor_client.get(_url("briefing_close_coverage", briefing.pk)).status_code == 405
    response = editor_client.post(_url("briefing_close_coverage", briefing.pk), follow=True)
    assert "Coverage closed" in response.content.decode()
    briefing.refresh_from_db()
    assert briefing.coverage_end is not None and not briefing.is_live
    cache.clear()
    assert client.get(live_url).json()["live"] is False
    assert briefing.history.first().history_change_reason == "Coverage closed"
    page = editor_client.get(_url("briefing_change", briefing.pk)).content.decode()
    assert "Close coverage" not in page


def test_closing_coverage_as_an_action(editor_client):
    live, other = BriefingFactory(), BriefingFactory(kind=Briefing.Kind.DIGEST)
    editor_client.post(
        _url("briefing_changelist"),
        {"action": "close_coverage_selected", "_selected_action": [live.pk, other.pk], "index": 0},
    )
    live.refresh_from_db()
    other.refresh_from_db()
    assert live.coverage_end is not None and other.coverage_end is None


# Posting from the briefing's page ------------------------------------------------------------


def test_post_update_from_the_briefing_page_in_one_request(editor_client, client):
    briefing = BriefingFactory(time_zone="Europe/Kyiv")
    reuters, ap = SourceFactory(name="Reuters"), SourceFactory(name="AP News")
    isw = SourceFactory(name="ISW")
    sybiha = ActorFactory(name="Andrii Sybiha")
    change_url = _url("briefing_change", briefing.pk)
    page = editor_client.get(change_url).content.decode()
    post_url = _url("briefing_post_update", briefing.pk)
    assert f'action="{post_url}"' in page and 'name="_publish"' in page
    # A moment already past, so that it publishes (a time to come schedules: test_editor_*).
    earlier = timezone.localtime(timezone.now() - dt.timedelta(hours=1), briefing.zone)
    response = editor_client.post(
        post_url,
        {
            "headline": "",
            "body": "Sybiha met his counterparts.",
            "sources": [ap.pk, reuters.pk],
            "see_also": [isw.pk],
            "actors": [sybiha.pk],
            "tags": "diplomacy, peace talks",
            "posted_at": f"{earlier:%Y-%m-%d %H:%M}",
            "_publish": "1",
        },
    )
    assert response.status_code == 302 and response.url == change_url
    update = Update.objects.get(body="Sybiha met his counterparts.")
    local = timezone.localtime(update.posted_at, briefing.zone)
    assert local == earlier.replace(second=0, microsecond=0)
    assert update.publish_at is None
    assert list(update.citations.values_list("source__name", "role")) == [
        ("AP News", "primary"),
        ("Reuters", "primary"),
        ("ISW", "see_also"),
    ]
    assert update.mentions.get().actor == sybiha
    assert sorted(update.tags.names()) == ["diplomacy", "peace talks"]
    assert update.author.username == "editor" and update.status == Status.PUBLISHED
    message = editor_client.get(change_url).content.decode()
    stamp = f"{earlier.day} {earlier:%b %Y, %H:%M} (Europe/Kyiv)"
    assert f"Published the update of {stamp}" in message
    assert (
        "Sybiha met his counterparts." in client.get(briefing.get_absolute_url()).content.decode()
    )
    assert update.history.get().history_user.username == "editor"


def test_post_update_time_defaults_to_now(editor_client):
    briefing = BriefingFactory()
    editor_client.post(_url("briefing_post_update", briefing.pk), {"body": "Now.", "_draft": 1})
    update = Update.objects.get(body="Now.")
    assert abs((update.posted_at - timezone.now()).total_seconds()) < 60
    assert update.status == Status.DRAFT


def test_post_update_errors_keep_the_text_and_save_nothing(editor_client):
    briefing = BriefingFactory()
    url = _url("briefing_post_update", briefing.pk)
    no_body = editor_client.post(url, {"headline": "Kept headline", "body": "", "_publish": 1})
    page = no_body.content.decode()
    assert no_body.status_code == 200 and "This field is required" in page
    assert 'value="Kept headline"' in page
    bad_time = editor_client.post(url, {"body": "Kept body", "posted_at": "25:99", "_publish": 1})
    assert "Type a time as 15:15" in bad_time.content.decode()
    assert "Kept body" in bad_time.content.decode()
    assert not Update.objects.exists()
    assert editor_client.get(url).status_code == 200


def test_a_contributor_posts_drafts_only(db):
    contributor = role_user("Contributor", "c")
    client = Client()
    client.force_login(contributor)
    briefing = BriefingFactory()
    page = client.get(_url("briefing_change", briefing.pk)).content.decode()
    assert "Post update" in page and 'name="_publish"' not in page
    response = client.post(
        _url("briefing_post_update", briefing.pk), {"body": "Mine.", "_draft": 1}
    )
    assert response.status_code == 302
    update = Update.objects.get(body="Mine.")
    assert update.status == Status.DRAFT and update.author == contributor
    messages = client.get(response.url).content.decode()
    assert _url("update_preview", update.pk) in messages


# Preview ---------------------------------------------------------------------------------------


def _article(html):
    return re.search(r"<article .*?</article>", html, re.S).group(0)


def test_preview_shows_a_draft_exactly_as_readers_will_see_it(editor_client, client):
    update = UpdateFactory(status=Status.DRAFT, headline="Secret plan", body="**Bold** move.")
    CitationFactory(update=update, source=SourceFactory(name="Reuters"))
    url = _url("update_preview", update.pk)
    assert url in editor_client.get(_url("update_change", update.pk)).content.decode()
    preview = editor_client.get(url)
    page = preview.content.decode()
    assert preview.status_code == 200
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "no-store" in preview["Cache-Control"]
    assert "readers cannot see this update yet" in page
    assert "<strong>Bold</strong> move." in page and "Reuters" in page
    assert Client().get(url).status_code == 302  # readers are sent to the login page
    Update.objects.filter(pk=update.pk).update(status=Status.PUBLISHED)
    public = client.get(update.get_absolute_url()).content.decode()
    assert _article(editor_client.get(url).content.decode()) == _article(public)


def test_a_contributor_cannot_preview_someone_elses_draft(db):
    draft = UpdateFactory(status=Status.DRAFT, author=role_user("Contributor", "other"))
    client = Client()
    client.force_login(role_user("Contributor", "c"))
    assert client.get(_url("update_preview", draft.pk)).status_code == 404


# Key events, pinning and the original entry ---------------------------------------------------


def test_key_events_pins_and_the_original_entry_are_set_on_the_briefing_page(editor_client, client):
    briefing = BriefingFactory()
    first = UpdateFactory(briefing=briefing, body="First words.", is_original_entry=True)
    later = UpdateFactory(briefing=briefing, body="Later words.")
    url = _url("briefing_change", briefing.pk)
    data = form_data(editor_client.get(url), "briefing_form")
    rows = {
        data[k]: k.rsplit("-", 1)[0] for k in data if k.startswith("updates-") and k.endswith("-id")
    }
    data.pop(f"{rows[str(first.pk)]}-is_original_entry")
    for flag in ["is_key_event", "is_pinned", "is_original_entry"]:
        data[f"{rows[str(later.pk)]}-{flag}"] = "on"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    later.refresh_from_db()
    first.refresh_from_db()
    assert later.is_key_event and later.is_pinned and later.is_original_entry
    assert not first.is_original_entry
    public = client.get(briefing.get_absolute_url()).content.decode()
    assert "Key event" in public and "Pinned" in public and "Original entry" in public


def test_two_original_entries_are_refused_with_a_message(editor_client):
    briefing = BriefingFactory()
    a, b = UpdateFactory(briefing=briefing), UpdateFactory(briefing=briefing)
    url = _url("briefing_change", briefing.pk)
    data = form_data(editor_client.get(url), "briefing_form")
    for key in [k for k in data if k.endswith("-id") and k.startswith("updates-")]:
        data[key.replace("-id", "-is_original_entry")] = "on"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Only one update can be the original entry." in response.content.decode()
    assert not Update.objects.filter(is_original_entry=True).exists()
    assert {a.pk, b.pk} == set(briefing.updates.values_list("pk", flat=True))


# Corrections and visible edits ------------------------------------------------------------------


def test_a_correction_is_shown_to_readers_in_feeds_and_in_json_ld(editor_client, client):
    update = UpdateFactory(body="Ten drones were shot down.")
    url = _url("update_change", update.pk)
    data = form_data(editor_client.get(url), "update_form")
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-text": "An earlier version said twelve.",
            "corrections-0-published_at_0": "2024-11-14",
            "corrections-0-published_at_1": "10:02:00",
        }
    )
    assert editor_client.post(url, data).status_code == 302
    correction = update.corrections.get()
    assert correction.author.username == "editor"
    page = client.get(update.get_absolute_url()).content.decode()
    assert "Correction, " in page and "14 Nov 2024, 10:02 GMT" in page
    assert "An earlier version said twelve." in page
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "An earlier version said twelve." in json.dumps(json.loads(ld))
    assert '"correction"' in ld
    cache.clear()
    feed = client.get(reverse("briefings:site_feed_atom")).content.decode()
    assert "An earlier version said twelve." in feed
    assert correction.history.get().history_user.username == "editor"


def test_a_material_edit_of_a_published_update_is_shown_as_updated(editor_client, client):
    update = UpdateFactory(body="Ten drones.")
    assert _save_update(editor_client, update, is_key_event="on").status_code == 302
    update.refresh_from_db()
    assert update.edited_at is None  # not a material edit
    _save_update(editor_client, update, body="Eleven drones.")
    update.refresh_from_db()
    assert update.edited_at is not None
    stamp = timezone.localtime(update.edited_at, dt.UTC).strftime("%H:%M")
    page = client.get(update.get_absolute_url()).content.decode()
    assert re.search(rf"Updated <time [^>]*>{stamp} GMT</time>", page)
    # A correction published with the edit explains it: readers see the correction instead.
    CorrectionFactory(update=update, text="It was eleven.")
    page = client.get(update.get_absolute_url()).content.decode()
    assert "Updated <time" not in page and "It was eleven." in page


def test_editing_a_draft_is_not_an_edit_readers_are_told_about(editor_client):
    update = UpdateFactory(status=Status.DRAFT, body="Draft.")
    _save_update(editor_client, update, body="Better draft.")
    update.refresh_from_db()
    assert update.body == "Better draft." and update.edited_at is None


# Revision history -------------------------------------------------------------------------------


def test_history_shows_field_by_field_changes_and_who_made_them(editor_client):
    update = UpdateFactory(body="Ten drones.", headline="Drones")
    _save_update(editor_client, update, body="Eleven drones.")
    page = editor_client.get(_url("update_history", update.pk)).content.decode()
    assert "<strong>Body:</strong>" in page
    assert "Ten drones." in page and "Eleven drones." in page
    assert ">editor</a>" in page
    assert "Body html" not in page and "Version:" not in page  # bookkeeping left out


def test_an_earlier_version_is_restored(editor_client, client):
    update = UpdateFactory(body="The first telling.")
    _save_update(editor_client, update, body="A wrong second telling.")
    first = update.history.get(version=1)
    url = reverse("admin:briefings_update_simple_history", args=[update.pk, first.history_id])
    form = editor_client.get(url)
    assert "The first telling." in form.content.decode()
    response = editor_client.post(url, form_data(form, "historicalupdate_form"))
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.body == "The first telling." and update.version == 3
    assert list(update.history.values_list("version", flat=True)) == [3, 2, 1]
    assert "The first telling." in client.get(update.get_absolute_url()).content.decode()


def test_reverting_over_a_newer_save_is_refused(editor_client):
    update = UpdateFactory(body="One.")
    _save_update(editor_client, update, body="Two.")
    url = reverse(
        "admin:briefings_update_simple_history",
        args=[update.pk, update.history.get(version=1).history_id],
    )
    data = form_data(editor_client.get(url), "historicalupdate_form")
    _save_update(editor_client, update, body="Three, saved meanwhile.")
    response = editor_client.post(url, data)
    assert "Someone else saved this update" in response.content.decode()
    update.refresh_from_db()
    assert update.body == "Three, saved meanwhile."


def test_a_deleted_update_is_recovered_with_its_sources_actors_and_corrections(
    editor_client, client
):
    update = UpdateFactory(body="Gone and back.")
    CitationFactory(update=update, source=SourceFactory(name="Reuters"))
    MentionFactory(update=update, actor=ActorFactory(name="Sybiha"))
    CorrectionFactory(update=update, text="A fix.")
    pk = update.pk
    editor_client.post(_url("update_delete", pk), {"post": "yes"})
    assert not Update.objects.filter(pk=pk).exists()
    listing = editor_client.get(_url("update_deleted"))
    assert "Gone and back." in listing.content.decode()
    record = listing.context["records"][0]
    response = editor_client.post(_url("update_restore", record.history_id))
    assert response.status_code == 302 and response.url == _url("update_change", pk)
    restored = Update.objects.get(pk=pk)
    assert restored.citations.get().source.name == "Reuters"
    assert restored.mentions.get().actor.name == "Sybiha"
    assert restored.corrections.get().text == "A fix."
    assert "Gone and back." in client.get(restored.get_absolute_url()).content.decode()
    assert "Gone and back." not in editor_client.get(_url("update_deleted")).content.decode()
    again = editor_client.post(_url("update_restore", record.history_id), follow=True)
    assert "restored already" in again.content.decode()


def test_deleted_updates_are_for_editors(db):
    client = Client()
    client.force_login(role_user("Contributor", "c"))
    assert client.get(_url("update_deleted")).status_code == 403


# Presence ----------------------------------------------------------------------------------------


def test_others_see_who_is_editing_a_briefing(db):
    briefing = BriefingFactory()
    url = _url("briefing_presence", briefing.pk)
    alice, bob = Client(), Client()
    alice_user = role_user("Contributor", "alice")
    alice_user.first_name, alice_user.last_name = "Alice", "Ames"
    alice_user.save()
    alice.force_login(alice_user)
    bob.force_login(role_user("Editor", "bob"))
    cache.clear()
    with mock.patch("briefings.presence.time.time", return_value=1000.0):
        assert bob.post(url).json() == {"others": [], "message": ""}
    with mock.patch("briefings.presence.time.time", return_value=1010.0):
        message = alice.post(url).json()["message"]
    assert message.startswith("bob is editing this briefing")
    with mock.patch("briefings.presence.time.time", return_value=1015.0):
        assert bob.post(url).json()["others"] == ["Alice Ames"]
    with mock.patch("briefings.presence.time.time", return_value=1080.0):
        assert bob.post(url).json()["others"] == []  # Alice's last beat is 70 s old
    assert bob.get(url).status_code == 405
    assert Client().post(url).status_code == 302  # login first
    update = UpdateFactory(briefing=briefing)
    update_url = _url("update_presence", update.pk)
    bob.post(update_url)
    assert alice.post(update_url).json()["message"].startswith("bob is editing this update")


def test_presence_is_announced_by_a_static_script(editor_client):
    briefing = BriefingFactory()
    page = editor_client.get(_url("briefing_change", briefing.pk)).content.decode()
    assert 'data-presence-url="' + _url("briefing_presence", briefing.pk) in page
    assert "briefings/admin/presence.js" in page
    for script in re.findall(r"<script[^>]*>", page):
        assert "src=" in script, script  # no inline script (the CSP forbids it)


# Registry upkeep -------------------------------------------------------------------------------


def test_merging_actors_moves_mentions_quotes_and_members_and_keeps_aliases(editor_client):
    keep = ActorFactory(name="Volodymyr Zelenskyy", aliases=["Zelenskyy"])
    other = ActorFactory(name="Zelensky", aliases=["Zelenskiy"], wikidata_id="Q3881")
    only_other, both = UpdateFactory(), UpdateFactory()
    MentionFactory(update=only_other, actor=other)
    MentionFactory(update=both, actor=other)
    MentionFactory(update=both, actor=keep)
    quote = QuoteFactory(actor=other)
    member = ActorFactory(name="Office of the President", affiliation=other)
    changelist = _url("actor_changelist")
    selection = {"action": "merge_selected", "_selected_action": [keep.pk, other.pk]}
    choose = editor_client.post(changelist, {**selection, "index": 0})
    assert choose.status_code == 200 and "Choose the entry to keep" in choose.content.decode()
    done = editor_client.post(changelist, {**selection, "keep": keep.pk}, follow=True)
    assert "Merged Zelensky into Volodymyr Zelenskyy" in done.content.decode()
    assert not Actor.objects.filter(pk=other.pk).exists()
    keep.refresh_from_db()
    assert keep.aliases == ["Zelenskyy", "Zelensky", "Zelenskiy"]
    assert keep.wikidata_id == "Q3881"
    assert Mention.objects.get(update=only_other).actor == keep
    assert Mention.objects.filter(update=both).count() == 1
    assert Quote.objects.get(pk=quote.pk).actor == keep
    member.refresh_from_db()
    assert member.affiliation == keep
    assert keep.history.first().history_change_reason == "Merged in: Zelensky"
    assert Actor.history.filter(id=other.pk, history_type="-").exists()
    moved = Mention.history.filter(update_id=only_other.pk, history_type="~").get()
    assert moved.history_user.username == "editor"


def test_merging_sources_keeps_one_citation_per_update(editor_client):
    keep = SourceFactory(name="Associated Press", domains=["apnews.com"])
    other = SourceFactory(name="AP", aliases=["AP News"], domains=["ap.org"])
    both = UpdateFactory()
    CitationFactory(update=both, source=keep, role=Citation.Role.SEE_ALSO)
    CitationFactory(update=both, source=other, role=Citation.Role.PRIMARY, url="https://ap.org/x")
    single = CitationFactory(source=other)
    origin = BriefingFactory(origin=other)
    editor_client.post(
        _url("source_changelist"),
        {"action": "merge_selected", "_selected_action": [keep.pk, other.pk], "keep": keep.pk},
    )
    keep.refresh_from_db()
    assert keep.aliases == ["AP", "AP News"] and keep.domains == ["apnews.com", "ap.org"]
    kept = Citation.objects.get(update=both)
    assert (kept.source, kept.role, kept.url) == (keep, "primary", "https://ap.org/x")
    assert Citation.objects.get(pk=single.pk).source == keep
    origin.refresh_from_db()
    assert origin.origin == keep
    assert not Source.objects.filter(pk=other.pk).exists()


def test_merging_needs_two_entries(editor_client):
    actor = ActorFactory()
    response = editor_client.post(
        _url("actor_changelist"),
        {"action": "merge_selected", "_selected_action": [actor.pk], "index": 0},
        follow=True,
    )
    assert "Select two or more entries to merge." in response.content.decode()


def test_the_review_queue_accepts_and_rejects(editor_client):
    proposed = ActorFactory(name="Dmitry Ushakov", is_reviewed=False)
    unused = ActorFactory(name="Tooltip Text", is_reviewed=False)
    used = ActorFactory(name="Yuri Ushakov", is_reviewed=False)
    MentionFactory(actor=used)
    queue = editor_client.get(_url("actor_changelist"), {"is_reviewed__exact": "0"})
    assert {a.pk for a in queue.context["cl"].result_list} == {proposed.pk, unused.pk, used.pk}
    changelist = _url("actor_changelist")
    editor_client.post(
        changelist, {"action": "accept_selected", "_selected_action": [proposed.pk], "index": 0}
    )
    assert Actor.objects.get(pk=proposed.pk).is_reviewed
    response = editor_client.post(
        changelist,
        {"action": "reject_selected", "_selected_action": [unused.pk, used.pk], "index": 0},
        follow=True,
    )
    assert not Actor.objects.filter(pk=unused.pk).exists()
    assert Actor.objects.filter(pk=used.pk).exists()
    assert "Kept Yuri Ushakov: still cited or mentioned" in response.content.decode()


def test_demo_accounts_are_created_in_their_roles(db, capsys):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("demo_accounts")
    output = capsys.readouterr().out
    users = {u.username: u for u in get_user_model().objects.all()}
    for username, role in [
        ("admin", "Admin"),
        ("editor", "Editor"),
        ("contributor", "Contributor"),
    ]:
        assert f"user: {username}  password: " in output
        assert list(users[username].groups.values_list("name", flat=True)) == [role]
        password = re.search(rf"user: {username}  password: (\S+)", output).group(1)
        assert users[username].check_password(password) and users[username].is_staff
    assert users["admin"].is_superuser and not users["editor"].is_superuser
    assert users["editor"].has_perm("briefings.publish_update")
    assert not users["contributor"].has_perm("briefings.publish_update")
