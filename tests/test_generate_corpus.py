"""bench/generate_corpus.py: a synthetic corpus in the default proportions, safe to run
again. The script's command is called with its arguments spelled as on the command line."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from briefings import search
from briefings.models import Actor, Briefing, Citation, Mention, Source, Update

from .factories import BriefingFactory

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402
import generate_corpus  # noqa: E402

pytestmark = pytest.mark.django_db


def generate(*args):
    out = StringIO()
    call_command(generate_corpus.Command(), *args, stdout=out)
    return out.getvalue()


def test_a_small_corpus_in_the_default_proportions(client):
    output = generate("--updates", "2000", "--batch-size", "700")
    assert "Generated 2,000 updates in 10 briefings, 5 actors, 3 sources" in output
    assert Update.objects.count() == 2000
    assert Briefing.objects.count() == 10
    assert Actor.objects.count() == 5 and Source.objects.count() == 3
    # Every briefing has exactly one original entry, its oldest update.
    for briefing in Briefing.objects.all():
        original = briefing.updates.get(is_original_entry=True)
        assert original.posted_at == min(u.posted_at for u in briefing.updates.all())
    assert Citation.objects.count() > 1000 and Mention.objects.count() > 1000
    assert Update.objects.filter(tags__isnull=False).exists()
    assert Briefing.objects.live().exists()
    # Readers see it: pages, the stream, search.
    briefing = Briefing.objects.live().first()
    assert client.get(briefing.get_absolute_url()).status_code == 200
    actor = Actor.objects.public().filter(mentions__isnull=False).first()
    assert client.get(actor.get_absolute_url()).status_code == 200
    assert client.get(reverse("briefings:update_list")).status_code == 200
    assert search.search("Kyiv").count() > 0


def test_bodies_are_escaped_paragraphs_and_updated_at_is_the_posting_time():
    generate("--updates", "300")
    for update in Update.objects.all()[:50]:
        paragraphs = update.body.split("\n\n")
        assert update.body_html.count("<p>") == len(paragraphs)
        assert update.updated_at == update.posted_at
    assert not Update.history.exists()  # simple-history is bypassed, as the help says


def test_each_briefing_is_stamped_with_its_last_change_as_the_change_points_would():
    """changed_at (what the sitemap reads): its own save or its newest update's, whichever is
    later; never empty, which no real database's briefings are."""
    from django.db.models import Max

    generate("--updates", "600")
    newest = dict(Update.objects.values_list("briefing").annotate(m=Max("updated_at")))
    for briefing in Briefing.objects.all():
        assert briefing.changed_at == max(briefing.updated_at, newest[briefing.pk])


def test_the_same_options_give_the_same_corpus(client):
    generate("--updates", "500", "--seed", "7")
    first = list(Update.objects.order_by("pk").values_list("headline", "body", "posted_at"))
    for model in (Update, Briefing, Actor, Source):
        model.objects.all().delete()
    generate("--updates", "500", "--seed", "7")
    again = list(Update.objects.order_by("pk").values_list("headline", "body", "posted_at"))
    assert [row[:2] for row in again] == [row[:2] for row in first]


def test_running_it_again_changes_nothing():
    generate("--updates", "400")
    assert "already in the database: nothing to do" in generate("--updates", "400")
    assert Update.objects.count() == 400


def test_other_options_with_the_same_seed_are_refused():
    generate("--updates", "400")
    with pytest.raises(CommandError, match="different or unfinished corpus with seed 0"):
        generate("--updates", "800")
    assert Update.objects.count() == 400


def test_another_seed_adds_a_second_corpus():
    generate("--updates", "400")
    generate("--updates", "400", "--seed", "1")
    assert Update.objects.count() == 800
    # New rows made the usual way still get fresh ids (the sequences were moved on).
    assert BriefingFactory().pk > Briefing.objects.exclude(import_key=None).order_by("pk")[0].pk


def test_a_database_with_real_content_is_refused_unless_forced():
    BriefingFactory(title="Real news")
    with pytest.raises(CommandError, match="generate_corpus did not make"):
        generate("--updates", "100")
    assert Update.objects.count() == 0
    generate("--updates", "100", "--force")
    assert Update.objects.count() == 100
    assert Briefing.objects.filter(title="Real news").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--updates", "0"], "invalid positive whole number value"),
        (["--updates", "ten"], "invalid positive whole number value"),
        (["--updates", "10", "--briefings", "20"], "cannot exceed --updates"),
    ],
)
def test_bad_arguments_are_clear_errors(args, message):
    with pytest.raises(CommandError, match=message):
        generate(*args)


def test_default_proportions_at_a_million():
    options = corpus.Options.for_updates(1_000_000)
    assert (options.briefings, options.actors, options.sources) == (5000, 2000, 300)


def test_the_script_runs_on_the_database_it_is_given(tmp_path):
    """As make bench runs it: a process of its own, on DATABASE_URL."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'corpus.sqlite3'}"}
    manage = [sys.executable, str(BENCH.parent / "manage.py"), "migrate", "--verbosity", "0"]
    subprocess.run(manage, env=env, check=True)  # noqa: S603 (our own manage.py)
    script = [sys.executable, str(BENCH / "generate_corpus.py")]
    done = subprocess.run(  # noqa: S603 (our own script)
        [*script, "--updates", "50"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Generated 50 updates" in done.stdout
    refused = subprocess.run(  # noqa: S603 (our own script)
        [*script, "--updates", "0"], env=env, capture_output=True, text=True
    )
    assert refused.returncode != 0
    assert "invalid positive whole number value" in refused.stderr
