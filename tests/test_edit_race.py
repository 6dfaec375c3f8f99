"""No lost edits: two editors save the same update from the same loaded version.

Exactly one save wins; the other is refused with the conflict message, which says what the
winner changed and keeps the loser's text in the form; the history holds the loaded
version and the winner's. Run 100 times: with two threads on PostgreSQL, where two
requests really overlap (the row lock decides), and interleaved in turn on SQLite, whose
IMMEDIATE transactions serialise writers anyway.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from briefings.models import StaleVersion, Update

from .admin_forms import form_data
from .factories import BriefingFactory, UpdateFactory, UserFactory

ROUNDS = 100
CONFLICT = "Someone else saved this update while you were editing it"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _clients():
    clients = []
    for name in ["ana", "ben"]:
        client = Client()
        client.force_login(UserFactory(username=name, is_superuser=True))
        clients.append(client)
    return clients


def _check_round(update, loaded, outcomes, round_no):
    """One winner, one refusal with the winner's change and the loser's own text."""
    won = [name for name, (status, _) in outcomes.items() if status == 302]
    lost = [name for name, (status, _) in outcomes.items() if status == 200]
    assert len(won) == 1 and len(lost) == 1, (round_no, outcomes)
    winner, loser = won[0], lost[0]
    page = outcomes[loser][1]
    assert CONFLICT in page
    assert f"Body ({winner}," in page  # who changed what, field by field
    assert f"{loser} writes round {round_no}" in page  # the loser's text, kept to re-apply
    update.refresh_from_db()
    assert update.body == f"{winner} writes round {round_no}"
    assert update.version == loaded + 1
    versions = dict(update.history.values_list("version", "body"))
    assert loaded in versions and versions[loaded + 1] == update.body


@pytest.mark.django_db
def test_edit_race_interleaved_100_times():
    update = UpdateFactory(body="Round 0.")
    url = reverse("admin:briefings_update_change", args=[update.pk])
    clients = dict(zip(["ana", "ben"], _clients(), strict=True))
    for round_no in range(1, ROUNDS + 1):
        loaded = Update.objects.get(pk=update.pk).version
        forms = {
            name: form_data(client.get(url), "update_form") for name, client in clients.items()
        }
        order = ["ana", "ben"] if round_no % 2 else ["ben", "ana"]
        outcomes = {}
        for name in order:
            data = {**forms[name], "body": f"{name} writes round {round_no}"}
            response = clients[name].post(url, data)
            outcomes[name] = (response.status_code, response.content.decode())
        _check_round(update, loaded, outcomes, round_no)


@pytest.mark.django_db(transaction=True)
def test_edit_race_in_threads_100_times():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL; SQLite runs the interleaved test")
    update = UpdateFactory(body="Round 0.")
    url = reverse("admin:briefings_update_change", args=[update.pk])
    clients = dict(zip(["ana", "ben"], _clients(), strict=True))
    for round_no in range(1, ROUNDS + 1):
        loaded = Update.objects.get(pk=update.pk).version
        forms = {
            name: form_data(client.get(url), "update_form") for name, client in clients.items()
        }
        start = threading.Barrier(2)
        outcomes, errors = {}, []

        def save(
            name, round_no=round_no, forms=forms, start=start, outcomes=outcomes, errors=errors
        ):
            try:
                data = {**forms[name], "body": f"{name} writes round {round_no}"}
                start.wait()
                response = clients[name].post(url, data)
                outcomes[name] = (response.status_code, response.content.decode())
            except Exception as exc:  # reported below: a thread would lose it
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=save, args=(name,)) for name in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        _check_round(update, loaded, outcomes, round_no)


@pytest.mark.django_db(transaction=True)
def test_model_saves_race_in_threads():
    """The model's own guard, without the admin's form check in front of it."""
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL")
    update = UpdateFactory(body="Start.")
    for round_no in range(20):
        start = threading.Barrier(2)
        results = []

        def save(text, start=start, results=results):
            copy = Update.objects.get(pk=update.pk)
            copy.body = text
            start.wait()
            try:
                copy.save()
                results.append("saved")
            except StaleVersion:
                results.append("stale")
            finally:
                connection.close()

        threads = [threading.Thread(target=save, args=(f"{who} {round_no}",)) for who in "ab"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == ["saved", "stale"], round_no


@pytest.mark.django_db
def test_a_stale_model_save_is_refused():
    update = UpdateFactory(body="One.")
    first, second = Update.objects.get(pk=update.pk), Update.objects.get(pk=update.pk)
    first.body = "Two."
    first.save()
    second.body = "Three."
    with pytest.raises(StaleVersion):
        second.save()
    assert Update.objects.get(pk=update.pk).body == "Two."
    assert first.version == 2


@pytest.mark.django_db
def test_briefings_are_locked_too(editor_client):
    briefing = BriefingFactory(title="First title")
    url = reverse("admin:briefings_briefing_change", args=[briefing.pk])
    stale = form_data(editor_client.get(url), "briefing_form")
    fresh = {**stale, "title": "Second title"}
    assert editor_client.post(url, fresh).status_code == 302
    refused = editor_client.post(url, {**stale, "title": "Third title"})
    page = refused.content.decode()
    assert "Someone else saved this briefing" in page
    assert "Title (editor," in page and "Third title" in page
    briefing.refresh_from_db()
    assert briefing.title == "Second title"
    # The refused form now carries the newer version: saving again replaces it on purpose.
    again = form_data(refused, "briefing_form")
    assert editor_client.post(url, again).status_code == 302
    briefing.refresh_from_db()
    assert briefing.title == "Third title"


@pytest.mark.django_db
def test_an_unrelated_change_on_the_briefing_page_is_not_a_conflict(editor_client):
    briefing = BriefingFactory()
    mine, theirs = UpdateFactory(briefing=briefing), UpdateFactory(briefing=briefing)
    url = reverse("admin:briefings_briefing_change", args=[briefing.pk])
    data = form_data(editor_client.get(url), "briefing_form")
    other = Update.objects.get(pk=theirs.pk)
    other.body = "Edited by someone else meanwhile."
    other.save()
    row = next(k for k, v in data.items() if k.endswith("-id") and v == str(mine.pk))
    data[row.replace("-id", "-is_key_event")] = "on"
    assert editor_client.post(url, data).status_code == 302
    assert Update.objects.get(pk=mine.pk).is_key_event
    assert Update.objects.get(pk=theirs.pk).body == "Edited by someone else meanwhile."
    # Marking the update that changed meanwhile is refused: its row would be overwritten.
    data = form_data(editor_client.get(url), "briefing_form")
    other = Update.objects.get(pk=theirs.pk)
    other.body = "And again."
    other.save()
    row = next(k for k, v in data.items() if k.endswith("-id") and v == str(theirs.pk))
    data[row.replace("-id", "-is_pinned")] = "on"
    response = editor_client.post(url, data)
    assert response.status_code == 200 and CONFLICT in response.content.decode()
    assert not Update.objects.get(pk=theirs.pk).is_pinned


@pytest.mark.django_db
def test_a_change_without_its_loaded_version_is_refused(editor_client):
    update = UpdateFactory(body="Kept.")
    url = reverse("admin:briefings_update_change", args=[update.pk])
    data = form_data(editor_client.get(url), "update_form")
    del data["loaded_version"]
    response = editor_client.post(url, {**data, "body": "Blind overwrite."})
    assert "does not say which version of the update it was loaded with" in (
        response.content.decode()
    )
    assert Update.objects.get(pk=update.pk).body == "Kept."
