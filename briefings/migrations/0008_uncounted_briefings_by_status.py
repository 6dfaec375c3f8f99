"""The index of briefings waiting to be counted holds the status too (see Briefing.Meta)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0007_stored_counts"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="briefing",
            name="briefing_uncounted",
        ),
        migrations.AddIndex(
            model_name="briefing",
            index=models.Index(
                condition=models.Q(("is_counted", False)),
                fields=["status", "published_at"],
                name="briefing_uncounted",
            ),
        ),
    ]
