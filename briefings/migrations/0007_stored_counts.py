"""Stored counts (briefings.models.counts): the fields, and their first values."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Now


def count_everything(apps, schema_editor):
    """What ``rebuild_counts`` does, with the models as they are at this migration."""
    db = schema_editor.connection.alias
    Briefing = apps.get_model("briefings", "Briefing")
    Update = apps.get_model("briefings", "Update")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    TagUse = apps.get_model("briefings", "TagUse")
    published = Q(status="published", published_at__lte=Now())
    Briefing.objects.using(db).filter(published).update(is_counted=True)
    Update.objects.using(db).filter(
        Q(publish_at__isnull=True) | Q(publish_at__lte=Now()),
        status="published",
        briefing__in=Briefing.objects.using(db).filter(is_counted=True).values("pk"),
    ).update(is_counted=True)

    def number(model, key, **condition):
        rows = model.objects.using(db).filter(**{key: OuterRef("pk")}, **condition)
        return Coalesce(
            Subquery(rows.order_by().values(key).annotate(n=Count("pk")).values("n")), 0
        )

    for entry, row, field in (
        ("Actor", "Mention", "mention_count"),
        ("Source", "Citation", "citation_count"),
    ):
        key = entry.lower()
        apps.get_model("briefings", entry).objects.using(db).update(
            **{field: number(apps.get_model("briefings", row), key, update__is_counted=True)}
        )
    Briefing.objects.using(db).update(update_count=number(Update, "briefing", is_counted=True))
    uses = {}
    for index, model in enumerate((Update, Briefing)):
        counted = model.objects.using(db).filter(is_counted=True).values("pk")
        tagged = TaggedItem.objects.using(db).filter(
            content_type__app_label="briefings",
            content_type__model=model._meta.model_name,
            object_id__in=counted,
        )
        for tag_id, n in (
            tagged.order_by().values("tag").annotate(n=Count("pk")).values_list("tag", "n")
        ):
            uses.setdefault(tag_id, [0, 0])[index] = n
    TagUse.objects.using(db).bulk_create(
        [TagUse(tag_id=t, update_count=u, briefing_count=b) for t, (u, b) in uses.items()]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0006_briefing_changed_at"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="TagUse",
            fields=[
                (
                    "tag",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="use",
                        serialize=False,
                        to="taggit.tag",
                    ),
                ),
                ("update_count", models.IntegerField(default=0)),
                ("briefing_count", models.IntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="actor",
            name="mention_count",
            field=models.IntegerField(
                default=0, editable=False, help_text="Mentions in updates readers may see."
            ),
        ),
        migrations.AddField(
            model_name="briefing",
            name="is_counted",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="briefing",
            name="update_count",
            field=models.IntegerField(
                default=0, editable=False, help_text="Updates readers may see."
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="citation_count",
            field=models.IntegerField(
                default=0, editable=False, help_text="Citations in updates readers may see."
            ),
        ),
        migrations.AddField(
            model_name="update",
            name="is_counted",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddIndex(
            model_name="briefing",
            index=models.Index(
                condition=models.Q(("is_counted", False)),
                fields=["published_at"],
                name="briefing_uncounted",
            ),
        ),
        migrations.AddIndex(
            model_name="update",
            index=models.Index(
                condition=models.Q(("is_counted", False)),
                fields=["publish_at"],
                name="update_uncounted",
            ),
        ),
        migrations.AddIndex(
            model_name="taguse",
            index=models.Index(
                condition=models.Q(
                    ("update_count__gt", 0), ("briefing_count__gt", 0), _connector="OR"
                ),
                fields=["tag"],
                name="tag_in_use",
            ),
        ),
        migrations.RunPython(count_everything, migrations.RunPython.noop, elidable=True),
    ]
